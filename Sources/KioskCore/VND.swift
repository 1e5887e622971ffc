/// Amounts of Vietnamese đồng as printed and shown.
///
/// ```swift
/// VND.text(1_500_000)   // "1.500.000 đồng"
/// VND.fee(0)            // "Miễn phí"
/// ```
public enum VND {
    /// Thousands separated by dots, then "đồng".
    public static func text(_ amount: Int) -> String {
        var digits = String(amount.magnitude), out = ""
        while digits.count > 3 { out = "." + digits.suffix(3) + out; digits.removeLast(3) }
        return (amount < 0 ? "-" : "") + digits + out + " đồng"
    }

    /// A procedure's fee: "Miễn phí" when there is none.
    public static func fee(_ amount: Int) -> String { amount == 0 ? "Miễn phí" : text(amount) }
}
