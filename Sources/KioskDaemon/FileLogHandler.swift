import Foundation
import Logging

/// Writes log lines to a file. The terminal belongs to the citizen's screen,
/// so kioskd never logs to it.
struct FileLogHandler: LogHandler {
    final class Sink: @unchecked Sendable {
        let handle: FileHandle?
        let lock = NSLock()
        init(path: String) {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
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

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        sink.write("\(stamp) \(event.level) \(label):\(meta) \(event.message)\n")
    }
}
