// libFuzzer target for the intake's request decoding: the JSON body and the document check
// (DossierDocumentCheck, RFC3339, JSONValue) and the Dossier-Signature header's parser.
// Built by scripts/fuzz with those IntakeServer files (Foundation only).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] {
        _ = DossierDocumentCheck.problem(object)
    }
    let header = String(decoding: bytes, as: UTF8.self)
    for s in DossierSignatureHeader.parse([header]) where s.role.isEmpty && s.key.isEmpty && s.sig.isEmpty {
        _ = s   // parsed parts are whatever was sent: only that it never crashes
    }
    _ = RFC3339.isDateTime(header)
    return 0
}
