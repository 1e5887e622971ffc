import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskUI
import Testing

/// The walks of the golden screen tests: one a flow, each shot named for its screen.
///
/// Screens covered: welcome, chooseArea, priorityChoice, priorityScan, issuingTicket, ticket, ticketError,
/// procedureAreas, procedures, journey (guide, identify, every question kind, review pages, consent), scanWait,
/// submitting, submitted, submitFailed, lookupCode, lookupSecret, lookingUp, lookupResult, lookupNotFound,
/// helpCalled, notice, staffNumber, staffPIN, staffChecking, helperHome, helperItems, helperReprint,
/// overrideReason, attachments, attachmentFiles, assistedSummary, citizenUnable; the help, cancel and idle
/// overlays.
enum GoldenWalks {
    static let all: [@Sendable () -> [GoldenShot]] = [ticket, dossier, lookupAndHelp, staffLogin, helperMode]

    /// An ID card of a man born in 1950 (76 on the fixed day).
    static let card = "060050001234||Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021"
    static let youngCard = "060060001234||Trần Văn Bình|05031960|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021"
    static let lan = StaffIdentity(number: "NV001", name: "Nguyễn Thị Lan", role: .helper)

    static func ticket(number: Int, priority: PriorityReason? = nil) -> Ticket {
        Ticket(id: Int64(number), areaCode: "HT", day: ServiceDay(rawValue: "2026-11-25"),
               number: TicketNumber(prefix: "A", sequence: number), issuedAt: GoldenWalk.now, priority: priority)
    }

    static func ticket() -> [GoldenShot] {
        var w = GoldenWalk()
        w.shot("welcome", .welcome)
        w.send(.input(.key(.down)))
        w.shot("welcome-focus-second", .welcome)
        w.keys("8")
        w.shot("welcome-en", .welcome)
        w.keys("8")
        w.keys("1")
        w.shot("ticket-areas", .chooseArea(page: 0))
        w.keys("0")
        w.shot("overlay-help", .chooseArea(page: 0))
        w.keys("2")
        w.keys("5")
        w.shot("ticket-priority", .priorityChoice)
        w.keys("1")
        w.shot("ticket-priority-scan-no-scanner", .priorityScan)
        w.send(.scannerAvailable(true))
        w.keys("9")
        w.keys("51")
        w.shot("ticket-priority-scan", .priorityScan)
        w.send(.scanned("not a card"))
        w.shot("ticket-priority-scan-bad-card", .priorityScan)
        w.send(.scanned(youngCard))
        w.shot("ticket-areas-too-young", .chooseArea(page: 0))
        w.keys("51")
        w.send(.scanned(card))
        w.shot("ticket-areas-priority-elderly", .chooseArea(page: 0))
        w.keys("1")
        w.shot("ticket-issuing", .issuingTicket(areaCode: "HT"))
        let elderly = ticket(number: 7, priority: .elderly)
        w.send(.ticketIssued(elderly, wait: TicketWait(ahead: 3, minutes: 13)))
        w.shot("ticket-printing-priority", .ticket(elderly, print: .printing))
        w.send(.printFinished(ticketID: 7, success: true))
        w.shot("ticket-printed-priority", .ticket(elderly, print: .printed))
        w.keys("1")
        w.shot("welcome-after-ticket", .welcome)

        w.keys("1")
        w.keys("2")
        let plain = ticket(number: 12)
        w.send(.ticketIssued(plain, wait: TicketWait(ahead: 0, minutes: 0)))
        w.send(.printFinished(ticketID: 12, success: false))
        w.shot("ticket-print-failed", .ticket(plain, print: .failed))
        w.keys("1")
        w.keys("13")
        w.send(.ticketIssueFailed)
        w.shot("ticket-error", .ticketError)
        w.keys("1")
        w.send(.printerAvailable(false))
        w.keys("1")
        w.shot("ticket-areas-printer-away", .chooseArea(page: 0))
        return w.shots
    }

    static func dossier() -> [GoldenShot] {
        var w = GoldenWalk()
        w.keys("2")
        w.shot("dossier-areas", .procedureAreas(page: 0))
        w.keys("1")
        w.shot("dossier-procedures", .procedures(area: "HT", page: 0))
        w.keys("3")
        w.shot("journey-guide", .journey)
        if KioskApp.page(w.m).buttons.contains(where: { $0.key == "7" }) {
            w.keys("7")
            w.shot("journey-guide-read-on", .journey)
            w.keys("8")
        }
        w.keys("2")
        w.shot("journey-guide-printing", .journey)
        w.send(.guidePrinted(false))
        w.shot("journey-guide-print-failed", .journey)
        w.send(.guidePrinted(true))
        w.shot("journey-guide-printed", .journey)
        w.keys("1")
        w.shot("journey-identify", .journey)
        w.keys("1")
        w.shot("journey-scan-wait-no-scanner", .scanWait)
        w.send(.scannerAvailable(true))
        w.keys("9")
        w.keys("1")
        w.shot("journey-scan-wait", .scanWait)
        w.send(.scanned("hello"))
        w.shot("journey-scan-wait-bad-card", .scanWait)
        w.keys("2")
        w.shot("journey-identify-typing", .journey)
        w.keys("0600")
        w.shot("journey-identify-typed", .journey)
        w.keys("*")
        w.keys("1")
        w.send(.scanned(card))
        w.shot("journey-question-prefilled-name", .journey)
        w.keys("1")
        w.shot("journey-question-text-keyboard", .journey)
        w.keys("1")
        w.shot("journey-question-text-letters", .journey)
        w.keys("9")
        w.keys("8")
        w.shot("journey-question-text-tones", .journey)
        w.keys("9")
        w.keys("7")
        w.shot("journey-question-text-numbers", .journey)
        w.enter()
        w.keys("*")
        w.keys("2")
        w.shot("journey-question-prefilled-id", .journey)
        w.keys("1")
        w.shot("journey-question-digits", .journey)
        w.enter()
        w.shot("journey-question-prefilled-address", .journey)
        w.keys("0")
        w.shot("overlay-help-question", .journey)
        w.keys("2")
        w.keys("2")
        w.shot("journey-question-choice", .journey)
        w.keys("1")
        w.shot("journey-question-text-empty", .journey)
        w.keys("1")
        w.keys("1134")
        w.shot("journey-question-text-typed", .journey)
        w.enter()
        w.keys("1")
        w.shot("journey-question-date", .journey)
        w.keys("1")
        w.keys("0503")
        w.shot("journey-question-date-typing", .journey)
        w.keys("2027")
        w.enter()
        w.shot("journey-question-date-error", .journey)
        w.send(.input(.key(.backspace)))
        w.keys("6")
        w.enter()
        w.keys("1")
        w.keys("Benh vien Ham Thuan")
        w.enter()
        w.keys("1")
        w.keys("Le Thi Hoa")
        w.enter()
        w.keys("*")
        w.shot("overlay-confirm-cancel", .journey)
        w.keys("2")
        w.keys("2")
        w.shot("journey-question-number", .journey)
        w.keys("1")
        w.keys("2")
        w.enter()
        w.shot("journey-review-1", .journey)
        w.keys("1")
        w.shot("journey-question-from-review", .journey)
        w.keys("2")
        w.keys("7")
        w.shot("journey-review-2", .journey)
        w.press("7", while: .journey, step: .review)
        w.shot("journey-consent", .journey)
        w.send(.tick(now: GoldenWalk.now, uptime: w.m.uptime + 91))
        w.shot("overlay-idle-warning", .journey)
        w.keys("1")
        w.keys("1")
        w.shot("submitting", .submitting)
        let submitting = w
        let receipt = DossierReceipt(dossierCode: "261125010007", lookupCode: "482913",
                                     procedureTitle: LocalizedText(vi: "Đăng ký khai sinh", en: "Birth registration"),
                                     receivedAt: GoldenWalk.now, appointment: CivilDate(year: 2026, month: 11, day: 26)!,
                                     whereToGo: LocalizedText(vi: "Quầy số 1 hoặc số 2 – Hộ tịch", en: "Counter 1 or 2"))
        w.send(.dossierSubmitted(receipt))
        w.shot("receipt-printing", .submitted(receipt))
        w.send(.receiptPrinted(dossierCode: "261125010007", success: true))
        var printed = receipt
        printed.printed = .printed
        w.shot("receipt-printed", .submitted(printed))
        var shots = w.shots
        w = submitting
        w.shots = shots
        w.send(.dossierSubmitted(receipt), .receiptPrinted(dossierCode: "261125010007", success: false))
        var failed = receipt
        failed.printed = .failed
        w.shot("receipt-print-failed", .submitted(failed))
        shots = w.shots
        w = submitting
        w.shots = shots
        w.send(.dossierSubmitFailed)
        w.shot("submit-failed", .submitFailed)
        return w.shots
    }

    static func lookupAndHelp() -> [GoldenShot] {
        var w = GoldenWalk()
        w.keys("3")
        w.shot("lookup-code", .lookupCode)
        w.send(.scanned("https://example.com/not-a-receipt"))
        w.shot("lookup-code-bad-scan", .lookupCode)
        w.keys("123")
        w.enter()
        w.shot("lookup-code-error", .lookupCode)
        w.keys("456789012")
        w.enter()
        w.shot("lookup-secret", .lookupSecret(code: "123456789012"))
        w.keys("12")
        w.enter()
        w.shot("lookup-secret-error", .lookupSecret(code: "123456789012"))
        w.keys("3456")
        w.enter()
        w.shot("lookup-searching", .lookingUp)
        let searching = w
        let title = LocalizedText(vi: "Đăng ký khai sinh", en: "Birth registration")
        let results: [(String, DossierStatusView)] = [
            ("received", DossierStatusView(dossierCode: "123456789012", procedureTitle: title, status: .received,
                                           appointment: CivilDate(year: 2026, month: 11, day: 27), fresh: true)),
            ("needs-documents", DossierStatusView(dossierCode: "123456789012", procedureTitle: title, status: .needsDocuments,
                                                  missing: ["Giấy chứng sinh (bản chính)", "Bản sao \u{1B}[2Jgiấy kết hôn"],
                                                  fresh: true)),
            ("ready-offline", DossierStatusView(dossierCode: "123456789012", procedureTitle: title, status: .ready,
                                                appointment: CivilDate(year: 2026, month: 11, day: 26), fresh: false)),
            ("rejected", DossierStatusView(dossierCode: "123456789012", procedureTitle: title, status: .rejected, fresh: true)),
        ]
        for (name, status) in results {
            var r = searching
            r.shots = w.shots
            r.send(.lookupAnswered(status))
            r.shot("lookup-result-" + name, .lookupResult(status))
            w.shots = r.shots
        }
        w.send(.lookupAnswered(nil))
        w.shot("lookup-not-found", .lookupNotFound)
        w.keys("2")
        w.keys("0")
        w.shot("help-called", .helpCalled)
        w.send(.helpRecorded(false))
        w.shot("help-failed", .notice(titleKey: "help.title", bodyKey: "help.failed"))
        return w.shots
    }

    static func staffLogin() -> [GoldenShot] {
        var w = GoldenWalk()
        w.keys("***")
        w.shot("staff-number", .staffNumber)
        w.keys("N")
        w.enter()
        w.shot("staff-number-error", .staffNumber)
        w.keys("V001")
        w.enter()
        w.shot("staff-pin", .staffPIN(number: "NV001", method: .number))
        w.keys("4829")
        w.shot("staff-pin-typed", .staffPIN(number: "NV001", method: .number))
        w.keys("13")
        w.enter()
        w.shot("staff-checking", .staffChecking(number: "NV001", method: .number))
        w.send(.staffLoginResult(.wrongPIN(remaining: 2)))
        w.shot("staff-pin-wrong", .staffPIN(number: "NV001", method: .number))
        w.keys("482913")
        w.enter()
        w.send(.staffLoginResult(.locked(minutes: 30)))
        w.shot("staff-number-locked", .staffNumber)
        w.keys("*")
        w.send(.scanned("STAFF1|NV001|c2lnbmF0dXJl"))
        w.shot("staff-checking-badge", .staffChecking(number: nil, method: .badge))
        w.send(.badgeChecked(nil))
        w.shot("staff-number-bad-badge", .staffNumber)
        w.keys("*")
        w.send(.scanned("STAFF1|NV001|c2lnbmF0dXJl"), .badgeChecked("NV001"))
        w.shot("staff-pin-badge", .staffPIN(number: "NV001", method: .badge))
        w.keys("482913")
        w.enter()
        w.send(.staffLoginResult(.success(lan)))
        w.shot("helper-home", .helperHome)
        w.keys("2")
        w.shot("helper-help-calls-loading", .helperItems(.helpCalls))
        w.send(.helperItemsLoaded(.helpCalls, [HelperItem(id: 4, text: "09:12 Nộp hồ sơ – Đăng ký khai sinh, câu hỏi 3"),
                                              HelperItem(id: 5, text: "09:20 Lấy số \u{1B}]52;c;eA==\u{07}thứ tự")]))
        w.shot("helper-help-calls", .helperItems(.helpCalls))
        w.keys("1")
        w.send(.helperActed(LocalizedText(vi: "Đã nhận yêu cầu hỗ trợ 4.", en: "Help call 4 taken.")))
        w.shot("helper-help-calls-acted", .helperItems(.helpCalls))
        w.keys("/")
        w.shot("helper-home-status", .helperHome)
        w.keys("3")
        w.send(.helperItemsLoaded(.deadLetters, (1...8).map { HelperItem(id: Int64($0), text: "Hồ sơ 26112501000\($0): máy chủ từ chối (422)") }))
        w.shot("helper-dead-letters", .helperItems(.deadLetters))
        w.keys("7")
        w.shot("helper-dead-letters-2", .helperItems(.deadLetters))
        w.keys("/")
        w.keys("4")
        w.send(.helperItemsLoaded(.alerts, []))
        w.shot("helper-alerts-empty", .helperItems(.alerts))
        w.keys("/")
        w.keys("5")
        w.shot("helper-reprint", .helperReprint)
        w.keys("12")
        w.enter()
        w.shot("helper-reprint-error", .helperReprint)
        w.keys("3456789012")
        w.enter()
        w.shot("helper-home-reprinting", .helperHome)
        w.keys("1")
        w.shot("helper-dossier-areas", .procedureAreas(page: 0))
        return w.shots
    }

    static func helperMode() -> [GoldenShot] {
        var w = GoldenWalk()
        w.send(.scannerAvailable(true))
        w.keys("2")
        w.keys("1")
        w.keys("3")
        w.keys("01")
        w.shot("help-called-from-journey", .helpCalled)
        w.keys("***")
        w.shot("staff-number-from-help", .staffNumber)
        w.keys("NV001")
        w.enter()
        w.keys("482913")
        w.enter()
        w.send(.staffLoginResult(.success(lan)))
        w.shot("helper-journey-guide", .journey)
        w.keys("/")
        w.shot("helper-home-journey", .helperHome)
        w.keys("1")
        w.keys("1")
        w.keys("1")
        w.send(.scanned(card))
        w.shot("helper-journey-question", .journey)
        w.keys("1")
        w.shot("helper-journey-typing", .journey)
        w.keys("h")
        w.enter()
        w.shot("helper-override-reason", .overrideReason(questionID: "applicant_full_name", raw: "Nguyễn Văn Anh"))
        w.keys("3")
        w.keys("2")   // the ID number from the card
        w.keys("2")   // the address from the card
        w.keys("1")   // the mother
        w.keys("1")
        w.keys("Tran Minh Khoi")
        w.enter()
        w.keys("1")   // a boy
        w.keys("1")
        w.keys("05032026")
        w.enter()
        w.keys("1")
        w.keys("Tram y te xa Ham Thuan Nam")
        w.enter()
        w.keys("1")
        w.keys("Nguyen Thi Hoa")
        w.enter()
        w.keys("2")   // no father on the certificate
        w.keys("1")
        w.keys("0")
        w.enter()
        w.shot("helper-journey-review", .journey)
        w.press("7", while: .journey, step: .review)
        w.shot("helper-attachments", .attachments)
        w.keys("1")
        w.shot("helper-attachment-files-listing", .attachmentFiles(attachmentID: "birth_certificate"))
        w.send(.inboxListed(["scan-2026-11-25-0912.pdf", "scan-2026-11-25-0905.pdf"]))
        w.shot("helper-attachment-files", .attachmentFiles(attachmentID: "birth_certificate"))
        w.keys("1")
        w.shot("helper-attachment-saving", .attachmentFiles(attachmentID: "birth_certificate"))
        w.send(.attached(attachmentID: "birth_certificate", file: "scan-2026-11-25-0912.pdf", error: nil))
        w.shot("helper-attachments-one-scanned", .attachments)
        w.keys("2")
        w.send(.inboxListed([]))
        w.shot("helper-attachment-files-empty", .attachmentFiles(attachmentID: "applicant_id_card"))
        w.keys("1")
        w.shot("helper-attachments-original", .attachments)
        w.keys("4")
        w.send(.inboxListed(["scan-2026-11-25-0912.pdf"]), .attached(attachmentID: "power_of_attorney", file: nil,
                                                                      error: LocalizedText(vi: "Tệp không đọc được.", en: "Unreadable file.")))
        w.shot("helper-attachment-error", .attachmentFiles(attachmentID: "power_of_attorney"))
        w.keys("9")
        w.keys("7")
        w.shot("helper-assisted-summary", .assistedSummary)
        w.keys("2")
        w.shot("helper-citizen-unable", .citizenUnable)
        w.keys("9")
        w.keys("1")
        w.shot("helper-consent", .journey)
        w.keys("1")
        w.shot("helper-submitting", .submitting)
        return w.shots
    }
}
