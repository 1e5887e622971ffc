import Crypto
import Foundation
import KioskSigning
import KioskTestSupport
import NIOHTTP1
import Testing

/// The intake's policy for staff signatures made with a kiosk's software key (the demo's Ed25519
/// key): accepted and recorded as such by default, refused with `--require-certified-staff`, and
/// the document must say which kind signed it. Token signatures are tested in StaffTokenTests.
struct StaffSignaturePolicyTests {
    func post(_ intake: IntakeProcess, staffKey: Curve25519.Signing.PrivateKey, kind: String?) async throws -> (status: Int, problem: String?) {
        let id = UUID().uuidString.lowercased()
        var doc = try #require(try JSONSerialization.jsonObject(with: IntakeProcess.document(id: id)) as? [String: Any])
        doc["assistedBy"] = "NV001"
        if let kind { doc["staffSignatureKind"] = kind }
        let body = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
        let staff = "role=staff; key=NV001; sig=\(try DocumentSignature.sign(body, key: staffKey))"
        let r = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", id), ("Dossier-Signature", staff)])
        return (r.status, (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["title"] as? String)
    }

    func intake(_ arguments: [String], staffKey: Curve25519.Signing.PrivateKey) throws -> IntakeProcess {
        let intake = try IntakeProcess(arguments: arguments)
        try TrustedKeys.line(keyID: "NV001", publicKeyBase64: staffKey.publicKey.rawRepresentation.base64EncodedString())
            .write(toFile: intake.staffKeysPath, atomically: true, encoding: .utf8)
        return intake
    }

    @Test func aSoftwareKeySignatureIsAcceptedAsSuchUnlessCertifiedTokensAreRequired() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let lenient = try intake([], staffKey: key)
        defer { lenient.stop() }
        #expect(try await post(lenient, staffKey: key, kind: "software-key").status == 201)
        #expect(try await post(lenient, staffKey: key, kind: nil).status == 201)   // kiosks from before the label
        #expect(try await post(lenient, staffKey: key, kind: "certified-token").problem == "staff-signature-kind-mismatch")
        #expect(try await post(lenient, staffKey: key, kind: "a-pen").problem == "invalid-document")
        #expect(try await post(lenient, staffKey: Curve25519.Signing.PrivateKey(), kind: "software-key").problem == "bad-staff-signature")

        let strict = try intake(["--require-certified-staff"], staffKey: key)
        defer { strict.stop() }
        #expect(try await post(strict, staffKey: key, kind: "software-key").problem == "staff-signature-not-certified")
    }

    @Test func aTokenSignatureWithoutATrustedCAIsRefused() async throws {
        // No --staff-ca: nothing a token signs is trusted, and a certificate that is not DER says so.
        let key = Curve25519.Signing.PrivateKey()
        let intake = try intake([], staffKey: key)
        defer { intake.stop() }
        let id = UUID().uuidString.lowercased()
        var doc = try #require(try JSONSerialization.jsonObject(with: IntakeProcess.document(id: id)) as? [String: Any])
        doc["assistedBy"] = "NV001"
        let body = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
        let r = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [
            ("Idempotency-Key", id), ("Dossier-Signature", "role=staff; key=NV001; alg=ecdsa-p256-sha256; cert=AAAA; sig=AAAA")])
        #expect(r.status == 422)
        #expect((try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["title"] as? String == "bad-staff-certificate")
    }
}
