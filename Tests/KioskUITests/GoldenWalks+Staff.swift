import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskUI
import Testing

/// The walks of the lookup, help and staff screens.
extension GoldenWalks {
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
            ("official-date", DossierStatusView(dossierCode: "123456789012", procedureTitle: title, status: .processing,
                                                appointment: CivilDate(year: 2026, month: 11, day: 27),
                                                officialDate: CivilDate(year: 2026, month: 11, day: 30), fresh: true)),
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
        w.keys("8")
        w.shot("helper-reprint-form", .helperReprintForm)
        w.keys("261125010007")
        w.enter()
        w.shot("helper-home-reprinting-form", .helperHome)
        w.send(.helperActed(LocalizedText(vi: "Máy in A4 chưa in được tờ khai. Xin kiểm tra giấy và máy in, rồi in lại.",
                                          en: "The A4 printer could not print the form.")))
        w.shot("helper-home-form-failed", .helperHome)
        w.keys("1")
        w.shot("helper-dossier-areas", .procedureAreas(page: 0))
        return w.shots
    }

    static func helperMode() -> [GoldenShot] {
        var w = GoldenWalk()
        w.send(.scannerAvailable(true))
        w.keys("2")
        w.keys("1")
        w.keys("4")
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
