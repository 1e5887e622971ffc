import Foundation
import KioskSigning
import KioskSystem
import KioskTestSupport
import NIOHTTP1
import Testing

/// Staff signatures on a real PKCS#11 module (SoftHSM2) in this process: tokens made at test
/// time with a test CA, signing with ECDSA P-256 and RSA, the problems staff meet (wrong PIN,
/// missing, pulled out, expired, a certificate that may not sign), and what the intake's check
/// says of each certificate. One test at a time: SoftHSM reads its `SOFTHSM2_CONF` when the
/// module is initialised, and each test has its own.
@Suite(.serialized) struct StaffTokenTests {
    static let document = Data(#"{"dossierCode":"261202010001","schema":"onestop-kiosk/dossier/v1"}"#.utf8)

    func open(_ hsm: SoftHSMTokens, _ token: SoftHSMTokens.Token, pin: String? = nil,
              now: @escaping @Sendable () -> Date = { Date() }) throws(StaffTokenProblem) -> Pkcs11StaffSigner {
        hsm.activate()
        return try Pkcs11StaffSigner.open(module: SoftHSMTokens.module, serial: token.serial, pin: pin ?? token.pin,
                                          staffNumber: token.label, now: now)
    }

    @Test func listsEveryTokenWithItsCertificateAndExpiry() throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let a = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: ca, days: 200)
        let b = try hsm.addToken(label: "NV002", pin: "246813", key: .rsa2048, ca: ca, days: 10)
        hsm.activate()
        let tokens = try StaffTokens.list(module: SoftHSMTokens.module)   // SoftHSM's blank slot is not listed
        #expect(Set(tokens.map(\.serial)) == [a.serial, b.serial])
        let first = try #require(tokens.first { $0.serial == a.serial })
        #expect(first.label == "NV001")
        let cert = try #require(first.certificates.first)
        #expect(cert.subject.contains("NV001"))
        #expect(cert.issuer.contains("OneStop test staff CA"))
        #expect((199...200).contains(Int(cert.notValidAfter.timeIntervalSinceNow / 86_400)))

        // The doctor's check: the 10-day certificate is a warning, the 200-day one is fine.
        let findings = CertificateExpiryCheck.findings(tokens, now: Date())
        #expect(findings.map(\.tokenSerial) == [b.serial])
        #expect(findings.first?.code == "certificate-expires-soon")
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("expires in 9 days") == true)
        // 200 days later both have expired.
        let later = CertificateExpiryCheck.findings(tokens, now: Date().addingTimeInterval(201 * 86_400))
        #expect(later.map(\.code) == ["certificate-expired", "certificate-expired"])
    }

    @Test(arguments: [SoftHSMTokens.KeyKind.ecP256, .rsa2048])
    func signsOnTheTokenAndTheIntakeCheckVerifiesTheChain(_ kind: SoftHSMTokens.KeyKind) async throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let token = try hsm.addToken(label: "NV001", pin: "135790", key: kind, ca: ca)
        let signer = try open(hsm, token)
        defer { signer.close() }
        #expect(signer.kind == .certifiedToken)
        #expect(signer.algorithm == (kind == .ecP256 ? .ecdsaP256SHA256 : .rsaPSSSHA256))
        #expect(signer.tokenSerial == token.serial)
        let signature = try signer.sign(Self.document)

        let trust = try StaffCertificateTrust(pem: String(contentsOfFile: ca.certificate, encoding: .utf8))
        let der = try #require(signer.certificateDER)
        let verified = await trust.verify(document: Self.document, signature: signature, algorithm: signer.algorithm,
                                          certificateDER: der, now: Date())
        #expect(try verified.get().subject.contains("NV001"))
        // One changed byte, and it no longer verifies.
        var changed = Self.document
        changed[changed.count - 2] ^= 1
        let tampered = await trust.verify(document: changed, signature: signature, algorithm: signer.algorithm,
                                          certificateDER: der, now: Date())
        #expect(tampered == .failure(.badSignature))
        // Another CA's trust store does not know it.
        let other = try StaffCertificateTrust(pem: String(contentsOfFile: hsm.makeCA("Some other CA").certificate, encoding: .utf8))
        let untrusted = await other.verify(document: Self.document, signature: signature, algorithm: signer.algorithm,
                                           certificateDER: der, now: Date())
        #expect(untrusted.failureCode == "staff-certificate-untrusted")

        // Given only the document's SHA-256 (a sealed dossier that waited), the token's signature
        // verifies over the document itself, at the intake's check.
        let digest = try #require(Hashing.sha256Digest(hex: Hashing.sha256Hex(Self.document)))
        let overDigest = try signer.sign(sha256: digest)
        let checked = await trust.verify(document: Self.document, signature: overDigest, algorithm: signer.algorithm,
                                         certificateDER: der, now: Date())
        #expect(try checked.get().subject.contains("NV001"))
    }

    @Test func aWrongPINIsRefusedByTheToken() throws {
        let hsm = try SoftHSMTokens()
        let token = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: try hsm.makeCA("CA"))
        #expect(throws: StaffTokenProblem.wrongPIN(finalTry: false)) { try open(hsm, token, pin: "999999") }
        // The right one still opens it.
        try open(hsm, token).close()
    }

    @Test func aTokenThatIsNotPluggedInIsNamed() throws {
        let hsm = try SoftHSMTokens()
        let token = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: try hsm.makeCA("CA"))
        try hsm.remove(token)
        #expect(throws: StaffTokenProblem.tokenMissing(serial: token.serial)) { try open(hsm, token) }
        #expect(throws: StaffTokenProblem.self) {
            try Pkcs11StaffSigner.open(module: "/nonexistent/pkcs11.so", serial: token.serial, pin: token.pin, staffNumber: "NV001")
        }
    }

    @Test func aTokenPulledOutMidSessionStopsSigningAndSignsAgainOncePluggedIn() throws {
        let hsm = try SoftHSMTokens()
        let token = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: try hsm.makeCA("CA"))
        let signer = try open(hsm, token)
        _ = try signer.sign(Self.document)
        try hsm.remove(token)
        #expect(throws: StaffTokenProblem.tokenRemoved) { try signer.sign(Self.document) }
        signer.close()
        try hsm.putBack(token)
        let again = try open(hsm, token)
        defer { again.close() }
        #expect(try again.sign(Self.document).count > 40)
    }

    @Test func anExpiredCertificateIsRefusedOnTheKioskAndByTheIntakeCheck() async throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let day: TimeInterval = 86_400
        let token = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: ca,
                                     validity: (Date().addingTimeInterval(-400 * day), Date().addingTimeInterval(-35 * day)))
        #expect(throws: StaffTokenProblem.self) { try open(hsm, token) }
        do { _ = try open(hsm, token) } catch {
            guard case .certificateExpired = error else { Issue.record("expected certificate-expired, got \(error)"); return }
        }
        // Signed while it was valid (the token still signs); the intake refuses it now.
        let signer = try open(hsm, token, now: { Date().addingTimeInterval(-100 * day) })
        defer { signer.close() }
        let signature = try signer.sign(Self.document)
        let trust = try StaffCertificateTrust(pem: String(contentsOfFile: ca.certificate, encoding: .utf8))
        let result = await trust.verify(document: Self.document, signature: signature, algorithm: signer.algorithm,
                                        certificateDER: try #require(signer.certificateDER), now: Date())
        #expect(result.failureCode == "staff-certificate-expired")
    }

    @Test func aCertificateThatMayNotSignIsNotUsed() async throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("CA")
        let token = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: ca, keyUsage: "critical,keyEncipherment")
        #expect(throws: StaffTokenProblem.noCertificate) { try open(hsm, token) }
        // And the intake's check says why.
        let der = try Data(contentsOf: URL(fileURLWithPath: token.certificate.replacingOccurrences(of: ".pem", with: ".der")))
        let trust = try StaffCertificateTrust(pem: String(contentsOfFile: ca.certificate, encoding: .utf8))
        let result = await trust.verify(document: Self.document, signature: "AAAA", algorithm: .ecdsaP256SHA256,
                                        certificateDER: der, now: Date())
        #expect(result.failureCode == "staff-certificate-key-usage")
    }
}

/// The real intake (`onestop-intake --staff-ca`) and documents signed on SoftHSM tokens.
extension StaffTokenTests {
    /// An assisted document signed on the token, posted with the kiosk's signature.
    func post(_ intake: IntakeProcess, signer: Pkcs11StaffSigner, kind: String = "certified-token") async throws -> (status: Int, problem: String?) {
        let id = UUID().uuidString.lowercased()
        var doc = try #require(try JSONSerialization.jsonObject(with: IntakeProcess.document(id: id)) as? [String: Any])
        doc["assistedBy"] = "NV001"
        doc["staffSignatureKind"] = kind
        let body = try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])
        let staff = "role=staff; key=NV001; alg=\(signer.algorithm.rawValue); cert=\(try #require(signer.certificateDER).base64EncodedString()); "
            + "sig=\(try signer.sign(body))"
        let r = try await intake.request(.POST, "/v1/dossiers", body: body, headers: [("Idempotency-Key", id), ("Dossier-Signature", staff)])
        let problem = (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["title"] as? String
        return (r.status, problem)
    }

    @Test func theIntakeAcceptsATokenSignatureFromItsCAAndRefusesTheOthers() async throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let stranger = try hsm.makeCA("Not the commune's CA")
        let day: TimeInterval = 86_400
        let good = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: ca)
        let rsa = try hsm.addToken(label: "NV002", pin: "135791", key: .rsa2048, ca: ca)
        let foreign = try hsm.addToken(label: "NV003", pin: "135792", key: .ecP256, ca: stranger)
        let expired = try hsm.addToken(label: "NV004", pin: "135793", key: .ecP256, ca: ca,
                                       validity: (Date().addingTimeInterval(-400 * day), Date().addingTimeInterval(-35 * day)))
        let intake = try IntakeProcess(arguments: ["--staff-ca", ca.certificate])
        defer { intake.stop() }

        let signer = try open(hsm, good)
        let accepted = try await post(intake, signer: signer)
        #expect(accepted.status == 201, "\(accepted)")
        // The document must say what signed it.
        #expect(try await post(intake, signer: signer, kind: "software-key").problem == "staff-signature-kind-mismatch")
        signer.close()
        let rsaSigner = try open(hsm, rsa)
        #expect(try await post(intake, signer: rsaSigner).status == 201)
        rsaSigner.close()
        let foreignSigner = try open(hsm, foreign)
        #expect(try await post(intake, signer: foreignSigner).problem == "staff-certificate-untrusted")
        foreignSigner.close()
        let expiredSigner = try open(hsm, expired, now: { Date().addingTimeInterval(-100 * day) })
        #expect(try await post(intake, signer: expiredSigner).problem == "staff-certificate-expired")
        expiredSigner.close()

        // The back office sees only the accepted ones.
        let list = try #require(try await intake.operatorJSON("/v1/operator/dossiers") as? [[String: Any]])
        #expect(list.count == 2)
        #expect(Set(list.compactMap { $0["staffId"] as? String }) == ["NV001"])
    }
}

extension Result where Failure == StaffCertificateTrust.Failure {
    var failureCode: String? {
        if case .failure(let f) = self { return f.code }
        return nil
    }
}
