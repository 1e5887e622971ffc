/// A grouped bar chart rendered to 1 bit, for the commune leader's daily report
/// (e.g. tickets served per hour, one bar per area). Series are told apart by fill
/// pattern (solid, hatched, dotted, outline), shown in a legend under the title.
///
/// ```swift
/// let chart = BarChart(title: "Lượt phục vụ theo giờ – 14/07/2025",
///                      categories: (7...17).map { "\($0)h" },
///                      series: [.init(name: "Hộ tịch", values: [3, 8, 12, 9, 4, 1, 6, 10, 7, 5, 2]),
///                               .init(name: "Đất đai", values: [1, 2, 4, 5, 2, 0, 3, 4, 2, 1, 0])])
/// let image = try chart.render(width: 960, height: 540, regular: font, bold: boldFont)
/// let png = PNGEncoder.encode(image)
/// ```
public struct BarChart: Sendable, Equatable {
    /// One set of bars (one per category), e.g. one area.
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per category; missing values count as 0, negative or non-finite as 0.
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Most series a chart can show (one per `BarPattern`).
    public static let maxSeries = BarPattern.allCases.count

    public var title: String
    /// Group labels along the x axis (e.g. "7h" … "17h").
    public var categories: [String]
    public var series: [Series]
    /// Optional caption over the y axis (e.g. "Lượt").
    public var yAxisLabel: String?

    public init(title: String, categories: [String], series: [Series], yAxisLabel: String? = nil) {
        self.title = title
        self.categories = categories
        self.series = series
        self.yAxisLabel = yAxisLabel
    }

    /// The value drawn for series `s`, category `c`.
    func value(_ s: Int, _ c: Int) -> Double {
        let values = series[s].values
        guard c < values.count, values[c].isFinite, values[c] > 0 else { return 0 }
        return values[c]
    }
}

/// How a bar is filled; series `i` uses `BarPattern.allCases[i]`.
public enum BarPattern: Sendable, CaseIterable {
    case solid, hatched, dotted, outline

    /// Fills the rectangle with this pattern and a 2-dot border (patterns are anchored to
    /// the bitmap's origin, so neighbouring bars line up).
    ///
    /// ```swift
    /// BarPattern.hatched.fill(&bitmap, x: 10, y: 10, width: 30, height: 80)
    /// ```
    public func fill(_ bitmap: inout Bitmap, x: Int, y: Int, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        switch self {
        case .solid:
            bitmap.fillRect(x: x, y: y, width: width, height: height)
            return
        case .hatched:
            for py in y..<(y + height) {
                for px in x..<(x + width) where (px + py) % 6 < 2 { bitmap.setPixel(x: px, y: py) }
            }
        case .dotted:
            for py in y..<(y + height) where py % 4 == 0 {
                for px in x..<(x + width) where px % 4 == 0 { bitmap.fillRect(x: px, y: py, width: 2, height: 2) }
            }
        case .outline:
            break
        }
        let border = min(2, width, height)
        bitmap.fillRect(x: x, y: y, width: width, height: border)
        bitmap.fillRect(x: x, y: y + height - border, width: width, height: border)
        bitmap.fillRect(x: x, y: y, width: border, height: height)
        bitmap.fillRect(x: x + width - border, y: y, width: border, height: height)
    }
}
