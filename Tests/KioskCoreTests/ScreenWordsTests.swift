import Foundation
import KioskContent
import KioskCore
import Testing

/// The words on screen: every string in `Kiosk/locales/*.yaml`, in both languages, used by a screen,
/// addressing the citizen one way, and naming keys as the screen labels them.
@Suite struct ScreenWordsTests {
    static let bundle = ContentBundle.load(from: TestPaths.kiosk)
    static let strings = bundle.0.strings

    static func localeFile(_ locale: KioskLocale) throws -> String {
        try String(contentsOf: TestPaths.kiosk.appendingPathComponent("locales/\(locale.rawValue).yaml"), encoding: .utf8)
    }

    /// Fixed error: vi.yaml held 2 keys and the rest sat in Swift defaults. Every key the kiosk uses is in
    /// both files, and the files hold no key the kiosk does not use.
    @Test func everyScreenStringLivesInBothLocaleFiles() throws {
        #expect(Self.strings.missing(.vi).isEmpty, "\(Self.strings.missing(.vi))")
        #expect(Self.strings.missing(.en).isEmpty, "\(Self.strings.missing(.en))")
        #expect(!Self.bundle.1.contains { $0.file.contains("locales/") }, "\(Self.bundle.1.filter { $0.file.contains("locales/") })")
        #expect(Self.strings.vi.count == UIStrings.keys.count)
        #expect(Self.strings.en.count == UIStrings.keys.count)
        #expect(Set(UIStrings.keys).count == UIStrings.keys.count, "a key listed twice")
    }

    /// `kioskctl content validate` fails when a language lacks a key (here English).
    @Test func aKeyMissingInOneLanguageIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("locales-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("locales"), withIntermediateDirectories: true)
        try Self.localeFile(.vi).write(to: dir.appendingPathComponent("locales/vi.yaml"), atomically: true, encoding: .utf8)
        let en = try Self.localeFile(.en).split(separator: "\n").filter { !$0.hasPrefix("menu.lookup:") }.joined(separator: "\n")
        try en.write(to: dir.appendingPathComponent("locales/en.yaml"), atomically: true, encoding: .utf8)
        let (_, issues) = ContentBundle.load(from: dir)
        let missing = issues.filter { $0.code == "CONTENT-MISSING" && $0.file.hasSuffix("en.yaml") }
        #expect(missing.map(\.message) == ["'menu.lookup' has no English text"])
        #expect(missing.first?.severity == .error)
    }

    /// Fixed error: unused strings ("coming soon") sat with the rest. Every key is used by the code: named
    /// in a source file, or built from a prefix the code names (`status.` + a status).
    @Test func everyKeyIsUsedByAScreen() throws {
        let sources = TestPaths.root.appendingPathComponent("Sources")
        var text = ""
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" && !url.path.hasSuffix("UIStrings.swift") {
            text += try String(contentsOf: url, encoding: .utf8)
        }
        let dynamic = ["status.", "priority.granted.", "fee.kind.", "speech.key.", "helper.act_"]
        for key in UIStrings.keys where !dynamic.contains(where: key.hasPrefix) {
            #expect(text.contains("\"\(key)\""), "'\(key)' is used nowhere")
        }
        #expect(!UIStrings.keys.contains { $0.hasPrefix("coming.") })
    }

    /// Fixed error: "Quý khách", lower-case "ông/bà" and "công dân" were mixed. The citizen is "Ông/Bà"
    /// everywhere on screen and in the procedures.
    @Test func oneFormOfAddressOngBa() throws {
        var texts = Self.strings.vi.map { ($0.key, $0.value) }
        for p in Self.bundle.0.procedures {
            texts += p.questions.flatMap { q in [q.label.vi, q.help?.vi ?? ""] }.map { (p.slug, $0) }
            texts += [(p.slug, p.consent.purpose.vi), (p.slug, p.consent.retention.vi), (p.slug, p.consent.recipients.vi)]
            texts += (p.guide.bring + p.guide.notes).map { (p.slug, $0.vi) }
        }
        for (where_, text) in texts {
            #expect(!text.contains("Quý khách"), "\(where_): \(text)")
            #expect(!text.contains("ông/bà") && !text.contains("Ông/bà"), "\(where_): \(text)")
            #expect(!text.lowercased().contains("công dân"), "\(where_): \(text)")
        }
        #expect(Self.strings["welcome.title", .vi] == "Xin kính chào Ông/Bà")
    }

    /// Fixed error: the welcome screen said "Nộp hồ sơ trực tuyến" ("online" is what the elderly believe they cannot do).
    @Test func welcomeSaysNopHoSoNotTrucTuyen() {
        #expect(Self.strings["menu.submit", .vi] == "Nộp hồ sơ")
        #expect(!Self.strings.vi.values.contains { $0.contains("trực tuyến") && $0.contains("Nộp") })
    }

    /// Fixed error: Vietnamese screens said "bấm Enter". The key is named as the screen labels it (Xong).
    @Test func noEnterOnVietnameseScreens() {
        for (key, text) in Self.strings.vi {
            #expect(!text.contains("Enter"), "\(key): \(text)")
        }
        #expect(Self.strings["lookup.code_body", .vi].contains("bấm Xong"))
        #expect(Self.strings["kb.done", .vi] == "Xong")
    }

    /// Fixed error: the social-affairs area kept the name of a ministry dissolved in 2025, and had no procedure.
    @Test func socialAffairsAreaIsNamedAsItIsNowAndHasProcedures() throws {
        let areas = Self.bundle.0.services.areas
        #expect(!areas.contains { $0.name.vi.contains("Thương binh") })
        let social = try #require(areas.first { $0.code == "VHXH" })
        #expect(social.name.vi == "Văn hóa – Xã hội")
        #expect(Self.bundle.0.procedures(inArea: "VHXH").map(\.slug).sorted() == ["tro-cap-huu-tri-xa-hoi", "tro-cap-xa-hoi-hang-thang"])
        #expect(!ServicesFile.builtIn.areas.contains { $0.name.vi.contains("Thương binh") })
    }
}
