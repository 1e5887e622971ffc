import Foundation
import KioskContent
import KioskCore
public import KioskTerminal
import KioskUI
public import Testing

/// Every screen of every shipped procedure fits from 48×14 to 160×50, and no
/// text is cut without a way to see it.
@Suite struct LayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = ContentBundle.load(from: root.appendingPathComponent("Kiosk")).0
    static let sizes = [Size(columns: 48, rows: 14), Size(columns: 64, rows: 20), Size(columns: 80, rows: 24),
                        Size(columns: 100, rows: 30), Size(columns: 160, rows: 50)]

    /// The pages of a whole journey: guide, identify, every question (in every editor state) and review, consent.
    static func journeyModels(_ p: Procedure, size: Size) -> [KioskModel] {
        var m = KioskModel(content: content, size: size, now: Date(timeIntervalSince1970: 1_795_568_400), uptime: 10, demo: false)
        var j = Journey(procedure: p, dossierID: "test")
        let today = CivilDate(year: 2026, month: 11, day: 25)!
        j.identify(Applicant(idNumber: "060150001234", fullName: "Nguyễn Thị Phương Thảo", dateOfBirth: CivilDate(year: 1950, month: 3, day: 5),
                             isFemale: true, address: "Thôn Lâm Giang, xã Hàm Thạnh, huyện Hàm Thuận Nam, tỉnh Bình Thuận", source: .cccdQR),
                   today: today)
        var out: [KioskModel] = []
        m.screen = .journey
        for step in [Journey.Step.guide, .identify] {
            j.step = step
            m.session.journey = j
            out.append(m)
        }
        for q in p.questions {
            j.step = .question(q.id)
            m.session.journey = j
            m.session.editor = nil
            out.append(m)
            if ![.choice, .yesno].contains(q.type) {
                m.session.editor = FieldEditor(kind: q.type == .date ? .date : (q.type == .text || q.type == .address ? .text : .digits(maxLength: 12)),
                                               initial: "Nguyễn Thị Phương Thảo")
                out.append(m)
                m.session.editor = nil
            }
            // A long answer for the review.
            let long = q.options.first?.value ?? (q.type == .date ? "05/03/1950" : q.type == .number ? "2"
                : q.type == .phone ? "0912345678" : q.type == .citizenID ? "060150001234" : "Thôn Lâm Giang, xã Hàm Thạnh, tỉnh Lâm Đồng")
            _ = j.answer(q.id, raw: long, today: today)
        }
        for page in 0..<4 {
            j.step = .review
            m.session.journey = j
            m.session.listPage = page
            out.append(m)
        }
        j.step = .consent
        m.session.journey = j
        out.append(m)
        return out
    }

    func check(_ m: KioskModel, _ what: String) {
        let page = KioskApp.page(m)
        let layout = PageLayout(page: page, size: m.size)
        #expect(!layout.overflow, "\(what) at \(m.size.columns)×\(m.size.rows): buttons do not fit")
        let screen = KioskApp.view(m).lines.joined(separator: "\n")
        for (i, lines) in layout.buttonLines.enumerated() where layout.buttonRects[i].height >= lines.count {
            for line in lines { #expect(screen.contains(line), "\(what): button text '\(line)' not shown") }
        }
        #expect(layout.buttonLines.enumerated().allSatisfy { layout.buttonRects[$0.offset].height >= $0.element.count || page.columns > 1 },
                "\(what): a button label is cut")
        // Keyboard keys (grids): the whole label on one line.
        if page.columns > 1 {
            for (i, r) in layout.buttonRects.enumerated() {
                #expect(DisplayWidth.of(page.buttons[i].label) <= r.width - 7, "\(what): key '\(page.buttons[i].label)' is cut")
            }
        }
        // Text that does not fit comes with a way to read on.
        if layout.hiddenTextLines > 0 {
            #expect(page.buttons.contains { $0.action == .nextPage }, "\(what): text hidden without 'read on'")
        }
        for r in layout.buttonRects { #expect(r.maxX <= m.size.columns && r.maxY <= m.size.rows - 1) }
    }

    @Test(arguments: sizes)
    func everyJourneyScreenFits(size: Size) {
        #expect(Self.content.procedures.count >= 6)
        for p in Self.content.procedures {
            for m in Self.journeyModels(p, size: size) {
                check(m, "\(p.slug) \(m.session.journey?.step ?? .guide) editor=\(m.session.editor != nil)")
            }
        }
    }

    @Test(arguments: sizes)
    func listScreensFit(size: Size) {
        for screen: Screen in [.welcome, .chooseArea(page: 0), .procedureAreas(page: 0)] + Self.content.services.areas.map({ .procedures(area: $0.code, page: 0) }) {
            var m = KioskModel(content: Self.content, size: size, now: Date(), uptime: 10, demo: false)
            m.screen = screen
            check(m, "\(screen)")
        }
    }

    @Test func readingOnShowsTheRestOfALongGuide() {
        let p = Self.content.procedures.max { $0.guide.bring.count < $1.guide.bring.count }!
        var m = Self.journeyModels(p, size: Size(columns: 48, rows: 14))[0]
        var seen = Set<String>()
        for _ in 0..<40 {
            let page = KioskApp.page(m)
            seen.formUnion(page.lines)
            guard page.buttons.contains(where: { $0.key == "7" }) else { break }
            (m, _) = KioskApp.update(drawn(m), .input(.key(.character("7"))))
        }
        let width = 48 - 4
        var all: [String] = []
        for b in p.guide.bring { all += KioskTestWrap.wrap("• " + b.vi, width: width) }
        for line in all { #expect(seen.contains(line), "guide line never shown: \(line)") }
    }
}

extension Size: CustomTestStringConvertible {
    public var testDescription: String { "\(columns)×\(rows)" }
}

/// Same wrapping as the layout, for the test's expectations.
enum KioskTestWrap {
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
