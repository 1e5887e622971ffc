/// The layout of an official form (tờ khai) printed on A4: plain data read from
/// `Kiosk/forms/*.yaml`, drawn by `FormRenderer` (KioskDocuments) top to bottom.
/// Sizes are points (1/72 inch); text holds `{placeholder}`s filled from the dossier
/// (`{child_full_name}`…: a question id of the procedure; see ``FormLayout/builtInFields``).
///
/// ```yaml
/// procedure: "1.001193"
/// title: "Tờ khai đăng ký khai sinh"
/// model: "Mẫu theo Thông tư 04/2020/TT-BTP"
/// elements:
///   - {text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size: 12, bold: true, align: center}
///   - {heading: "TỜ KHAI ĐĂNG KÝ KHAI SINH"}
///   - {field: "Họ, chữ đệm, tên người yêu cầu", value: "{applicant_full_name}"}
///   - {section: "Thông tin của người được đăng ký khai sinh"}
///   - {space: 6}
///   - {rule: 0.6}
///   - {signature: "NGƯỜI YÊU CẦU", date: "{place}, ngày {day} tháng {month} năm {year}", name: "{applicant_full_name}"}
///   - {qr: "Dữ liệu tờ khai, có chữ ký số của ki-ốt"}
/// ```
public struct FormLayout: Sendable, Equatable, Codable {
    /// The procedure code (`1.001193`) this form belongs to.
    public var procedure: String
    /// The form's name, for people (the handbook, `kioskctl form list`).
    public var title: String
    /// Which official model the layout follows (shown small at the top right, as on the printed model).
    public var model: String?
    /// True when the layout was not yet checked against the official model's text (reported as a note).
    public var unconfirmed: Bool?
    /// The body's font size (default 10.5).
    public var size: Double?
    public var elements: [FormElement]

    public init(procedure: String, title: String, model: String? = nil, unconfirmed: Bool? = nil, size: Double? = nil,
                elements: [FormElement]) {
        self.procedure = procedure
        self.title = title
        self.model = model
        self.unconfirmed = unconfirmed
        self.size = size
        self.elements = elements
    }

    /// Fields every form may use besides the procedure's question ids.
    public static let builtInFields: Set<String> = [
        "centre", "commune", "place", "procedure", "dossier_code", "lookup_code", "received", "appointment",
        "day", "month", "year", "applicant_name", "applicant_id", "applicant_birth", "applicant_sex", "applicant_address",
        "assisted_by",
    ]

    /// Every placeholder name in the layout, in order.
    public var placeholderNames: [String] {
        elements.flatMap { $0.templates.flatMap(Placeholders.names(in:)) }
    }
}

/// One element of a ``FormLayout``.
public enum FormElement: Sendable, Equatable {
    /// A paragraph: `{text: "…", size: 12, bold: true, italic: false, align: center}`.
    case text(String, size: Double?, bold: Bool, italic: Bool, align: TextAlignment)
    /// The form's title, large, bold and centred.
    case heading(String)
    /// A bold line that opens a group of fields.
    case section(String)
    /// `Label: value`, the value in bold; an empty value leaves a dotted line to write on by hand.
    case field(label: String, value: String)
    /// Vertical space in points.
    case space(Double)
    /// A full-width line this many points thick.
    case rule(Double)
    /// The signature block at the right: the place and date line, the title, "(Ký, ghi rõ họ tên)", room to sign, the name.
    case signature(title: String, date: String, name: String)
    /// The signed data QR at the left of what follows, with a caption.
    case qr(caption: String)

    /// The texts of the element that may hold placeholders.
    public var templates: [String] {
        switch self {
        case .text(let t, _, _, _, _), .heading(let t), .section(let t): return [t]
        case .field(let l, let v): return [l, v]
        case .signature(let t, let d, let n): return [t, d, n]
        case .qr(let c): return [c]
        case .space, .rule: return []
        }
    }
}

extension FormElement: Codable {
    enum CodingKeys: String, CodingKey {
        case text, heading, section, field, space, rule, signature, qr
        case size, bold, italic, align, value, date, name
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = [CodingKeys.text, .heading, .section, .field, .space, .rule, .signature, .qr].filter(c.contains)
        guard kinds.count == 1, let kind = kinds.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath,
                debugDescription: "an element needs exactly one of text, heading, section, field, space, rule, signature, qr "
                    + "(found \(kinds.map(\.rawValue)))"))
        }
        switch kind {
        case .text:
            self = .text(try c.decode(String.self, forKey: .text), size: try c.decodeIfPresent(Double.self, forKey: .size),
                         bold: try c.decodeIfPresent(Bool.self, forKey: .bold) ?? false,
                         italic: try c.decodeIfPresent(Bool.self, forKey: .italic) ?? false,
                         align: try c.decodeIfPresent(TextAlignment.self, forKey: .align) ?? .left)
        case .heading: self = .heading(try c.decode(String.self, forKey: .heading))
        case .section: self = .section(try c.decode(String.self, forKey: .section))
        case .field:
            self = .field(label: try c.decode(String.self, forKey: .field), value: try c.decodeIfPresent(String.self, forKey: .value) ?? "")
        case .space: self = .space(try c.decode(Double.self, forKey: .space))
        case .rule: self = .rule(try c.decode(Double.self, forKey: .rule))
        case .signature:
            self = .signature(title: try c.decode(String.self, forKey: .signature),
                              date: try c.decodeIfPresent(String.self, forKey: .date) ?? "",
                              name: try c.decodeIfPresent(String.self, forKey: .name) ?? "")
        default: self = .qr(caption: try c.decode(String.self, forKey: .qr))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .text(t, size, bold, italic, align):
            try c.encode(t, forKey: .text)
            try c.encodeIfPresent(size, forKey: .size)
            try c.encode(bold, forKey: .bold)
            try c.encode(italic, forKey: .italic)
            try c.encode(align, forKey: .align)
        case .heading(let t): try c.encode(t, forKey: .heading)
        case .section(let t): try c.encode(t, forKey: .section)
        case let .field(label, value):
            try c.encode(label, forKey: .field)
            try c.encode(value, forKey: .value)
        case .space(let p): try c.encode(p, forKey: .space)
        case .rule(let p): try c.encode(p, forKey: .rule)
        case let .signature(t, d, n):
            try c.encode(t, forKey: .signature)
            try c.encode(d, forKey: .date)
            try c.encode(n, forKey: .name)
        case .qr(let caption): try c.encode(caption, forKey: .qr)
        }
    }
}
