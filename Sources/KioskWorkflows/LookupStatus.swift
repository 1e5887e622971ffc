public import Foundation
public import KioskContent
public import KioskCore
public import KioskForwarding
public import KioskStore

/// A citizen looks a dossier up by its code and lookup code (both must match):
/// the status kept at the kiosk, refreshed from the central system when the
/// dossier was delivered and the line answers within a few seconds.
///
/// ```swift
/// let lookup = LookupStatus(database: db, content: bundle, forwarder: forwarder)
/// if let found = await lookup(code: "261125010007", secret: "483920") {
///     print(found.status, found.fresh)   // "processing" true
/// }
/// ```
public struct LookupStatus: Sendable {
    public let database: KioskDatabase
    public let content: ContentBundle
    public let forwarder: Forwarder?
    /// How long the central system is given to answer.
    public let timeoutSeconds: Double

    public init(database: KioskDatabase, content: ContentBundle, forwarder: Forwarder?, timeoutSeconds: Double = 4) {
        self.database = database
        self.content = content
        self.forwarder = forwarder
        self.timeoutSeconds = timeoutSeconds
    }

    /// What the citizen is told.
    public struct Found: Hashable, Sendable {
        /// The code as printed (`261125-01-0007`).
        public var dossierCode: String
        public var procedureTitle: LocalizedText
        /// The central system's word (`received`, `processing`, `needs-documents`…).
        public var status: String
        public var missing: [String]
        /// The kiosk's estimate.
        public var appointment: CivilDate?
        /// The date the receiving official set, reported by the central system.
        public var officialDate: CivilDate?
        public var updatedAt: Date?
        /// True when the central system answered just now.
        public var fresh: Bool
    }

    public func callAsFunction(code: String, secret: String) async -> Found? {
        guard let record = try? database.dossier(code: code, lookupCode: secret) else { return nil }
        var status = record.centralStatus ?? "received"
        var missing = (record.missingDocuments.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
        var fresh = false
        var official = record.officialDate
        if let forwarder, record.state == DossierState.delivered.rawValue {
            if let central = await withTimeout(seconds: timeoutSeconds, { await forwarder.refresh(dossierID: record.id, code: code) }) ?? nil {
                status = central.status
                missing = central.missingDocuments
                official = central.officialDate ?? official
                fresh = true
            }
        }
        let procedure = content.procedure(code: record.procedureCode)
        return Found(dossierCode: DossierCode.pretty(code),
                     procedureTitle: procedure?.title ?? LocalizedText(vi: record.procedureTitle ?? record.procedureCode),
                     status: status, missing: missing, appointment: record.appointmentDate.flatMap(CivilDate.init(iso:)),
                     officialDate: official.flatMap(CivilDate.init(iso:)), updatedAt: record.centralStatusAt, fresh: fresh)
    }
}
