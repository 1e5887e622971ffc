// The Codable shape mirrors templates/*.yaml: a template is a map with `elements`, and each
// element is a flat map whose *kind key* (text, big, qr, rule, space) holds the main value.

extension RasterTemplate: Codable {
    enum CodingKeys: String, CodingKey {
        case widthMM = "width_mm", marginTop = "margin_top", marginBottom = "margin_bottom"
        case marginX = "margin_x", elements
    }

    /// Decodes the YAML/JSON shape; missing margins take their defaults.
    ///
    /// ```swift
    /// let t = try JSONDecoder().decode(RasterTemplate.self, from: Data(#"{"elements":[{"space":8}]}"#.utf8))
    /// ```
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(widthMM: try c.decodeIfPresent(Int.self, forKey: .widthMM),
                  marginTop: try c.decodeIfPresent(Int.self, forKey: .marginTop) ?? 16,
                  marginBottom: try c.decodeIfPresent(Int.self, forKey: .marginBottom) ?? 24,
                  marginX: try c.decodeIfPresent(Int.self, forKey: .marginX) ?? 8,
                  elements: try c.decode([RasterElement].self, forKey: .elements))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(widthMM, forKey: .widthMM)
        try c.encode(marginTop, forKey: .marginTop)
        try c.encode(marginBottom, forKey: .marginBottom)
        try c.encode(marginX, forKey: .marginX)
        try c.encode(elements, forKey: .elements)
    }
}

extension RasterElement: Codable {
    enum CodingKeys: String, CodingKey {
        case text, big, qr, rule, space
        case size, bold, align, wrap, scale, width, ec, pad
    }

    /// Decodes one element map, e.g. `{text: "Quầy: {counter}", size: 28, bold: true, align: center}`.
    /// Exactly one kind key must be present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = [CodingKeys.text, .big, .qr, .rule, .space].filter(c.contains)
        guard kinds.count == 1, let kind = kinds.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath,
                debugDescription: "an element needs exactly one of text, big, qr, rule, space (found \(kinds.map(\.rawValue)))"))
        }
        switch kind {
        case .text:
            self = .text(template: try c.decode(String.self, forKey: .text),
                         size: try c.decodeIfPresent(Int.self, forKey: .size) ?? 24,
                         bold: try c.decodeIfPresent(Bool.self, forKey: .bold) ?? false,
                         align: try c.decodeIfPresent(TextAlignment.self, forKey: .align) ?? .left,
                         wrap: try c.decodeIfPresent(Bool.self, forKey: .wrap) ?? true)
        case .big:
            self = .big(template: try c.decode(String.self, forKey: .big),
                        size: try c.decodeIfPresent(Int.self, forKey: .size) ?? 140)
        case .qr:
            let sizing: QRSizing
            if let fraction = try c.decodeIfPresent(Double.self, forKey: .width) {
                sizing = .widthFraction(fraction)
            } else {
                sizing = .scale(try c.decodeIfPresent(Int.self, forKey: .scale) ?? 6)
            }
            self = .qr(template: try c.decode(String.self, forKey: .qr), sizing: sizing,
                       align: try c.decodeIfPresent(TextAlignment.self, forKey: .align) ?? .center,
                       level: try c.decodeIfPresent(QRErrorCorrection.self, forKey: .ec) ?? .medium)
        case .rule:
            self = .rule(thickness: try c.decode(Int.self, forKey: .rule),
                         padding: try c.decodeIfPresent(Int.self, forKey: .pad) ?? 8)
        default:
            self = .space(dots: try c.decode(Int.self, forKey: .space))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .text(template, size, bold, align, wrap):
            try c.encode(template, forKey: .text)
            try c.encode(size, forKey: .size)
            try c.encode(bold, forKey: .bold)
            try c.encode(align, forKey: .align)
            try c.encode(wrap, forKey: .wrap)
        case let .big(template, size):
            try c.encode(template, forKey: .big)
            try c.encode(size, forKey: .size)
        case let .qr(template, sizing, align, level):
            try c.encode(template, forKey: .qr)
            switch sizing {
            case .scale(let scale): try c.encode(scale, forKey: .scale)
            case .widthFraction(let fraction): try c.encode(fraction, forKey: .width)
            }
            try c.encode(align, forKey: .align)
            try c.encode(level, forKey: .ec)
        case let .rule(thickness, padding):
            try c.encode(thickness, forKey: .rule)
            try c.encode(padding, forKey: .pad)
        case let .space(dots):
            try c.encode(dots, forKey: .space)
        }
    }
}
