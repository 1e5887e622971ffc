import Crypto
import Foundation
import KioskContent
import KioskCore
import KioskForwarding
import KioskPrinting
import KioskSigning
import KioskStore
import KioskUI
import Logging

/// The personal signing keys of staff logged in now, by staff number. A key
/// is opened with the PIN at login and dropped at logout; it never touches
/// the disk in clear.
final class StaffSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var signers: [String: any StaffSigner] = [:]

    func open(_ signer: any StaffSigner) { lock.withLock { signers[signer.staffNumber] = signer } }
    func close(_ number: String) { lock.withLock { _ = signers.removeValue(forKey: number) } }
    func signer(_ number: String) -> (any StaffSigner)? { lock.withLock { signers[number] } }
    var signerNumbers: [String] { lock.withLock { Array(signers.keys) } }
}

extension KioskEffects {
    /// Helper mode's commands.
    func runStaff(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async {
        switch command {
        case .checkBadge(let text):
            let number = badgeKey.flatMap { StaffBadge.verify(text, publicKey: $0) }
            if number == nil {
                logger.warning("staff badge refused")
                audit(actor: "kioskd", AuditEvent(action: "staff.badge_refused"))
            }
            send(.badgeChecked(number))
        case .staffLogin(let number, let pin, let method):
            send(.staffLoginResult(await login(number: number, pin: pin, method: method)))
        case .staffLogout(let number, let reason):
            staff.close(number)
            audit(staff: number, AuditEvent(action: "staff.logout", subject: number, details: ["reason": reason]))
            logger.info("helper mode ended", metadata: ["staff": "\(number)", "reason": "\(reason)"])
        case .audit(let event):
            audit(staff: staffOfSession(event), event)
        case .loadHelperItems(let kind):
            send(.helperItemsLoaded(kind, helperItems(kind)))
        case .helperAct(let kind, let id, let who):
            send(.helperActed(helperAct(kind, id: id, staff: who)))
        case .reprintReceipt(let code, let who):
            send(.helperActed(await reprint(code: code, staff: who)))
        case .listInbox:
            send(.inboxListed(inboxFiles()))
        case .attachFile(let dossierID, let procedureCode, let attachmentID, let title, let file, let who):
            send(attach(dossierID: dossierID, procedureCode: procedureCode, attachmentID: attachmentID, title: title,
                        file: file, staff: who))
        default:
            break
        }
    }

    /// Audit events from the interface carry no actor: the one staff member logged in is it.
    func staffOfSession(_ event: AuditEvent) -> String? { staff.anyNumber }

    func audit(staff number: String?, _ event: AuditEvent) {
        audit(actor: number.map { "staff:\($0)" } ?? "kioskd", event)
    }

    /// Writes one line; values under `hashed` go in as SHA-256 only.
    func audit(actor: String, _ event: AuditEvent) {
        var details = event.details
        for (k, v) in event.hashed { details[k + "_sha256"] = Hashing.sha256Hex(Data(v.utf8)) }
        do {
            try database.appendAudit(actor: actor, action: event.action, subject: event.subject, details: details, at: clock.now())
        } catch {
            logger.error("audit append failed", metadata: ["action": "\(event.action)", "error": "\(error)"])
        }
    }

    func login(number: String, pin: String, method: StaffMethod) async -> StaffLoginResult {
        let database = self.database, bootClock = self.bootClock, clock = self.clock
        let kioskID = centre.kioskID
        // PBKDF2 is slow on purpose: off the interface's loop.
        let result = await Task.detached(priority: .userInitiated) { () -> Result<(StaffLoginOutcome, Curve25519.Signing.PrivateKey?), any Error> in
            Result {
                try database.authenticateStaff(number: number, pin: pin, method: method == .badge ? .badge : .number,
                                               kioskID: kioskID, monotonic: bootClock.instant(), at: clock.now())
            }
        }.value
        switch result {
        case .success((.success(let identity), let key?)):
            staff.open(SoftwareStaffSigner(staffNumber: identity.number, key: key))
            logger.info("helper mode started", metadata: ["staff": "\(identity.number)", "method": "\(method.rawValue)"])
            return .success(identity)
        case .success((.wrongPIN(let remaining), _)):
            logger.warning("staff PIN refused", metadata: ["staff": "\(number)", "remaining": "\(remaining)"])
            return .wrongPIN(remaining: remaining)
        case .success((.locked(let seconds), _)):
            logger.warning("staff account locked", metadata: ["staff": "\(number)"])
            _ = try? database.raiseAlert(kind: "staff-locked", device: number,
                                         message: "staff \(number) locked after wrong PINs", at: clock.now())
            return .locked(minutes: max(1, Int((seconds / 60).rounded(.up))))
        case .success((.unknownStaff, _)), .success((.disabled, _)):
            logger.warning("staff login refused", metadata: ["staff": "\(SafeText.clean(number, maxLength: 16))"])
            return .refused
        case .success((.success, nil)):
            return .failed
        case .failure(let error):
            logger.error("staff login failed", metadata: ["error": "\(error)"])
            return .failed
        }
    }

    func assistancePart(_ a: AssistInfo, procedureCode: String) -> DossierDocument.AssistancePart {
        let procedure = content.procedure(code: procedureCode)
        let corrections = a.overrides.map { o in
            DossierDocument.AssistancePart.Correction(
                field: o.questionID, label: procedure?.question(o.questionID)?.label.vi ?? o.questionID,
                original: o.original, value: o.value, reason: o.reason)
        }
        switch a.confirmation {
        case .citizen:
            return .init(staffNumber: a.staffNumber, corrections: corrections, originalsChecked: a.originalsChecked,
                         confirmedBy: "citizen", unableReason: nil)
        case .staff(let reason):
            return .init(staffNumber: a.staffNumber, corrections: corrections, originalsChecked: a.originalsChecked,
                         confirmedBy: "staff", unableReason: reason)
        }
    }

    // MARK: Lists

    static func shortTime(_ d: Date?, _ tz: TimeZone) -> String {
        guard let d else { return "--:--" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.hour, .minute], from: d)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    func helperItems(_ kind: HelperListKind) -> [HelperItem] {
        do {
            switch kind {
            case .helpCalls:
                return try database.helpRequests(openOnly: true).map {
                    HelperItem(id: $0.id, text: "\(Self.shortTime($0.requestedAt, timeZone)) – \(SafeText.clean($0.context ?? "", maxLength: 60))")
                }
            case .deadLetters:
                return try database.outboxEntries(state: "dead", limit: 30).map { e in
                    let code = (try? database.dossier(id: e.dossierId))??.code.map(DossierCode.pretty) ?? e.dossierId.prefix(8).description
                    return HelperItem(id: e.id, text: "\(code) – \(SafeText.clean(e.lastError ?? e.kind, maxLength: 50))")
                }
            case .alerts:
                return try database.alerts(openOnly: true).filter { $0.acknowledgedAt == nil }.map {
                    HelperItem(id: $0.id, text: "\(Self.shortTime($0.raisedAt, timeZone)) – \(SafeText.clean($0.message, maxLength: 60))")
                }
            }
        } catch {
            logger.error("helper list failed", metadata: ["kind": "\(kind.rawValue)", "error": "\(error)"])
            return []
        }
    }

    func helperAct(_ kind: HelperListKind, id: Int64, staff who: String) -> LocalizedText {
        let now = clock.now()
        do {
            switch kind {
            case .helpCalls:
                guard try database.acknowledgeHelpRequest(id: id, by: who, at: now) else { break }
                audit(staff: who, AuditEvent(action: "helper.help_ack", subject: "help-\(id)"))
                return LocalizedText(vi: "Đã ghi nhận yêu cầu \(id) đã được hỗ trợ.", en: "Help call \(id) marked answered.")
            case .deadLetters:
                guard try database.retryOutbox(id: id, now: now) else { break }
                audit(staff: who, AuditEvent(action: "helper.retry", subject: "outbox-\(id)"))
                return LocalizedText(vi: "Hồ sơ sẽ được gửi lại ngay.", en: "The dossier will be sent again now.")
            case .alerts:
                guard try database.acknowledgeAlert(id: id, by: who, at: now) else { break }
                audit(staff: who, AuditEvent(action: "helper.alert_ack", subject: "alert-\(id)"))
                return LocalizedText(vi: "Đã xác nhận cảnh báo \(id).", en: "Alert \(id) acknowledged.")
            }
        } catch {
            logger.error("helper action failed", metadata: ["kind": "\(kind.rawValue)", "error": "\(error)"])
        }
        return LocalizedText(vi: "Không thực hiện được (mục đã được xử lý?).", en: "Not done (already handled?).")
    }

    // MARK: Reprint

    func reprint(code: String, staff who: String) async -> LocalizedText {
        guard let record = try? database.dossier(code: code), let lookup = record.lookupCode else {
            return LocalizedText(vi: "Không tìm thấy hồ sơ \(code).", en: "No dossier \(code).")
        }
        let procedure = content.procedure(code: record.procedureCode)
        let applicant = record.applicantJson.flatMap { try? JSONDecoder().decode(Applicant.self, from: Data($0.utf8)) }
        let values = TicketFields.receipt(centre: centre, .init(
            dossierCode: code, lookupCode: lookup, procedureTitle: procedure?.title.vi ?? record.procedureTitle ?? record.procedureCode,
            applicantName: applicant?.fullName, receivedAt: record.receivedAt ?? record.confirmedAt ?? record.createdAt,
            appointment: record.appointmentDate.flatMap(CivilDate.init(iso:)) ?? CivilDate(clock.now(), timeZone: timeZone),
            whereToGo: procedure?.guide.whereToGo.vi ?? "",
            bringOriginals: procedure?.attachments.filter { $0.mode == .bringOriginal }.map(\.title.vi) ?? [],
            assistedBy: record.assistedBy, reprint: true))
        let printed = await printing.send(.receipt, values: values, title: "receipt \(code) (reprint)")
        audit(staff: who, AuditEvent(action: "helper.reprint", subject: record.id,
                                     details: ["code": code, "printed": (try? printed.get()) != nil ? "yes" : "no"]))
        if case .failure(let e) = printed {
            logger.error("receipt reprint failed", metadata: ["code": "\(code)", "error": "\(e)"])
            return LocalizedText(vi: "Máy in chưa in được biên nhận. Xin kiểm tra máy in.", en: "The printer could not print the receipt.")
        }
        return LocalizedText(vi: "Đã in lại biên nhận \(DossierCode.pretty(code)).", en: "Receipt \(DossierCode.pretty(code)) reprinted.")
    }

    // MARK: Scans

    /// Files in the scan inbox, newest first (PDF, JPEG, PNG).
    func inboxFiles() -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: scanInbox) else { return [] }
        let allowed = Set(["pdf", "jpg", "jpeg", "png"])
        let files = names.filter { !$0.hasPrefix(".") && allowed.contains(($0 as NSString).pathExtension.lowercased()) }
        let dated = files.map { name -> (String, Date) in
            let attributes = try? fm.attributesOfItem(atPath: scanInbox + "/" + name)
            return (name, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        return dated.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
    }

    static let maxScanBytes = 20 << 20

    func attach(dossierID: String, procedureCode: String, attachmentID: String, title: String, file: String,
                staff who: String) -> Msg {
        // The name comes from a directory listing, but is checked again: no paths, no hidden files.
        guard !file.contains("/"), !file.hasPrefix("."), inboxFiles().contains(file) else {
            return .attached(attachmentID: attachmentID, file: nil,
                             error: LocalizedText(vi: "Không tìm thấy bản quét này.", en: "That scan is not there."))
        }
        let path = scanInbox + "/" + file
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size > 0, size <= Self.maxScanBytes else {
                return .attached(attachmentID: attachmentID, file: nil,
                                 error: LocalizedText(vi: "Bản quét rỗng hoặc lớn hơn 20 MB.", en: "The scan is empty or over 20 MB."))
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let sha = Hashing.sha256Hex(data)
            let ext = (file as NSString).pathExtension.lowercased()
            let media = ext == "pdf" ? "application/pdf" : ext == "png" ? "image/png" : "image/jpeg"
            try database.addAttachment(dossierID: dossierID, procedureCode: procedureCode, id: attachmentID, title: title,
                                       data: data, sha256: sha, mediaType: media, directory: attachmentsDir,
                                       addedBy: "staff:\(who)", at: clock.now())
            audit(staff: who, AuditEvent(action: "helper.attach", subject: dossierID,
                                         details: ["attachment": attachmentID, "sha256": sha, "bytes": "\(data.count)"]))
            return .attached(attachmentID: attachmentID, file: file, error: nil)
        } catch {
            logger.error("attaching a scan failed", metadata: ["error": "\(error)"])
            return .attached(attachmentID: attachmentID, file: nil,
                             error: LocalizedText(vi: "Không lưu được bản quét.", en: "The scan could not be saved."))
        }
    }
}

extension StaffSessions {
    /// The staff member logged in now, if any (the kiosk has one screen, so at most one).
    var anyNumber: String? { signerNumbers.first }
}
