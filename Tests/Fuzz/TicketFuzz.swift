// libFuzzer target for a ticket drawn with values the fuzzer chooses: one of the shipped layouts
// in Kiosk/tickets/ (queue, receipt, guide) is drawn by `TemplateRenderer` with DejaVu, as the
// kiosk prints it (a QR no symbol can hold is left out, not the ticket), and turned into ESC/POS.
// Whatever the values: drawing never traps; the ticket is the layout's width and stops at
// `maxTicketDots` (plus the one element that crossed it and the margins); the job holds only
// `ESC @`, `GS v 0` bands of that width carrying the bitmap drawn, one `ESC d n` and one `GS V 66 0`.
// Built by scripts/fuzz against the package modules Yams, KioskCore, KioskLayout, KioskContent
// (the layouts are read the way the kiosk reads them) and KioskRaster (FreeType, libqrencode).
//
// Input: the first byte picks the layout (mod 3; drawing all three for every input ran at 39/s),
// then values separated by 0x00, given in order to the fields of all three layouts sorted by name
// (`fieldNames`); fields past the last value are missing. Each value's bytes become a string
// the way the kiosk turns bytes into strings: `String(decoding:as: UTF8.self)` (invalid UTF-8 is
// U+FFFD).
import Foundation
import KioskContent
import KioskLayout
import KioskRaster

/// The shipped layouts: `$FUZZ_KIOSK_DIR/tickets` (set by scripts/fuzz), else `Kiosk/tickets`
/// three levels up from the working directory (scripts/fuzz runs in `.build/fuzz/ticket`).
let layouts: [(TicketTemplates.Kind, RasterTemplate)] = {
    let kiosk = ProcessInfo.processInfo.environment["FUZZ_KIOSK_DIR"] ?? "../../../Kiosk"
    let dir = URL(fileURLWithPath: kiosk).appendingPathComponent("tickets")
    let (templates, issues) = TicketTemplates.load(dir)
    let errors = issues.filter { $0.severity == .error }
    // Fuzzing the built-in layouts instead of the shipped ones would pass without saying so.
    guard errors.isEmpty, templates.templates.count == TicketTemplates.Kind.allCases.count else {
        fatalError("ticket fuzz: cannot use the layouts in \(dir.path) (set FUZZ_KIOSK_DIR): \(errors)")
    }
    return TicketTemplates.Kind.allCases.map { ($0, templates[$0]) }
}()

let renderer: TemplateRenderer = {
    do { return try TemplateRenderer.dejaVu() } catch { fatalError("ticket fuzz: no DejaVu fonts: \(error)") }
}()

/// Every field of the three layouts, sorted: the order the input's values are given in.
let fieldNames: [String] = Set(TicketTemplates.Kind.allCases.flatMap(\.fields)).sorted()

/// The tallest a ticket of `template` may be: `maxTicketDots`, plus the most one element can add
/// once the pen has reached it (the renderer checks before each element and each line of text: a
/// text line, the big number's line and padding, a QR at most the canvas wide, a rule or a space),
/// plus the margins.
func heightCap(_ template: RasterTemplate, width: Int) -> Int {
    var tallest = 0
    for element in template.elements {
        switch element {
        case let .text(_, size, bold, _, _):
            let font = bold ? renderer.bold : renderer.regular
            tallest = max(tallest, font.metrics(size: size).lineHeight)
        case let .big(_, size):
            let size = min(max(size, RasterFont.sizes.lowerBound), RasterFont.sizes.upperBound)
            tallest = max(tallest, renderer.bold.metrics(size: size).lineHeight + 2 * max(4, size / 10))
        case .qr: tallest = max(tallest, width)
        case let .rule(thickness, padding): tallest = max(tallest, min(max(0, thickness), 64) + 2 * min(max(0, padding), 512))
        case let .space(dots): tallest = max(tallest, min(max(0, dots), 2_048))
        }
    }
    return TemplateRenderer.maxTicketDots + tallest + max(0, template.marginTop) + max(0, template.marginBottom)
}

/// Why `job` is not exactly `ESC @`, `GS v 0` bands of the ticket's width (≤ 256 rows each)
/// holding the ticket's rows in order, `ESC d n`, `GS V 66 0`; nil when it is. HostilePrintTests'
/// strict parse (a test target's, so not linked here), plus the bands compared with the bitmap
/// (memcmp: an element-wise == costs a tenth of a run under coverage instrumentation).
func strayCommand(_ job: [UInt8], ticket: Bitmap) -> String? {
    guard job.starts(with: ESCPOSRaster.initialize) else { return "does not start with ESC @" }
    var i = 2, rows = 0
    while i + 8 <= job.count, job[i] == 0x1D, job[i + 1] == 0x76, job[i + 2] == 0x30, job[i + 3] == 0 {
        let x = Int(job[i + 4]) | Int(job[i + 5]) << 8, y = Int(job[i + 6]) | Int(job[i + 7]) << 8
        guard x == ticket.bytesPerRow, y > 0, y <= 256, rows + y <= ticket.height, i + 8 + x * y <= job.count else {
            return "a bad band \(x)×\(y) at byte \(i)"
        }
        let same = job.withUnsafeBufferPointer { band in
            ticket.data.withUnsafeBufferPointer { drawn in
                memcmp(band.baseAddress! + i + 8, drawn.baseAddress! + rows * x, x * y) == 0
            }
        }
        guard same else { return "the band at byte \(i) is not rows \(rows)..<\(rows + y) of the ticket" }
        rows += y
        i += 8 + x * y
    }
    guard rows == ticket.height, rows > 0 else { return "\(rows) raster rows for a ticket of \(ticket.height)" }
    guard i + 3 <= job.count, job[i] == 0x1B, job[i + 1] == 0x64 else { return "no feed after the raster at byte \(i)" }
    guard Array(job[(i + 3)...]) == ESCPOSRaster.partialCut else { return "bytes after the feed other than one cut" }
    return nil
}

/// `precondition` with its message printed: -O builds drop a precondition's message.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("ticket fuzz: " + message()) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let (kind, template) = layouts[Int(data[0]) % layouts.count]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    var values: [String: String] = [:]
    for (name, value) in zip(fieldNames, bytes.split(separator: 0, omittingEmptySubsequences: false)) {
        values[name] = String(decoding: value, as: UTF8.self)
    }
    let width = Bitmap.roundedWidth(template.widthDots ?? 576)
    let ticket: Bitmap
    do {
        ticket = try renderer.render(template, values: values, omittedQR: { _ in })
    } catch {
        fatalError("ticket fuzz: \(kind): drawing threw \(error)")
    }
    require(ticket.width == width, "\(kind): \(ticket.width) dots wide, the layout is \(width)")
    let cap = heightCap(template, width: width)
    require(ticket.height <= cap, "\(kind): \(ticket.height) dots long, more than \(cap)")
    if let why = strayCommand(ESCPOSRaster.ticket(ticket), ticket: ticket) {
        fatalError("ticket fuzz: \(kind): the job is not only the layout's commands and the ticket's rows: \(why)")
    }
    return 0
}
