public import Foundation
import KioskSystem

/// Drives a program in a detached tmux session on a private tmux server.
///
/// ```swift
/// let tmux = try Tmux(command: "kioskd --demo", columns: 100, rows: 30)
/// defer { tmux.kill() }
/// try tmux.waitFor("Lấy số thứ tự")
/// try tmux.send("1")
/// ```
public final class Tmux: @unchecked Sendable {
    public let socket: String
    public let session = "kiosk"

    public init(command: String, columns: Int = 80, rows: Int = 24, environment: [String: String] = [:]) throws {
        socket = "kiosk-test-\(UUID().uuidString.prefix(8))"
        var args = ["-u", "-f", "/dev/null", "new-session", "-d", "-s", session,
                    "-x", "\(columns)", "-y", "\(rows)"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        try tmux(args)
        // Keep the pane after the program exits, so its last screen can be read.
        _ = try? tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let r = try ChildProcess.run("/usr/bin/tmux", ["-L", socket] + args)
        guard r.status == 0 else { throw TmuxError.failed(args: args, stderr: r.stderr) }
        return r.stdout
    }

    /// Types keys (tmux key names like `Enter`, `Escape`, `C-c`).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Sends bytes literally (e.g. an SGR mouse report).
    public func sendLiteral(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    /// A tap (left press and release) at a 0-based cell.
    public func tap(column: Int, row: Int) throws {
        try sendLiteral("\u{1B}[<0;\(column + 1);\(row + 1)M")
        try sendLiteral("\u{1B}[<0;\(column + 1);\(row + 1)m")
    }

    /// The visible screen.
    public func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    /// The visible screen plus the scrollback history.
    public func captureWithHistory() throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-", "-E", "-", "-t", session])
    }

    /// Waits until the screen contains `text`; returns the screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        var screen = ""
        let ok = TestEnvironment.waitUntil(timeout: timeout) {
            do { screen = try capture() } catch { screen = "\(error)" }
            return screen.contains(text)
        }
        guard ok else { throw TmuxError.timeout(waitingFor: text, screen: screen) }
        return screen
    }

    /// The row and column where `text` first appears, 0-based.
    public func locate(_ text: String) throws -> (column: Int, row: Int)? {
        let lines = try capture().components(separatedBy: "\n")
        for (row, line) in lines.enumerated() {
            if let r = line.range(of: text) {
                return (line.distance(from: line.startIndex, to: r.lowerBound), row)
            }
        }
        return nil
    }

    /// True while the program in the pane is running.
    public var isAlive: Bool {
        (try? tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    public func kill() {
        _ = try? tmux(["kill-server"])
    }

    /// Starts `command` again in the pane once its program has ended (or kills it first).
    public func respawn(_ command: String) throws {
        try tmux(["respawn-pane", "-k", "-t", session, command])
    }

    /// The pid of the program named `name` running in the pane: the pane's own process, or its one
    /// child of that name (when a shell runs it). Waits up to `timeout` seconds for it and throws
    /// if it is not there: never 0 or a pid of another program, which `kill` would take for a
    /// process group or a stranger.
    public func programPID(named name: String, timeout: TimeInterval = 10) throws -> Int32 {
        var found: Int32?
        _ = TestEnvironment.waitUntil(timeout: timeout) {
            guard let text = try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]),
                  let pane = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pane > 1 else { return false }
            let candidates = [pane] + ((try? String(contentsOfFile: "/proc/\(pane)/task/\(pane)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }
            found = candidates.first { pid in
                pid > 1 && (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) == String(name.prefix(15))
            }
            return found != nil
        }
        guard let pid = found else { throw TmuxError.noProgram(name) }
        return pid
    }
}

public enum TmuxError: Error, CustomStringConvertible {
    case failed(args: [String], stderr: String)
    case timeout(waitingFor: String, screen: String)
    case noProgram(String)

    public var description: String {
        switch self {
        case .noProgram(let n): return "no program named \(n) runs in the tmux pane"
        case .failed(let a, let e): return "tmux \(a.joined(separator: " ")) failed: \(e)"
        case .timeout(let t, let s): return "timed out waiting for '\(t)'; screen was:\n\(s)"
        }
    }
}
