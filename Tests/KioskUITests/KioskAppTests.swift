import Foundation
import KioskContent
import KioskCore
import KioskTerminal
public import KioskUI
public import Testing

/// The shipped content (`Kiosk/`): every screen's words come from its locale files.
let shippedContent = ContentBundle.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Kiosk")).0

func model(_ size: Size = Size(columns: 80, rows: 24), demo: Bool = true) -> KioskModel {
    var m = KioskModel(content: shippedContent, size: size, now: Date(timeIntervalSince1970: 1_795_568_400),
                       uptime: 100, demo: demo)
    m.session.greeted = true   // the arrival announcement has its own test
    return m
}

func key(_ c: Character) -> Msg { .input(.key(.character(c))) }

/// The model as the program holds it after drawing it: with the keymap of its frame
/// (what a key or a tap means on the screen shown).
func drawn(_ m: KioskModel) -> KioskModel {
    var m = m
    m.keymap = KioskApp.render(m).keymap
    return m
}

/// Applies messages in order, drawing before each as the program does; returns the final model and every command issued.
func run(_ m: KioskModel, _ msgs: [Msg]) -> (KioskModel, [Command]) {
    var m = m
    var all: [Command] = []
    for msg in msgs {
        let (next, cmds) = KioskApp.update(drawn(m), msg)
        m = next
        all += cmds
    }
    return (m, all)
}

/// Taps the centre of the button whose label contains `label`.
func tap(_ m: KioskModel, _ label: String) -> Msg? {
    let page = KioskApp.page(m)
    let layout = PageLayout(page: page, size: m.size)
    let rects = layout.buttonRects + layout.footerRects
    guard let i = page.allButtons.firstIndex(where: { $0.label.contains(label) }) else { return nil }
    let r = rects[i]
    return .input(.mouse(MouseEvent(kind: .press, button: 0, column: r.x + r.width / 2, row: r.y + r.height / 2)))
}

@Suite struct KioskAppTests {
    @Test func welcomeShowsTheFourNumberedButtons() {
        let page = KioskApp.page(model())
        #expect(page.buttons.map(\.key) == ["1", "2", "3", "0"])
        #expect(page.buttons.map(\.label) == ["Lấy số thứ tự", "Nộp hồ sơ", "Tra cứu hồ sơ", "Gọi cán bộ hỗ trợ"])
        let screen = KioskApp.view(model()).lines.joined(separator: "\n")
        for label in page.buttons.map(\.label) { #expect(screen.contains(label)) }
    }

    @Test func keypadOneThenAreaIssuesATicketCommand() {
        let (m, cmds) = run(model(), [key("1"), key("2")])
        #expect(m.screen == .issuingTicket(areaCode: "CT"))
        #expect(cmds.contains(.issueTicket(areaCode: "CT")))
    }

    @Test func tapsDoTheSameAsKeys() throws {
        var m = model()
        (m, _) = KioskApp.update(drawn(m), try #require(tap(m, "Lấy số thứ tự")))
        #expect(m.screen == .chooseArea(page: 0))
        let (after, cmds) = KioskApp.update(drawn(m), try #require(tap(m, "Đất đai")))
        #expect(after.screen == .issuingTicket(areaCode: "DD"))
        #expect(cmds.contains(.issueTicket(areaCode: "DD")))
    }

    @Test func arrowsAndEnterWork() {
        let (m, cmds) = run(model(), [.input(.key(.enter)), .input(.key(.down)), .input(.key(.down)), .input(.key(.enter))])
        #expect(m.screen == .issuingTicket(areaCode: "DD"))
        #expect(cmds.contains(.issueTicket(areaCode: "DD")))
    }

    @Test func ticketScreenShowsTheNumberAndPrintOutcome() {
        let t = Ticket(id: 9, areaCode: "HT", day: ServiceDay(rawValue: "2026-11-25"),
                       number: TicketNumber(prefix: "A", sequence: 12), issuedAt: Date())
        var (m, _) = run(model(), [key("1"), key("1"), .ticketIssued(t)])
        #expect(m.screen == .ticket(t, print: .printing))
        (m, _) = KioskApp.update(m, .printFinished(ticketID: 9, success: false))
        #expect(m.screen == .ticket(t, print: .failed))
        let text = KioskApp.view(m).lines.joined(separator: "\n")
        #expect(text.contains("A-012"))
        #expect(text.contains("Máy in đang gặp sự cố"))
        // A late answer for another ticket changes nothing.
        let (same, _) = KioskApp.update(m, .printFinished(ticketID: 1, success: true))
        #expect(same.screen == m.screen)
    }

    /// Fixed error: the ticket screen left after 45 s, under an inactivity overlay, whether or not the number
    /// was copied. A screen with a code stays until Xong, at most two minutes, says so for the last 20 s,
    /// and nothing covers the code.
    @Test func codeScreenStaysUntilXongWithATwoMinuteCapAndA20SecondWarning() {
        let t = Ticket(id: 1, areaCode: "HT", day: ServiceDay(rawValue: "2026-11-25"),
                       number: TicketNumber(prefix: "A", sequence: 1), issuedAt: Date())
        var (m, _) = run(model(), [key("1"), key("1"), .ticketIssued(t), .printFinished(ticketID: 1, success: false)])
        let shown = m.screenSince
        func at(_ s: TimeInterval) { (m, _) = KioskApp.update(m, .tick(now: m.now, uptime: shown + s)) }
        at(KioskApp.codeScreenCap - KioskApp.codeScreenWarning - 1)
        #expect(m.screen == .ticket(t, print: .failed))
        #expect(m.overlay == nil, "an inactivity overlay would hide the number")
        #expect(!KioskApp.view(m).lines.joined().contains("trở về trang đầu"))
        at(KioskApp.codeScreenCap - KioskApp.codeScreenWarning)
        let warned = KioskApp.view(m).lines.joined(separator: "\n")
        #expect(warned.contains("A-001"))
        #expect(warned.contains("Màn hình sẽ trở về trang đầu sau 20 giây"))
        at(KioskApp.codeScreenCap - 1)
        #expect(KioskApp.view(m).lines.joined().contains("sau 1 giây"))
        #expect(m.screen == .ticket(t, print: .failed))
        at(KioskApp.codeScreenCap)
        #expect(m.screen == .welcome)
        // Xong ends it at once.
        var (done, _) = run(model(), [key("1"), key("1"), .ticketIssued(t)])
        (done, _) = run(done, [key("1")])
        #expect(done.screen == .welcome)
    }

    @Test func backAndCancelKeys() {
        var (m, _) = run(model(), [key("1"), key("9")])
        #expect(m.screen == .welcome)
        (m, _) = run(model(), [key("2"), key("*")])
        #expect(m.screen == .welcome)
    }

    @Test func ctrlCQuitsOnlyInDemoMode() {
        let (_, demoCmds) = run(model(demo: true), [.input(.key(.control("c")))])
        #expect(demoCmds == [.quit])
        let (_, kioskCmds) = run(model(demo: false), [.input(.key(.control("c")))])
        #expect(kioskCmds.isEmpty)
        let (_, exitCmds) = run(model(demo: false), [.input(.key(.control("]"))), key("q")])
        #expect(exitCmds == [.quit])
        let (_, notExit) = run(model(demo: false), [.input(.key(.control("]"))), key("1"), key("q")])
        #expect(!notExit.contains(.quit))
    }

    @Test func englishToggle() {
        let (m, _) = run(model(), [key("8")])
        #expect(m.locale == .en)
        #expect(KioskApp.page(m).buttons.first?.label == "Take a queue ticket")
    }

    @Test(arguments: [Size(columns: 48, rows: 14), Size(columns: 80, rows: 24), Size(columns: 100, rows: 30),
                      Size(columns: 160, rows: 50)])
    func everyScreenFitsAndEveryButtonIsVisible(size: Size) {
        let t = Ticket(id: 1, areaCode: "VHXH", day: ServiceDay(rawValue: "2026-11-25"),
                       number: TicketNumber(prefix: "D", sequence: 123), issuedAt: Date())
        let screens: [Screen] = [.welcome, .chooseArea(page: 0), .ticket(t, print: .failed), .ticketError,
                                 .notice(titleKey: "help.title", bodyKey: "help.failed"), .procedureAreas(page: 0), .lookupCode]
        for screen in screens {
            var m = model(size)
            m.screen = screen
            let page = KioskApp.page(m)
            let layout = PageLayout(page: page, size: size)
            #expect(layout.buttonRects.count == page.buttons.count, "\(screen) at \(size)")
            for r in layout.buttonRects {
                #expect(r.x >= 0 && r.maxX <= size.columns && r.y >= 1 && r.maxY <= size.rows - 1, "\(screen) \(r) at \(size)")
            }
            // Buttons do not overlap each other or the footer.
            let all = layout.buttonRects + layout.footerRects
            for (i, a) in all.enumerated() {
                for b in all[(i + 1)...] { #expect(a.maxY <= b.y || b.maxY <= a.y || a.maxX <= b.x || b.maxX <= a.x) }
            }
            let lines = KioskApp.view(m).lines.joined(separator: "\n")
            for b in page.buttons { #expect(lines.contains(b.label), "'\(b.label)' hidden in \(screen) at \(size)") }
        }
    }
}

@Suite struct ThemeTests {
    @Test(arguments: Theme.all)
    func everyColourPairHasContrastOfAtLeastSevenToOne(theme: Theme) {
        for (name, pair) in theme.pairs {
            #expect(pair.contrast >= 7, "\(theme.name).\(name) is \(pair.contrast):1")
        }
    }

    @Test func contrastFormulaMatchesWCAG() {
        #expect(abs(RGB.contrast(RGB(0, 0, 0), RGB(255, 255, 255)) - 21) < 0.01)
        #expect(abs(RGB.contrast(RGB(hex: 0x777777), RGB(hex: 0xFFFFFF)) - 4.48) < 0.01)
    }

    @Test func invertedIsReallyInverted() {
        #expect(Theme.inverted.screen.background.relativeLuminance > Theme.highContrast.screen.background.relativeLuminance)
    }
}

extension Theme: CustomTestStringConvertible {
    public var testDescription: String { name }
}
