import Foundation
import KioskTestSupport
import NIOHTTP1
import Testing

/// The tus headers at the real intake (issue 14; parsed by `TusHeaders`, fuzzed by
/// `scripts/fuzz tus-headers`): a size is digits only, metadata names a plain attachment id and a
/// `type/subtype`, a checksum is a SHA-256. Each refusal is a 400 naming the header.
@Suite struct TusHeaderTests {
    /// SHA-256 of "abcd", computed with sha256sum and openssl, not with the code under test.
    static let abcdHex = "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589"
    static let abcdBase64 = "iNQmb9TmM40TuEX88olXnSCciXgjuSF9o+Fhk28DFYk="

    func title(_ body: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["title"] as? String
    }

    func metadata(id: String, media: String? = nil) -> String {
        let sha = Self.abcdHex
        var pairs = ["attachment_id \(Data(id.utf8).base64EncodedString())", "sha256 \(Data(sha.utf8).base64EncodedString())"]
        if let media { pairs.append("media_type \(Data(media.utf8).base64EncodedString())") }
        return pairs.joined(separator: ",")
    }

    @Test func hostileTusHeadersAre400AndPlainOnesWork() async throws {
        let intake = try IntakeProcess(testFaults: false, keyID: "KIOSK-HTN-01")
        let key = UUID().uuidString.lowercased()
        let doc = IntakeProcess.document(id: key, code: "261125010011", kioskID: "KIOSK-HTN-01")
        #expect(try await intake.request(.POST, "/v1/dossiers", body: doc, headers: [("Idempotency-Key", key)]).status == 201)
        func create(length: String, metadata: String) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
            try await intake.request(.POST, "/v1/dossiers/\(key)/attachments",
                                     headers: [("Tus-Resumable", "1.0.0"), ("Upload-Length", length), ("Upload-Metadata", metadata)])
        }
        // (HTTP strips the spaces around a value: " 5" is 5.)
        for length in ["+5", "-0", "0x10", "536870913", "5.0", "5,5"] {
            let r = try await create(length: length, metadata: metadata(id: "birth_certificate"))
            #expect(r.status == 400 && title(r.body) == "upload-length", "Upload-Length \(length): \(r.status)")
        }
        for meta in [metadata(id: "../../etc/passwd"), metadata(id: ""), metadata(id: "giấy"), metadata(id: "a\u{1B}[2J"),
                     metadata(id: "birth_certificate", media: "text/html; charset=utf-8"), metadata(id: "birth_certificate", media: "pdf")] {
            let r = try await create(length: "4", metadata: meta)
            #expect(r.status == 400 && title(r.body) == "upload-metadata", "\(meta): \(r.status)")
        }
        // Plain values: created, then a chunk whose checksum is not a SHA-256 is refused, a right one taken.
        let created = try await create(length: "4", metadata: metadata(id: "birth_certificate", media: "image/png"))
        #expect(created.status == 201)
        let location = try #require(created.headers.first(name: "Location"))
        func patch(offset: String, checksum: String) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
            try await intake.request(.PATCH, location, body: Data("abcd".utf8),
                                     headers: [("Tus-Resumable", "1.0.0"), ("Upload-Offset", offset),
                                               ("Content-Type", "application/offset+octet-stream"), ("Upload-Checksum", checksum)])
        }
        let digest = Self.abcdBase64
        let signed = try await patch(offset: "+0", checksum: "sha256 \(digest)")
        #expect(signed.status == 400 && title(signed.body) == "upload-offset")
        let short = try await patch(offset: "0", checksum: "sha256 AAAA")
        #expect(short.status == 400 && title(short.body) == "checksum-algorithm")
        let md5 = try await patch(offset: "0", checksum: "md5 \(digest)")
        #expect(md5.status == 400 && title(md5.body) == "checksum-algorithm")
        let good = try await patch(offset: "0", checksum: "sha256 \(digest)")
        #expect(good.status == 204, "\(good.status)")
        #expect(good.headers.first(name: "Upload-Offset") == "4")
    }
}
