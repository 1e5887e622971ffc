// libFuzzer target for the kiosk's decoding of the intake's answers (IntakeAnswer): a hostile or
// broken intake must not crash the forwarder, loop it, skip part of an upload, or put unclean
// text in a central status or an outbox error. Built by scripts/fuzz with KioskCore's sources and
// the pure KioskForwarding files (IntakeAnswer, DeliveryResult, Backoff).
//
// Input: two bytes of status (big-endian, mod 1000), three of sizes, then `Name: value` lines up
// to an empty line, then the body.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 5 else { return 0 }
    let status = (Int(bytes[0]) << 8 | Int(bytes[1])) % 1000
    let length = Int(bytes[2]) << 16 | Int(bytes[3]) << 8
    let offset = length == 0 ? 0 : Int(bytes[4]) * length / 255
    let chunk = min(65536, length - offset)
    let rest = bytes.dropFirst(5)
    var headers: [(name: String, value: String)] = []
    var body = Data()
    var line: [UInt8] = []
    var index = rest.startIndex
    while index < rest.endIndex {
        let b = rest[index]
        index += 1
        guard b == 0x0A else { line.append(b); continue }
        if line.isEmpty { break }
        let text = String(decoding: line, as: UTF8.self)
        if let colon = text.firstIndex(of: ":") {
            headers.append((String(text[..<colon]), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        line = []
    }
    body = Data(rest[index...])
    let a = IntakeAnswer(status: status, headers: headers, body: body)
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func checkClean(_ r: DeliveryResult) {
        switch r {
        case .retry(let reason, let after, _):
            precondition(SafeText.isClean(reason), "an unclean retry reason")
            precondition(after.map { $0 >= 0 && $0 <= 86400 } ?? true, "a Retry-After outside 0...86400")
        case .permanent(let reason): precondition(SafeText.isClean(reason), "an unclean permanent reason")
        case .delivered: break
        }
    }
    checkClean(a.failure(now: now))
    checkClean(a.createdDossier(id: "4ad06c39-8df0-46c4-abef-4fda437bac45", now: now))
    checkClean(a.finalized(id: "4ad06c39-8df0-46c4-abef-4fda437bac45", now: now))
    switch a.createdUpload(length: length, now: now) {
    case .success(let (path, at)):
        precondition(path.hasPrefix("/v1/uploads/") && !path.contains("/..") && (0...length).contains(at), "a bad upload")
    case .failure(let f): checkClean(f.result)
    }
    switch a.uploadOffset(length: length, now: now) {
    case .success(let at): precondition((0...length).contains(at), "an offset outside the upload")
    case .failure(let f): checkClean(f.result)
    }
    if chunk > 0 {
        switch a.chunkAccepted(offset: offset, chunkLength: chunk, now: now) {
        case .success(let next): precondition(next > offset && next <= offset + chunk, "a chunk answer that did not move forward")
        case .failure(let f): checkClean(f.result)
        }
    }
    for central in [a.centralStatus(), IntakeAnswer.finalStatus(body)].compactMap({ $0 }) {
        precondition(IntakeAnswer.statuses.contains(central.status), "a status the contract does not name")
        precondition(central.missingDocuments.count <= 20, "too many missing documents")
        for m in central.missingDocuments { precondition(SafeText.isClean(m) && m.count <= 200, "an unclean missing document") }
        if let who = central.assistedBy { precondition(SafeText.isClean(who), "an unclean assistedBy") }
        if let date = central.officialDate { precondition(CivilDate(iso: date) != nil, "a date that is not a date") }
    }
    return 0
}
