import Foundation
import KioskLayout

/// Text elements already drawn, kept as strips of dots to OR into the next ticket: most of a
/// queue ticket (the centre, the service, "SỐ THỨ TỰ", the counter, the privacy line) is the
/// same from one ticket to the next, and drawing it again (sanitising, wrapping, laying out,
/// blitting glyphs) was most of a ticket's raster time.
///
/// A strip is the element drawn exactly as ``TemplateRenderer`` draws it, on a blank canvas of
/// the same width, `padding` rows below its top, so ink that rises above the element's first
/// line is kept too. It is reused only when that gives the same dots: no ink reached the
/// padding's upper half (nothing could have been cut off above the strip), and the element
/// ends before the ticket's 1 m stop. Bounded: at most `capacity` strips of at most
/// `maxStripBytes` each, so hostile values cannot grow it without limit; full, it starts over.
final class TextElementCache: @unchecked Sendable {
    struct Key: Hashable {
        let template: String
        /// The values of the template's placeholders, in order ("" for a missing one).
        let values: [String]
        let size: Int
        let bold: Bool
        let align: TextAlignment
        let wrap: Bool
        let canvasWidth: Int
        let left: Int
        let width: Int
        let threshold: UInt8
    }

    struct Strip {
        /// The element drawn with its top at row `padding`.
        let bitmap: Bitmap
        let padding: Int
        /// How far the pen moved down (lines × line height).
        let advance: Int
    }

    static let capacity = 64
    static let maxStripBytes = 64 * 1024

    private let lock = NSLock()
    private var strips: [Key: Strip] = [:]

    func strip(_ key: Key) -> Strip? { lock.withLock { strips[key] } }

    func remember(_ strip: Strip, for key: Key) {
        guard strip.bitmap.bytesPerRow * strip.bitmap.height <= Self.maxStripBytes else { return }
        lock.withLock {
            if strips.count >= Self.capacity { strips.removeAll(keepingCapacity: true) }
            strips[key] = strip
        }
    }

    var count: Int { lock.withLock { strips.count } }
}
