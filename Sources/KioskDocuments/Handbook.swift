/// A handbook as plain data: a cover and chapters of headings, paragraphs, lists and
/// pictures, drawn on A4 by ``HandbookRenderer``.
///
/// ```swift
/// let book = Handbook(title: "Sổ tay ki-ốt", subtitle: "Xã Hàm Thuận Nam", chapters: [
///     .init(title: "Cách dùng ki-ốt", blocks: [.paragraph("Chạm vào màn hình…"), .bullets(["Lấy số", "Nộp hồ sơ"])]),
/// ])
/// let pdf = try HandbookRenderer().render(book)
/// ```
public struct Handbook: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        /// `label: text` lines, the label in bold.
        case facts([(String, String)])
        case bullets([String])
        /// A PNG file, its width as a fraction of the text width, and a caption.
        case image(path: String, width: Double, caption: String)

        public static func == (a: Block, b: Block) -> Bool {
            switch (a, b) {
            case let (.heading(x), .heading(y)), let (.paragraph(x), .paragraph(y)): return x == y
            case let (.facts(x), .facts(y)): return x.map { [$0.0, $0.1] } == y.map { [$0.0, $0.1] }
            case let (.bullets(x), .bullets(y)): return x == y
            case let (.image(p, w, c), .image(q, v, d)): return p == q && w == v && c == d
            default: return false
            }
        }
    }

    public struct Chapter: Sendable, Equatable {
        public var title: String
        public var blocks: [Block]
        public init(title: String, blocks: [Block]) {
            self.title = title
            self.blocks = blocks
        }
    }

    public var title: String
    public var subtitle: String
    /// Lines under the subtitle on the cover.
    public var coverLines: [String]
    /// A picture on the cover (a PNG path), if any.
    public var coverImage: String?
    public var chapters: [Chapter]

    public init(title: String, subtitle: String, coverLines: [String] = [], coverImage: String? = nil, chapters: [Chapter]) {
        self.title = title
        self.subtitle = subtitle
        self.coverLines = coverLines
        self.coverImage = coverImage
        self.chapters = chapters
    }
}
