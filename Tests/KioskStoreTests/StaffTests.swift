import Foundation
import GRDB
import KioskCore
import KioskStore
import KioskTestSupport
import Testing
import Crypto

/// Staff accounts, PIN lockout on monotonic time, and the audit chain.
@Suite struct StaffTests {
    let date = Date(timeIntervalSince1970: 1_790_000_000)

    func makeStaff(_ db: KioskDatabase, _ number: String = "NV001", pin: String = "482913") throws {
        _ = try db.addStaff(number: number, name: "Nguyễn Thị Lan", role: .helper, pin: pin, actor: "kioskctl:test",
                            at: date)
    }

    @Test func pinIsStoredOnlyAsASlowSaltedHash() throws {
        let path = temporaryDatabasePath()
        let db = try KioskDatabase(path: path)
        _ = try db.addStaff(number: "nv001", name: "Nguyễn Thị Lan", role: .supervisor, pin: "482913", actor: "t", at: date)
        let row = try #require(try db.staff(number: "NV001"))
        #expect(row.number == "NV001")
        #expect(!row.credentials.contains("482913"))
        let json = try JSONSerialization.jsonObject(with: Data(row.credentials.utf8)) as? [String: Any]
        #expect(json?["rounds"] as? Int == 600_000)
        let clock = ManualBootClock()
        let (ok, key) = try db.authenticateStaff(number: "NV001", pin: "482913", method: .number, kioskID: "K",
                                                 monotonic: clock.instant(), at: date)
        #expect(ok == .success(StaffIdentity(number: "NV001", name: "Nguyễn Thị Lan", role: .supervisor)))
        #expect(key?.publicKey.rawRepresentation.base64EncodedString() == row.publicKey)
        // The raw file holds no PIN either.
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(raw.range(of: Data("482913".utf8)) == nil)
    }

    @Test func weakPINsAndBadNumbersAreRefusedWithCodes() throws {
        let db = try KioskDatabase(path: temporaryDatabasePath())
        for pin in ["1234", "111111", "123456", "654321", "12a456"] {
            #expect(throws: StaffStoreError.weakPIN) {
                _ = try db.addStaff(number: "NV009", name: "Lan", role: .helper, pin: pin, actor: "t", at: date)
            }
        }
        #expect(throws: StaffStoreError.invalidNumber("N\u{1B}[2J")) {
            _ = try db.addStaff(number: "N\u{1B}[2J", name: "Lan", role: .helper, pin: "482913", actor: "t", at: date)
        }
        try makeStaff(db)
        #expect(throws: StaffStoreError.exists("NV001")) { try makeStaff(db) }
        #expect(StaffStoreError.exists("NV001").code == "STAFF-EXISTS")
    }

    @Test func fiveWrongPINsLockForThirtyMinutesOfMonotonicTimeAcrossRestartsAndReboots() throws {
        let path = temporaryDatabasePath()
        let clock = ManualBootClock(bootID: "boot-A", seconds: 1_000)
        do {
            let db = try KioskDatabase(path: path)
            try makeStaff(db)
            for left in [4, 3, 2, 1] {
                let r = try db.authenticateStaff(number: "NV001", pin: "000001", method: .number, kioskID: "K",
                                                 monotonic: clock.instant(), at: date)
                #expect(r.outcome == .wrongPIN(remainingAttempts: left))
                #expect(r.key == nil)
            }
            let fifth = try db.authenticateStaff(number: "NV001", pin: "000001", method: .number, kioskID: "K",
                                                 monotonic: clock.instant(), at: date)
            #expect(fifth.outcome == .locked(remainingSeconds: 1800))
            // Locked: even the right PIN is refused.
            clock.advance(by: 600)
            let right = try db.authenticateStaff(number: "NV001", pin: "482913", method: .number, kioskID: "K",
                                                 monotonic: clock.instant(), at: date)
            guard case .locked(let left) = right.outcome else { Issue.record("not locked: \(right.outcome)"); return }
            #expect(abs(left - 1200) < 0.001)
        }
        // kioskd restarts (a new connection to the same file): still locked.
        let db = try KioskDatabase(path: path)
        clock.advance(by: 300)
        #expect(try db.staffLockout(number: "NV001", at: clock.instant())?.locked == true)
        // A wall clock set a year ahead changes nothing: only monotonic time counts.
        let future = date.addingTimeInterval(365 * 86_400)
        let r1 = try db.authenticateStaff(number: "NV001", pin: "482913", method: .number, kioskID: "K",
                                          monotonic: clock.instant(), at: future)
        guard case .locked = r1.outcome else { Issue.record("a wall-clock jump unlocked the account"); return }
        // A power cut: the time served so far (900 s) is kept, the time off does not count.
        clock.reboot(as: "boot-B", seconds: 3)
        clock.advance(by: 800)
        #expect(try db.staffLockout(number: "NV001", at: clock.instant())?.locked == true)   // 900 banked, 0 counted at first sight
        clock.advance(by: 899)
        #expect(try db.staffLockout(number: "NV001", at: clock.instant())?.locked == true)   // 1799 s served
        clock.advance(by: 2)
        let r2 = try db.authenticateStaff(number: "NV001", pin: "482913", method: .number, kioskID: "K",
                                          monotonic: clock.instant(), at: date)
        #expect(r2.outcome == .success(StaffIdentity(number: "NV001", name: "Nguyễn Thị Lan", role: .helper)))
        // Success clears the failure count.
        #expect(try db.staff(number: "NV001")?.lockoutState == LockoutState())
        let actions = try db.auditEntries().map(\.action)
        #expect(actions.filter { $0 == "staff.login_failed" }.count >= 6)
        #expect(actions.contains("staff.locked"))
        #expect(actions.contains("staff.unlocked"))
        #expect(actions.last == "staff.login")
        #expect(try db.verifyAudit() == nil)
    }

    @Test func disabledAndUnknownStaffCannotLogIn() throws {
        let db = try KioskDatabase(path: temporaryDatabasePath())
        try makeStaff(db)
        try db.disableStaff(number: "NV001", actor: "t", at: date)
        let clock = ManualBootClock()
        #expect(try db.authenticateStaff(number: "NV001", pin: "482913", method: .badge, kioskID: "K",
                                         monotonic: clock.instant(), at: date).outcome == .disabled)
        #expect(try db.authenticateStaff(number: "NV404", pin: "482913", method: .number, kioskID: "K",
                                         monotonic: clock.instant(), at: date).outcome == .unknownStaff)
        #expect(throws: StaffStoreError.notFound("NV404")) { try db.disableStaff(number: "NV404", actor: "t", at: date) }
        // A reset re-enables and gives a new personal key.
        let before = try #require(try db.staff(number: "NV001")).publicKey
        let after = try db.resetStaffPIN(number: "NV001", pin: "975310", actor: "t", at: date)
        #expect(after.publicKey != before)
        #expect(try db.authenticateStaff(number: "NV001", pin: "975310", method: .number, kioskID: "K",
                                         monotonic: clock.instant(), at: date).outcome
                == .success(StaffIdentity(number: "NV001", name: "Nguyễn Thị Lan", role: .helper)))
        #expect(try db.staffKeyLines() == "NV001 \(after.publicKey)\n")
    }

    @Test func auditChainDetectsAChangedRowADeletedRowAndATruncatedTail() throws {
        let path = temporaryDatabasePath()
        let db = try KioskDatabase(path: path)
        for i in 1...6 {
            try db.appendAudit(actor: "staff:NV001", action: "helper.field_set", subject: "dossier-\(i)",
                               details: ["field": "child_full_name", "n": "\(i)"], at: date.addingTimeInterval(Double(i)))
        }
        #expect(try db.verifyAudit() == nil)
        // The triggers refuse changes through SQL.
        #expect(throws: (any Error).self) {
            try db.writer.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'x' WHERE seq = 3") }
        }
        #expect(throws: (any Error).self) {
            try db.writer.write { try $0.execute(sql: "DELETE FROM audit_log WHERE seq = 3") }
        }
        // Someone drops the triggers and edits row 3.
        try db.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "UPDATE audit_log SET details = '{\"field\":\"child_full_name\",\"n\":\"9\"}' WHERE seq = 3")
        }
        #expect(try db.verifyAudit() == AuditBreak(seq: 3, reason: .contentChanged))
        // Recomputing row 3's hash to match moves the break to row 4's link.
        try db.writer.write { db in
            let e = try AuditEntry.fetchOne(db, sql: "SELECT * FROM audit_log WHERE seq = 3")!
            let h = KioskDatabase.auditHash(seq: 3, at: e.at, actor: e.actor, action: e.action, subject: e.subject,
                                            details: e.details, prevHash: e.prevHash)
            try db.execute(sql: "UPDATE audit_log SET hash = ? WHERE seq = 3", arguments: [h])
        }
        #expect(try db.verifyAudit() == AuditBreak(seq: 4, reason: .linkBroken))
        let db2 = try KioskDatabase(path: temporaryDatabasePath())
        for i in 1...4 { try db2.appendAudit(actor: "a", action: "x", subject: "\(i)", at: date) }
        try db2.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE seq = 2")
        }
        #expect(try db2.verifyAudit() == AuditBreak(seq: 2, reason: .missingEntries))
        let db3 = try KioskDatabase(path: temporaryDatabasePath())
        for i in 1...4 { try db3.appendAudit(actor: "a", action: "x", subject: "\(i)", at: date) }
        try db3.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE seq = 4")
        }
        #expect(try db3.verifyAudit() == AuditBreak(seq: 4, reason: .truncated))
    }

    @Test func auditEntriesAreCleanedOfTerminalEscapes() throws {
        let db = try KioskDatabase(path: temporaryDatabasePath())
        try db.appendAudit(actor: "staff:\u{1B}]0;pwned\u{07}", action: "x", subject: "a\u{1B}[2Jb",
                           details: ["k": "v\u{9B}31m"], at: date)
        let e = try #require(try db.auditEntries().first)
        #expect(!e.actor.contains("\u{1B}"))
        #expect(!(e.subject ?? "").contains("\u{1B}"))
        #expect(!(e.details ?? "").contains("\u{9B}"))
        #expect(try db.verifyAudit() == nil)
    }
}
