import ArgumentParser
import Foundation

/// A failure with a stable code, printed as `kioskctl: error[CODE]: message`.
///
/// Exit status: 2 for bad input, 3 for a missing or unreachable part
/// (printer, CUPS, udev, intake), 4 for a check that found problems, 1 otherwise.
struct CLIError: Error, CustomStringConvertible {
    var code: String
    var message: String
    var exitStatus: Int32

    init(_ code: String, _ message: String, exit: Int32 = 1) {
        self.code = code
        self.message = message
        self.exitStatus = exit
    }

    var description: String { "kioskctl: error[\(code)]: \(message)" }
}

extension ParsableCommand {
    /// Runs `body`; a ``CLIError`` is printed in the stable form and becomes the exit status.
    func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as CLIError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(e.exitStatus)
        }
    }

    func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as CLIError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(e.exitStatus)
        }
    }
}

/// Writes JSON (sorted keys, pretty) to stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Left-aligned columns for human output.
func table(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    var widths = Array(repeating: 0, count: first.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    return rows.map { r in
        r.enumerated().map { i, c in i == r.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
    }.joined(separator: "\n")
}
