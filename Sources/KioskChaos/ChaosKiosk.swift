import Foundation
import KioskSystem

/// kioskd of a chaos run, headless in the kiosk's namespace, forwarding over the veth; killed
/// with SIGKILL and started again by the kill loop.
final class KioskdRunner: @unchecked Sendable {
    let line: NetworkLine
    let binary: String
    let arguments: [String]
    let log: String
    private let current = LockedBox<ChildProcess?>(nil)

    init(line: NetworkLine, binary: String, arguments: [String], log: String) {
        self.line = line
        self.binary = binary
        self.arguments = arguments
        self.log = log
    }

    func start() throws {
        var lastError: (any Error)?
        for _ in 0..<20 {
            do {
                current.set(try line.spawn(.kiosk, binary, arguments, stdout: .null, stderr: .file(log, append: true)))
                return
            } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        throw lastError ?? ChaosError("kioskd did not start")
    }

    func killAndRestart() throws {
        if let k = current.get() {
            k.signal(SIGKILL)
            k.wait()
        }
        try start()
    }

    func stop() {
        current.get()?.terminate()
    }
}

/// Every attachment the kiosk committed arrived whole: each upload the intake lists is
/// complete, not corrupt, and its bytes hash (on the intake's side, `/admin/uploads/ID/sha256`)
/// to what the document declared.
enum AttachmentCheck {
    struct Result {
        var checked = 0
        var expected = 0
        var bad = 0
        var problems: [String] = []
    }

    static func run(raw: [[String: Any]], kioskDatabase: String, baseURL: String, netns: String?) throws -> Result {
        var r = Result()
        let counted = try ChildProcess.run("/usr/bin/sqlite3", ["-readonly", kioskDatabase, """
            SELECT COUNT(*) FROM attachment a JOIN dossier d ON d.id = a.dossier_id WHERE d.state != 'draft'
            """], timeout: 120)
        r.expected = Int(counted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        var seen = Set<String>()
        for row in raw {
            for a in row["attachments"] as? [[String: Any]] ?? [] {
                guard let id = a["uploadId"] as? String, seen.insert(id).inserted else { continue }
                r.checked += 1
                guard a["complete"] as? Bool == true, a["corrupt"] as? Bool == false, let declared = a["sha256"] as? String else {
                    r.bad += 1
                    r.problems.append("attachment \(id) of \(row["key"] ?? "?") is incomplete or corrupt")
                    continue
                }
                let text = try Reconciliation.curl(["-s", "--max-time", "60", "\(baseURL)/admin/uploads/\(id)/sha256"], netns: netns)
                let got = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])?["sha256"]
                if got != declared {
                    r.bad += 1
                    r.problems.append("attachment \(id) of \(row["key"] ?? "?") hashes to \(got ?? "?"), declared \(declared)")
                }
            }
        }
        return r
    }

    /// `PRAGMA integrity_check` by the `sqlite3` program: `ok` when healthy.
    static func integrity(_ path: String) throws -> String {
        let r = try ChildProcess.run("/usr/bin/sqlite3", ["-readonly", path, "PRAGMA integrity_check"], timeout: 600)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
