// libFuzzer target for Telex (TelexComposer), with the KioskCore sources.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var c = TelexComposer()
    var keys = 0
    for ch in text {
        if ch == "\u{8}" { c.backspace() } else { c.type(ch); keys += 1 }
        // Each key adds at most one character (a mark changes a letter in place).
        guard c.text.count <= keys else { fatalError("\(keys) keys gave \(c.text.count) characters: \(c.text)") }
    }
    guard c.text == c.text.precomposedStringWithCanonicalMapping else { fatalError("not NFC: \(c.text.unicodeScalars.map(\.value))") }
    return 0
}
