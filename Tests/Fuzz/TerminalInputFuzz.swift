// libFuzzer target for the terminal input decoder (keys, keypad, SGR mouse, bracketed paste).
// Built by scripts/fuzz with the KioskCore sources and KioskTerminal's InputDecoder and InputEvent.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard !bytes.isEmpty else { return 0 }
    // The first byte splits the rest into reads of 1...16 bytes: sequences cut across reads.
    let step = Int(bytes[0] % 16) + 1
    var decoder = InputDecoder()
    var events = 0
    var i = 1
    while i < bytes.count {
        events += decoder.feed(Array(bytes[i..<min(i + step, bytes.count)])).count
        i += step
    }
    events += decoder.flush().count
    // Never more events than bytes (a byte starts at most one event), and nothing left pending.
    guard events <= bytes.count, !decoder.hasPending else {
        fatalError("\(events) events from \(bytes.count) bytes; pending after flush: \(decoder.hasPending)")
    }
    return 0
}
