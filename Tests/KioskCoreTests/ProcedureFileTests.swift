import Foundation
import KioskContent
import KioskCore
import Testing

@Suite struct ProcedureFileTests {
    static let areas: Set<String> = ["HT", "CT", "DD", "VHXH"]

    @Test func shippedProceduresAreValidAndComplete() {
        let (bundle, issues) = ContentBundle.load(from: TestPaths.kiosk)
        #expect(issues.filter { $0.severity == .error }.isEmpty, "\(issues)")
        let codes = Set(bundle.procedures.map(\.code))
        #expect(bundle.procedures.count >= 6)
        #expect(codes.contains("1.001193"))   // birth registration
        for p in bundle.procedures {
            #expect(!p.questions.isEmpty)
            #expect(!p.guide.bring.isEmpty)
            #expect(Self.areas.contains(p.area))
        }
        #expect(bundle.procedures.contains { $0.area == "DD" })
        #expect(bundle.procedures.contains { $0.area == "CT" })
    }

    @Test func errorsCarryLineAndCode() {
        let yaml = """
            code: "1.001193"
            area: XX
            title: { vi: Thử }
            processing_days: -1
            guide: { bring: [ { vi: Giấy } ], where: { vi: Quầy 1 } }
            questions:
              - id: name
                type: text
                label: { vi: Tên? }
              - id: name
                type: colour
                label: { vi: Màu? }
              - id: kind
                type: choice
                label: { vi: Loại? }
                choices: [ { value: a, label: { vi: A } } ]
              - id: when
                type: date
                label: { vi: Ngày? }
                constraint: ". <= today("
              - id: later
                type: text
                label: { vi: Sau? }
                relevant: "nothing == 'x'"
            consent: { purpose: { vi: a }, retention: { vi: b }, recipients: { vi: c } }
            """
        let (p, issues) = ProcedureFile.parse(yaml, file: "bad.yaml", slug: "bad", areas: Self.areas)
        #expect(p == nil)
        let found = Set(issues.map { "\($0.line):\($0.code)" })
        for expected in ["2:CONTENT-REFERENCE", "4:CONTENT-VALUE", "10:CONTENT-DUPLICATE", "11:CONTENT-VALUE",
                         "13:CONTENT-VALUE", "20:CONTENT-EXPRESSION", "1:CONTENT-MISSING", "24:CONTENT-REFERENCE"] {
            #expect(found.contains(expected), "missing \(expected) in \(found.sorted())")
        }
    }

    @Test func aBrokenFileHidesOnlyThatProcedure() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("content-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("procedures"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: TestPaths.kiosk.appendingPathComponent("services.yaml"),
                                         to: dir.appendingPathComponent("services.yaml"))
        for name in ["khai-sinh.yaml", "khai-tu.yaml"] {
            try FileManager.default.copyItem(at: TestPaths.kiosk.appendingPathComponent("procedures/\(name)"),
                                             to: dir.appendingPathComponent("procedures/\(name)"))
        }
        // Break the death registration: a tab-indented line is not YAML.
        let broken = dir.appendingPathComponent("procedures/khai-tu.yaml")
        try (try String(contentsOf: broken, encoding: .utf8) + "\n\tbad: [\n").write(to: broken, atomically: true, encoding: .utf8)
        let (bundle, issues) = ContentBundle.load(from: dir)
        #expect(bundle.procedures.map(\.slug) == ["khai-sinh"])
        #expect(issues.contains { $0.file.hasSuffix("procedures/khai-tu.yaml") && $0.code == "CONTENT-YAML" && $0.line > 1 })
    }

    @Test func skipLogicAndConstraintsWork() throws {
        let (bundle, _) = ContentBundle.load(from: TestPaths.kiosk)
        let birth = try #require(bundle.procedure(code: "1.001193"))
        let today = CivilDate(year: 2026, month: 11, day: 25)!
        var j = Journey(procedure: birth, dossierID: "x")
        #expect(j.visibleQuestions(today: today).contains { $0.id == "father_full_name" } == false)
        _ = j.answer("father_known", raw: "yes", today: today)
        #expect(j.visibleQuestions(today: today).contains { $0.id == "father_full_name" })
        // A future date of birth is refused with the plain message and an example.
        let result = j.answer("child_date_of_birth", raw: "01/01/2030", today: today)
        guard case .failure(let f) = result else { Issue.record("a future birth date was accepted"); return }
        #expect(bundle.strings.message(f).vi.contains("ví dụ"))
        #expect(j.answer("child_date_of_birth", raw: "31/02/2026", today: today).isFailure)
        #expect(!j.answer("child_date_of_birth", raw: "05/03/2026", today: today).isFailure)
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { return true } else { return false } }
}
