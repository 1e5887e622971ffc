/// A 3×5 block font for the ticket number, drawn with full blocks two cells
/// wide per pixel so it reads from a distance.
enum BigFont {
    static let height = 5
    static let glyphWidth = 6   // 3 pixels × 2 cells
    static let spacing = 1

    static let glyphs: [Character: [String]] = [
        "0": ["###", "#.#", "#.#", "#.#", "###"],
        "1": [".#.", "##.", ".#.", ".#.", "###"],
        "2": ["###", "..#", "###", "#..", "###"],
        "3": ["###", "..#", "###", "..#", "###"],
        "4": ["#.#", "#.#", "###", "..#", "..#"],
        "5": ["###", "#..", "###", "..#", "###"],
        "6": ["###", "#..", "###", "#.#", "###"],
        "7": ["###", "..#", "..#", "..#", "..#"],
        "8": ["###", "#.#", "###", "#.#", "###"],
        "9": ["###", "#.#", "###", "..#", "###"],
        "-": ["...", "...", "###", "...", "..."],
        "A": [".#.", "#.#", "###", "#.#", "#.#"],
        "B": ["##.", "#.#", "##.", "#.#", "##."],
        "C": ["###", "#..", "#..", "#..", "###"],
        "D": ["##.", "#.#", "#.#", "#.#", "##."],
        "E": ["###", "#..", "##.", "#..", "###"],
        "F": ["###", "#..", "##.", "#..", "#.."],
        "G": ["###", "#..", "#.#", "#.#", "###"],
        "H": ["#.#", "#.#", "###", "#.#", "#.#"],
        "K": ["#.#", "#.#", "##.", "#.#", "#.#"],
        "L": ["#..", "#..", "#..", "#..", "###"],
        "M": ["#.#", "###", "###", "#.#", "#.#"],
        "N": ["##.", "#.#", "#.#", "#.#", "#.#"],
        "P": ["###", "#.#", "###", "#..", "#.."],
        "S": ["###", "#..", "###", "..#", "###"],
        "T": ["###", ".#.", ".#.", ".#.", ".#."],
        "U": ["#.#", "#.#", "#.#", "#.#", "###"],
        "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
    ]

    /// Width in cells of `text` rendered in the big font.
    static func width(_ text: String) -> Int {
        let n = text.count
        return n == 0 ? 0 : n * glyphWidth + (n - 1) * spacing
    }

    /// True when every character has a glyph.
    static func canRender(_ text: String) -> Bool {
        text.allSatisfy { glyphs[$0] != nil }
    }

    /// Five rows of text made of "█" and spaces.
    static func rows(_ text: String) -> [String] {
        (0..<height).map { row in
            text.map { ch -> String in
                let pattern = glyphs[ch]?[row] ?? "..."
                return pattern.map { $0 == "#" ? "██" : "  " }.joined()
            }.joined(separator: String(repeating: " ", count: spacing))
        }
    }
}
