import Foundation
import Glibc
import KioskSystem
import KioskTerminal

/// The release kioskd on a pseudo-terminal the bench owns, measured from the outside: the bench
/// writes a key's bytes to the controller and a reader thread notes when each frame's
/// `ESC[?2026l` (the renderer's end of a synchronized frame) arrives, and how many bytes the
/// frame took from its `ESC[?2026h`.
///
/// kioskd is started through `setsid -c`, so the pty is its controlling terminal and a resize
/// reaches it as SIGWINCH, as in foot. Nothing is forwarded and no device is looked for.
final class PtyKioskd: @unchecked Sendable {
    struct Frame {
        /// `DispatchTime` nanoseconds when the frame's end was read.
        let at: UInt64
        /// Bytes from the frame's begin mark to its end mark, both included.
        let bytes: Int
        /// The frame's text with escape sequences taken out (to check which screen it drew).
        let text: String
    }

    let dir: String
    let pty: PseudoTerminalPair
    let process: ChildProcess
    /// `DispatchTime` nanoseconds just before the spawn.
    let spawnedAt: UInt64
    private let condition = NSCondition()
    private var frames: [Frame] = []
    private var closed = false
    private var reader: Thread?

    /// Starts kioskd on a `columns`×`rows` pty; `database` nil: a new one under `dir`.
    /// `devices`: the udev monitor and the printer monitor run too (the idle figure), else `--no-devices`.
    /// `cups`: the CUPS server kioskd prints to (default: one that is not there).
    init(dir: String, columns: Int, rows: Int, database: String? = nil, devices: Bool = false, cups: String? = nil,
         extra: [String] = []) throws {
        self.dir = dir
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        pty = try PseudoTerminalPair(columns: columns, rows: rows)
        let device = try Posix.open(pty.devicePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        defer { Posix.close(device) }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let arguments = [
            "-c", "\(Bench.binDir)/kioskd", "--config", "", "--no-speech",
            "--state-dir", dir, "--database", database ?? "\(dir)/kiosk.sqlite",
            "--content", Bench.contentDir.path, "--log-file", "\(dir)/kioskd.log",
            "--no-counter-api", "--cups-server", cups ?? "\(dir)/no-cups.sock",
            // Nothing is forwarded: an intake that is not there keeps the outbox waiting.
            "--intake-url", "http://127.0.0.1:9", "--heartbeat-seconds", "3600",
        ] + (devices ? [] : ["--no-devices"]) + extra
        let t0 = DispatchTime.now().uptimeNanoseconds
        process = try ChildProcess.spawn("/usr/bin/setsid", arguments, environment: environment,
                                         stdin: .fd(device), stdout: .fd(device), stderr: .file("\(dir)/kioskd.err", append: true))
        spawnedAt = t0
        let thread = Thread { [unowned self] in self.read() }
        thread.name = "pty-reader"
        reader = thread
        thread.start()
    }

    /// Reads the controller until the device side is gone, splitting the bytes into frames.
    private func read() {
        let begin = Renderer.frameBegin, end = Renderer.frameEnd
        var window: [UInt8] = []   // the last bytes, to find marks split across reads
        var frameBytes = -1        // -1: outside a frame
        var text: [UInt8] = []
        var inEscape = false
        while true {
            let chunk: Posix.ReadResult
            do { chunk = try Posix.read(pty.controller, max: 65_536) } catch { break }
            guard case .bytes(let bytes) = chunk else {
                if case .wouldBlock = chunk { continue }
                break
            }
            for b in bytes {
                window.append(b)
                if window.count > begin.count { window.removeFirst() }
                if frameBytes >= 0 { frameBytes += 1 }
                // Printable text outside escape sequences (a CSI ends at a byte 0x40-0x7E).
                if b == 0x1B { inEscape = true } else if inEscape {
                    if b >= 0x40 && b <= 0x7E && b != 0x5B { inEscape = false }
                } else if frameBytes >= 0 && b >= 0x20 { text.append(b) }
                if window == begin {
                    frameBytes = begin.count
                    text = []
                } else if window == end, frameBytes >= 0 {
                    let frame = Frame(at: DispatchTime.now().uptimeNanoseconds, bytes: frameBytes,
                                      text: String(decoding: text, as: UTF8.self))
                    frameBytes = -1
                    condition.withLock {
                        frames.append(frame)
                        if frames.count > 4096 {
                            frames.removeFirst(2048)
                            dropped += 2048
                        }
                        condition.broadcast()
                    }
                }
            }
        }
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// How many frames have ended so far (a mark to wait after).
    var frameCount: Int { condition.withLock { framesSeen } }
    private var framesSeen: Int { frames.count + dropped }
    private var dropped = 0

    /// The first frame to end after `count` frames, or nil after `timeout` seconds (or if kioskd's
    /// terminal closed).
    func frame(after count: Int, timeout: TimeInterval = 5) -> Frame? {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while framesSeen <= count && !closed {
                if !condition.wait(until: deadline) { return nil }
            }
            guard framesSeen > count else { return nil }
            return frames[max(0, count - dropped)]
        }
    }

    /// Writes a key's bytes as the terminal would; the time just before the write.
    @discardableResult
    func press(_ key: String) throws -> UInt64 {
        let bytes = Array(Self.keyBytes(key).utf8)
        let t0 = DispatchTime.now().uptimeNanoseconds
        try Posix.writeAll(pty.controller, bytes)
        return t0
    }

    /// Presses `key` and waits for the frame it causes: latency in ms and the frame.
    func keyToFrame(_ key: String, timeout: TimeInterval = 5) throws -> (ms: Double, frame: Frame) {
        let before = frameCount
        let t0 = try press(key)
        guard let frame = frame(after: before, timeout: timeout) else { throw Bench.Failure("no frame within \(timeout) s after key \(key.debugDescription) (kioskd alive: \(process.isRunning))") }
        return (Double(frame.at - t0) / 1e6, frame)
    }

    /// Presses keys one after the other, each time waiting for its frame.
    func walk(_ keys: [String]) throws {
        for key in keys { _ = try keyToFrame(key) }
    }

    /// Writes `keys` in one go (keys of one screen, each of which changes it) and waits for as
    /// many frames; fails if they do not all come within `timeout`.
    func typeAhead(_ keys: [String], timeout: TimeInterval = 10) throws {
        let before = frameCount
        try Posix.writeAll(pty.controller, Array(keys.map(Self.keyBytes).joined().utf8))
        guard frame(after: before + keys.count - 1, timeout: timeout) != nil else {
            throw Bench.Failure("\(frameCount - before) frames of \(keys.count) within \(timeout) s after typing \(keys.joined().debugDescription) ahead")
        }
    }

    static func keyBytes(_ key: String) -> String {
        switch key {
        case "Up": return "\u{1B}[A"
        case "Down": return "\u{1B}[B"
        case "Enter": return "\r"
        default: return key
        }
    }

    /// Presses "9" (back) until the welcome screen is drawn, at most `limit` times.
    func backToWelcome(limit: Int = 8) throws {
        for _ in 0..<limit {
            if try keyToFrame("9").frame.text.contains("Lấy số thứ tự") { return }
        }
        throw Bench.Failure("\(limit) × key 9 did not bring the welcome screen back")
    }

    /// VmRSS of kioskd in MiB (0 once it is gone).
    var rssMiB: Double { Bench.procStatusKiB(pid: process.pid, field: "VmRSS") / 1024 }

    func stop() {
        process.terminate(timeout: 5)
        reader.map { t in
            let deadline = Date().addingTimeInterval(2)
            while !t.isFinished && Date() < deadline { usleep(1000) }
        }
    }

    deinit { process.terminate(timeout: 1) }
}

extension Bench {
    /// A failed check: the bench stops with this message and a non-zero status.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Fails the bench unless `ok`.
    static func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
        if !ok { throw Failure(message()) }
    }

    /// A numeric field of /proc/PID/status (kB for the Vm* fields), 0 when absent.
    static func procStatusKiB(pid: Int32, field: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
    }
}
