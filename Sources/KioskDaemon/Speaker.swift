import Foundation
import KioskSystem
import Logging

/// Spoken guidance with espeak-ng: Vietnamese screens in the voice `vi`, English ones in `en`, at the
/// volume the citizen set with the + and - keys.
///
/// Speaking never blocks the interface: the process is started and left to
/// run; a new text or a key press stops it. Where the machine has no sound
/// device the speech is written to WAV files instead (when a folder is
/// given), so it can still be checked. Failures are logged once, never shown.
final class Speaker: @unchecked Sendable {
    private let lock = NSLock()
    private var current: ChildProcess?
    private var counter = 0
    private var warned = false
    private var percent = 60
    let binary: String?
    let wavDirectory: String?
    let logger: Logger

    init(wavDirectory: String?, logger: Logger) {
        binary = ["/usr/bin/espeak-ng", "/usr/local/bin/espeak-ng"].first { FileManager.default.isExecutableFile(atPath: $0) }
        self.wavDirectory = wavDirectory
        self.logger = logger
        if let wavDirectory { try? FileManager.default.createDirectory(atPath: wavDirectory, withIntermediateDirectories: true) }
    }

    /// True when there is a sound card to play on.
    static var hasSoundDevice: Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/snd")) ?? []
        return names.contains { $0.hasPrefix("pcm") } || ProcessInfo.processInfo.environment["PULSE_SERVER"] != nil
    }

    /// The volume in percent (10-100); espeak-ng's amplitude is twice it (its default, 100, is 50 %).
    var volume: Int {
        get { lock.withLock { percent } }
        set { lock.withLock { percent = min(100, max(10, newValue)) } }
    }

    /// Stops what is being said, then says `text` in `voice` (nil: just stop).
    func speak(_ text: String?, voice: String = "vi") {
        lock.withLock {
            if let c = current, c.isRunning { kill(c.pid, SIGKILL) }
            current = nil
        }
        guard let text, !text.isEmpty else { return }
        guard let binary else {
            warnOnce("espeak-ng is not installed; spoken guidance is off")
            return
        }
        var args = ["-v", voice, "-s", "140", "-a", "\(volume * 2)"]
        if !Self.hasSoundDevice {
            guard let dir = wavDirectory else {
                warnOnce("no sound device; spoken guidance is silent")
                return
            }
            let n = lock.withLock { counter += 1; return counter }
            args += ["-w", "\(dir)/speech-\(String(format: "%05d", n)).wav"]
        }
        args.append(String(text.prefix(2000)))
        do {
            let child = try ChildProcess.spawn(binary, args, stdout: .null, stderr: .null)
            lock.withLock { current = child }
            // Reap it when it ends, off the interface's path.
            DispatchQueue.global(qos: .background).async { child.wait() }
        } catch {
            warnOnce("espeak-ng did not start: \(error)")
        }
    }

    private func warnOnce(_ message: String) {
        let first = lock.withLock { () -> Bool in
            defer { warned = true }
            return !warned
        }
        if first { logger.warning("\(message)") }
    }
}
