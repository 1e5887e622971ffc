import Foundation
public import KioskCore
public import KioskTerminal

/// Where frames go and how big the screen is: the real terminal, or a test double.
public protocol TerminalOutput: Sendable {
    var size: Size { get }
    func write(_ bytes: [UInt8])
}

extension TerminalOutput {
    /// Clears the screen and the scrollback (`ESC[3J`).
    public func wipe() {
        write(Array("\u{1B}[0m\u{1B}[H\u{1B}[2J\u{1B}[3J".utf8))
    }
}

extension TerminalDevice: TerminalOutput {}

/// Runs commands and answers with messages (the I/O half of Model/Update/View).
public protocol CommandRunner: Sendable {
    func run(_ command: Command, send: @escaping @Sendable (Msg) -> Void) async
}

/// Hears about every frame the program writes: for the render-time metric, the watchdog's
/// liveness, and (debug builds) the frame dump the session test compares a screenshot with.
public protocol FrameObserver: Sendable {
    /// `buffer` was just written; drawing it (view, layout and diff) took `duration`.
    func drew(_ buffer: CellBuffer, in duration: Duration)
}

/// The event loop: messages in, update, commands out, render the difference.
/// After each frame it keeps the frame's ``Keymap`` in the model (so the next
/// key means what the screen shows) and, with speech on, says the new page.
///
/// ```swift
/// let program = KioskProgram(model: model, output: tty, runner: effects, clock: SystemClock())
/// await program.run(input: InputReader(fd: 0).events())
/// ```
public final class KioskProgram: Sendable {
    private let output: any TerminalOutput
    private let runner: any CommandRunner
    private let clock: any KioskClock
    private let initial: KioskModel
    private let stream: AsyncStream<Msg>
    private let continuation: AsyncStream<Msg>.Continuation
    private let tickInterval: Duration
    private let observer: (any FrameObserver)?

    public init(model: KioskModel, output: any TerminalOutput, runner: any CommandRunner,
                clock: any KioskClock, tickInterval: Duration = .seconds(1), observer: (any FrameObserver)? = nil) {
        self.initial = model
        self.output = output
        self.runner = runner
        self.clock = clock
        self.tickInterval = tickInterval
        self.observer = observer
        (stream, continuation) = AsyncStream<Msg>.makeStream(bufferingPolicy: .unbounded)
    }

    /// Delivers a message from outside (a resize, a device event).
    public func send(_ msg: Msg) { continuation.yield(msg) }

    /// Ends ``run(input:)`` after the current message.
    public func stop() { continuation.finish() }

    /// Runs until a `.quit` command, ``stop()``, or the end of input.
    /// Returns the final model.
    @discardableResult
    public func run(input: AsyncStream<InputEvent>) async -> KioskModel {
        let continuation = self.continuation
        let clock = self.clock
        let tickInterval = self.tickInterval
        let inputTask = Task {
            for await event in input { continuation.yield(.input(event)) }
            continuation.finish()
        }
        // Ticks every `tickInterval`, or, while nothing on screen needs more, once a minute on the
        // minute (the clock in the header): an idle kiosk wakes up as little as it can.
        var byTheMinute = KioskApp.ticksByTheMinute(initial)
        let ticker = Ticker(interval: tickInterval, clock: clock, byTheMinute: byTheMinute) {
            continuation.yield(.tick(now: clock.now(), uptime: clock.uptime()))
        }
        defer {
            inputTask.cancel()
            ticker.cancel()
        }

        var model = initial
        model.size = output.size
        var renderer = Renderer()
        let started = ContinuousClock.now
        var frame = KioskApp.render(model)
        model.keymap = frame.keymap
        output.write(renderer.render(frame.buffer))
        observer?.drew(frame.buffer, in: ContinuousClock.now - started)
        let runner = self.runner
        /// Runs a command on a task of its own; what it answers comes back as messages. A command
        /// that ``Command/startsBeforeTheFrame`` starts on this thread and runs until it first waits.
        func start(_ command: Command) {
            if command.startsBeforeTheFrame {
                Task.immediate { await runner.run(command) { continuation.yield($0) } }
            } else {
                Task { await runner.run(command) { continuation.yield($0) } }
            }
        }
        // A restart mid-journey leaves a draft: it is never shown to the next person.
        start(.discardDrafts)
        for await msg in stream {
            if case .resized = msg { renderer.invalidate() }
            var early: [Command] = []
            if byTheMinute, !msg.isTick {
                // The model's time may be a minute old: bring it up to now before the message
                // (a session starting now counts its inactivity from now).
                (model, early) = KioskApp.update(model, .tick(now: clock.now(), uptime: clock.uptime()))
            }
            var (next, commands) = KioskApp.update(model, msg)
            commands = early + commands
            if commands.contains(.quit) { break }
            if commands.contains(.wipeScreen) {
                output.wipe()
                renderer.invalidate()
            }
            // The commands start before the frame is drawn, on tasks of their own: a ticket's
            // commit (and its print) need not wait for the screen to be drawn and written.
            for command in commands where command != .wipeScreen { start(command) }
            // Such a command waiting for an actor (a ticket for the queue's) goes before this frame:
            // the yield lets it run.
            if commands.contains(where: \.startsBeforeTheFrame) { await Task.yield() }
            // Draw, keep what the frame offers for the next key, and say it if it changed.
            let was = frame
            let drawing = ContinuousClock.now
            frame = KioskApp.render(next)
            next.keymap = frame.keymap
            output.write(renderer.render(frame.buffer))
            observer?.drew(frame.buffer, in: ContinuousClock.now - drawing)
            if let words = KioskApp.speech(next, drawn: frame, before: model, was: was) {
                start(.speak(words, locale: next.locale))
            }
            model = next
            if KioskApp.ticksByTheMinute(model) != byTheMinute {
                byTheMinute.toggle()
                ticker.pace(byTheMinute: byTheMinute)
            }
        }
        return model
    }
}

extension Command {
    /// Started on the program's own thread before the frame is drawn, and let run before it: a
    /// ticket, whose commit and print are what the citizen waits for, and for which waking another
    /// thread would cost more than the work it does before its commit.
    var startsBeforeTheFrame: Bool {
        if case .issueTicket = self { true } else { false }
    }
}
