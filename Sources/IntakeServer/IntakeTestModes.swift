public import Foundation
import KioskSystem

/// Test modes of the reference intake, for the reliability tests and the chaos run. Like the
/// fault profile they exist only with `--test-faults` (see ``TestNetwork``): a production intake
/// never crashes on purpose and never stores a key twice.
///
/// ```swift
/// var modes = IntakeTestModes()
/// modes.crashAfterCommit = 3    // SIGKILL itself after its 3rd commit, before answering
/// modes.noUniqueKey = true      // store every POST /v1/dossiers, so a resent dossier is counted
/// modes.seed = 42               // the fault dice, rerun the same way
/// ```
public struct IntakeTestModes: Sendable, Equatable {
    /// Kill itself (SIGKILL) right after its Nth commit of a dossier (created, or finalised),
    /// before the answer is sent: the kiosk sees a cut connection for something the intake holds.
    public var crashAfterCommit: Int?
    /// No `UNIQUE(idempotency_key)` and no replay lookup: every dossier the kiosk sends is stored
    /// as a row of its own, so a duplicate the kiosk sends is there to be counted.
    public var noUniqueKey = false
    /// Seed of the dice of the fault profile (random when nil; the intake logs the one it uses).
    public var seed: UInt64?

    public init(crashAfterCommit: Int? = nil, noUniqueKey: Bool = false, seed: UInt64? = nil) {
        self.crashAfterCommit = crashAfterCommit
        self.noUniqueKey = noUniqueKey
        self.seed = seed
    }

    public var isNone: Bool { crashAfterCommit == nil && !noUniqueKey && seed == nil }
}

/// Counts the intake's commits and, in the `crashAfterCommit` test mode, kills the process
/// after the chosen one.
final class CommitCounter: Sendable {
    private let count = LockedBox(0)
    let crashAfter: Int?

    init(crashAfter: Int?) { self.crashAfter = crashAfter }

    /// Call right after a commit that the answer will report.
    func committed() {
        let n = count.update { c -> Int in
            c += 1
            return c
        }
        if let crashAfter, n == crashAfter { Posix.killSelf() }
    }
}

/// Where the test hooks may listen: on loopback, or on the test line between two network
/// namespaces (`docs/reliability.md`), which nothing outside this machine can reach.
///
/// The test line is recognised by facts, not by a flag: the address is in `10.77.0.0/16` (kept
/// for these namespaces), and every network interface this process can see is virtual (`lo`, a
/// veth: `/sys/class/net/NAME` points into `devices/virtual`), so no wire leaves the machine.
/// `ip netns exec` mounts the namespace's own `/sys`; an interface missing from it counts as
/// physical, so the check fails closed.
public enum TestNetwork {
    public static func allowsTestHooks(host: String) -> Bool {
        IntakeApplication.isLoopback(host) || (isTestLineAddress(host) && onlyVirtualInterfaces())
    }

    static func isTestLineAddress(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        return parts.count == 4 && parts.allSatisfy { $0 != nil } && parts[0] == 10 && parts[1] == 77
    }

    /// The interfaces of this network namespace (`/proc/self/net/dev`), each virtual in `/sys`.
    static func onlyVirtualInterfaces() -> Bool {
        guard let dev = try? String(contentsOfFile: "/proc/self/net/dev", encoding: .utf8) else { return false }
        let names = dev.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard !names.isEmpty else { return false }
        return names.allSatisfy { name in
            let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/sys/class/net/\(name)")
            return target?.contains("/devices/virtual/net/") == true
        }
    }
}
