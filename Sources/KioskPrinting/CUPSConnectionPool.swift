import Dispatch
public import Foundation

/// Where tickets, receipts and guides go: a CUPS server and a raw queue.
public struct PrinterTarget: Sendable, Hashable {
    /// `host[:port]` or a socket path; nil: `CUPS_SERVER` or the system's.
    public var server: String?
    public var queue: String
    /// How long a job is followed before it counts as failed.
    public var jobTimeout: TimeInterval

    public init(server: String?, queue: String, jobTimeout: TimeInterval = 30) {
        self.server = server
        self.queue = queue
        self.jobTimeout = jobTimeout
    }
}

/// The connections kept open to CUPS for submitting jobs, one per server, and
/// the one way raw jobs are printed: submitted on the kept connection (a broken
/// one is replaced once), then followed to their end on a connection of their
/// own, so the next job is not held up. The blocking CUPS calls run on a
/// dispatch queue, never on the caller's task.
///
/// ```swift
/// let pool = CUPSConnectionPool()
/// let target = PrinterTarget(server: ".demo/cups/cups.sock", queue: "kiosk-ticket")
/// switch await pool.print(job.bytes, title: "ticket A-007", to: target) {
/// case .success(let jobID): print("printed as job \(jobID)")
/// case .failure(let error): print(error.code)
/// }
/// ```
public final class CUPSConnectionPool: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [String: CUPSConnection] = [:]

    public init() {}

    /// Submits and follows one job (raw bytes, or `format: "application/pdf"` for the A4 queue); the CUPS job id when it completed.
    public func print(_ bytes: [UInt8], title: String, to target: PrinterTarget,
                      format: String = CUPSConnection.rawFormat) async -> Result<Int32, CUPSError> {
        await followed(to: target) { try self.submit(bytes, title: title, to: target, format: format) }
    }

    /// Submits on the kept connection; a broken one is replaced once. Blocking.
    public func submit(_ bytes: [UInt8], title: String, to target: PrinterTarget,
                       format: String = CUPSConnection.rawFormat) throws -> Int32 {
        do {
            return try connection(target.server).submitRaw(printer: target.queue, title: title, data: bytes, format: format)
        } catch {
            drop(target.server)
            return try connection(target.server).submitRaw(printer: target.queue, title: title, data: bytes, format: format)
        }
    }

    /// Sends `bytes` as a job held back from cupsd (see ``HeldPrintJob``: no job exists until it
    /// is released), on the kept connection, which is the held job's alone until
    /// ``print(released:to:)`` has its answer (another job meanwhile gets a connection of its own). A
    /// broken connection is replaced once. Blocking.
    public func hold(_ bytes: [UInt8], title: String, to target: PrinterTarget,
                     format: String = CUPSConnection.rawFormat) throws -> HeldPrintJob {
        let kept = lock.withLock { connections.removeValue(forKey: target.server ?? "") }
        if let kept, let held = try? HeldPrintJob(connection: kept, printer: target.queue, title: title, data: bytes, format: format) {
            return held
        }
        return try HeldPrintJob(connection: CUPSConnection(server: target.server), printer: target.queue, title: title, data: bytes, format: format)
    }

    /// Reads a released held job's answer and follows it as ``print(_:title:to:format:)`` does,
    /// on the dispatch queue: the CUPS job id when it completed. The connection comes back to
    /// the pool once answered.
    public func print(released held: HeldPrintJob, to target: PrinterTarget) async -> Result<Int32, CUPSError> {
        await followed(to: target) { try self.answer(held, to: target) }
    }

    /// A released held job's answer, the job id; the connection comes back to the pool. Blocking.
    public func answer(_ held: HeldPrintJob, to target: PrinterTarget) throws(CUPSError) -> Int32 {
        let job = try held.answer()
        keep(held.connection, for: target.server)
        return job
    }

    /// Runs `submit` on the dispatch queue, then follows the job it gave to its end, on a
    /// connection of its own: the job id when it completed.
    private func followed(to target: PrinterTarget, _ submit: @escaping @Sendable () throws -> Int32) async -> Result<Int32, CUPSError> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    let job = try submit()
                    try CUPSConnection(server: target.server).waitForJob(job, printer: target.queue, timeout: target.jobTimeout)
                    continuation.resume(returning: .success(job))
                } catch let error as CUPSError {
                    continuation.resume(returning: .failure(error))
                } catch {
                    continuation.resume(returning: .failure(.request("\(error)")))
                }
            }
        }
    }

    /// Takes a connection back after a held job's answer, unless another was opened meanwhile.
    func keep(_ connection: CUPSConnection, for server: String?) {
        lock.withLock {
            let key = server ?? ""
            if connections[key] == nil { connections[key] = connection }
        }
    }

    func connection(_ server: String?) throws -> CUPSConnection {
        try lock.withLock {
            let key = server ?? ""
            if let c = connections[key] { return c }
            let c = try CUPSConnection(server: server)
            connections[key] = c
            return c
        }
    }

    func drop(_ server: String?) {
        lock.withLock { _ = connections.removeValue(forKey: server ?? "") }
    }
}
