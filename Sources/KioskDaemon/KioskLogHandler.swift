import Foundation
import KioskCore
import Logging

/// kioskd's logs: one line per event, personal data taken out (``LogRedaction``).
///
/// - To the journal (stdout, when the screen is not on stdout): `<6>forwarder: delivered code=261125010007`,
///   the `<N>` prefix being the syslog priority journald reads (`LevelPrefix=`, `systemd-cat --level-prefix`).
/// - To a file (`--log-file`, the demo): `2025-11-26T02:16:00Z info forwarder: delivered code=261125010007`.
///
/// ```swift
/// let sink = KioskLogHandler.Sink.standardOutput
/// LoggingSystem.bootstrap { KioskLogHandler(label: $0, sink: sink) }
/// ```
struct KioskLogHandler: LogHandler {
    final class Sink: @unchecked Sendable {
        let handle: FileHandle?
        let journal: Bool
        let lock = NSLock()

        private init(handle: FileHandle?, journal: Bool) {
            self.handle = handle
            self.journal = journal
        }

        /// stdout, for journald.
        static let standardOutput = Sink(handle: FileHandle.standardOutput, journal: true)

        /// A file, appended to (created if missing).
        static func file(_ path: String) -> Sink {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
            return Sink(handle: handle, journal: false)
        }

        func write(_ line: String) {
            lock.withLock { try? handle?.write(contentsOf: Data(line.utf8)) }
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// syslog priorities, as `<N>` prefixes.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// `key=value` pairs, sorted; personal keys blanked, every value redacted and kept on one line.
    static func format(_ metadata: Logger.Metadata) -> String {
        metadata.sorted { $0.key < $1.key }.map { key, value in
            let text = LogRedaction.isPersonalKey(key) ? "[redacted]" : LogRedaction.redact("\(value)")
            return "\(key)=\(oneLine(text))"
        }.joined(separator: " ")
    }

    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = all.isEmpty ? "" : " " + Self.format(all)
        let message = Self.oneLine(LogRedaction.redact("\(event.message)"))
        if sink.journal {
            sink.write("<\(Self.priority(event.level))>\(label): \(message)\(meta)\n")
        } else {
            sink.write("\(UTCTimestamp.string(Date())) \(event.level) \(label): \(message)\(meta)\n")
        }
    }
}
