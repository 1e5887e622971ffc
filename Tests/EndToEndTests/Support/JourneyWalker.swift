import Foundation
import KioskTestSupport
import Testing

/// One step of a citizen's way through kioskd, written once and walked two ways: with the numeric
/// keypad only (digits and Enter) or with taps only (SGR mouse reports).
enum JourneyStep: Sendable {
    /// A button on screen: its key and (the start of) its label, e.g. `("2", "Nộp hồ sơ")`.
    case press(String, String)
    /// Digits into the open number pad (an ID number, a date as ddmmyyyy, a count), then Xong.
    case digits(String)
    /// Letters into the open letter pad, in Telex (`"taam"` gives "Tâm"), then Xong.
    case letters(String)

    /// The letter pad's groups, in the order of their keys 1–6, as the screen shows them.
    static let letterGroups = ["A Ă Â B C D", "Đ E Ê G H I", "K L M N O Ô", "Ơ P Q R S T", "U Ư V X Y", "F J W Z"]

    /// The group (1-based key and its label) and the position in it (1-based key) of a plain letter.
    static func keys(of letter: Character) -> (group: Int, groupLabel: String, index: Int, letter: String)? {
        let l = String(letter).uppercased()
        for (g, label) in letterGroups.enumerated() {
            if let i = label.split(separator: " ").firstIndex(of: Substring(l)) { return (g + 1, label, i + 1, l) }
        }
        return nil
    }
}

/// The steps of a screen, to write a journey one screen a line.
extension [JourneyStep] {
    static func press(_ key: String, _ label: String) -> [JourneyStep] { [.press(key, label)] }
    /// A text answer: open the letter pad, type, Xong.
    static func text(_ telex: String) -> [JourneyStep] { [.press("1", "Nhập câu trả lời"), .letters(telex)] }
    /// A number, date, ID or phone answer: open the number pad, type, Xong.
    static func number(_ digits: String) -> [JourneyStep] { [.press("1", "Nhập câu trả lời"), .digits(digits)] }
    /// Identification by typing the ID number (the scanner has its own journeys).
    static var typedID: [JourneyStep] { [.press("2", "Nhập số căn cước"), .digits("060150001234")] }
    /// The ID number question, prefilled from the identification: correct, continue.
    static var idPrefilled: [JourneyStep] { [.press("2", "Đúng rồi, tiếp tục")] }
    /// The review (`pages` of it: six answers a page, "Trang sau" between) and the consent.
    static func reviewAndConsent(pages: Int) -> [JourneyStep] {
        Array(repeating: JourneyStep.press("7", "Trang sau"), count: pages - 1)
            + [JourneyStep.press("7", "Đúng hết, tiếp tục"), JourneyStep.press("1", "Tôi đồng ý và nộp hồ sơ")]
    }
}

enum JourneyWalkError: Error, CustomStringConvertible {
    case notOnTheKeypad(Character)
    case tapChangedNothing(String, screen: String)

    var description: String {
        switch self {
        case .notOnTheKeypad(let c): return "'\(c)' is not a letter of the keypad's groups"
        case .tapChangedNothing(let t, let s): return "tapping '\(t)' changed nothing on the screen:\n\(s)"
        }
    }
}

extension Tmux {
    /// Walks the steps with the keypad only: each step's keys, with the existing tiny pause between
    /// keys (kioskd reads them in order; the steps' screens are checked by what is finally submitted).
    func walkByDigits(_ steps: [JourneyStep]) throws {
        var keys: [String] = []
        for step in steps {
            switch step {
            case .press(let key, _):
                keys.append(key)
            case .digits(let digits):
                keys += digits.map { String($0) } + ["Enter"]
            case .letters(let telex):
                for c in telex {
                    guard let k = JourneyStep.keys(of: c) else { throw JourneyWalkError.notOnTheKeypad(c) }
                    keys += ["\(k.group)", "\(k.index)"]
                }
                keys.append("Enter")
            }
        }
        for key in keys {
            try send(key)
            Thread.sleep(forTimeInterval: 0.08)
        }
    }

    /// Walks the steps with taps only: each tap waits for its target on screen, taps its middle, and
    /// then waits for the screen to change, so the next tap sees the next screen.
    func walkByTaps(_ steps: [JourneyStep]) throws {
        for step in steps {
            switch step {
            case .press(let key, let label):
                try tapText("\(key)   \(label)")
            case .digits(let digits):
                for d in digits { try tapText("\(d)   \(d)") }
                try tapText("↵   Xong")
            case .letters(let telex):
                for c in telex {
                    guard let k = JourneyStep.keys(of: c) else { throw JourneyWalkError.notOnTheKeypad(c) }
                    try tapText(k.groupLabel)
                    try tapText("\(k.index)   \(k.letter)")   // the letter panel replaced the groups
                }
                try tapText("↵   Xong")
            }
        }
    }

    /// Taps `text` once it is on screen, then waits until the screen (below the clock's line) changed.
    func tapText(_ text: String, timeout: TimeInterval = 10) throws {
        func body(_ screen: String) -> Substring { screen.drop { $0 != "\n" } }   // the first line holds the clock
        let before = try waitFor(text)
        let at = try #require(try locate(text), "'\(text)' not on screen")
        try tap(column: at.column + DisplayWidthOf(text) / 2, row: at.row)
        var after = before
        guard TestEnvironment.waitUntil(timeout: timeout, {
            after = (try? capture()) ?? before
            return body(after) != body(before)
        }) else { throw JourneyWalkError.tapChangedNothing(text, screen: after) }
    }
}
