import Foundation
import KioskContent
import KioskCore
import Testing

@Suite struct ServicesFileTests {
    @Test func shippedContentIsValid() {
        let (bundle, issues) = ContentBundle.load(from: TestPaths.kiosk)
        #expect(issues.filter { $0.severity == .error }.isEmpty, "\(issues)")
        #expect(bundle.services.areas.count >= 4)
        #expect(Set(bundle.services.areas.map(\.prefix)).count == bundle.services.areas.count)
    }

    @Test func errorsCarryFileLineAndStableCode() {
        let yaml = """
            centre:
              name: { vi: Trung tâm }
              time_zone: Mars/Olympus
            areas:
              - code: HT
                prefix: A
                name: Hộ tịch
              - code: HT
                prefix: a
                name: Trùng
              - code: CT
                name: Thiếu tiền tố
              - code: LD
                prefix: D
                name: "Lao động\\e[2J"
            """
        let (file, issues) = ServicesFile.parse(yaml, file: "services.yaml")
        let summary = issues.map { "\($0.line):\($0.code)" }
        #expect(summary.contains("3:CONTENT-VALUE"))          // time zone
        #expect(summary.contains("8:CONTENT-DUPLICATE"))      // second HT
        #expect(summary.contains("9:CONTENT-VALUE"))          // lower-case prefix
        #expect(summary.contains("11:CONTENT-MISSING"))       // CT without prefix
        #expect(summary.contains("15:CONTENT-UNSAFE"))        // escape sequence in a name
        // Only the good area survives; the kiosk keeps running.
        #expect(file?.areas.map(\.code) == ["HT"])
        #expect(issues.allSatisfy { $0.description.hasPrefix("services.yaml:") })
    }

    @Test func syntaxErrorIsReportedNotThrown() {
        let (file, issues) = ServicesFile.parse("areas: [\n  - code: x\n", file: "s.yaml")
        #expect(file == nil)
        #expect(issues.first?.code == "CONTENT-YAML")
        #expect((issues.first?.line ?? 0) >= 1)
    }

    /// Found by `scripts/fuzz content`: a key given twice was reported with Yams's description,
    /// which quotes the whole file, every line of it and any escape sequence in it, into what
    /// `kioskctl content validate` prints.
    @Test func aKeyGivenTwiceIsOneCleanLine() {
        let text = "# a comment\ncentre:\n  name: { vi: A, en: B }\n  name: { vi: C, en: D }\n  \u{202E}x: 1\n  \u{202E}x: 2\n"
        let (file, issues) = ServicesFile.parse(text, file: "services.yaml")
        #expect(file == nil)
        let issue = issues.first
        #expect(issue?.code == "CONTENT-YAML")
        #expect(issue?.message.hasPrefix("a key given twice: ") == true, "\(issue?.message ?? "")")
        #expect(issue?.message.contains("name") == true)
        #expect(issue.map { SafeText.isClean($0.description) } == true)
        #expect(issue.map { !$0.description.contains("a comment") && $0.description.count < 300 } == true)
    }

    @Test func brokenFolderFallsBackToBuiltInAreas() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("content-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "areas: {{{".write(to: dir.appendingPathComponent("services.yaml"), atomically: true, encoding: .utf8)
        let (bundle, issues) = ContentBundle.load(from: dir)
        #expect(bundle.services == ServicesFile.builtIn)
        #expect(issues.contains { $0.code == "CONTENT-YAML" })
    }

    @Test func localeOverridesAndUnknownKeys() {
        var strings = UIStrings()
        _ = strings.apply("menu.ticket: Take a queue ticket\n", locale: .en, file: "en.yaml")
        let issues = strings.apply("menu.ticket: Bốc số\nno.such.key: x\n", locale: .vi, file: "vi.yaml")
        #expect(strings["menu.ticket", .vi] == "Bốc số")
        #expect(strings["menu.ticket", .en] == "Take a queue ticket")
        #expect(issues.map(\.code) == ["CONTENT-UNKNOWN-KEY"])
        #expect(issues.first?.line == 2)
        // A key with no text in one language shows the other's, and a key with none shows itself.
        #expect(strings["menu.lookup", .vi] == "menu.lookup")
        _ = strings.apply("menu.lookup: Look up a dossier\n", locale: .en, file: "en.yaml")
        #expect(strings["menu.lookup", .vi] == "Look up a dossier")
    }
}

enum TestPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let kiosk = root.appendingPathComponent("Kiosk")
}
