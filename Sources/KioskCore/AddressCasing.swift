import Foundation

/// The small letters of a typed address: proper names keep their capitals, while the words that
/// name the kind of unit ("xã", "huyện", "thành phố"…) are written small when they begin a later
/// comma-separated part. In the first part only the field's first letter stays a capital: the
/// rest of a multi-word unit there is small ("Thành phố Hồ Chí Minh", "Tổ dân phố 5").
/// A unit word anywhere else is part of a name or of the text and is left alone ("Bến Thành").
///
/// ```swift
/// AddressCasing.apply(to: "Thôn 3, Xã Hàm Thạnh, Thành Phố Phan Thiết, Tỉnh Lâm Đồng")
/// // "Thôn 3, xã Hàm Thạnh, thành phố Phan Thiết, tỉnh Lâm Đồng"
/// AddressCasing.apply(to: "Phường Bến Thành")   // unchanged
/// ```
public enum AddressCasing {
    /// The units, as they begin a part: one word or several, lower case, NFC.
    public static let units: [[String]] = [
        ["xã"], ["phường"], ["tỉnh"], ["huyện"], ["quận"], ["thôn"], ["ấp"], ["bản"], ["buôn"], ["làng"],
        ["tổ"], ["khu"], ["số"], ["đường"], ["ngõ"], ["hẻm"], ["kiệt"],
        ["thị", "trấn"], ["thị", "xã"], ["thành", "phố"], ["khu", "phố"], ["đặc", "khu"], ["tổ", "dân", "phố"],
    ].map { $0.map(\.precomposedNFC) }

    /// The words of `text` to write small, as ranges of Character offsets: the longest unit that
    /// begins each comma-separated part, all of its words in later parts, all but the first in the
    /// first part. Only whole words match, so "Thành" alone or "Thị Trấn" cut short is left.
    public static func unitWords(in text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var offset = 0
        for (index, part) in text.precomposedNFC.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            var words: [(range: Range<Int>, word: String)] = []
            var word = ""
            var start = offset
            for (i, c) in part.enumerated() {
                if c.isWhitespace {
                    if !word.isEmpty { words.append((start..<offset + i, word.lowercased())) }
                    word = ""
                } else {
                    if word.isEmpty { start = offset + i }
                    word.append(c)
                }
            }
            if !word.isEmpty { words.append((start..<offset + part.count, word.lowercased())) }
            let leading = words.map(\.word)
            if let unit = units.filter({ leading.starts(with: $0) }).max(by: { $0.count < $1.count }) {
                result += words.prefix(unit.count).dropFirst(index == 0 ? 1 : 0).map(\.range)
            }
            offset += part.count + 1
        }
        return result
    }

    /// `text` with its unit words (see `unitWords(in:)`) in small letters.
    public static func apply(to text: String) -> String {
        var chars = Array(text.precomposedNFC)
        for range in unitWords(in: text) {
            for i in range { chars[i] = Character(chars[i].lowercased()) }
        }
        return String(chars)
    }
}
