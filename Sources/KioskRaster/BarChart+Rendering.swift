import KioskLayout

extension BarChart {
    /// Draws the chart: title (bold), legend (pattern swatch + series name), y axis with
    /// "nice" tick values, x axis with category labels, and the bars.
    ///
    /// ```swift
    /// let image = try chart.render(width: 960, height: 540, regular: try .dejaVu(), bold: try .dejaVu(bold: true))
    /// ```
    /// - Throws: `.invalidInput` with no categories, no series or more than `maxSeries` series,
    ///   or a size below 240 × 180.
    public func render(width: Int = 960, height: Int = 540, regular: RasterFont, bold: RasterFont,
                       fontSize: Int = 18) throws(RasterError) -> Bitmap {
        guard !categories.isEmpty else { throw .invalidInput("chart has no categories") }
        guard (1...Self.maxSeries).contains(series.count) else {
            throw .invalidInput("chart needs 1...\(Self.maxSeries) series, got \(series.count)")
        }
        guard width >= 240, height >= 180, width <= 8_192, height <= 8_192 else {
            throw .invalidInput("chart size \(width)×\(height) outside 240×180 ... 8192×8192")
        }
        var image = Bitmap(width: width, height: height)
        let margin = 16
        let small = RasterFont.clamp(fontSize)
        let smallLine = regular.metrics(size: small).lineHeight
        var y = margin

        // Title.
        let titleSize = small * 3 / 2
        for line in bold.wrap(title, size: titleSize, width: width - 2 * margin) {
            bold.draw(line, size: titleSize, into: &image, x: (width - bold.width(of: line, size: titleSize)) / 2, y: y)
            y += bold.metrics(size: titleSize).lineHeight
        }
        y += 6

        // Legend: swatches flow left to right, wrapping.
        let swatchW = small * 2, swatchH = small
        var x = margin
        for (index, item) in series.enumerated() {
            let name = TextSanitizer.line(item.name)
            let itemWidth = swatchW + 6 + regular.width(of: name, size: small) + 20
            if x > margin, x + itemWidth > width - margin { x = margin; y += smallLine + 4 }
            BarPattern.allCases[index].fill(&image, x: x, y: y + (smallLine - swatchH) / 2, width: swatchW, height: swatchH)
            regular.draw(name, size: small, into: &image, x: x + swatchW + 6, y: y)
            x += itemWidth
        }
        y += smallLine + 10

        // Axes.
        let maxValue = (0..<series.count).flatMap { s in categories.indices.map { value(s, $0) } }.max() ?? 0
        let ticks = Self.niceTicks(max: maxValue)
        let labels = ticks.map(Self.format)
        let labelWidth = labels.map { regular.width(of: $0, size: small) }.max() ?? 0
        if let caption = yAxisLabel.map(TextSanitizer.line), !caption.isEmpty {
            regular.draw(caption, size: small, into: &image, x: margin, y: y)
            y += smallLine
        }
        let plotLeft = margin + labelWidth + 8
        let plotRight = width - margin
        let plotTop = y + smallLine / 2
        let plotBottom = height - margin - smallLine - 6
        guard plotBottom - plotTop >= 40, plotRight - plotLeft >= 40 else {
            throw .invalidInput("chart \(width)×\(height) too small for its title and legend")
        }
        let plotHeight = plotBottom - plotTop, top = ticks.last ?? 1
        func yFor(_ v: Double) -> Int { plotBottom - Int((v / top * Double(plotHeight)).rounded()) }

        for (tick, label) in zip(ticks, labels) {
            let ty = yFor(tick)
            image.fillRect(x: plotLeft - 5, y: ty, width: 5, height: 1)
            if tick > 0 {   // light dotted grid line
                for gx in stride(from: plotLeft, to: plotRight, by: 6) { image.setPixel(x: gx, y: ty) }
            }
            regular.draw(label, size: small, into: &image, x: plotLeft - 8 - regular.width(of: label, size: small),
                         y: ty - regular.metrics(size: small).ascender * 2 / 3)
        }
        image.fillRect(x: plotLeft - 2, y: plotTop, width: 2, height: plotHeight + 2)     // y axis
        image.fillRect(x: plotLeft - 2, y: plotBottom, width: plotRight - plotLeft + 2, height: 2)   // x axis

        // Bars and category labels.
        let groupWidth = Double(plotRight - plotLeft) / Double(categories.count)
        let barWidth = max(1, Int(groupWidth * 0.8) / series.count)
        for (c, category) in categories.enumerated() {
            let groupLeft = plotLeft + Int(Double(c) * groupWidth)
            let barsLeft = groupLeft + (Int(groupWidth) - barWidth * series.count) / 2
            for s in series.indices {
                let barTop = yFor(value(s, c))
                BarPattern.allCases[s].fill(&image, x: barsLeft + s * barWidth, y: barTop,
                                            width: barWidth - (series.count > 1 ? 1 : 0), height: plotBottom - barTop)
            }
            let label = TextSanitizer.line(category)
            let labelW = regular.width(of: label, size: small)
            regular.draw(label, size: small, into: &image, x: groupLeft + (Int(groupWidth) - labelW) / 2, y: plotBottom + 6)
        }
        return image
    }

    /// 0 and evenly spaced "nice" values (step 1, 2 or 5 × 10ⁿ) covering `max`, about 5 intervals.
    ///
    /// ```swift
    /// BarChart.niceTicks(max: 13)   // [0, 5, 10, 15]
    /// ```
    static func niceTicks(max: Double) -> [Double] {
        guard max > 0, max.isFinite else { return [0, 1] }
        let rough = max / 5
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let count = Int((max / step).rounded(.up))
        return (0...Swift.max(1, count)).map { Double($0) * step }
    }

    /// Whole numbers without decimals, others with one decimal.
    static func format(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
