import Foundation
import KioskCore
import KioskTerminal
import KioskUI
import Logging
import ServiceLifecycle

/// The citizen's screen as a service: owns the terminal from start to end,
/// and gives it back restored however the service ends.
struct KioskUIService: Service {
    let model: KioskModel
    let runner: any CommandRunner
    let clock: any KioskClock
    let relay: UIRelay
    /// Hears every frame (render time, watchdog, READY=1).
    let observer: (any FrameObserver)?
    let logger: Logger

    func run() async throws {
        let tty = try TerminalDevice.screen()
        defer { tty.restore() }
        let program = KioskProgram(model: model, output: tty, runner: runner, clock: clock, observer: observer)
        relay.attach(program)
        let reader = InputReader(fd: tty.input)
        let resize = ResizeWatcher(terminal: tty) { program.send(.resized($0)) }
        defer { withExtendedLifetime(resize) {} }
        logger.info("interface started", metadata: ["size": "\(tty.size.columns)x\(tty.size.rows)"])
        await withGracefulShutdownHandler {
            _ = await program.run(input: reader.events())
        } onGracefulShutdown: {
            program.stop()
        }
        reader.stop()
        tty.wipe()
        logger.info("interface stopped")
    }
}
