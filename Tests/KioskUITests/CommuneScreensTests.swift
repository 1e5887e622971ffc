import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskTestSupport
import KioskUI
import Testing

/// Issue 17 on screen: the words and dates of the guide and the slip, the procedures staff do at the
/// counter, split communes, priority, speech and the keyboard.
@Suite struct CommuneScreensTests {
    func text(_ m: KioskModel) -> String { KioskApp.view(m).lines.joined(separator: "\n") }

    /// The first screen (the guide) of procedure `code`.
    func guide(_ code: String) throws -> KioskModel {
        var m = model()
        m.session.journey = Journey(procedure: try #require(shippedContent.procedure(code: code)), dossierID: "x")
        m.screen = .journey
        return m
    }

    /// Fixed error (on screen): "0 ngày làm việc" on the guide. It says "trong ngày" with the cut-off,
    /// names the fee as a phí, and shows the result and the legal basis.
    @Test func theGuideSaysWithinTheDayNotZeroWorkingDays() throws {
        let shown = text(try guide("2.000815"))
        #expect(!shown.contains("0 ngày làm việc"))
        let all = KioskApp.page(try guide("2.000815")).lines.joined(separator: " ")
        #expect(all.contains("Thời hạn giải quyết: trong ngày; nộp sau 15:00 thì nhận vào ngày làm việc tiếp theo."))
        #expect(all.contains("Phí chứng thực: 2.000 đồng/trang từ trang 1"))
        #expect(!all.contains("Lệ phí: "))
        #expect(all.contains("Kết quả: Bản sao có chứng thực từ bản chính."))
        #expect(all.contains("Căn cứ: Nghị định 23/2015/NĐ-CP"))
        let mediation = KioskApp.page(try guide("1.012812")).lines.joined(separator: " ")
        #expect(mediation.contains("không quá 30 ngày (tính cả thứ Bảy, Chủ nhật, ngày lễ)"))
    }

    /// A procedure staff do in a few minutes offers "lấy số" first, instead of a long interview.
    @Test func takeANumberIsTheFirstChoiceForACounterProcedure() throws {
        var m = try guide("2.000815")
        let page = KioskApp.page(m)
        #expect(page.buttons.first?.label == "Lấy số, cán bộ làm ngay tại quầy")
        #expect(page.buttons.map(\.label).contains("Khai trước tại máy"))
        var cmds: [Command] = []
        (m, cmds) = run(m, [key("1")])
        #expect(cmds.contains(.issueTicket(areaCode: "CT")))
        #expect(m.screen == .issuingTicket(areaCode: "CT"))
        #expect(m.session.journey == nil)
        // A procedure that needs the interview starts with it.
        #expect(KioskApp.page(try guide("1.001193")).buttons.first?.label == "Bắt đầu khai")
    }

    /// A combined procedure says, on its guide, which procedures one interview covers.
    @Test func aCombinedProcedureListsItsParts() throws {
        let lines = KioskApp.page(try guide("9.170003")).lines.joined(separator: "\n")
        #expect(lines.contains("Một lần khai cho 3 thủ tục:"))
        #expect(lines.contains("• Đăng ký thường trú (Công an xã)"))
        #expect(lines.contains("• Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi (Bảo hiểm xã hội)"))
    }

    /// Fixed error: the kiosk's printout and screen presented the date as the official one. The date is
    /// an estimate; the receiving official sets the official one.
    @Test func theSubmittedScreenMarksTheDateAsAnEstimate() {
        var m = model()
        let r = DossierReceipt(dossierCode: "261125010007", lookupCode: "482913", procedureTitle: LocalizedText(vi: "Đăng ký khai sinh"),
                               receivedAt: m.now, appointment: CivilDate(year: 2026, month: 11, day: 26)!,
                               whereToGo: LocalizedText(vi: "Quầy số 1"))
        m.screen = .submitted(r)
        let lines = KioskApp.page(m).lines.joined(separator: " ")
        #expect(lines.contains("Ngày hẹn trả dự kiến: 26/11/2026 (ước tính)"))
        #expect(lines.contains("giấy tiếp nhận hồ sơ"))
        #expect(!lines.contains("Ngày hẹn trả kết quả: "))
    }

    /// The lookup shows the official date the central system reports; before that, the estimate, said to be one.
    @Test func theLookupShowsTheOfficialDateOnceSet() {
        var m = model()
        let title = LocalizedText(vi: "Đăng ký khai sinh")
        let estimate = DossierStatusView(dossierCode: "261125-01-0007", procedureTitle: title, status: .received,
                                         appointment: CivilDate(year: 2026, month: 11, day: 26), fresh: true)
        m.screen = .lookupResult(estimate)
        #expect(KioskApp.page(m).lines.contains("Ngày hẹn trả dự kiến: 26/11/2026 (chưa phải ngày chính thức)"))
        var official = estimate
        official.officialDate = CivilDate(year: 2026, month: 11, day: 30)
        m.screen = .lookupResult(official)
        let lines = KioskApp.page(m).lines
        #expect(lines.contains("Ngày hẹn trả kết quả (chính thức): 30/11/2026"))
        #expect(!lines.joined().contains("26/11/2026"))
    }

    /// The review and the slip give the fee the answers make: certified copies by page count.
    @Test func theReviewGivesTheFeeForThePagesAndCopies() throws {
        let p = try #require(shippedContent.procedure(code: "2.000815"))
        var m = model()
        var j = Journey(procedure: p, dossierID: "x")
        let today = CivilDate(year: 2026, month: 11, day: 25)!
        _ = j.answer("page_count", raw: "5", today: today)
        _ = j.answer("copies", raw: "2", today: today)
        j.step = .review
        m.session.journey = j
        m.screen = .journey
        #expect(KioskApp.page(m).lines.contains("Phí chứng thực dự tính: 14.000 đồng (cán bộ thu tại quầy)."))
    }

    /// Priority categories include people with meritorious service and children under 6 with a parent;
    /// the age is configurable.
    @Test func priorityIncludesMeritoriousServiceAndChildrenUnderSix() {
        var (m, cmds) = run(model(), [key("1"), key("5")])
        let labels = KioskApp.page(m).buttons.map(\.label)
        #expect(labels.contains("Người có công với cách mạng"))
        #expect(labels.contains("Đi cùng con dưới 6 tuổi"))
        #expect(KioskApp.page(m).lines.joined().contains("người đưa trẻ em dưới 6 tuổi"))
        (m, _) = run(m, [key("4")])
        #expect(text(m).contains("Số ưu tiên: người có công với cách mạng"))
        (m, cmds) = run(model(), [key("1"), key("5"), key("5"), key("1")])
        #expect(cmds.contains(.issueTicket(areaCode: "HT", priority: .child)))
        var five = model()
        five.content.services.queue.priorityChildAge = 5
        (m, _) = run(five, [key("1"), key("5")])
        #expect(KioskApp.page(m).buttons.map(\.label).contains("Đi cùng con dưới 5 tuổi"))
    }

    /// The letter keys are at least two rows tall, on every text question of every procedure, at 80×24.
    @Test func letterKeysAreTwoRowsTallAndFit80x24() throws {
        for p in shippedContent.procedures {
            for q in p.questions where q.type == .text || q.type == .address {
                var m = model()
                var j = Journey(procedure: p, dossierID: "x")
                j.step = .question(q.id)
                m.session.journey = j
                m.screen = .journey
                var editor = FieldEditor(kind: .text, initial: "")
                for level in ["", "1", "9", "8", "9", "7"] {
                    if let c = level.first { _ = editor.handle(.character(c)) }
                    m.session.editor = editor
                    let page = KioskApp.page(m)
                    let layout = PageLayout(page: page, size: m.size)
                    #expect(!layout.overflow, "\(p.slug) \(q.id) level '\(level)'")
                    #expect(layout.buttonRects.allSatisfy { $0.height >= 2 }, "\(p.slug) \(q.id) level '\(level)': \(layout.buttonRects)")
                    #expect(layout.buttonRects.allSatisfy { $0.maxY <= 23 })
                    #expect(page.columns == 3)
                }
            }
        }
    }

    /// Fixed error: the elderly were asked to photograph the screen. A failed print offers to call staff to
    /// write the number down, and the number stays on screen.
    @Test func aFailedPrintOffersStaffToWriteTheNumberDown() {
        let t = Ticket(id: 12, areaCode: "HT", day: ServiceDay(rawValue: "2026-11-25"),
                       number: TicketNumber(prefix: "A", sequence: 12), issuedAt: Date())
        var (m, cmds) = run(model(), [key("1"), key("1"), .ticketIssued(t), .printFinished(ticketID: 12, success: false)])
        #expect(!text(m).contains("chụp ảnh"))
        #expect(KioskApp.page(m).buttons.map(\.label) == ["Xong", "Gọi cán bộ ghi số giúp"])
        (m, cmds) = run(m, [key("2")])
        #expect(cmds == [.callHelp(context: "write down ticket A-012")])
        #expect(m.screen == .ticket(t, print: .failed))
        #expect(text(m).contains("A-012"))
        #expect(text(m).contains("Đã báo cán bộ"))
        for key in UIStrings.keys { #expect(!shippedContent.strings[key, .vi].contains("chụp ảnh"), "\(key)") }
    }

    /// "Bấm phím thăng để nghe hướng dẫn" is said once, when a person arrives (their first key or tap),
    /// unless that key turned speech on.
    @Test func arrivalAnnouncesTheSpeechKeyOnce() {
        var fresh = model()
        fresh.session.greeted = false
        let arrival = Command.speak("Xin kính chào Ông/Bà. Bấm phím thăng để nghe hướng dẫn.", locale: .vi)
        var (m, cmds) = run(fresh, [key("1")])
        #expect(cmds == [arrival])
        (m, cmds) = run(m, [key("9"), key("1")])
        #expect(!cmds.contains(arrival))
        (m, cmds) = run(m, [key("*"), key("1")])   // cancelled: the next person arrives
        #expect(cmds.filter { $0 == arrival }.count == 1)
        (_, cmds) = run(fresh, [key("#")])
        #expect(cmds.isEmpty)
        #expect(text(fresh).contains("Bấm phím # (phím thăng) để nghe hướng dẫn bằng giọng nói."))
    }

    /// Volume keys + and -: ten percent a press, said at the new volume, shown beside the clock.
    @Test func volumeKeysChangeTheVolumeAndSayIt() {
        var (m, cmds) = run(model(), [key("#"), key("+")])
        #expect(m.volume == 70)
        #expect(cmds.suffix(2) == [.setVolume(70), .speak("Âm lượng 70 phần trăm", locale: .vi)])
        #expect(text(m).contains("🔊 70%"))
        #expect(KioskApp.page(m).footer.map(\.key).contains("+"))
        (m, _) = run(m, Array(repeating: key("-"), count: 12))
        #expect(m.volume == 10)
        // While typing, "-" is a character of the field.
        (m, _) = run(model(), [key("*"), key("*"), key("*"), key("-")])
        #expect(m.volume == 60)
    }

    /// English screens are spoken with an English voice, keys named in English.
    @Test func englishScreensAreSpokenWithAnEnglishVoice() async throws {
        final class Recorder: CommandRunner, @unchecked Sendable {
            let lock = NSLock()
            var commands: [Command] = []
            func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async { lock.withLock { commands.append(command) } }
            var said: [Command] { lock.withLock { commands } }
        }
        struct Screen80: TerminalOutput {
            var size: Size { Size(columns: 80, rows: 24) }
            func write(_ bytes: [UInt8]) {}
        }
        let recorder = Recorder()
        let program = KioskProgram(model: model(), output: Screen80(), runner: recorder, clock: ManualClock(), tickInterval: .seconds(3600))
        let (input, keys) = AsyncStream<InputEvent>.makeStream()
        keys.yield(.key(.character("8")))
        keys.yield(.key(.character("#")))
        keys.finish()
        await program.run(input: input)
        var english: String?
        for _ in 0..<200 where english == nil {
            english = recorder.said.compactMap { if case .speak(let t?, .en) = $0 { t } else { nil } }.first
            if english == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let words = try #require(english, "nothing was said in English: \(recorder.said)")
        #expect(words.hasPrefix("Welcome"))
        #expect(words.contains("Key 1: Take a queue ticket"))
        #expect(!recorder.said.contains { if case .speak(_?, .vi) = $0 { true } else { false } })
    }
}
