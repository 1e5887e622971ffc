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
    private var percent: Int
    let binary: String?
    let wavDirectory: String?
    /// WAV file names start with it (`speech-00001.wav`, `call-00001.wav`).
    let prefix: String
    let logger: Logger

    /// - Parameter amplitude: espeak-ng's amplitude to start from (`--volume`, 0-200, 100 normal);
    ///   the citizen's + and - keys move it from there.
    init(wavDirectory: String?, amplitude: Int = 100, prefix: String = "speech", logger: Logger) {
        self.prefix = prefix
        percent = min(100, max(0, amplitude / 2))
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

    /// The volume in percent (the keys keep it within 10-100); espeak-ng's amplitude is twice it
    /// (its default, 100, is 50 %).
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
        guard let text, !text.isEmpty, let child = start(text, voice: voice) else { return }
        lock.withLock { current = child }
        // Reap it when it ends, off the interface's path.
        DispatchQueue.global(qos: .background).async { child.wait() }
    }

    /// Says `text` and returns once it is said (the hall's calls: one at a time, in order,
    /// never cut off). False when nothing could be said.
    func sayToEnd(_ text: String, voice: String = "vi") async -> Bool {
        guard let child = start(text, voice: voice) else { return false }
        let status = await Task.detached(priority: .utility) { child.wait() }.value
        return status == 0
    }

    /// Starts espeak-ng on `text` (to the sound device, or a WAV file when there is none).
    private func start(_ text: String, voice: String) -> ChildProcess? {
        guard let binary else {
            warnOnce("espeak-ng is not installed; spoken guidance is off")
            return nil
        }
        var args = ["-v", voice, "-s", "140", "-a", "\(volume * 2)"]
        if !Self.hasSoundDevice {
            guard let dir = wavDirectory else {
                warnOnce("no sound device; spoken guidance is silent")
                return nil
            }
            let n = lock.withLock { counter += 1; return counter }
            args += ["-w", "\(dir)/\(prefix)-\(String(format: "%05d", n)).wav"]
        }
        args.append(String(text.prefix(2000)))
        do {
            return try ChildProcess.spawn(binary, args, stdout: .null, stderr: .null)
        } catch {
            warnOnce("espeak-ng did not start: \(error)")
            return nil
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
