import Foundation
import KioskContent
import KioskCore
import KioskTerminal
import KioskUI
import Testing

/// Golden screens: the text (and the colours) of every screen a citizen or a
/// staff member can reach, at 80×24, compared with checked-in files under
/// `Golden/screens/`. Each walk drives the interface through `KioskApp.update`
/// from a fixed model (fixed clock, the shipped content in `Kiosk/`), the way
/// the program does, and takes a shot where the screen is worth keeping.
///
/// A missing or different golden fails and leaves `NAME.actual.txt` (and
/// `NAME.actual.style.txt`) beside it. To accept what the code draws now:
///
/// ```sh
/// UPDATE_GOLDEN=1 KIOSK_BIN_DIR=$PWD/.build/debug swift test --skip-build --filter GoldenScreenTests
/// ```
///
/// `NAME.style.txt` has one letter a cell for the first of the theme's colour
/// pairs with its colours (`.` screen, `h` header, `b` button, `f` focused,
/// `i` hint, `g` success, `e` error, `n` big number, `y` footer key), upper
/// case when bold (`:` for bold screen text).
@Suite struct GoldenScreenTests {
    @Test func ticketScreens() { GoldenFiles.check(GoldenWalks.ticket()) }
    @Test func dossierScreens() { GoldenFiles.check(GoldenWalks.dossier()) }
    @Test func lookupAndHelpScreens() { GoldenFiles.check(GoldenWalks.lookupAndHelp()) }
    @Test func staffLoginScreens() { GoldenFiles.check(GoldenWalks.staffLogin()) }
    @Test func helperModeScreens() { GoldenFiles.check(GoldenWalks.helperMode()) }
    @Test func communeScreens() { GoldenFiles.check(GoldenWalks.commune()) }

    /// Every golden file belongs to a shot (a renamed shot leaves no stale file), and no two shots share a name.
    @Test func everyGoldenFileHasItsShot() throws {
        let shots = GoldenWalks.all.flatMap { $0() }
        let names = shots.map(\.name)
        #expect(Set(names).count == names.count, "two shots share a name")
        #expect(names.count >= 60, "only \(names.count) golden screens")
        let files = try FileManager.default.contentsOfDirectory(atPath: GoldenFiles.directory.path)
            .filter { $0.hasSuffix(".txt") && !$0.contains(".actual.") }
        let expected = Set(names.flatMap { [$0 + ".txt", $0 + ".style.txt"] })
        for file in files where !expected.contains(file) {
            Issue.record("Golden/screens/\(file) belongs to no shot: delete it, or take the shot again")
        }
    }
}

/// One screen as drawn: its text and its colours.
struct GoldenShot {
    var name: String
    var text: String
    var styles: String
    var sourceLocation: SourceLocation
}

/// A walk through the interface: messages in, shots out.
struct GoldenWalk {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let content = ContentBundle.load(from: root.appendingPathComponent("Kiosk")).0
    /// 2026-11-25 05:00 in Hà Nội time.
    static let now = Date(timeIntervalSince1970: 1_795_568_400)

    var m: KioskModel
    var shots: [GoldenShot] = []

    init() {
        m = KioskModel(content: Self.content, size: Size(columns: 80, rows: 24), now: Self.now, uptime: 100, demo: false)
        m.session.greeted = true   // the arrival announcement is said, not drawn
    }

    /// One message, as the program delivers it: to the model holding the keymap of its frame.
    /// Update builds no page for it (the probe counts pages and layouts built).
    mutating func send(_ msgs: Msg..., sourceLocation: SourceLocation = #_sourceLocation) {
        for msg in msgs {
            let model = drawn(m)
            let probe = ViewProbe()
            m = ViewProbe.$current.withValue(probe) { KioskApp.update(model, msg).0 }
            #expect(probe.count == 0, "update built \(probe.count) pages or layouts for \(msg)", sourceLocation: sourceLocation)
        }
    }

    /// Keys of the keypad or keyboard, one character each.
    mutating func keys(_ text: String) { for c in text { send(.input(.key(.character(c)))) } }

    mutating func enter() { send(.input(.key(.enter))) }

    /// Records the screen as it is drawn now, after checking it is the screen the walk means.
    mutating func shot(_ name: String, _ expected: Screen, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(m.screen == expected, "\(name): on \(m.screen)", sourceLocation: sourceLocation)
        let buffer = KioskApp.view(m)
        shots.append(GoldenShot(name: name, text: GoldenFiles.text(buffer), styles: GoldenFiles.styles(buffer, theme: m.theme),
                                sourceLocation: sourceLocation))
    }

    /// Presses `key` until the screen is no longer `screen` (at most `limit` times).
    mutating func press(_ key: Character, while screen: Screen, step: Journey.Step? = nil, limit: Int = 8) {
        for _ in 0..<limit where m.screen == screen && (step == nil || m.session.journey?.step == step) {
            keys(String(key))
        }
    }
}

enum GoldenFiles {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/screens")

    /// One line a row, trailing spaces trimmed.
    static func text(_ buffer: CellBuffer) -> String {
        buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// One letter a cell for its colour pair, upper case when bold; trailing plain cells trimmed.
    static func styles(_ buffer: CellBuffer, theme: Theme) -> String {
        let letters: [String: Character] = ["screen": ".", "header": "h", "title": "t", "button": "b", "buttonKey": "k",
                                            "focused": "f", "focusedKey": "k", "hint": "i", "success": "g", "error": "e",
                                            "bigNumber": "n", "footerKey": "y"]
        var rows: [String] = []
        for y in 0..<buffer.size.rows {
            var row = ""
            for x in 0..<buffer.size.columns {
                let style = buffer[x, y].style
                let pair = theme.pairs.first { $0.1.foreground == style.foreground && $0.1.background == style.background }
                var c = pair.flatMap { letters[$0.0] } ?? "?"
                if style.bold { c = c == "." ? ":" : Character(c.uppercased()) }
                if style.underline { c = "_" }
                row.append(c)
            }
            while row.last == "." { row.removeLast() }
            rows.append(row)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    static func check(_ shots: [GoldenShot]) {
        #expect(!shots.isEmpty)
        for shot in shots {
            compare(shot.name, ".txt", shot.text, shot.sourceLocation)
            compare(shot.name, ".style.txt", shot.styles, shot.sourceLocation)
        }
    }

    static func compare(_ name: String, _ suffix: String, _ actual: String, _ location: SourceLocation) {
        let file = directory.appendingPathComponent(name + suffix)
        let actualFile = directory.appendingPathComponent(name + ".actual" + suffix)
        if updating {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                try? FileManager.default.removeItem(at: actualFile)
            } catch {
                Issue.record("cannot write \(file.path): \(error)", sourceLocation: location)
            }
            return
        }
        let accept = "if the new screen is right, accept it with UPDATE_GOLDEN=1 swift test --filter GoldenScreenTests"
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
            Issue.record("no golden file \(file.path); the screen drawn now is in \(actualFile.lastPathComponent); \(accept)",
                         sourceLocation: location)
            return
        }
        guard expected != actual else {
            try? FileManager.default.removeItem(at: actualFile)
            return
        }
        try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let row = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let want = row < e.count ? String(e[row]) : "(end)", got = row < a.count ? String(a[row]) : "(end)"
        Issue.record("""
            \(name)\(suffix) differs from its golden at row \(row + 1):
              golden: \(want)
              now:    \(got)
            the screen drawn now is in \(actualFile.lastPathComponent); \(accept)
            """, sourceLocation: location)
    }
}
