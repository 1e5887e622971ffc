import KioskSystem

/// Decodes a terminal's input into events: keys, keypad, mouse.
///
/// A lone ESC stays pending until ``escapeTimeout`` passes with nothing after it,
/// then resolves to the Escape key (an escape sequence arrives in one burst).
struct TerminalInputHandler: FDByteHandler {
    typealias Output = InputEvent
    /// How long a lone ESC waits for the rest of a sequence.
    static let escapeTimeout = 0.05

    var decoder = InputDecoder()
    var lastInput = 0.0

    mutating func received(_ bytes: [UInt8], now: Double) -> [InputEvent] {
        lastInput = now
        return decoder.feed(bytes)
    }

    var deadline: Double? { decoder.hasPending ? lastInput + Self.escapeTimeout : nil }

    mutating func timeout(now: Double) -> [InputEvent] { decoder.flush() }
}

/// Reads a terminal's input descriptor and decodes input events, on the system
/// module's shared reader thread (``FDReader``): no thread of its own.
///
/// ```swift
/// let reader = InputReader(fd: tty.input)
/// for await event in reader.events() { program.send(.input(event)) }
/// reader.stop()
/// ```
public final class InputReader: Sendable {
    private let reader: FDReader<InputEvent>

    /// Starts reading `fd` (not closed when reading ends).
    public init(fd: Int32) {
        reader = FDReader(fd: fd, handler: TerminalInputHandler())
    }

    /// Stops reading; the events end. Safe to call more than once.
    public func stop() { reader.stop() }

    /// Events until the input closes or ``stop()`` is called.
    public func events() -> AsyncStream<InputEvent> { reader.stream }
}
