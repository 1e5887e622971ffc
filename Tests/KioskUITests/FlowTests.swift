import Foundation
import KioskContent
import KioskCore
import KioskTestSupport
import KioskTerminal
import KioskUI
import Testing

/// The interface split by flow: update never draws, a key means what the
/// frame drawn last showed, speech follows the drawn page, and help calls
/// still name where the person was.
@Suite struct FlowTests {
    func kiosk() -> KioskModel { GoldenWalk().m }

    @Test func theProbeCountsThePagesAndLayoutsOfAView() {
        let probe = ViewProbe()
        let m = kiosk()
        ViewProbe.$current.withValue(probe) { _ = KioskApp.view(m) }
        #expect(probe.count >= 2, "a view builds at least a page and its layout; the probe saw \(probe.count)")
        let outside = ViewProbe()
        _ = KioskApp.view(m)
        #expect(outside.count == 0)
    }

    @Test func aKeyMeansWhatTheFrameDrawnLastShowed() {
        // Never drawn: the key finds no button (update does not draw the page to find one).
        let (blind, commands) = KioskApp.update(kiosk(), key("1"))
        #expect(blind.screen == .welcome)
        #expect(commands.isEmpty)
        // Drawn, as the program does after every message: 1 is "take a ticket".
        var m = drawn(kiosk())
        #expect(m.keymap.button(forKey: "1")?.action == .takeTicket)
        (m, _) = KioskApp.update(m, key("1"))
        #expect(m.screen == .ticketFlow(.chooseArea(page: 0)))
        // The welcome screen's keymap still holds: 1 would take a ticket again; drawn, it is the first area.
        #expect(KioskApp.update(m, key("1")).0.screen == .chooseArea(page: 0))
        #expect(KioskApp.update(drawn(m), key("1")).1 == [.issueTicket(areaCode: "HT")])
    }

    @Test func aStaffListLongerThanAScreenTurnsItsPages() {
        var msgs: [Msg] = [key("*"), key("*"), key("*")] + "NV001".map { key($0) } + [.input(.key(.enter))]
        msgs += "482913".map { key($0) } + [.input(.key(.enter)), .staffLoginResult(.success(GoldenWalks.lan)), key("3"),
                                           .helperItemsLoaded(.deadLetters, (1...8).map { HelperItem(id: Int64($0), text: "Hồ sơ \($0)") })]
        var (m, _) = run(kiosk(), msgs)
        #expect(m.screen == .helperItems(.deadLetters))
        #expect(drawn(m).keymap.button(forKey: "1")?.action == .helperActOn(1))
        (m, _) = run(m, [key("7")])
        #expect(drawn(m).keymap.button(forKey: "1")?.action == .helperActOn(7))
        #expect(drawn(m).keymap.button(forKey: "2")?.action == .helperActOn(8))
        var commands: [Command] = []
        (m, commands) = run(m, [key("2")])
        #expect(commands == [.helperAct(.deadLetters, id: 8, staff: "NV001")])
        (m, _) = run(m, [key("8")])
        #expect(drawn(m).keymap.button(forKey: "1")?.action == .helperActOn(1))
    }

    @Test func theOldScreenNamesAreTheFlowsScreens() {
        #expect(Screen.journey == .dossierFlow(.journey))
        #expect(Screen.staffNumber == .helperMode(.staffNumber))
        #expect(Screen.chooseArea(page: 2) == .ticketFlow(.chooseArea(page: 2)))
        #expect(Screen.lookupSecret(code: "123456789012") == .lookupFlow(.lookupSecret(code: "123456789012")))
        #expect(Screen.helpCalled == .helpFlow(.helpCalled))
        #expect("\(Screen.chooseArea(page: 0))" == "chooseArea(page: 0)")
        #expect("\(Screen.welcome)" == "welcome")
    }

    @Test func aHelpCallNamesWhereThePersonWas() {
        var (m, commands) = run(kiosk(), [key("1"), key("0"), key("1")])
        #expect(m.screen == .helpCalled)
        #expect(commands.contains(.callHelp(context: "chooseArea(page: 0)")))
        (m, commands) = run(kiosk(), [key("2"), key("1"), key("4"), key("1"), key("0"), key("1")])
        #expect(commands.contains(.callHelp(context: "procedure 1.001193, identify")))
        var failed = kiosk()
        failed.screen = .submitFailed
        (m, commands) = run(failed, [key("2")])
        #expect(commands == [.callHelp(context: "submitFailed")])
    }

    @Test func speechSaysEachNewPageOnceAndNothingWhenOff() {
        let off = drawn(kiosk())
        let offFrame = KioskApp.render(off)
        #expect(KioskApp.speech(off, drawn: offFrame, before: off, was: offFrame) == nil)
        // # turns it on: the page is said although it did not change.
        let (on, _) = KioskApp.update(off, key("#"))
        let onFrame = KioskApp.render(on)
        let words = KioskApp.speech(on, drawn: onFrame, before: off, was: offFrame)
        #expect(words?.contains("Phím 1: Lấy số thứ tự") == true)
        // A tick changes nothing said.
        let (ticked, _) = KioskApp.update(on, .tick(now: on.now, uptime: on.uptime + 1))
        #expect(KioskApp.speech(ticked, drawn: KioskApp.render(ticked), before: on, was: onFrame) == nil)
        // A new page is said.
        let (areas, _) = KioskApp.update(drawn(on), key("1"))
        let said = KioskApp.speech(areas, drawn: KioskApp.render(areas), before: on, was: onFrame)
        #expect(said?.contains("Hộ tịch") == true)
    }

    /// Random keys, taps, scans, ticks and answers through every flow: update never builds a page or a
    /// layout, and a new session never keeps the last one's journey or staff member.
    /// Rerun a failure with `KIOSK_TEST_SEED=<seed>` (printed).
    @Test func randomWalksNeverDrawInUpdateNorLeakASession() {
        let seed = TestSeed.seed("randomWalksNeverDrawInUpdateNorLeakASession")
        var rng = SplitMix64(seed: seed)
        var m = kiosk()
        m.settings.scannerAvailable = true
        let keys = Array("0123456789*#/") + ["\r"]
        let scans = [GoldenWalks.card, GoldenWalks.youngCard, "OSK1|261125010007|482913", "STAFF1|NV001|c2ln", "junk"]
        var sessions = Set<String>()
        var flows = Set<String>()
        for step in 0..<3000 {
            let frame = KioskApp.render(m)
            m.keymap = frame.keymap
            let msg: Msg
            switch rng.next() % 20 {
            case 0..<11:
                let c = keys[Int(rng.next() % UInt64(keys.count))]
                msg = c == "\r" ? .input(.key(.enter)) : key(c)
            case 11, 12:
                let rects = frame.keymap.buttonRects + frame.keymap.footerRects
                guard let r = rects.isEmpty ? nil : rects[Int(rng.next() % UInt64(rects.count))] else { continue }
                msg = .input(.mouse(MouseEvent(kind: .press, button: 0, column: r.x + r.width / 2, row: r.y + r.height / 2)))
            case 13:
                msg = [.input(.key(.escape)), .input(.key(.down)), .input(.key(.up))][Int(rng.next() % 3)]
            case 14:
                msg = .scanned(scans[Int(rng.next() % UInt64(scans.count))])
            case 15:
                msg = .tick(now: m.now, uptime: m.uptime + Double(rng.next() % 60))
            default:
                msg = answer(to: m, &rng)
            }
            flows.insert(String(describing: m.screen.flowName))
            let probe = ViewProbe()
            let before = m
            m = ViewProbe.$current.withValue(probe) { KioskApp.update(before, msg).0 }
            #expect(probe.count == 0, "seed \(seed), step \(step): update built \(probe.count) pages for \(msg) on \(before.screen)")
            if m.session.id != before.session.id {
                #expect(m.session.journey == nil && m.session.helper == nil && m.screen == .welcome,
                        "seed \(seed), step \(step): session \(m.session.id) starts with the last one's state")
                sessions.insert(m.session.id)
            }
        }
        #expect(sessions.count >= 3, "seed \(seed): only \(sessions.count) sessions ended in 3000 steps")
        #expect(flows == ["welcome", "ticket", "dossier", "lookup", "help", "helper"], "seed \(seed): the walk saw only \(flows)")
    }

    /// What the kiosk would answer on the screen the walk is on.
    func answer(to m: KioskModel, _ rng: inout SplitMix64) -> Msg {
        let ok = rng.next() % 4 != 0
        switch m.screen {
        case .ticketFlow(.issuingTicket(let area)):
            return ok ? .ticketIssued(Ticket(id: 1, areaCode: area, day: ServiceDay(rawValue: "2026-11-25"),
                                             number: TicketNumber(prefix: "A", sequence: 1), issuedAt: m.now),
                                      wait: TicketWait(ahead: 2, minutes: 9)) : .ticketIssueFailed
        case .dossierFlow(.submitting):
            return ok ? .dossierSubmitted(DossierReceipt(dossierCode: "261125010007", lookupCode: "482913",
                                                         procedureTitle: LocalizedText(vi: "Đăng ký khai sinh"), receivedAt: m.now,
                                                         appointment: CivilDate(year: 2026, month: 11, day: 26)!,
                                                         whereToGo: LocalizedText(vi: "Quầy 1")))
                : .dossierSubmitFailed
        case .lookupFlow(.lookingUp):
            return .lookupAnswered(ok ? DossierStatusView(dossierCode: "261125010007", procedureTitle: LocalizedText(vi: "Khai sinh"),
                                                          status: .processing, fresh: true) : nil)
        case .helperMode(.staffChecking(nil, .badge)):
            return .badgeChecked(ok ? "NV001" : nil)
        case .helperMode(.staffChecking):
            return .staffLoginResult(ok ? .success(GoldenWalks.lan) : .wrongPIN(remaining: 3))
        case .helpFlow(.helpCalled):
            return .helpRecorded(ok)
        case .helperMode(.attachmentFiles):
            return .inboxListed(ok ? ["scan-1.pdf"] : [])
        default:
            return [.printerAvailable(ok), .scannerAvailable(ok), .printFinished(ticketID: 1, success: ok),
                    .guidePrinted(ok)][Int(rng.next() % 4)]
        }
    }
}

extension Screen {
    /// Which flow the screen belongs to.
    var flowName: String {
        switch self {
        case .welcome: return "welcome"
        case .ticketFlow: return "ticket"
        case .dossierFlow: return "dossier"
        case .lookupFlow: return "lookup"
        case .helpFlow: return "help"
        case .helperMode: return "helper"
        }
    }
}
