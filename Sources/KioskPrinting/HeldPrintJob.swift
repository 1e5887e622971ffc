import Foundation

/// A Print-Job sent to CUPS whole but for its end: the IPP request and every byte of the
/// document but the last are written, with the request's full length announced
/// (`Content-Length`). cupsd keeps such a request as unfinished, writing what arrives to a
/// temporary file: **no job exists and nothing can print** until ``release()`` sends the last
/// byte. Abandoned, or dropped, or its process gone, the connection closes short of its length
/// and cupsd throws away what it had.
///
/// (The end is a byte of the document rather than the empty last chunk of a chunked request:
/// cupsd reads a chunked body a chunk ahead, so it left the tail of the document unread until
/// the end came, and had it still to write then.)
///
/// So a ticket can travel to CUPS while its number is being committed: the job is created the
/// moment the commit is durable, and its bytes need not wait for it.
///
/// The connection is the held job's alone until the answer has been read (a pool lends it and
/// takes it back: ``CUPSConnectionPool/hold(_:title:to:format:)``).
///
/// ```swift
/// let held = try HeldPrintJob(connection: try CUPSConnection(server: ".demo/cups/cups.sock"),
///                             printer: "kiosk-ticket", title: "ticket A-007", data: bytes)
/// try commitTheNumber()           // durable
/// try held.release()              // the job exists from now
/// let job = try held.answer()     // cupsd's job id
/// ```
public final class HeldPrintJob: @unchecked Sendable {
    public let connection: CUPSConnection
    public let printer: String
    public let title: String
    private let lock = NSLock()
    /// Where the request stands; changed under `lock`.
    private var stage = Stage.held
    /// The document's last byte, held back.
    private let last: UInt8

    enum Stage { case held, released, ended }

    /// Sends the request and the document but its last byte. Blocks until cupsd has said
    /// `100 Continue` and the bytes are written (into the socket's buffer, for a local cupsd).
    public init(connection: CUPSConnection, printer: String, title: String, data: [UInt8],
                format: String = CUPSConnection.rawFormat) throws(CUPSError) {
        self.connection = connection
        self.printer = printer
        self.title = title
        guard let last = data.last else { throw CUPSError.send("an empty document") }
        self.last = last
        do throws(CUPSError) {
            try connection.sendAllButLastByte(printer: printer, title: title, data: data, format: format)
        } catch {
            stage = .ended
            throw error
        }
    }

    /// Sends the end of the request, the document's last byte: cupsd creates the job now. One
    /// byte, so it does not wait on a local cupsd. Throws when it could not be written: then
    /// there is no job, and the connection is shut.
    public func release() throws(CUPSError) {
        lock.lock()
        defer { lock.unlock() }
        guard stage == .held else { throw CUPSError.send("the job was already released or abandoned") }
        do throws(CUPSError) {
            try connection.sendLastByte(last)
        } catch {
            stage = .ended
            throw error
        }
        stage = .released
    }

    /// Waits for cupsd's answer to the released request: the job id. Blocking. Afterwards the
    /// connection is free for other requests.
    public func answer() throws(CUPSError) -> Int32 {
        let released = lock.withLock { () -> Bool in
            guard stage == .released else { return false }
            stage = .ended
            return true
        }
        guard released else { throw CUPSError.send("the job was not released") }
        return try connection.printJobAnswer(printer: printer)
    }

    /// Throws the request away before its end: the connection is shut (and must not be used
    /// again), and cupsd discards what it received. Nothing prints. After a release it does nothing.
    public func abandon() {
        let held = lock.withLock { () -> Bool in
            defer { if stage != .released { stage = .ended } }
            return stage == .held
        }
        if held { connection.shutdown() }
    }

    /// True while the request is held or released and unanswered: the connection is not free.
    public var isOpen: Bool { lock.withLock { stage != .ended } }

    deinit {
        // Dropped while held: the request must never end by accident later on this connection.
        if stage == .held { connection.shutdown() }
    }
}
