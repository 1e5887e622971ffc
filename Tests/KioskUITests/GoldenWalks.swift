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
/// helpCalled, notice, staffNumber, staffPIN, staffChecking, helperHome, helperItems, helperReprint, helperReprintForm,
/// overrideReason, attachments, attachmentFiles, assistedSummary, citizenUnable; the help, cancel and idle
/// overlays.
enum GoldenWalks {
    static let all: [@Sendable () -> [GoldenShot]] = [ticket, dossier, lookupAndHelp, staffLogin, helperMode, commune]

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
        w.keys("#")
        w.shot("welcome-speech-on", .welcome)
        w.keys("+")
        w.shot("welcome-speech-louder", .welcome)
        w.keys("#")
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
        w.keys("2")
        w.shot("ticket-print-failed-staff-called", .ticket(plain, print: .failed))
        w.send(.tick(now: GoldenWalk.now, uptime: w.m.screenSince + KioskApp.codeScreenCap - 12))
        w.shot("ticket-closing-warning", .ticket(plain, print: .failed))
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
        w.keys("7")
        w.shot("dossier-procedures-page-2", .procedures(area: "HT", page: 1))
        w.keys("8")
        w.keys("4")
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
        // A procedure with an official form: the slip printed, the A4 printer out of paper.
        w = submitting
        w.shots = shots
        var withForm = receipt
        withForm.form = .printing
        w.send(.dossierSubmitted(withForm), .receiptPrinted(dossierCode: "261125010007", success: true))
        var slipOut = withForm
        slipOut.printed = .printed
        w.shot("receipt-form-printing", .submitted(slipOut))
        w.send(.formPrinted(dossierCode: "261125010007", success: true))
        var formOut = slipOut
        formOut.form = .printed
        w.shot("receipt-form-printed", .submitted(formOut))
        shots = w.shots
        w = submitting
        w.shots = shots
        w.send(.dossierSubmitted(withForm), .receiptPrinted(dossierCode: "261125010007", success: true),
               .formPrinted(dossierCode: "261125010007", success: false))
        var formFailed = slipOut
        formFailed.form = .failed
        w.shot("receipt-form-failed", .submitted(formFailed))
        shots = w.shots
        w = submitting
        w.shots = shots
        w.send(.dossierSubmitFailed)
        w.shot("submit-failed", .submitFailed)
        return w.shots
    }
}
