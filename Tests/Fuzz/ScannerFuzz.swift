// libFuzzer target for the scanner decoders: the evdev US keymap (KeyboardDecoder) and serial
// framing (ScanFramer). Built by scripts/fuzz with KioskDevices/KeyboardDecoder.swift.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // evdev: each 3 bytes are a key code (2 bytes) and a value (0 release, 1 press, 2 repeat, other).
    var keyboard = KeyboardDecoder()
    var typed = 0
    var i = 0
    while i + 2 < bytes.count {
        let code = UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
        if keyboard.key(code: code, value: Int32(Int8(bitPattern: bytes[i + 2]))) != nil { typed += 1 }
        i += 3
    }
    guard typed <= bytes.count / 3 else { fatalError("more characters than key events") }
    // Serial: the bytes in reads whose times come from the data, with each terminator setting.
    for terminator in [ScanFramer.Terminator.enter, .tab, .none] {
        var framer = ScanFramer(terminator: terminator, gap: 0.08, maxLength: 64)
        var now = 0.0
        var j = 0
        while j < bytes.count {
            let n = Int(bytes[j] % 8) + 1
            now += Double(bytes[j] % 5) * 0.05
            let chunk = Array(bytes[(j + 1)..<min(j + 1 + n, bytes.count)])
            for code in framer.feed(chunk, now: now) where code.isEmpty || code.count > 64 {
                fatalError("a code of \(code.count) bytes (max 64, never empty)")
            }
            j += n + 1
        }
        if let last = framer.flush(now: now + 10), last.isEmpty || last.count > 64 { fatalError("flushed \(last.count) bytes") }
    }
    return 0
}
