import Crypto
import Foundation
import KioskCore
import KioskSigning
import KioskTestSupport
import Testing

/// Pages of a PDF drawn by `pdftoppm` (grey PNG) and compared byte for byte with the goldens in
/// `Golden/forms/`. A changed page fails and leaves `NAME.actual.png` beside its golden;
/// `UPDATE_GOLDEN=1` writes the new one (look at every changed picture before committing).
enum FormGolden {
    static let dir = TestEnvironment.packageRoot.appendingPathComponent("Tests/KioskWorkflowsTests/Golden/forms")

    /// One PNG per page `first...last` of the PDF at `dpi`.
    static func pages(_ pdf: [UInt8], dpi: Int = 50, first: Int = 1, last: Int = 1) throws -> [Data] {
        let work = try TestEnvironment.temporaryDirectory("pdf")
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("doc.pdf")
        try Data(pdf).write(to: file)
        let r = try TestEnvironment.run("/usr/bin/pdftoppm", ["-r", "\(dpi)", "-gray", "-png", "-f", "\(first)", "-l", "\(last)",
                                                              file.path, work.appendingPathComponent("page").path])
        #expect(r.status == 0, "pdftoppm: \(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasSuffix(".png") }.sorted()
        return try names.map { try Data(contentsOf: work.appendingPathComponent($0)) }
    }

    /// Compares (or with UPDATE_GOLDEN=1 writes) `NAME.png`.
    static func check(_ png: Data, name: String) throws {
        let golden = dir.appendingPathComponent("\(name).png")
        let actual = dir.appendingPathComponent("\(name).actual.png")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try png.write(to: golden)
            try? FileManager.default.removeItem(at: actual)
            return
        }
        let expected = try? Data(contentsOf: golden)
        #expect(expected != nil, "no golden \(golden.path); run with UPDATE_GOLDEN=1 and review it")
        if expected != png {
            try png.write(to: actual)
            Issue.record("\(name) differs from its golden; see \(actual.path)")
        } else {
            try? FileManager.default.removeItem(at: actual)
        }
    }

    /// The same key every run, so the data QR (Ed25519 signatures are deterministic) and the golden stay the same.
    static let key = KioskKey(privateKey: try! Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: 7, count: 32)),
                              keyID: "KIOSK-HTN-01")

    /// 25 November 2026, 08:30 in Hồ Chí Minh City.
    static let now = Date(timeIntervalSince1970: 1_795_570_200)

    /// A sample answer for every question of a procedure, by its type (Vietnamese with stacked marks).
    static func answers(_ p: Procedure) -> [ConfirmedDossier.Answer] {
        p.questions.map { q in
            let value: FormValue
            switch q.type {
            case .text: value = .text(q.id.hasSuffix("name") ? "Nguyễn Thị Ánh Tuyết" : "Thôn Phú Điền, xã Hàm Thuận Nam")
            case .number: value = .number(2)
            case .date: value = .date(CivilDate(iso: "1950-03-05")!)
            case .choice, .yesno: value = .text(q.options.first?.value ?? "")
            case .phone: value = .text("0912345678")
            case .citizenID: value = .text("060150001234")
            case .address: value = .text("Số 12 đường Nguyễn Huệ, thôn Phú Điền, xã Hàm Thuận Nam, tỉnh Lâm Đồng")
            }
            return .init(q.id, value)
        }
    }
}
