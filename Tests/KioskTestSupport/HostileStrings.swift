/// Issue 14's table of hostile strings, one table for every test that puts them where they are
/// displayed, printed or sent: C0 and C1 controls, OSC 52 (clipboard), `ESC[21t` (title report),
/// DECRQSS, a 1 MB line, U+202E, zero-width joiners, 10,000 combining marks, and invalid UTF-8
/// (as Swift reads it: replacement characters).
public enum HostileStrings {
    public static let table: [(name: String, value: String)] = [
        ("c0", String((0x01...0x1F).map { Character(UnicodeScalar($0)) }) + "\u{7F}"),
        ("c1", String((0x80...0x9F).map { Character(UnicodeScalar($0)!) })),
        ("osc52", "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}"),
        ("title-report", "\u{1B}[21t"),
        ("decrqss", "\u{1B}P$qm\u{1B}\\"),
        ("one-mb-line", String(repeating: "A", count: 1 << 20)),
        ("rlo", "\u{202E}nàhN nễyugN"),
        ("zwj", "N\u{200D}g\u{200D}u\u{200D}y\u{200C}ễ\u{FEFF}n"),
        ("combining", "a" + String(repeating: "\u{0301}", count: 10_000)),
        ("invalid-utf8", String(decoding: [0x4E, 0xC3, 0x28, 0xFF, 0xFE, 0x80], as: UTF8.self)),
    ]
}
