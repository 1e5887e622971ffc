import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskUI
import Testing

/// Helper mode in the pure interface: entry, banner, PIN masking, idle exit,
/// the session boundary, and the reason asked for changing ID-card values.
@Suite struct HelperModeTests {
    let lan = StaffIdentity(number: "NV001", name: "Nguyễn Thị Lan", role: .helper)
    static let content = ContentBundle.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Kiosk")).0

    /// The shipped content (procedures), so journeys can start.
    func kiosk() -> KioskModel {
        var m = KioskModel(content: Self.content, size: Size(columns: 80, rows: 24), now: Date(timeIntervalSince1970: 1_795_568_400),
                           uptime: 100, demo: false)
        m.session.greeted = true
        return m
    }

    func screenText(_ m: KioskModel) -> String { KioskApp.view(m).lines.joined(separator: "\n") }

    /// `* * *` on the welcome screen, the staff number, the PIN; returns the model on the checking screen.
    func loggingIn(_ m: KioskModel = model()) -> (KioskModel, [Command]) {
        var msgs: [Msg] = [key("*"), key("*"), key("*")]
        msgs += "NV001".map { key($0) } + [.input(.key(.enter))]
        msgs += "482913".map { key($0) } + [.input(.key(.enter))]
        return run(m, msgs)
    }

    func loggedIn(_ m: KioskModel = model()) -> KioskModel {
        let (m1, _) = loggingIn(m)
        return KioskApp.update(m1, .staffLoginResult(.success(lan))).0
    }

    @Test func threeStarsOpenTheStaffLoginAndThePINIsNeverShown() {
        var (m, cmds) = run(model(), [key("*"), key("*"), key("*")])
        #expect(m.screen == .staffNumber)
        #expect(cmds.isEmpty)
        (m, cmds) = run(m, "nv001".map { key($0) } + [.input(.key(.enter))])
        #expect(m.screen == .staffPIN(number: "NV001", method: .number))
        (m, _) = run(m, "4829".map { key($0) })
        let text = screenText(m)
        #expect(text.contains("●●●●"))
        #expect(!text.contains("4829"))
        (m, cmds) = run(m, "13".map { key($0) } + [.input(.key(.enter))])
        #expect(m.screen == .staffChecking(number: "NV001", method: .number))
        #expect(cmds == [.staffLogin(number: "NV001", pin: "482913", method: .number)])
    }

    @Test func twoStarsOrSlowStarsDoNothing() {
        var m = model()
        (m, _) = run(m, [key("*"), key("*")])
        #expect(m.screen == .welcome)
        m.uptime += 10
        (m, _) = run(m, [key("*")])
        #expect(m.screen == .welcome)
    }

    @Test func successShowsThePermanentBannerOnEveryScreen() {
        var m = loggedIn()
        #expect(m.screen == .helperHome)
        #expect(screenText(m).contains("CHẾ ĐỘ HỖ TRỢ – cán bộ: Nguyễn Thị Lan"))
        (m, _) = run(m, [key("1")])   // submit a dossier for a citizen
        #expect(m.screen == .procedureAreas(page: 0))
        #expect(screenText(m).contains("CHẾ ĐỘ HỖ TRỢ – cán bộ: Nguyễn Thị Lan"))
        #expect(screenText(m).contains("Menu cán bộ"))
        (m, _) = run(m, [key("/")])
        #expect(m.screen == .helperHome)
    }

    @Test func wrongPINAndLockShowPlainMessages() {
        let (checking, _) = loggingIn()
        let (wrong, _) = KioskApp.update(checking, .staffLoginResult(.wrongPIN(remaining: 2)))
        #expect(wrong.screen == .staffPIN(number: "NV001", method: .number))
        #expect(screenText(wrong).contains("Còn 2 lần thử"))
        let (locked, _) = KioskApp.update(checking, .staffLoginResult(.locked(minutes: 30)))
        #expect(locked.screen == .staffNumber)
        #expect(screenText(locked).contains("đang bị khóa"))
        #expect(locked.session.helper == nil)
    }

    @Test func helperModeEndsAfterFiveMinutesIdleAndTheNextSessionIsACitizens() {
        var m = loggedIn()
        #expect(m.settings.helperIdleSeconds == 300)
        let start = m.uptime
        var cmds: [Command] = []
        (m, cmds) = KioskApp.update(m, .tick(now: m.now.addingTimeInterval(269), uptime: start + 269))
        #expect(m.session.helper != nil)
        #expect(m.overlay == nil)
        (m, cmds) = KioskApp.update(m, .tick(now: m.now.addingTimeInterval(1), uptime: start + 271))
        #expect(m.overlay == .idleWarning)   // the last 30 s count down
        (m, cmds) = KioskApp.update(m, .tick(now: m.now.addingTimeInterval(30), uptime: start + 301))
        #expect(m.session.helper == nil)
        #expect(m.screen == .welcome)
        #expect(cmds.contains(.staffLogout(number: "NV001", reason: "idle")))
        #expect(cmds.contains(.wipeScreen))
        #expect(!screenText(m).contains("CHẾ ĐỘ HỖ TRỢ"))
        (m, _) = run(m, [key("2")])
        #expect(m.session.helper == nil)
        #expect(!screenText(m).contains("Menu cán bộ"))
    }

    @Test func theCitizensSessionEndingEndsHelperMode() {
        var m = loggedIn()
        var cmds: [Command] = []
        (m, cmds) = run(m, [key("6")])   // end assisted mode
        #expect(m.session.helper == nil)
        #expect(cmds.contains(.staffLogout(number: "NV001", reason: "exit")))
    }

    @Test func aBadgeScanAsksOnlyForThePIN() {
        var (m, cmds) = KioskApp.update(model(), .scanned("STAFF1|NV001|c2lnbmF0dXJl"))
        #expect(m.screen == .staffChecking(number: nil, method: .badge))
        #expect(cmds == [.checkBadge("STAFF1|NV001|c2lnbmF0dXJl")])
        (m, cmds) = KioskApp.update(m, .badgeChecked("NV001"))
        #expect(m.screen == .staffPIN(number: "NV001", method: .badge))
        let (refused, _) = KioskApp.update(KioskApp.update(model(), .scanned("STAFF1|X|Y")).0, .badgeChecked(nil))
        #expect(screenText(refused).contains("Thẻ cán bộ không hợp lệ"))
    }

    @Test func staffAnsweringAHelpCallKeepTheCitizensJourney() throws {
        var m = kiosk()
        (m, _) = run(m, [key("2"), key("1"), key("4"), key("1")])   // a citizen starts a birth registration
        #expect(m.session.journey != nil)
        (m, _) = KioskApp.update(m, .scanned("STAFF1|NV001|c2ln"))
        (m, _) = KioskApp.update(m, .badgeChecked("NV001"))
        (m, _) = run(m, "482913".map { key($0) } + [.input(.key(.enter))])
        (m, _) = KioskApp.update(m, .staffLoginResult(.success(lan)))
        #expect(m.screen == .journey)
        #expect(m.session.journey?.procedure.code == "1.001193")
        #expect(screenText(m).contains("CHẾ ĐỘ HỖ TRỢ"))
    }

    @Test func changingAValueFromTheIDCardAsksWhyAndIsAudited() throws {
        var m = loggedIn(kiosk())
        (m, _) = run(m, [key("1"), key("1"), key("4"), key("1")])
        let card = "060050001234||Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021"
        (m, _) = KioskApp.update(m, .scanned(card))
        guard case .question(let id) = m.session.journey?.step else { Issue.record("not on a question"); return }
        #expect(id == "applicant_full_name")
        var cmds: [Command] = []
        (m, cmds) = run(m, [key("1"), key("h"), .input(.key(.enter))])
        #expect(m.screen == .overrideReason(questionID: "applicant_full_name", raw: "Nguyễn Văn Anh"))
        #expect(!cmds.contains { if case .saveAnswer = $0 { return true } else { return false } })
        (m, cmds) = run(m, [key("3")])
        #expect(m.session.journey?.value("applicant_full_name") == .text("Nguyễn Văn Anh"))
        let override = try #require(m.session.helper?.overrides["applicant_full_name"])
        #expect(override.original == "Nguyễn Văn An")
        #expect(override.reason.contains("Người dân yêu cầu sửa"))
        let audits = cmds.compactMap { if case .audit(let e) = $0 { return e } else { return nil } }
        #expect(audits.map(\.action) == ["helper.field_set", "helper.override"])
        #expect(audits.last?.hashed["original"] == "Nguyễn Văn An")
        #expect(audits.last?.details["original"] == nil)   // never in clear
    }
}

/// Priority tickets: elderly (age from the scanned ID card), disability, pregnancy.
@Suite struct PriorityTicketTests {
    func kiosk() -> KioskModel {
        var m = KioskModel(content: HelperModeTests.content, size: Size(columns: 80, rows: 24),
                           now: Date(timeIntervalSince1970: 1_795_568_400), uptime: 100, demo: false)
        m.settings.scannerAvailable = true
        return m
    }

    func text(_ m: KioskModel) -> String { KioskApp.view(m).lines.joined(separator: "\n") }

    /// The ID number carries the birth year (digits 5-6, 1900s for a man), so it follows the date.
    static func card(born: String) -> String {
        "0600\(born.suffix(2))001234||Nguyễn Văn An|\(born)|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021"
    }

    @Test func aPregnantWomanAsksForPriorityAndGetsIt() {
        var (m, cmds) = run(kiosk(), [key("1")])
        #expect(text(m).contains("Tôi thuộc diện ưu tiên"))
        (m, _) = run(m, [key("5")])   // after the four areas
        #expect(m.screen == .priorityChoice)
        #expect(text(m).contains("Người từ 75 tuổi trở lên"))
        (m, _) = run(m, [key("3")])
        #expect(m.screen == .chooseArea(page: 0))
        #expect(text(m).contains("Số ưu tiên: phụ nữ mang thai"))
        (m, cmds) = run(m, [key("1")])
        #expect(cmds.contains(.issueTicket(areaCode: "HT", priority: .pregnancy)))
    }

    @Test func elderlyPriorityNeedsTheIDCardToSay75OrMore() {
        var (m, _) = run(kiosk(), [key("1"), key("5"), key("1")])
        #expect(m.screen == .priorityScan)
        (m, _) = KioskApp.update(m, .scanned(Self.card(born: "05031950")))   // 76 on 2026-11-20
        #expect(m.session.priority == .elderly)
        var cmds: [Command] = []
        (m, cmds) = run(m, [key("2")])
        #expect(cmds.contains(.issueTicket(areaCode: "CT", priority: .elderly)))

        var young = run(kiosk(), [key("1"), key("5"), key("1")]).0
        young = KioskApp.update(young, .scanned(Self.card(born: "05031960"))).0
        #expect(young.session.priority == nil)
        #expect(young.screen == .chooseArea(page: 0))
        #expect(text(young).contains("chưa đủ 75 tuổi"))
    }

    @Test func withoutAScannerTheAgeCannotBeCheckedAndTheCitizenIsToldSo() {
        var m = kiosk()
        m.settings.scannerAvailable = false
        (m, _) = run(m, [key("1"), key("5"), key("1")])
        #expect(text(m).contains("Máy quét đang không sẵn sàng"))
        (m, _) = run(m, [key("1")])   // take an ordinary ticket
        #expect(m.screen == .chooseArea(page: 0))
        #expect(m.session.priority == nil)
    }

    @Test func theTicketScreenShowsTheWait() {
        let t = Ticket(id: 1, areaCode: "HT", day: ServiceDay(rawValue: "2026-11-20"), number: TicketNumber(prefix: "A", sequence: 4),
                       issuedAt: Date(timeIntervalSince1970: 1_795_568_400))
        let (m, _) = run(kiosk(), [key("1"), key("1"), .ticketIssued(t, wait: TicketWait(ahead: 3, minutes: 13))])
        #expect(text(m).contains("Trước Ông/Bà còn 3 người. Ước tính chờ khoảng 15 phút."))
    }
}

@Suite struct GuidePrintTests {
    @Test func theGuideCanBePrintedToTakeHome() {
        var m = KioskModel(content: HelperModeTests.content, size: Size(columns: 80, rows: 24),
                           now: Date(timeIntervalSince1970: 1_795_568_400), uptime: 100, demo: false)
        var cmds: [Command] = []
        (m, _) = run(m, [key("2"), key("1"), key("4")])
        #expect(KioskApp.view(m).lines.joined().contains("In hướng dẫn mang về"))
        (m, cmds) = run(m, [key("2")])
        #expect(cmds.contains(.printGuide(procedureCode: "1.001193")))
        (m, _) = KioskApp.update(m, .guidePrinted(true))
        #expect(KioskApp.view(m).lines.joined(separator: "\n").contains("nhận bản hướng dẫn"))
        (m, _) = run(m, [key("1")])   // then the journey goes on
        #expect(m.session.journey?.step == .identify)
    }
}
