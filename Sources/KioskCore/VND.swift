/// Amounts of Vietnamese đồng as printed and shown.
///
/// ```swift
/// VND.text(1_500_000)          // "1.500.000 đồng"
/// VND.text(1_500_000, .en)     // "1,500,000 VND"
/// ```
public enum VND {
    /// Thousands separated by dots, then "đồng" (English: commas, then "VND").
    public static func text(_ amount: Int, _ locale: KioskLocale = .vi) -> String {
        let separator = locale == .vi ? "." : ","
        var digits = String(amount.magnitude), out = ""
        while digits.count > 3 { out = separator + digits.suffix(3) + out; digits.removeLast(3) }
        return (amount < 0 ? "-" : "") + digits + out + (locale == .vi ? " đồng" : " VND")
    }
}
