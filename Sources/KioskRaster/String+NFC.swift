import Foundation
import KioskCore

extension String {
    /// Unicode Normalization Form C: `"e\u{0302}\u{0301}"` (e + circumflex + acute) → `"ế"`.
    ///
    /// ```swift
    /// "Vie\u{0323}\u{0302}t".nfc == "Việt"   // true
    /// ```
    var nfc: String { precomposedNFC }
}
