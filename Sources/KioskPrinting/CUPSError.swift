/// What went wrong talking to CUPS. Each case has a stable code for the CLI
/// and logs; the screen shows plain Vietnamese instead (see the UI strings).
public enum CUPSError: Error, Equatable, CustomStringConvertible {
    case connect(server: String)
    case createJob(String)
    case send(String)
    case request(String)
    case jobFailed(jobID: Int32, state: JobState, reasons: [String])
    case timeout(jobID: Int32)

    public var code: String {
        switch self {
        case .connect: return "PRINT-CONNECT"
        case .createJob: return "PRINT-CREATE-JOB"
        case .send: return "PRINT-SEND"
        case .request: return "PRINT-IPP"
        case .jobFailed: return "PRINT-JOB-FAILED"
        case .timeout: return "PRINT-TIMEOUT"
        }
    }

    public var description: String {
        switch self {
        case .connect(let s): return "cannot connect to CUPS at \(s)"
        case .createJob(let m): return "CUPS refused the job: \(m)"
        case .send(let m): return "sending the job failed: \(m)"
        case .request(let m): return "IPP request failed: \(m)"
        case .jobFailed(let id, let st, let r):
            return "job \(id) ended \(st)" + (r.isEmpty ? "" : " (\(r.joined(separator: ", ")))")
        case .timeout(let id): return "job \(id) did not finish in time"
        }
    }
}

/// IPP job states (RFC 8011 §5.3.7).
public enum JobState: Int32, Sendable, CustomStringConvertible {
    case pending = 3, held = 4, processing = 5, stopped = 6, canceled = 7, aborted = 8, completed = 9

    public var isFinal: Bool { self == .canceled || self == .aborted || self == .completed }

    public var description: String {
        switch self {
        case .pending: return "pending"
        case .held: return "held"
        case .processing: return "processing"
        case .stopped: return "stopped"
        case .canceled: return "canceled"
        case .aborted: return "aborted"
        case .completed: return "completed"
        }
    }
}

/// IPP printer states.
public enum PrinterState: String, Sendable, Codable, CustomStringConvertible {
    case idle, processing, stopped

    /// From the IPP `printer-state` enum (3, 4, 5).
    public init?(ipp value: Int32) {
        switch value {
        case 3: self = .idle
        case 4: self = .processing
        case 5: self = .stopped
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// What IPP Get-Printer-Attributes says about a queue.
public struct PrinterStatus: Sendable, Codable, Equatable {
    public var name: String
    public var state: PrinterState
    public var reasons: [String]
    public var message: String
    public var acceptingJobs: Bool
    public var queuedJobs: Int
    public var deviceURI: String?

    /// Reasons that mean a citizen will not get paper (IPP `-error` suffix).
    public var blockingReasons: [String] {
        reasons.filter { $0.hasSuffix("-error") || $0 == "media-empty" || $0 == "media-needed" || $0 == "door-open" }
    }
}

/// A job's state and reasons.
public struct JobStatus: Sendable, Equatable {
    public var id: Int32
    public var state: JobState
    public var reasons: [String]
}
