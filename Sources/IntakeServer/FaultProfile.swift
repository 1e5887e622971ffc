import Foundation
import KioskCore

/// Faults the reference intake injects, to prove the kiosk survives a bad line.
///
/// Set from `--faults FILE` (JSON), from flags, or at run time with
/// `PUT /admin/faults`. Rates are probabilities per request (0...1).
///
/// ```json
/// {"errorRate": 0.3, "tooManyRequestsRate": 0.05, "retryAfterSeconds": 120,
///  "latencyMs": 50, "resetRate": 0.05, "dropResponseRate": 0.05,
///  "outageSeconds": 60, "outageAfterSeconds": 30,
///  "bandwidthKbps": 256, "dropEverySeconds": 20, "lyingUploadOffset": "-5"}
/// ```
public struct FaultProfile: Codable, Sendable, Equatable {
    /// Answer with one of `errorStatuses` (500 or 503 by default).
    public var errorRate: Double = 0
    public var errorStatuses: [Int] = [500, 503]
    /// Answer 429 with `Retry-After: retryAfterSeconds`.
    public var tooManyRequestsRate: Double = 0
    public var retryAfterSeconds: Int = 30
    /// Also send `Retry-After` with 503 answers.
    public var retryAfterOn503 = false
    /// Delay before answering.
    public var latencyMs: Int = 0
    /// Close the connection while the body is being received.
    public var resetRate: Double = 0
    /// Do the work and commit it, then close the connection without answering.
    public var dropResponseRate: Double = 0
    /// A full outage (connections closed at once) lasting this long...
    public var outageSeconds: Double = 0
    /// ...starting this long after the profile is set.
    public var outageAfterSeconds: Double = 0
    /// Throttle request bodies to this many kilobits per second.
    public var bandwidthKbps: Double?
    /// The line drops every N seconds: bodies being received at that moment are cut.
    public var dropEverySeconds: Double?
    /// A broken or hostile intake: every answer that carries `Upload-Offset` carries this value
    /// instead of the true one (`"-5"`, `"99999999999"`, the same offset again…).
    public var lyingUploadOffset: String?

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FaultProfile()
        errorRate = try c.decodeIfPresent(Double.self, forKey: .errorRate) ?? d.errorRate
        errorStatuses = try c.decodeIfPresent([Int].self, forKey: .errorStatuses) ?? d.errorStatuses
        tooManyRequestsRate = try c.decodeIfPresent(Double.self, forKey: .tooManyRequestsRate) ?? d.tooManyRequestsRate
        retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? d.retryAfterSeconds
        retryAfterOn503 = try c.decodeIfPresent(Bool.self, forKey: .retryAfterOn503) ?? d.retryAfterOn503
        latencyMs = try c.decodeIfPresent(Int.self, forKey: .latencyMs) ?? d.latencyMs
        resetRate = try c.decodeIfPresent(Double.self, forKey: .resetRate) ?? d.resetRate
        dropResponseRate = try c.decodeIfPresent(Double.self, forKey: .dropResponseRate) ?? d.dropResponseRate
        outageSeconds = try c.decodeIfPresent(Double.self, forKey: .outageSeconds) ?? d.outageSeconds
        outageAfterSeconds = try c.decodeIfPresent(Double.self, forKey: .outageAfterSeconds) ?? d.outageAfterSeconds
        bandwidthKbps = try c.decodeIfPresent(Double.self, forKey: .bandwidthKbps)
        dropEverySeconds = try c.decodeIfPresent(Double.self, forKey: .dropEverySeconds)
        lyingUploadOffset = try c.decodeIfPresent(String.self, forKey: .lyingUploadOffset)
        if let lie = lyingUploadOffset, lie.utf8.count > 64 || !lie.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            throw DecodingError.dataCorruptedError(forKey: .lyingUploadOffset, in: c, debugDescription: "at most 64 printable ASCII characters")
        }
    }

    public var isNone: Bool { self == FaultProfile() }
}

/// The fault profile in force, and when it was set.
final class FaultState: @unchecked Sendable {
    private let lock = NSLock()
    private var profile: FaultProfile
    private var setAt: Date
    private var rng: SplitMix64
    private(set) var injected: [String: Int] = [:]

    /// `seed` makes the dice the same from run to run (`--test-seed`), for the same order of requests.
    init(_ profile: FaultProfile, seed: UInt64) {
        self.profile = profile
        self.setAt = Date()
        self.rng = SplitMix64(seed: seed)
    }

    func set(_ p: FaultProfile) {
        lock.withLock {
            profile = p
            setAt = Date()
        }
    }

    var current: FaultProfile { lock.withLock { profile } }
    var since: Date { lock.withLock { setAt } }

    func count(_ what: String) { lock.withLock { injected[what, default: 0] += 1 } }
    var counts: [String: Int] { lock.withLock { injected } }

    func roll(_ p: Double) -> Bool {
        guard p > 0 else { return false }
        return lock.withLock { rng.nextUnit() < p }
    }

    /// One of `count` choices (count > 0), from the same dice.
    func pick(_ count: Int) -> Int { lock.withLock { rng.next(below: count) } }

    func inOutage(now: Date) -> Bool {
        let (p, t) = lock.withLock { (profile, setAt) }
        guard p.outageSeconds > 0 else { return false }
        let start = t.addingTimeInterval(p.outageAfterSeconds)
        return now >= start && now < start.addingTimeInterval(p.outageSeconds)
    }

    /// Which line period `now` falls in (changes when the line drops).
    func linePeriod(now: Date) -> Int? {
        let (p, t) = lock.withLock { (profile, setAt) }
        guard let every = p.dropEverySeconds, every > 0 else { return nil }
        return Int(now.timeIntervalSince(t) / every)
    }
}
