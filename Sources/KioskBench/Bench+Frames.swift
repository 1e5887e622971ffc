import Foundation
import KioskSystem
import KioskTerminal

/// Key → frame, measured from outside kioskd: the release kioskd runs on a pty the bench owns;
/// each sample is from just before a key's bytes are written to the controller to the read of
/// the frame's `ESC[?2026l` (DEC synchronized output marks the end of every frame, so no half
/// frame is ever counted).
///
/// Cases (each at 80×24 and 160×50): the welcome screen (focus down/up), a question (focus
/// down/up on the ID number's "Sửa lại" / "Đúng rồi, tiếp tục"), the on-screen keyboard (a
/// letter group opened and closed on the name) and the review screen (focus down/up on its
/// answers, reached by answering the procedure's 11 questions with the keypad, as a citizen
/// would: ``toReview``). At 80×24 also the bytes of a one-character change (a digit
/// typed and erased in the ID number), of a full screen change (welcome ⇄ the list of areas),
/// and of a full redraw (after a resize) as their baseline.
///
/// `BENCH_FRAME_SAMPLES` sets the samples per case (default 200).
extension Bench {
    /// Keys from the welcome screen to the ID number, then to the first question.
    static let toIDNumber = ["2", "1", "3", "1", "2"]
    static let idDigits = "060150001234".map(String.init) + ["Enter"]
    /// From the ID number question (step 2 of 11 of the procedure `toIDNumber` opens) to the review:
    /// each answer opens its pad with 1 and ends with Enter; a choice is its key; the phone is skipped.
    static let toReview: [String] = {
        func typed(_ keys: String) -> [String] { ["1"] + keys.map(String.init) + ["Enter"] }
        return ["2"]                                  // the ID number: correct, continue
            + typed("01011980")                       // date of birth
            + typed("1134")                           // permanent residence: "An"
            + ["1"]                                   // marital status: never married
            + typed("1134")                           // the other person's name: "An"
            + typed("060150001235")                   // their ID number
            + typed("02021981")                       // their date of birth
            + ["1", "1"]                              // resident here: yes; never married
            + ["2"]                                   // the phone: skipped
    }()
    static func frameBenchmarks() throws {
        // Even, so that the keyboard case ends where it began (at the letter groups).
        let samples = (Int(ProcessInfo.processInfo.environment["BENCH_FRAME_SAMPLES"] ?? "") ?? 200) / 2 * 2
        for (columns, rows) in [(80, 24), (160, 50)] {
            let dir = try tempDir("frames-\(columns)x\(rows)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let kioskd = try PtyKioskd(dir: dir, columns: columns, rows: rows)
            defer { kioskd.stop() }
            let size = "\(columns)x\(rows)"
            guard let first = kioskd.frame(after: 0, timeout: 30) else {
                throw Failure("kioskd drew no frame within 30 s (alive: \(kioskd.process.isRunning)); see \(dir)/kioskd.err")
            }
            try check(first.text.contains("Lấy số thứ tự"), "the first frame is not the welcome screen")

            func latencies(_ name: String, keys: [String]) throws {
                var ms: [Double] = []
                for i in 0..<samples { ms.append(try kioskd.keyToFrame(keys[i % keys.count]).ms) }
                try check(kioskd.process.isRunning, "kioskd died during \(name)")
                ms.sort()
                figure("key_to_frame_\(name)_\(size)_p50", percentile(ms, 0.5), "ms", ["n": ms.count])
                figure("key_to_frame_\(name)_\(size)_p99", percentile(ms, 0.99), "ms", target: 5, ["n": ms.count])
            }

            try latencies("welcome", keys: ["Down", "Up"])
            let full = columns == 80 ? try fullFrameBytes(kioskd) : nil
            try kioskd.walk(toIDNumber)
            try check(kioskd.frame(after: kioskd.frameCount - 1)?.text.contains("12 chữ số") == true, "not on the ID number screen")
            if let full {
                // A one-character change: a digit typed in the ID number (the caret moves on), then
                // erased ('.' erases on the keypad: two cells change back).
                var typed = 0, erased = 0
                for _ in 0..<2 {
                    typed = max(typed, try kioskd.keyToFrame("5").frame.bytes)
                    erased = max(erased, try kioskd.keyToFrame(".").frame.bytes)
                }
                figure("frame_bytes_one_character_80x24", Double(typed), "bytes", baseline: Double(full.redraw), target: 64,
                       ["erase_bytes": erased, "marks_bytes": Renderer.frameBegin.count + Renderer.frameEnd.count])
                figure("frame_bytes_full_change_80x24", Double(full.change), "bytes", baseline: Double(full.redraw), target: 8192)
            }
            try kioskd.walk(idDigits)
            try check(kioskd.frame(after: kioskd.frameCount - 1)?.text.contains("Họ và tên") == true, "not on the first question")
            try kioskd.walk(["1"])   // open the keyboard
            try latencies("keyboard", keys: ["1", "9"])   // a letter group, back to the groups
            try kioskd.walk(["1", "1", "3", "4", "Enter"])   // the name: "An"
            try check(kioskd.frame(after: kioskd.frameCount - 1)?.text.contains("Số thẻ căn cước") == true, "not on the ID number question")
            try latencies("question", keys: ["Down", "Up"])   // "Sửa lại" / "Đúng rồi, tiếp tục"
            try kioskd.walk(toReview)
            try check(kioskd.frame(after: kioskd.frameCount - 1)?.text.contains("Kiểm tra lại thông tin") == true, "not on the review screen")
            try latencies("review", keys: ["Down", "Up"])     // from one answer to the next and back
        }
    }

    /// At 80×24 on the welcome screen: the bytes of a full redraw (the baseline) and of a full
    /// screen change, each frame as read from the pty, marks included.
    static func fullFrameBytes(_ kioskd: PtyKioskd) throws -> (redraw: Int, change: Int) {
        // A full redraw: away to 81 columns and back; the second resize repaints every cell at 80×24.
        var before = kioskd.frameCount
        try kioskd.pty.resize(columns: 81, rows: 24)
        guard kioskd.frame(after: before, timeout: 5) != nil else { throw Failure("no frame after a resize") }
        before = kioskd.frameCount
        try kioskd.pty.resize(columns: 80, rows: 24)
        guard let redraw = kioskd.frame(after: before, timeout: 5) else { throw Failure("no frame after a resize") }
        try check(redraw.text.contains("Lấy số thứ tự"), "the redraw is not the welcome screen")
        // A full screen change: welcome → the list of areas → welcome.
        let away = try kioskd.keyToFrame("2").frame
        try check(!away.text.contains("Lấy số thứ tự"), "key 2 did not leave the welcome screen")
        let back = try kioskd.keyToFrame("9").frame
        try check(back.text.contains("Lấy số thứ tự"), "key 9 did not come back to the welcome screen")
        return (redraw.bytes, max(away.bytes, back.bytes))
    }
}
