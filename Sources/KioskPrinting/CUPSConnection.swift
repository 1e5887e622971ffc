import CCUPS
public import Foundation
import KioskSystem

/// One connection to a CUPS server, owned by this object and closed on deinit.
///
/// The server is a host name, `host:port`, or the path of a domain socket
/// (`/run/cups/cups.sock`, or a private server's `DIR/cups.sock`). Passing the
/// server explicitly, rather than through `cupsSetServer`, keeps connections
/// to different servers independent (libcups keeps that setting per thread).
///
/// Calls block; a connection is used by one thread at a time (guarded by a lock).
///
/// ```swift
/// let cups = try CUPSConnection(server: ".demo/cups/cups.sock")
/// let job = try cups.submitRaw(printer: "kiosk-ticket", title: "A-007", data: bytes)
/// let status = try cups.waitForJob(job, printer: "kiosk-ticket", timeout: 10)
/// ```
public final class CUPSConnection: @unchecked Sendable {
    public let server: String
    private let http: OpaquePointer
    private let lock = NSLock()

    /// The server libcups would use by default (`CUPS_SERVER`, `~/.cups/client.conf`, then `/run/cups/cups.sock`).
    public static var defaultServer: String { String(cString: cupsServer()) }

    public init(server: String? = nil, timeoutMilliseconds: Int32 = 5000) throws {
        let target = server ?? Self.defaultServer
        self.server = target
        var host = target
        var port = ippPort()
        if !target.hasPrefix("/"), let colon = target.lastIndex(of: ":"), let p = Int32(target[target.index(after: colon)...]) {
            host = String(target[..<colon])
            port = p
        }
        guard let h = httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, timeoutMilliseconds, nil) else {
            throw CUPSError.connect(server: target)
        }
        http = h
    }

    deinit { httpClose(http) }

    static func printerURI(_ printer: String) -> String {
        let escaped = printer.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? printer
        return "ipp://localhost/printers/\(escaped)"
    }

    private static var lastError: String { String(cString: cupsLastErrorString()) }

    /// The document format of printer-ready bytes (ESC/POS raster).
    public static let rawFormat = "application/vnd.cups-raw"

    /// Sends bytes (`application/vnd.cups-raw` unless `format` says otherwise, e.g. `application/pdf`)
    /// as one job: one IPP Print-Job request (one round trip; Create-Job plus Send-Document take two),
    /// the bytes read by libcups from an in-memory file. Returns the job id.
    public func submitRaw(printer: String, title: String, data: [UInt8], format: String = rawFormat) throws -> Int32 {
        let fd: Int32
        do throws(PosixError) { fd = try Posix.memoryFile(name: "kiosk-job") } catch {
            throw CUPSError.send("memfd_create: \(error.reason)")
        }
        defer { Posix.close(fd) }
        do throws(PosixError) {
            try Posix.writeAll(fd, data)
            try Posix.rewind(fd)
        } catch {
            throw CUPSError.send("memfd write: \(error.reason)")
        }
        return try lock.withLock {
            // cupsDoIORequest frees the request.
            try Self.jobID(cupsDoIORequest(http, Self.printJobRequest(printer: printer, title: title, format: format), "/printers/\(printer)", fd, -1))
        }
    }

    /// An IPP Print-Job request for `printer` (its document follows it).
    static func printJobRequest(printer: String, title: String, format: String) -> OpaquePointer? {
        let request = ippNewRequest(IPP_OP_PRINT_JOB)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI(printer))
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, title)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nil, format)
        return request
    }

    /// The job id in cupsd's answer to a Print-Job (freed here); throws when there is none.
    static func jobID(_ answer: OpaquePointer?) throws(CUPSError) -> Int32 {
        guard let response = answer else { throw CUPSError.createJob(lastError) }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_EVENTS_COMPLETE.rawValue else {
            throw CUPSError.createJob(lastError)
        }
        guard let attr = ippFindAttribute(response, "job-id", IPP_TAG_INTEGER), ippGetInteger(attr, 0) > 0 else {
            throw CUPSError.createJob("no job-id in the answer")
        }
        return ippGetInteger(attr, 0)
    }

    // MARK: A Print-Job held back by its last byte (for ``HeldPrintJob``)

    /// Sends a Print-Job announcing its whole length, then all of `data` but the last byte, and
    /// pushes it out of libcups' buffer. Blocks until cupsd has said `100 Continue` and the bytes
    /// are written. On failure the connection is shut.
    func sendAllButLastByte(printer: String, title: String, data: [UInt8], format: String) throws(CUPSError) {
        lock.lock()
        defer { lock.unlock() }
        guard !data.isEmpty, let request = Self.printJobRequest(printer: printer, title: title, format: format) else {
            throw CUPSError.send("an empty document")
        }
        defer { ippDelete(request) }
        // The body's length: the IPP request, then the document.
        let status = cupsSendRequest(http, request, "/printers/\(printer)", ippLength(request) + data.count)
        guard status == HTTP_STATUS_CONTINUE else {
            httpShutdown(http)
            throw CUPSError.send("the request was not taken (HTTP \(status.rawValue)): \(Self.lastError)")
        }
        let written = data.dropLast().withUnsafeBufferPointer { buffer in
            buffer.isEmpty ? HTTP_STATUS_CONTINUE : buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cupsWriteRequestData(http, $0, buffer.count)
            }
        }
        // libcups keeps up to 32 KiB back in its own buffer: pushed out now.
        guard written == HTTP_STATUS_CONTINUE, httpFlushWrite(http) >= 0 else {
            httpShutdown(http)
            throw CUPSError.send("the document was not written (HTTP \(written.rawValue))")
        }
    }

    /// Writes the held request's last byte: the request is whole, and cupsd creates the job. On
    /// failure the connection is shut (the request never ends).
    func sendLastByte(_ byte: UInt8) throws(CUPSError) {
        lock.lock()
        defer { lock.unlock() }
        var c = CChar(bitPattern: byte)
        guard cupsWriteRequestData(http, &c, 1) == HTTP_STATUS_CONTINUE else {
            httpShutdown(http)
            throw CUPSError.send("the end of the request could not be written")
        }
    }

    /// cupsd's answer to the Print-Job just ended: the job id. Blocking.
    func printJobAnswer(printer: String) throws(CUPSError) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        return try Self.jobID(cupsGetResponse(http, "/printers/\(printer)"))
    }

    /// Cuts the connection: a request in flight is never ended, and cupsd discards it.
    func shutdown() {
        lock.withLock { _ = httpShutdown(http) }
    }

    /// IPP Get-Job-Attributes.
    public func jobStatus(_ jobID: Int32, printer: String) throws -> JobStatus {
        try lock.withLock {
            let request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(printer))
            ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobID)
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
            Self.requestOnly(request, Self.jobAttributes)
            guard let response = cupsDoRequest(http, request, "/") else { throw CUPSError.request(Self.lastError) }
            defer { ippDelete(response) }
            guard ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_EVENTS_COMPLETE.rawValue else {
                throw CUPSError.request(Self.lastError)
            }
            let state = ippFindAttribute(response, "job-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 0
            return JobStatus(id: jobID, state: JobState(rawValue: state) ?? .pending,
                             reasons: Self.strings(response, "job-state-reasons"))
        }
    }

    /// Polls the job until it reaches a final state or `timeout` seconds pass.
    /// Returns the final status; throws ``CUPSError/jobFailed`` unless it completed.
    @discardableResult
    public func waitForJob(_ jobID: Int32, printer: String, timeout: TimeInterval,
                           pollInterval: TimeInterval = 0.05) throws -> JobStatus {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // Asked after a pause, never at once: the job has only just been accepted, and cupsd is
            // starting its backend then (an answer now would be "processing", and cost cupsd the
            // time the citizen's ticket needs).
            Thread.sleep(forTimeInterval: pollInterval)
            let status = try jobStatus(jobID, printer: printer)
            if status.state.isFinal {
                guard status.state == .completed else {
                    throw CUPSError.jobFailed(jobID: jobID, state: status.state, reasons: status.reasons)
                }
                return status
            }
            if Date() > deadline { throw CUPSError.timeout(jobID: jobID) }
        }
    }

    /// IPP Get-Printer-Attributes: state, reasons, message, accepting, queued jobs.
    public func printerStatus(_ printer: String) throws -> PrinterStatus {
        try lock.withLock {
            let request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(printer))
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
            Self.requestOnly(request, Self.printerAttributes)
            guard let response = cupsDoRequest(http, request, "/") else { throw CUPSError.request(Self.lastError) }
            defer { ippDelete(response) }
            guard ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_EVENTS_COMPLETE.rawValue else {
                throw CUPSError.request(Self.lastError)
            }
            let state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 3
            let accepting = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN).map { ippGetBoolean($0, 0) != 0 } ?? false
            let queued = ippFindAttribute(response, "queued-job-count", IPP_TAG_INTEGER).map { Int(ippGetInteger($0, 0)) } ?? 0
            return PrinterStatus(name: printer,
                                 state: PrinterState(ipp: state) ?? .idle,
                                 reasons: Self.strings(response, "printer-state-reasons"),
                                 message: Self.strings(response, "printer-state-message").first ?? "",
                                 acceptingJobs: accepting,
                                 queuedJobs: queued,
                                 deviceURI: Self.strings(response, "device-uri").first)
        }
    }

    /// What a job's status reads; asked for by name, since without `requested-attributes` cupsd
    /// answers with every attribute it has, and libcups reads an answer a field at a time (a
    /// system call for each of hundreds).
    static let jobAttributes = ["job-state", "job-state-reasons"]
    static let printerAttributes = ["printer-state", "printer-state-reasons", "printer-state-message",
                                    "printer-is-accepting-jobs", "queued-job-count", "device-uri"]

    private static func requestOnly(_ request: OpaquePointer?, _ names: [String]) {
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let values = copies.map { UnsafePointer<CChar>($0) }
        values.withUnsafeBufferPointer {
            _ = ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", Int32(names.count), nil, $0.baseAddress)
        }
    }

    private static func strings(_ response: OpaquePointer, _ name: String) -> [String] {
        guard let attr = ippFindAttribute(response, name, IPP_TAG_ZERO) else { return [] }
        return (0..<ippGetCount(attr)).compactMap { i in
            ippGetString(attr, i, nil).map { String(cString: $0) }
        }
    }
}
