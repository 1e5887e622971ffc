/// What a device is for at the kiosk.
public enum DeviceRole: String, Sendable, Codable, CaseIterable {
    case ticketPrinter = "ticket-printer"
    case barcodeScanner = "barcode-scanner"
    case cardReader = "card-reader"
    case documentScanner = "document-scanner"
    case unknown
}
