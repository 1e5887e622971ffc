import Foundation
import GRDB
import KioskCore
import KioskSystem
import KioskTestSupport
import Testing

/// kioskd in tmux runs citizens' journeys in a loop and is SIGKILLed where it hurts: right after
/// the citizen confirms a dossier (while it signs and commits), and right after a ticket is asked
/// for (while its number is committed and printed), at seeded random delays. After each kill the
/// screen it left is read, and kioskd is started again. At the end:
///
/// - every dossier whose receipt reached the screen was committed, with that code, and is at the
///   intake exactly once (no receipt for a dossier that was not committed);
/// - every committed dossier is at the intake exactly once (`KioskChaos reconcile`);
/// - every ticket number shown is in SQLite, and no number was shown or stored twice.
@Suite(.serialized) struct CommitPathKillTests {
    @Test(.timeLimit(.minutes(10)))
    func killsWhileConfirmingOrIssuingBreakNoPromise() throws {
        var rng = SplitMix64(seed: TestSeed.seed("killsWhileConfirmingOrIssuingBreakNoPromise"))
        let demo = try DemoFixture()
        let command = "exec " + demo.kioskdCommand()
        let tmux = try Tmux(command: command, columns: 80, rows: 24)
        defer { tmux.kill() }
        var receipts: [String] = [], numbers: [String] = [], kills = 0
        // Dossiers and tickets in turn; the last ticket and the last dossier are killed only once
        // their number and receipt show.
        let rounds = ["dossier", "ticket", "dossier", "ticket", "dossier", "ticket", "dossier", "ticket", "dossier", "ticket",
                      "dossier", "shown-ticket", "receipt"]
        for round in rounds {
            try tmux.waitFor("Gọi cán bộ hỗ trợ", timeout: 30)
            let pid = try tmux.programPID(named: "kioskd")
            switch round {
            case "ticket", "shown-ticket":
                try tmux.send("1")
                try tmux.waitFor("Hộ tịch")
                try tmux.send(rng.nextUnit() < 0.5 ? "1" : "2")
                if round == "shown-ticket" { try tmux.waitFor("Số thứ tự của Ông/Bà", timeout: 20) }
                // Issuing is one commit of a few milliseconds, then the drawing and the print.
                Thread.sleep(forTimeInterval: rng.next(in: 0...0.08))
            default:
                for key in DossierJourneyTests.birthRegistrationKeys.dropLast() {
                    try tmux.send(key)
                    Thread.sleep(forTimeInterval: 0.08)
                }
                try tmux.waitFor("Tôi đồng ý và nộp hồ sơ", timeout: 20)
                try tmux.send(DossierJourneyTests.birthRegistrationKeys.last!)
                if round == "receipt" { try tmux.waitFor("Đã ghi nhận hồ sơ", timeout: 20) }
                // Signing and the commit take milliseconds: most kills land before, in or just after them.
                Thread.sleep(forTimeInterval: rng.next(in: 0...0.15))
            }
            #expect(Posix.signal(pid, SIGKILL))
            #expect(TestEnvironment.waitUntil(timeout: 10) { !tmux.isAlive }, "kioskd outlived SIGKILL")
            kills += 1
            // What the citizen saw when the power went: the screen stays as kioskd left it.
            let screen = try tmux.capture()
            for m in screen.matches(of: #/Mã hồ sơ: (\d{6})-(\d{2})-(\d{4})/#) { receipts.append("\(m.1)\(m.2)\(m.3)") }
            if round != "dossier" && round != "receipt" { for m in screen.matches(of: #/\b([A-Z])-(\d{3})\b/#) { numbers.append("\(m.1)-\(m.2)") } }
            try tmux.respawn(command)
        }
        print("CommitPathKillTests: \(kills) kills; receipts shown \(receipts); ticket numbers shown \(numbers)")
        #expect(receipts.count >= 1, "the last dossier's receipt was on screen before its kill")
        #expect(numbers.count >= 1, "the last ticket's number was on screen before its kill")

        // kioskd runs once more, unharmed, and forwards what was committed.
        try tmux.waitFor("Gọi cán bộ hỗ trợ", timeout: 30)
        let db = try DatabaseQueue(path: demo.database)
        let committed = try db.read { try Row.fetchAll($0, sql: "SELECT id, code FROM dossier WHERE state != 'draft'") }
        let codes = Set(committed.map { $0["code"] as String })
        for r in receipts { #expect(codes.contains(r), "receipt \(r) was shown for a dossier that was not committed") }
        print("CommitPathKillTests: \(committed.count) dossiers committed, \(receipts.count) receipts shown, "
              + "\(committed.count - receipts.count) committed with the kill before the receipt was drawn")
        #expect(TestEnvironment.waitUntil(timeout: 90) {
            (try? db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM dossier WHERE state = 'confirmed'") }) == 0
        }, "the committed dossiers were not all delivered")
        let check = try ChildProcess.run(TestEnvironment.binary("KioskChaos"), [
            "reconcile", "--kiosk-db", demo.database, "--intake-url", demo.intakeURL,
            "--operator-token", demo.env["INTAKE_OPERATOR_TOKEN"] ?? "", "--seed", "-"], timeout: 120)
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "delivered=\(committed.count) lost=0 duplicates=0 extra=0 mismatched=0 seed=-", "\(check.stderr)")

        // Tickets: every number shown is stored, none shown twice, none stored twice.
        let stored = try db.read { try String.fetchAll($0, sql: "SELECT display_number FROM ticket") }
        #expect(Set(numbers).count == numbers.count, "a ticket number was shown twice: \(numbers)")
        #expect(Set(stored).count == stored.count, "a ticket number was stored twice: \(stored)")
        for n in numbers { #expect(stored.contains(n), "ticket \(n) was shown but not committed") }
    }
}
