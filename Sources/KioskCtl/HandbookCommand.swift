import ArgumentParser
import Foundation
import KioskContent
import KioskDocuments
import KioskWorkflows

/// `kioskctl handbook --pdf handbook.pdf`: the staff and citizen handbook, built from the content.
struct HandbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handbook", abstract: "Build the staff and citizen handbook (PDF) from the procedure files.")
    @Option(help: "Write the PDF here.") var pdf: String
    @Option(help: "The content folder.") var content = "Kiosk"
    @Option(help: "The folder of the kiosk's screenshots.") var screenshots = "docs/screenshots"

    func run() throws {
        try guarded {
            let (bundle, issues) = ContentBundle.load(from: URL(fileURLWithPath: content))
            for issue in issues where issue.severity == .error {
                FileHandle.standardError.write(Data("kioskctl: warning: \(issue)\n".utf8))
            }
            let book = HandbookContent.book(bundle, screenshots: FileManager.default.fileExists(atPath: screenshots) ? screenshots : nil)
            let bytes: [UInt8]
            do throws(DocumentError) { bytes = try HandbookRenderer().render(book) } catch { throw CLIError(error.code, error.description, exit: 1) }
            try Data(bytes).write(to: URL(fileURLWithPath: pdf))
            print("wrote \(pdf) (\(bytes.count) bytes, \(bundle.procedures.count) procedures)")
        }
    }
}
