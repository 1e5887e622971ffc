import Foundation
import GRDB
import KioskTestSupport
import Testing

/// Staff sign on their own certified token (SoftHSM2, a test CA made with openssl): an assisted
/// birth registration is signed on the token and the intake verifies the certificate's chain;
/// the token is pulled out in the middle of the next session, so that dossier is kept as
/// "waiting for a signature" (and helper mode says so), then signed from the staff menu once
/// the token is back; the daily report counts the wait.
@Suite(.serialized) struct TokenSigningJourneyTests {
    static let pin = "482913"

    func kioskctl(_ args: [String], _ hsm: SoftHSMTokens) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestEnvironment.run(TestEnvironment.binary("kioskctl"), args, environment: hsm.environment)
    }

    /// Helper mode, from the welcome screen: `* * *`, the staff number, the PIN.
    func login(_ tmux: Tmux) throws {
        try tmux.waitFor("Lấy số thứ tự")
        for _ in 0..<3 { try tmux.send("*"); Thread.sleep(forTimeInterval: 0.1) }
        try tmux.waitFor("Đăng nhập cán bộ")
        try tmux.sendLiteral("NV001")
        try tmux.send("Enter")
        try tmux.waitFor("Mã PIN của cán bộ NV001")
        try tmux.sendLiteral(Self.pin)
        try tmux.send("Enter")
    }

    /// A birth registration typed by staff (Telex), up to the receipt.
    func submitBirthRegistration(_ tmux: Tmux, child: String) throws {
        for k in ["1", "1", "4", "1"] { try tmux.send(k); Thread.sleep(forTimeInterval: 0.2) }
        try tmux.waitFor("Người nộp hồ sơ là ai?")
        try tmux.send("2")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.sendLiteral("060150001234")
        try tmux.send("Enter")
        func type(_ question: String, _ text: String) throws {
            try tmux.waitFor(question)
            try tmux.send("1")
            try tmux.waitFor("Xong")
            try tmux.sendLiteral(text)
            try tmux.send("Enter")
        }
        func choose(_ question: String, _ key: String) throws {
            try tmux.waitFor(question)
            try tmux.send(key)
        }
        try type("Họ và tên của người đi đăng ký?", "Nguyeenx Vawn An")
        try choose("Số thẻ căn cước của người đi đăng ký?", "2")
        try type("Nơi cư trú của người đi đăng ký?", "Thoon 3 xax Hamf Myx")
        try choose("là gì của cháu bé?", "1")
        try type("Họ và tên đặt cho cháu bé?", child)
        try choose("bé trai hay bé gái?", "2")
        try type("Cháu sinh ngày nào?", "01102026")
        try type("Cháu sinh ở đâu?", "Trajm y tees xax")
        try type("Họ và tên của mẹ cháu?", "Nguyeenx Thij Lan")
        try choose("Có ghi tên cha", "2")
        try type("Cần thêm mấy bản sao", "0")
        try tmux.waitFor("Kiểm tra lại thông tin")
        try tmux.send("7")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.send("7")
        try tmux.waitFor("Giấy tờ kèm theo")
        try tmux.send("7")
        try tmux.waitFor("Cán bộ đã nhập giúp Ông/Bà")
        try tmux.send("1")
        try tmux.waitFor("Tôi đồng ý và nộp hồ sơ")
        try tmux.send("1")
    }

    func intakeDossiers(_ demo: DemoFixture) throws -> [[String: Any]] {
        let r = try TestEnvironment.run("/usr/bin/curl", ["-s", "-H", demo.operatorAuthorization, demo.intakeURL + "/v1/operator/dossiers"])
        return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// The intake's record of each staff signature: kind and certificate subject, by dossier id.
    func intakeStaffSignatures(_ demo: DemoFixture) throws -> [String: (kind: String, subject: String?)] {
        let db = try DatabaseQueue(path: demo.dir.appendingPathComponent("intake.sqlite").path)
        return try db.read { db in
            try Row.fetchAll(db, sql: "SELECT idempotency_key, kind, certificate_subject FROM intake_staff_signature")
                .reduce(into: [:]) { $0[$1["idempotency_key"] as String] = ($1["kind"], $1["certificate_subject"]) }
        }
    }

    func kioskDossiers(_ demo: DemoFixture) throws -> [Row] {
        let db = try DatabaseQueue(path: demo.database)
        return try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.state, d.staff_signature_alg, d.signature_waiting_since, d.staff_signed_at, d.sealed,
                       d.applicant_json, d.document_sha256,
                       (SELECT COUNT(*) FROM outbox o WHERE o.dossier_id = d.id) AS outbox_rows
                FROM dossier d WHERE d.state != 'draft' ORDER BY d.created_at
                """)
        }
    }

    @Test func signedOnTheTokenThenWaitingWhenItIsPulledOutThenSignedLaterFromTheStaffMenu() throws {
        let demo = try DemoFixture()
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let token = try hsm.addToken(label: "NV001", pin: Self.pin, key: .ecP256, ca: ca, days: 365)
        // The intake trusts the test CA for staff certificates (it reads the file again when it changes).
        try String(contentsOfFile: ca.certificate, encoding: .utf8)
            .write(toFile: demo.dir.appendingPathComponent("staff-ca.pem").path, atomically: true, encoding: .utf8)

        // Enrolment: the account is bound to the token, whose PIN is checked on it.
        let add = try TestEnvironment.run("/bin/sh", ["-c",
            "echo \(Self.pin) | \(TestEnvironment.binary("kioskctl")) staff add NV001 --name 'Nguyễn Thị Lan' --database \(demo.database)"
            + " --staff-keys \(demo.dir.appendingPathComponent("staff-keys").path) --token \(token.serial) --module \(SoftHSMTokens.module)"],
            environment: hsm.environment)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("token \(token.serial): CN=Can bo NV001"))
        let listed = try kioskctl(["staff", "token", "--module", SoftHSMTokens.module, "--database", demo.database, "--check"], hsm)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("serial \(token.serial)  label NV001  staff NV001"))
        #expect(listed.stdout.contains("ok: no certificate expires within 30 days"))

        let command = "SOFTHSM2_CONF=\(hsm.configPath) " + demo.kioskdCommand(extra: ["--no-devices", "--pkcs11-module", SoftHSMTokens.module])
        let tmux = try Tmux(command: command, columns: 80, rows: 24)
        defer { tmux.kill() }

        // 1. Signed on the token; the intake verifies the chain and records the certificate.
        try login(tmux)
        let home = try tmux.waitFor("Ký số bằng token của cán bộ", timeout: 20)
        #expect(!home.contains("CHƯA KÝ SỐ ĐƯỢC"))
        try submitBirthRegistration(tmux, child: "Traanf Minh Taam")
        try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 30)
        var first: String?
        _ = TestEnvironment.waitUntil(timeout: 30) {
            first = (try? intakeDossiers(demo))?.first?["key"] as? String
            return first != nil
        }
        let firstID = try #require(first, "the intake did not receive the token-signed dossier")
        let recorded = try intakeStaffSignatures(demo)[firstID]
        #expect(recorded?.kind == "certified-token")
        #expect(recorded?.subject?.contains("NV001") == true)
        #expect(try kioskDossiers(demo).first?["staff_signature_alg"] == "ecdsa-p256-sha256")
        try tmux.send("1")   // the citizen is done: the session, and helper mode, end

        // 2. The token is pulled out in the middle of the next session: the dossier waits.
        try login(tmux)
        try tmux.waitFor("Ký số bằng token của cán bộ", timeout: 20)
        try hsm.remove(token)
        try submitBirthRegistration(tmux, child: "Traanf Minh Khoi")
        let kept = try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 30)
        #expect(kept.contains("CHƯA KÝ SỐ ĐƯỢC"))   // the banner says it on every screen
        let rows = try kioskDossiers(demo)
        #expect(rows.count == 2)
        let waiting = try #require(rows.last)
        #expect(waiting["state"] == "awaiting_signature")
        #expect(waiting["outbox_rows"] == 0)
        #expect((waiting["signature_waiting_since"] as Date?) != nil)
        // Sealed while it waits: nothing personal in clear, only the digest the token will sign.
        #expect(waiting["sealed"] == true && (waiting["applicant_json"] as String?) == nil)
        #expect((waiting["document_sha256"] as String?)?.count == 64)
        Thread.sleep(forTimeInterval: 2)
        #expect(try intakeDossiers(demo).count == 1)   // not sent without the staff signature
        try tmux.send("1")

        // 3. The token is back: the staff menu offers to sign the waiting dossier.
        try hsm.putBack(token)
        try login(tmux)
        let menu = try tmux.waitFor("Ký 1 hồ sơ đang chờ chữ ký số", timeout: 20)
        #expect(menu.contains("Ký số bằng token của cán bộ"))
        try tmux.send("7")
        try tmux.waitFor("Đã ký 1 hồ sơ đang chờ", timeout: 20)
        let waitingID: String = try #require(waiting["id"])
        _ = TestEnvironment.waitUntil(timeout: 30) { ((try? intakeDossiers(demo)) ?? []).count == 2 }
        #expect(try intakeDossiers(demo).count == 2)
        #expect(try intakeStaffSignatures(demo)[waitingID]?.kind == "certified-token")
        let signed = try #require(try kioskDossiers(demo).last)
        #expect(signed["state"] != "awaiting_signature")
        #expect((signed["staff_signed_at"] as Date?) != nil)

        // The daily report counts the dossier that waited, and for how long.
        let report = try kioskctl(["report", "daily", "--json", "--database", demo.database,
                                   "--content", TestEnvironment.packageRoot.appendingPathComponent("Kiosk").path], hsm)
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let waits = try #require(json["signature_waits"] as? [String: Any])
        #expect(waits["dossiers"] as? Int == 1)
        #expect(waits["still_waiting"] as? Int == 0)
        #expect((waits["longest_minutes"] as? Double).map { $0 >= 0 } == true)

        // The audit chain verifies and tells the story.
        #expect(try kioskctl(["audit", "verify", "--database", demo.database], hsm).status == 0)
        let export = try kioskctl(["audit", "export", "--database", demo.database], hsm).stdout
        for action in ["staff.token_bound", "staff.token_opened", "dossier.awaiting_signature", "dossier.signed_later"] {
            #expect(export.contains("\"\(action)\""), "audit has no \(action)")
        }
    }
}

/// `kioskctl staff token --check`: the readiness check a technician (and the doctor) runs.
struct StaffTokenCheckTests {
    @Test func aCertificateEndingWithinThirtyDaysIsAWarningAndExitFour() throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let soon = try hsm.addToken(label: "NV005", pin: "135790", key: .ecP256, ca: ca, days: 12)
        _ = try hsm.addToken(label: "NV006", pin: "135791", key: .rsa2048, ca: ca, days: 300)
        let kioskctl = TestEnvironment.binary("kioskctl")
        let check = try TestEnvironment.run(kioskctl, ["staff", "token", "--module", SoftHSMTokens.module, "--check"],
                                            environment: hsm.environment)
        #expect(check.status == 4, "\(check.stderr)")
        #expect(check.stdout.contains("warning[certificate-expires-soon]: token \(soon.serial) (NV005): certificate CN=Can bo NV005"))
        #expect(check.stdout.contains("expires in 11 days"))
        #expect(!check.stdout.contains("(NV006): certificate"))
        // Without --check it only lists, and JSON says the same.
        let json = try TestEnvironment.run(kioskctl, ["staff", "token", "--module", SoftHSMTokens.module, "--json"],
                                           environment: hsm.environment)
        #expect(json.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["label"] as? String }) == ["NV005", "NV006"])
        // A module that cannot be loaded is an unreachable part (exit 3) with a clear message.
        let missing = try TestEnvironment.run(kioskctl, ["staff", "token", "--module", "/nonexistent/pkcs11.so"])
        #expect(missing.status == 3)
        #expect(missing.stderr.hasPrefix("kioskctl: error[TOKEN-MODULE]: the PKCS#11 module cannot be loaded"))
    }
}

extension StaffTokenCheckTests {
    @Test func aRenewedTokenIsBoundToAnExistingAccountWithTheSamePIN() throws {
        let hsm = try SoftHSMTokens()
        let token = try hsm.addToken(label: "NV007", pin: "135790", key: .ecP256, ca: try hsm.makeCA("OneStop test staff CA"))
        let dir = try TestEnvironment.temporaryDirectory("bind-token")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kiosk.sqlite").path
        func kioskctl(_ args: String, pin: String) throws -> (status: Int32, stdout: String, stderr: String) {
            try TestEnvironment.run("/bin/sh", ["-c", "echo \(pin) | \(TestEnvironment.binary("kioskctl")) staff \(args) --database \(db)"],
                                    environment: hsm.environment)
        }
        #expect(try kioskctl("add NV007 --name 'Trần Văn Bảy'", pin: "135790").status == 0)
        #expect(try kioskctl("list", pin: "").stdout.contains("software key (demo)"))
        // A PIN that is not the account's: refused before the token is touched.
        let wrong = try kioskctl("bind-token NV007 \(token.serial) --module \(SoftHSMTokens.module)", pin: "975310")
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("error[STAFF-PIN-DIFFERS]"))
        let bound = try kioskctl("bind-token NV007 \(token.serial) --module \(SoftHSMTokens.module)", pin: "135790")
        #expect(bound.status == 0, "\(bound.stderr)")
        #expect(bound.stdout.contains("now signs on token \(token.serial)"))
        #expect(try kioskctl("list", pin: "").stdout.contains("token \(token.serial)"))
        #expect(try kioskctl("bind-token NV007 --unbind", pin: "").status == 0)
        #expect(try kioskctl("list", pin: "").stdout.contains("software key (demo)"))
    }
}

extension StaffTokenCheckTests {
    /// The doctor's line for tokens: WARN 30 days before a bound token's certificate ends, FAIL once
    /// it has ended; a token not plugged in is named, not failed; an unbound token is not its business.
    @Test func doctorWarnsThirtyDaysBeforeABoundTokensCertificateEnds() throws {
        let hsm = try SoftHSMTokens()
        let ca = try hsm.makeCA("OneStop test staff CA")
        let soon = try hsm.addToken(label: "NV005", pin: "135790", key: .ecP256, ca: ca, days: 12)
        let fine = try hsm.addToken(label: "NV006", pin: "135791", key: .rsa2048, ca: ca, days: 300)
        let dir = try TestEnvironment.temporaryDirectory("doctor-tokens")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("kiosk.sqlite").path
        func kioskctl(_ args: String, pin: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
            try TestEnvironment.run("/bin/sh", ["-c", "echo \(pin) | \(TestEnvironment.binary("kioskctl")) \(args)"],
                                    environment: hsm.environment)
        }
        func doctor() throws -> String {
            try kioskctl("doctor --config /nonexistent --state-dir \(dir.path) --pkcs11-module \(SoftHSMTokens.module) "
                         + "--skip config disk clock cups-queue printer scanner udev-rules intake keys outbox font-size").stdout
        }
        #expect(try kioskctl("staff add NV005 --name 'Can bo NV005' --database \(db)", pin: "135790").status == 0)
        #expect(try doctor().contains("OK   staff-tokens no token bound: staff sign with the kiosk's software keys (demo only)"))

        #expect(try kioskctl("staff bind-token NV005 \(soon.serial) --module \(SoftHSMTokens.module) --database \(db)",
                             pin: "135790").status == 0)
        let warned = try doctor()
        #expect(warned.contains("WARN staff-tokens NV005: token \(soon.serial) (NV005): certificate CN=Can bo NV005"), "\(warned)")
        #expect(warned.contains("expires in 11 days"))
        #expect(warned.contains("→ ask the CA for a new certificate before it ends"))
        #expect(!warned.contains(fine.serial))   // not bound: not the kiosk's business

        // The token is taken home: named, not failed.
        try hsm.remove(soon)
        let away = try doctor()
        #expect(away.contains("OK   staff-tokens 1 token(s) bound, 0 plugged in; not plugged in: NV005 (\(soon.serial))"), "\(away)")

        // A module that cannot be loaded while tokens are bound is a FAIL with its fix.
        let broken = try kioskctl("doctor --config /nonexistent --state-dir \(dir.path) --pkcs11-module /nonexistent/pkcs11.so "
                                  + "--skip config disk clock cups-queue printer scanner udev-rules intake keys outbox font-size")
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("FAIL staff-tokens 1 token(s) bound but the PKCS#11 module cannot be used"))
    }
}
