import Foundation
import KioskLayout

/// Text elements already drawn, kept as strips of dots to OR into the next ticket: most of a
/// queue ticket (the centre, the service, "SỐ THỨ TỰ", the counter, the privacy line) is the
/// same from one ticket to the next, and drawing it again (sanitising, wrapping, laying out,
/// blitting glyphs) was most of a ticket's raster time.
///
/// A strip is the element drawn exactly as ``TemplateRenderer`` draws it, on a blank canvas of
/// the same width, `padding` rows below its top, so ink that rises above the element's first
/// line is kept too; only its rows with ink are kept, and how far it grew the canvas. It is reused only when that gives the same dots: no ink reached the
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
        /// The rows of the element's drawing that hold ink (nil: none).
        let ink: Bitmap?
        /// Where `ink`'s first row lies, counted from the element's top.
        let inkTop: Int
        /// How far down from the element's top its glyphs grew the canvas (blank rows included).
        let bottom: Int
        /// How far the pen moved down (lines × line height).
        let advance: Int

        /// `scratch` holds the element drawn with its top at row `padding`.
        init(scratch: Bitmap, padding: Int, advance: Int) {
            let rows = scratch.contentRows
            ink = rows.map { scratch.cropped(rows: $0) }
            inkTop = (rows?.lowerBound ?? padding) - padding
            bottom = scratch.height - padding
            self.advance = advance
        }

        /// ORs the element into `canvas` with its top at `y`, growing it as drawing it did.
        func draw(into canvas: inout Bitmap, y: Int) {
            guard advance > 0 else { return }   // the element's lines were all dropped: nothing drawn
            canvas.ensureHeight(y + max(advance, bottom))
            if let ink { canvas.draw(ink, x: 0, y: y + inkTop) }
        }

        var bytes: Int { ink.map { $0.bytesPerRow * $0.height } ?? 0 }
    }

    static let capacity = 64
    static let maxStripBytes = 64 * 1024

    private let lock = NSLock()
    private var strips: [Key: Strip] = [:]
    private var names: [String: [String]] = [:]

    /// `Placeholders.names(in:)`, remembered per template (a layout's templates are few; bounded all the same).
    func placeholderNames(in template: String) -> [String] {
        if let known = lock.withLock({ names[template] }) { return known }
        let found = Placeholders.names(in: template)
        lock.withLock {
            if names.count >= Self.capacity { names.removeAll(keepingCapacity: true) }
            names[template] = found
        }
        return found
    }

    func strip(_ key: Key) -> Strip? { lock.withLock { strips[key] } }

    func remember(_ strip: Strip, for key: Key) {
        guard strip.bytes <= Self.maxStripBytes else { return }
        lock.withLock {
            if strips.count >= Self.capacity { strips.removeAll(keepingCapacity: true) }
            strips[key] = strip
        }
    }

    var count: Int { lock.withLock { strips.count } }
}
