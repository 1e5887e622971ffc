import Crypto
import Foundation
import KioskCore
import KioskSigning
import KioskStore
import KioskWorkflows
import Logging
import KioskTestSupport
import Testing
import KioskQueue

/// How many durable (`synchronous=FULL`) SQLite commits one ticket and one dossier cost,
/// counted on the store's writer while the use cases kioskd dispatches to do the work,
/// on a real SQLite file and a private cupsd with a capture queue.
///
/// Before issue 11 (kioskd's command runner at 39c9588): a ticket 4 (the number and wait,
/// the first-print claim, the CUPS job id, the outcome), a plain dossier 1, an assisted
/// dossier 2 (its audit line in a transaction of its own).
@Suite(.serialized) struct DurableCommitTests {
    @Test func oneKioskTicketIsOneDurableCommit() async throws {
        let f = try WorkflowFixture(cups: true)
        let issueTicket = IssueTicket(queue: f.queue, printing: f.printing(), logger: Logger(label: "kioskd"))
        let issued = try await issueTicket.commit(area: "HT", priority: nil)
        #expect(f.counter.durable == 1, "the number, the wait and the first-print claim: one commit")
        #expect(try f.db.ticket(id: issued.ticket.id)?.printAttempts == 1)
        #expect(await issueTicket.print(issued))
        print("after: durable commits per ticket: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        #expect(f.counter.durable == 1)
        // How the job ended (printed, with its CUPS job id): bookkeeping without an fsync of its own.
        #expect(f.counter.relaxed == 1)
        let row = try #require(try f.db.ticket(id: issued.ticket.id))
        #expect(row.printState == "printed")
        #expect(row.printJobId != nil)
    }

    @Test func aReprintIsClaimedInADurableCommitOfItsOwn() async throws {
        let f = try WorkflowFixture(cups: true)
        let broken = IssueTicket(queue: f.queue, printing: f.printing(queue: "no-such-printer"), logger: Logger(label: "kioskd"))
        let issued = try await broken.commit(area: "HT", priority: nil)
        #expect(await broken.print(issued) == false)
        #expect(try f.db.ticket(id: issued.ticket.id)?.printState == "failed")
        #expect(f.counter.durable == 1 && f.counter.relaxed == 1)
        f.counter.reset()
        // The printer works again: the one reprint is claimed (durable: sent twice after a crash
        // otherwise), then printed, and how it ended is bookkeeping.
        await f.printing().reprintFailed()
        print("after: durable commits per reprint: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        #expect(f.counter.durable == 1)
        #expect(f.counter.relaxed == 1)
        let row = try #require(try f.db.ticket(id: issued.ticket.id))
        #expect(row.printState == "printed")
        #expect(row.printAttempts == 2)
        f.counter.reset()
        await f.printing().reprintFailed()
        #expect(f.counter.durable == 0, "never a second reprint")
    }

    @Test func onePlainDossierIsOneDurableCommit() throws {
        let f = try WorkflowFixture()
        let done = try f.confirm(f.birthRegistration(assistedBy: nil), now: Date())
        print("after: durable commits per plain dossier: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        #expect(f.counter.durable == 1)
        #expect(f.counter.relaxed == 0)
        #expect(try f.db.outboxStatus().pending == 2)   // create, finalise
        #expect(try f.db.dossier(id: done.record.id)?.code == done.code)
    }

    @Test func oneAssistedDossierIsOneDurableCommitWithItsAuditLine() throws {
        let f = try WorkflowFixture()
        f.signers.open(SoftwareStaffSigner(staffNumber: "NV001", key: Curve25519.Signing.PrivateKey()))
        let done = try f.confirm(f.birthRegistration(assistedBy: "NV001"), now: Date())
        print("after: durable commits per assisted dossier: \(f.counter.durable), relaxed: \(f.counter.relaxed)")
        #expect(f.counter.durable == 1)
        #expect(f.counter.relaxed == 0)
        let audit = try f.db.auditEntries()
        #expect(audit.map(\.action) == ["dossier.assisted_submit"])
        #expect(audit.first?.subject == done.record.id)
        #expect(try f.db.verifyAudit() == nil)
    }
}
