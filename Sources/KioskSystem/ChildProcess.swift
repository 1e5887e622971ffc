import CKioskSys
public import Foundation
public import Glibc

/// Errors from starting or talking to a child process.
public enum ChildProcessError: Error, CustomStringConvertible {
    case spawn(path: String, errno: Int32)
    case notExecutable(String)
    /// `run` gave up waiting after `seconds` and killed the child.
    case timedOut(path: String, seconds: TimeInterval, stderr: String)

    public var description: String {
        switch self {
        case .spawn(let p, let e): return "cannot start \(p): \(PosixError.reason(e))"
        case .notExecutable(let p): return "\(p) is not an executable file"
        case .timedOut(let p, let s, let e):
            return "\(p) did not finish within \(Int(s)) s and was killed" + (e.isEmpty ? "" : "; it said: \(e.suffix(500))")
        }
    }
}

/// A child process started with a clean signal state.
///
/// Foundation's `Process` starts children with the signal mask of whatever
/// thread spawned them; Swift's runtime threads block most signals, so such a
/// child ignores SIGTERM for ever. `ChildProcess` spawns with an empty mask,
/// default dispositions and only fds 0-2 open.
///
/// ```swift
/// let cupsd = try ChildProcess.spawn("/usr/sbin/cupsd", ["-f", "-c", conf])
/// defer { cupsd.terminate() }
/// let result = try ChildProcess.run("/usr/sbin/lpadmin", ["-p", "q", "-E"])
/// ```
public final class ChildProcess: @unchecked Sendable {
    public let pid: Glibc.pid_t
    public let path: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    init(pid: pid_t, path: String) {
        self.pid = pid
        self.path = path
    }

    /// Where a child's standard stream goes.
    public enum Stream {
        case inherit
        case null
        case file(String, append: Bool)
        case fd(Int32)
    }

    /// Starts `path` with `arguments`. `environment` nil inherits this process's.
    public static func spawn(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                             stdin: Stream = .null, stdout: Stream = .inherit, stderr: Stream = .inherit,
                             newProcessGroup: Bool = false) throws -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw ChildProcessError.notExecutable(path) }
        var opened: [Int32] = []
        defer { opened.forEach(Posix.close) }
        func fd(_ s: Stream, input: Bool) -> Int32 {
            let f: Int32?
            switch s {
            case .inherit: return -1
            case .fd(let f): return f
            case .null: f = try? Posix.open("/dev/null", (input ? O_RDONLY : O_WRONLY) | O_CLOEXEC)
            case .file(let p, let append):
                f = try? Posix.open(p, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), mode: 0o644)
            }
            // A file that cannot be opened leaves the child's stream as this process's (as before).
            guard let f else { return -1 }
            opened.append(f)
            return f
        }
        let fIn = fd(stdin, input: true), fOut = fd(stdout, input: false), fErr = fd(stderr, input: false)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let r = withCStrings([path] + arguments) { argv in
            withCStrings(env) { envp in
                kiosk_spawn(path, argv, envp, fIn, fOut, fErr, newProcessGroup ? 1 : 0, &pid)
            }
        }
        guard r == 0 else { throw ChildProcessError.spawn(path: path, errno: r) }
        return ChildProcess(pid: pid, path: path)
    }

    /// Runs to completion and captures standard output and error. With `timeout`, a child still
    /// running after that many seconds is killed (SIGKILL) and ``ChildProcessError/timedOut(path:seconds:stderr:)``
    /// is thrown: a test or a tool never waits for ever.
    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                           stdin: Stream = .null, timeout: TimeInterval? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = Pipe(), err = Pipe()
        let child = try spawn(path, arguments, environment: environment, stdin: stdin,
                              stdout: .fd(out.fileHandleForWriting.fileDescriptor),
                              stderr: .fd(err.fileHandleForWriting.fileDescriptor))
        try out.fileHandleForWriting.close()
        try err.fileHandleForWriting.close()
        // Read both concurrently so neither pipe fills up.
        let errData = LockedBox(Data())
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let timedOut = LockedBox(false)
        let finished = LockedBox(false)
        if let timeout {
            let watchdog = Thread {
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline && !finished.get() { usleep(10_000) }
                // Still not reaped by `wait` below, so the pid is still this child's.
                if !finished.get() {
                    timedOut.set(true)
                    kill(child.pid, SIGKILL)
                }
            }
            watchdog.start()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let status = child.wait()
        finished.set(true)
        while !reader.isFinished { usleep(1000) }
        let stderrText = String(decoding: errData.get(), as: UTF8.self)
        if timedOut.get() { throw ChildProcessError.timedOut(path: path, seconds: timeout ?? 0, stderr: stderrText) }
        return (status, String(decoding: outData, as: UTF8.self), stderrText)
    }

    /// Waits for the child; returns its exit status, or 128 + signal.
    @discardableResult
    public func wait() -> Int32 {
        if let s = lock.withLock({ exitStatus }) { return s }
        var status: Int32 = 0
        var r: pid_t
        repeat { r = waitpid(pid, &status, 0) } while r < 0 && errno == EINTR
        if r < 0 {
            // Reaped by another thread (`isRunning`), which stores the status: take that one.
            for _ in 0..<1000 {
                if let s = lock.withLock({ exitStatus }) { return s }
                usleep(1000)
            }
        }
        let code = Self.decode(status)
        return lock.withLock {
            if exitStatus == nil { exitStatus = code }
            return exitStatus ?? code
        }
    }

    /// True until the child has exited (reaps it when it has).
    public var isRunning: Bool {
        if lock.withLock({ exitStatus }) != nil { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid {
            lock.withLock { exitStatus = Self.decode(status) }
            return false
        }
        return r == 0
    }

    /// Sends `signal` to this child only (never a process group); false once it has exited.
    @discardableResult
    public func signal(_ signal: Int32) -> Bool {
        guard isRunning else { return false }
        return kill(pid, signal) == 0
    }

    /// Waits up to `timeout` seconds for the child to exit; its status, or nil if it still runs.
    public func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() >= deadline { return nil }
            usleep(5000)
        }
        return wait()
    }

    /// Sends `signal`, then waits up to `timeout` seconds, then SIGKILL.
    @discardableResult
    public func terminate(signal: Int32 = SIGTERM, timeout: TimeInterval = 5) -> Int32 {
        guard isRunning else { return wait() }
        kill(pid, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning && Date() < deadline { usleep(5000) }
        if isRunning { kill(pid, SIGKILL) }
        return wait()
    }

    static func decode(_ status: Int32) -> Int32 {
        let sig = status & 0x7F
        return sig == 0 ? (status >> 8) & 0xFF : 128 + sig
    }

    /// Stops a process known only by its pid file, if it is still the named program.
    public static func terminate(pidFile: String, expecting name: String, timeout: TimeInterval = 5) {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
              let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
              comm.hasPrefix(String(name.prefix(15))) else {
            try? FileManager.default.removeItem(atPath: pidFile)
            return
        }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while kill(pid, 0) == 0 && Date() < deadline {
            var status: Int32 = 0
            _ = waitpid(pid, &status, WNOHANG)   // reaps it if it is our child
            usleep(5000)
        }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: pidFile)
    }
}

/// A value behind a lock.
public final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    public init(_ value: T) { self.value = value }
    public func get() -> T { lock.withLock { value } }
    public func set(_ v: T) { lock.withLock { value = v } }
    public func update<R>(_ body: (inout T) -> R) -> R { lock.withLock { body(&value) } }
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
