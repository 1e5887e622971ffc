/// An estimated wait: exact whole minutes and a friendly value for the screen and the ticket.
///
/// `roundedMinutes` is the nearest multiple of 5 (halves up), never below 5: a citizen told
/// "about 0 minutes" who then waits 3 feels misled. Wording ("khoảng 5 phút") belongs to the UI.
///
/// ```swift
/// WaitEstimate(minutes: 0).roundedMinutes    // 5
/// WaitEstimate(minutes: 12).roundedMinutes   // 10
/// WaitEstimate(minutes: 13).roundedMinutes   // 15
/// ```
public struct WaitEstimate: Hashable, Sendable, Codable {
    /// Whole minutes, ≥ 0 (rounded up from the model).
    public let minutes: Int
    /// `minutes` rounded to the nearest 5, at least 5.
    public let roundedMinutes: Int

    public init(minutes: Int) {
        self.minutes = max(0, minutes)
        self.roundedMinutes = Self.friendly(minutes, step: 5, floor: 5)
    }

    /// `value` rounded to the nearest multiple of `step` (halves up), at least `floor`.
    ///
    /// ```swift
    /// WaitEstimate.friendly(22, step: 5, floor: 5)   // 20
    /// WaitEstimate.friendly(23, step: 10, floor: 10) // 20
    /// ```
    public static func friendly(_ value: Int, step: Int, floor: Int) -> Int {
        guard step > 0 else { return max(value, floor) }
        let v = max(0, value)
        let q = v / step, r = v % step
        let rounded = (2 * r >= step ? q + 1 : q) * step
        return max(rounded, floor)
    }
}
