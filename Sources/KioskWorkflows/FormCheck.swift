import Foundation
public import KioskCore
public import KioskSigning
import KioskSystem

/// Reads and checks the data QR of a printed form, from a scan (PNG, JPEG…) or from the PDF:
/// `pdftoppm` draws the PDF's first page at 200 dpi, `zbarimg` reads the QR's bytes
/// (`-Sbinary`, so Vietnamese comes back byte for byte), and ``FormSeal`` checks the kiosk's
/// signature before anything in it is believed.
///
/// ```swift
/// let form = try FormCheck.verify(file: "scan.png", trusted: keys)
/// print(form.keyID, form.data.dossierCode, form.data.value("child_full_name") ?? "")
/// ```
public enum FormCheck {
    public struct Verified: Sendable, Equatable {
        public var keyID: String
        public var data: FormData
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The file cannot be read, or a tool failed.
        case unreadable(String)
        /// No QR code was found in the picture.
        case noQR(String)
        case seal(FormSealError)
        /// Signed by a trusted kiosk, but not form data this kiosk understands.
        case badData(String)

        public var code: String {
            switch self {
            case .unreadable: return "FORM-UNREADABLE"
            case .noQR: return "FORM-NO-QR"
            case .seal(let e): return e.code
            case .badData: return "FORM-DATA"
            }
        }

        public var description: String {
            switch self {
            case .unreadable(let m): return m
            case .noQR(let f): return "no QR code found in \(f) (scan at 200 dpi or more, the whole page)"
            case .seal(let e): return e.description
            case .badData(let m): return "the signed data is not a kiosk form: \(m)"
            }
        }
    }

    public static func verify(file: String, trusted: TrustedKeys) throws(Failure) -> Verified {
        try verify(qr: try qrBytes(file: file), trusted: trusted)
    }

    public static func verify(qr: [UInt8], trusted: TrustedKeys) throws(Failure) -> Verified {
        let opened: (keyID: String, data: [UInt8])
        do { opened = try FormSeal.open(qr, trusted: trusted) } catch { throw .seal(error) }
        guard let data = try? FormData.decode(opened.data) else { throw .badData("its JSON does not decode") }
        guard data.kioskID == opened.keyID else {
            throw .badData("the data names kiosk \(data.kioskID) but kiosk \(opened.keyID) signed it")
        }
        return Verified(keyID: opened.keyID, data: data)
    }

    /// The bytes of the kiosk form's QR in a picture or a PDF (the first QR starting with `OSKF1.`).
    public static func qrBytes(file: String) throws(Failure) -> [UInt8] {
        guard let head = FileHandle(forReadingAtPath: file)?.readData(ofLength: 5) else {
            throw .unreadable("cannot read \(file)")
        }
        var image = file
        var temp: String?
        defer { if let temp { try? FileManager.default.removeItem(atPath: temp) } }
        if head == Data("%PDF-".utf8) {
            let dir = NSTemporaryDirectory() + "kiosk-form-\(UUID().uuidString)"
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            temp = dir
            let r = try run("/usr/bin/pdftoppm", ["-r", "200", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", file, "\(dir)/page"])
            guard r.status == 0 else { throw .unreadable("pdftoppm failed (\(r.status)): \(r.stderr)") }
            image = "\(dir)/page.png"
        }
        let r = try run("/usr/bin/zbarimg", ["--raw", "-q", "-Sbinary", "-Sqrcode.enable", image])
        // zbarimg: 4 = no symbol found.
        guard r.status == 0 else {
            if r.status == 4 { throw .noQR(file) }
            throw .unreadable("zbarimg failed (\(r.status)): \(r.stderr)")
        }
        var bytes = Array(r.stdout.utf8)
        if bytes.last == 10 { bytes.removeLast() }
        let prefix = Array(FormSeal.prefix.utf8)
        // Several symbols are printed one after another; keep from the form's prefix on.
        if let start = bytes.indices.first(where: { bytes[$0...].starts(with: prefix) }) { bytes = Array(bytes[start...]) }
        if let end = bytes.firstIndex(of: 10) { bytes = Array(bytes[..<end]) }
        return bytes
    }

    static func run(_ path: String, _ args: [String]) throws(Failure) -> (status: Int32, stdout: String, stderr: String) {
        do { return try ChildProcess.run(path, args, timeout: 60) } catch {
            throw .unreadable("\(path) could not run: \(error) (make install-deps installs poppler-utils and zbar-tools)")
        }
    }
}
