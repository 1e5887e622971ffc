public import Foundation

/// A real line between a kiosk and the central intake on one machine: two network namespaces
/// joined by a veth pair (root only). Packets really cross an interface, and the faults happen
/// in the kernel, not in our code (the recipe is in `docs/reliability.md`):
///
/// - ``blackHole(_:)``: the central end goes down. Packets vanish, connects time out and open
///   connections hang until their timeouts; on the kiosk's side the link stays up.
/// - ``unreachable(_:)``: the kiosk's end goes down. The address is unreachable at once
///   (`ENETUNREACH`; `EHOSTUNREACH` when the kiosk's end is in the caller's namespace, where the
///   route `unreachable 10.77.0.0/16` keeps the test range off the default route), a different fault.
/// - ``shape(kbit:)``: a slow line, `tc qdisc … tbf` on both ends (netem is not in every kernel).
///
/// The kiosk's end is in a namespace of its own (the chaos run), or, with `kioskInThisNamespace`,
/// in the caller's, so that a test process can drive a forwarder itself over the line; each such
/// line then gets a /30 of its own in `10.77.0.0/16`.
///
/// Names are unique per line (`tag` plus this process's id), so lines made by tests that run at
/// the same time do not meet. ``remove()`` (also on deinit) deletes the namespaces and the veth.
///
/// ```swift
/// let line = try NetworkLine(tag: "slow")
/// defer { line.remove() }
/// let intake = try line.spawn(.central, "/usr/bin/onestop-intake", ["serve", "--host", line.centralAddress, "--port", "8088"])
/// try line.shape(kbit: 256)
/// try line.blackHole(true)   // … later: try line.blackHole(false)
/// ```
public final class NetworkLine: @unchecked Sendable {
    public enum Side: Sendable { case kiosk, central }

    public static let ip = "/usr/sbin/ip"
    public static let tc = "/usr/sbin/tc"

    public let kioskNamespace: String
    public let centralNamespace: String
    public let kioskInterface: String
    public let centralInterface: String
    public let kioskAddress: String
    public let centralAddress: String
    /// The kiosk's end is in the caller's namespace (no kiosk namespace is made).
    public let kioskInThisNamespace: Bool
    private let removed = LockedBox(false)

    /// Makes the namespaces and the veth; throws ``NetworkLineError/cannotCreate(_:)`` with what
    /// `ip` said (not root, no `ip`, no veth support), never silently.
    public init(tag: String, kioskInThisNamespace: Bool = false) throws {
        let clean = String(tag.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(4))
        // Interface names are at most 15 bytes: 2 + 4 + 6 + 1 + 1 + 1.
        let id = String(UInt32(truncatingIfNeeded: getpid()) % 1_000_000) + String(Self.counter.update { n -> Int in
            n += 1
            return n
        } % 10)
        kioskNamespace = "ok-\(clean)-\(id)-k"
        centralNamespace = "ok-\(clean)-\(id)-c"
        kioskInterface = "ok\(clean)\(id)k"
        centralInterface = "ok\(clean)\(id)c"
        self.kioskInThisNamespace = kioskInThisNamespace
        if kioskInThisNamespace {
            // A /30 of its own, since every such line shares the caller's routing table.
            let n = Int(id) ?? 0
            let third = (n / 64) % 256, fourth = (n % 64) * 4
            kioskAddress = "10.77.\(third).\(fourth + 1)"
            centralAddress = "10.77.\(third).\(fourth + 2)"
        } else {
            kioskAddress = "10.77.0.1"
            centralAddress = "10.77.0.2"
        }
        guard FileManager.default.isExecutableFile(atPath: Self.ip) else {
            throw NetworkLineError.cannotCreate("\(Self.ip) is missing (Debian package iproute2)")
        }
        // A namespace left by an earlier run that was killed goes first.
        remove(quiet: true)
        removed.set(false)
        do {
            if !kioskInThisNamespace { try Self.run(Self.ip, ["netns", "add", kioskNamespace]) }
            try Self.run(Self.ip, ["netns", "add", centralNamespace])
            try Self.run(Self.ip, ["link", "add", kioskInterface, "type", "veth", "peer", "name", centralInterface])
            if !kioskInThisNamespace { try Self.run(Self.ip, ["link", "set", kioskInterface, "netns", kioskNamespace]) }
            try Self.run(Self.ip, ["link", "set", centralInterface, "netns", centralNamespace])
            try Self.run(Self.ip, kioskIP(["addr", "add", "\(kioskAddress)/30", "dev", kioskInterface]))
            try Self.run(Self.ip, ["-n", centralNamespace, "addr", "add", "\(centralAddress)/30", "dev", centralInterface])
            try Self.run(Self.ip, kioskIP(["link", "set", kioskInterface, "up"]))
            try Self.run(Self.ip, ["-n", centralNamespace, "link", "set", centralInterface, "up"])
            try Self.run(Self.ip, ["-n", centralNamespace, "link", "set", "lo", "up"])
            if !kioskInThisNamespace { try Self.run(Self.ip, ["-n", kioskNamespace, "link", "set", "lo", "up"]) }
            // Each end knows the other's hardware address for good: with the far end down, packets
            // then leave and vanish (a black hole) instead of failing on an ARP lookup.
            let kioskMAC = try Self.mac(Self.run(Self.ip, kioskIP(["-o", "link", "show", kioskInterface])))
            let centralMAC = try Self.mac(Self.run(Self.ip, ["-n", centralNamespace, "-o", "link", "show", centralInterface]))
            try Self.run(Self.ip, kioskIP(["neigh", "replace", centralAddress, "lladdr", centralMAC, "dev", kioskInterface, "nud", "permanent"]))
            try Self.run(Self.ip, ["-n", centralNamespace, "neigh", "replace", kioskAddress, "lladdr", kioskMAC, "dev", centralInterface,
                                   "nud", "permanent"])
            // In the caller's namespace, a line whose end is down must not send its packets to the
            // default route: 10.77.0.0/16 is unreachable here except through a line that is up.
            if kioskInThisNamespace { try Self.run(Self.ip, ["route", "replace", "unreachable", "10.77.0.0/16"]) }
        } catch {
            remove(quiet: true)
            throw error
        }
    }

    private static let counter = LockedBox(0)

    public func namespace(_ side: Side) -> String { side == .kiosk ? kioskNamespace : centralNamespace }

    /// `ip` arguments for the kiosk's end, wherever it is.
    func kioskIP(_ arguments: [String]) -> [String] {
        kioskInThisNamespace ? arguments : ["-n", kioskNamespace] + arguments
    }

    /// The command line that runs `path arguments` inside `side`'s namespace (the kiosk's side
    /// in the caller's namespace runs directly).
    public func command(_ side: Side, _ path: String, _ arguments: [String]) -> (path: String, arguments: [String]) {
        if side == .kiosk && kioskInThisNamespace { return (path, arguments) }
        return (Self.ip, ["netns", "exec", namespace(side), path] + arguments)
    }

    /// Starts `path` inside `side`'s namespace (`ip netns exec` execs it: the pid is the program's).
    public func spawn(_ side: Side, _ path: String, _ arguments: [String], environment: [String: String]? = nil,
                      stdout: ChildProcess.Stream = .inherit, stderr: ChildProcess.Stream = .inherit) throws -> ChildProcess {
        let c = command(side, path, arguments)
        return try ChildProcess.spawn(c.path, c.arguments, environment: environment, stdout: stdout, stderr: stderr)
    }

    /// Runs `path arguments` to the end inside `side`'s namespace.
    public func run(_ side: Side, _ path: String, _ arguments: [String], timeout: TimeInterval = 60) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let c = command(side, path, arguments)
        return try ChildProcess.run(c.path, c.arguments, timeout: timeout)
    }

    /// A black hole (`true`) or the line back (`false`): the central end of the veth down or up.
    public func blackHole(_ on: Bool) throws {
        try Self.run(Self.ip, ["-n", centralNamespace, "link", "set", centralInterface, on ? "down" : "up"])
    }

    /// The kiosk's own end down (`true`: the intake is unreachable at once) or up.
    public func unreachable(_ on: Bool) throws {
        // The route to the /30 comes back with the link: nothing else to restore.
        try Self.run(Self.ip, kioskIP(["link", "set", kioskInterface, on ? "down" : "up"]))
    }

    /// Both ends limited to `kbit` kbit/s with a token bucket (`tbf`), or unlimited with nil.
    public func shape(kbit: Int?) throws {
        for (side, dev) in [(Side.kiosk, kioskInterface), (Side.central, centralInterface)] {
            let del = command(side, Self.tc, ["qdisc", "del", "dev", dev, "root"])
            _ = try? Self.run(del.path, del.arguments)
            if let kbit {
                let add = command(side, Self.tc, ["qdisc", "add", "dev", dev, "root", "tbf", "rate", "\(kbit)kbit", "burst", "4kb", "latency", "400ms"])
                try Self.run(add.path, add.arguments)
            }
        }
    }

    /// Deletes both namespaces (the veth goes with them). Safe to call twice.
    public func remove() { remove(quiet: true) }

    private func remove(quiet: Bool) {
        guard !removed.update({ r -> Bool in
            defer { r = true }
            return r
        }) else { return }
        // Deleting a namespace deletes the veth in it, and so its peer.
        if kioskInThisNamespace { _ = try? ChildProcess.run(Self.ip, ["link", "del", kioskInterface], timeout: 30) }
        for ns in kioskInThisNamespace ? [centralNamespace] : [kioskNamespace, centralNamespace] {
            _ = try? ChildProcess.run(Self.ip, ["netns", "del", ns], timeout: 30)
        }
    }

    deinit { remove() }

    /// The `link/ether` address in `ip -o link show` output.
    static func mac(_ text: String) throws -> String {
        let words = text.split(separator: " ")
        guard let i = words.firstIndex(of: "link/ether"), i + 1 < words.count else {
            throw NetworkLineError.cannotCreate("no hardware address in: \(text)")
        }
        return String(words[i + 1])
    }

    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let r: (status: Int32, stdout: String, stderr: String)
        do { r = try ChildProcess.run(path, arguments, timeout: 30) } catch {
            throw NetworkLineError.cannotCreate("\(path) \(arguments.joined(separator: " ")): \(error)")
        }
        guard r.status == 0 else {
            throw NetworkLineError.cannotCreate("\(path) \(arguments.joined(separator: " ")) failed (\(r.status)): "
                                                + r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return r.stdout
    }
}

public enum NetworkLineError: Error, CustomStringConvertible {
    /// The line could not be made or changed: the tests and the chaos run need root, `ip` and veth.
    case cannotCreate(String)

    public var description: String {
        switch self {
        case .cannotCreate(let why):
            return "cannot make the test line (two network namespaces and a veth; needs root and iproute2): \(why)"
        }
    }
}
