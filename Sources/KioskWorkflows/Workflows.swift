public import Crypto
import Foundation
public import KioskContent
public import KioskCore
public import KioskForwarding
import KioskPrinting
public import KioskQueue
public import KioskSigning
public import KioskStore
public import Logging

/// Every use case of one kiosk, wired to the same parts: what kioskd's
/// commands are dispatched to.
///
/// ```swift
/// let workflows = Workflows(database: db, content: bundle, queue: queue, printing: printing, key: kioskKey,
///                           badgeKey: badge.publicKey, forwarder: forwarder, clock: SystemClock(),
///                           bootClock: SystemBootClock(), scanInbox: "/var/lib/onestop-kiosk/scan-inbox",
///                           attachmentsDir: "/var/lib/onestop-kiosk/attachments", logger: logger)
/// let issued = try await workflows.issueTicket.commit(area: "HT", priority: nil)
/// ```
public struct Workflows: Sendable {
    public let issueTicket: IssueTicket
    /// Each area's next ticket, drawn ahead; kioskd refreshes it (queue events, the minute).
    public let ticketDrawings: TicketDrawings
    public let confirmDossier: ConfirmDossier
    public let printing: PrintJob
    /// The official forms on the A4 queue (`kiosk-a4`), printed after the dossier has committed.
    public let forms: PrintForm
    public let drafts: DraftAnswers
    public let lookupStatus: LookupStatus
    public let callForHelp: CallForHelp
    public let staffSession: StaffSession
    public let helperDesk: HelperDesk
    public let scans: AttachScan
    /// The counters' web page: logins, sessions, what a counter is told.
    public let counterDesk: CounterDesk
    public let signWaiting: SignWaitingDossiers
    public let addresses: UnmappedAddresses

    /// - Parameters:
    ///   - badgeKey: the public key staff badges are signed with (nil: badges are refused).
    ///   - forwarder: refreshes a looked-up dossier's status (nil: the kiosk's copy only).
    ///   - scanInbox: where the document scanner drops files for helper mode.
    ///   - tokenModule: the PKCS#11 module staff tokens are reached through.
    ///   - a4Queue: the CUPS queue of the A4 printer (on the ticket printer's server).
    ///   - seal: the central system's public key; confirmed dossiers are sealed to it.
    public init(database: KioskDatabase, content: ContentBundle, queue: QueueCoordinator, printing: PrintJob, key: KioskKey,
                badgeKey: Curve25519.Signing.PublicKey?, forwarder: Forwarder?, clock: any KioskClock, bootClock: any BootClock,
                scanInbox: String, attachmentsDir: String, logger: Logger, tokenModule: String = Pkcs11StaffSigner.defaultModule,
                a4Queue: String = "kiosk-a4", seal: DossierSeal.PublicKey? = nil) {
        let signers = StaffSigners()
        // Drafts and scans in progress are encrypted under this key, in memory only, replaced at each session's end.
        let session = SessionKey()
        let kioskID = content.services.centre.kioskID
        ticketDrawings = TicketDrawings(queue: queue, printing: printing)
        issueTicket = IssueTicket(queue: queue, printing: printing, logger: logger, drawings: ticketDrawings)
        confirmDossier = ConfirmDossier(database: database, content: content, key: key, staff: signers, seal: seal, session: session)
        self.printing = printing
        forms = PrintForm(database: database, content: content, key: key,
                          target: PrinterTarget(server: printing.target.server, queue: a4Queue, jobTimeout: printing.target.jobTimeout),
                          pool: printing.pool, clock: clock, logger: logger)
        drafts = DraftAnswers(database: database, clock: clock, logger: logger, session: session)
        lookupStatus = LookupStatus(database: database, content: content, forwarder: forwarder)
        callForHelp = CallForHelp(database: database, kioskID: kioskID, clock: clock, logger: logger)
        let audit = AuditTrail(database: database, clock: clock, logger: logger)
        staffSession = StaffSession(database: database, clock: clock, bootClock: bootClock, kioskID: kioskID, badgeKey: badgeKey,
                                    signers: signers, audit: audit, logger: logger, tokenModule: tokenModule)
        counterDesk = CounterDesk(database: database, clock: clock, bootClock: bootClock, kioskID: kioskID, badgeKey: badgeKey,
                                  audit: audit, logger: logger)
        helperDesk = HelperDesk(database: database, content: content, clock: clock, printing: printing, forms: forms, logger: logger)
        scans = AttachScan(database: database, clock: clock, inbox: scanInbox, attachmentsDir: attachmentsDir, logger: logger,
                           session: session)
        signWaiting = SignWaitingDossiers(database: database, signers: signers, clock: clock, logger: logger, seal: seal)
        addresses = UnmappedAddresses(database: database, timeZone: TimeZone(identifier: content.services.centre.timeZone) ?? .current,
                                      clock: clock, logger: logger)
    }
}
