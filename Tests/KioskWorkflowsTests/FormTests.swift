import Crypto
import Foundation
import KioskContent
import KioskCore
import KioskDocuments
import KioskPrinting
import KioskSigning
import KioskStore
import KioskTestSupport
import KioskWorkflows
import Logging
import Testing

/// The official forms (issue 18): every layout drawn from a dossier committed on a real SQLite
/// file and compared with its golden picture (pdftoppm), the data QR read back by zbarimg with its
/// signature checked, forged and unknown-key QRs refused, the PDF received by a private cupsd's
/// `kiosk-a4`, and a missing A4 printer raising the staff alert until a reprint clears it.
@Suite(.serialized) struct FormTests {
    func forms(_ f: WorkflowFixture, queue: String = "kiosk-a4") -> PrintForm {
        PrintForm(database: f.db, content: f.content, key: FormGolden.key,
                  target: PrinterTarget(server: f.cups?.socketPath, queue: queue, jobTimeout: 20), clock: SystemClock(),
                  logger: Logger(label: "forms"))
    }

    /// A dossier of `procedure` with an answer to every question, confirmed at `FormGolden.now`.
    func confirmed(_ f: WorkflowFixture, _ procedure: Procedure) throws -> ConfirmDossier.Confirmation {
        let dossier = ConfirmedDossier(
            dossierID: UUID().uuidString.lowercased(), procedureCode: procedure.code,
            applicant: Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .typed),
            answers: FormGolden.answers(procedure), consentAcceptedAt: FormGolden.now, language: .vi)
        return try f.confirm(dossier, now: FormGolden.now)
    }

    @Test func theContentHasAFormForEveryProcedureWithAnOfficialDeclaration() throws {
        let f = try WorkflowFixture()
        let (_, issues) = ContentBundle.load(from: TestEnvironment.packageRoot.appendingPathComponent("Kiosk"))
        let formIssues = issues.filter { $0.file.contains("forms/") && $0.severity != .note }
        #expect(formIssues.isEmpty, "\(formIssues)")
        // Civil status (birth, death, marriage, marital status, extracts), the combined ones and the two allowances.
        #expect(Set(f.content.forms.layouts.keys) == ["1.001193", "1.000656", "1.000894", "1.004873", "2.000635", "9.170003",
                                                      "9.170006", "1.001776", "9.170002"])
    }

    @Test func aBrokenFormFileIsReportedWithItsLineAndAStableCode() throws {
        let procedures = try WorkflowFixture().content.procedures
        func codes(_ text: String) -> [String] {
            FormLayouts.parse(text, file: "forms/x.yaml", procedures: procedures).1.filter { $0.severity == .error }
                .map { "\($0.line):\($0.code)" }
        }
        // A field no question fills, and no data QR.
        #expect(codes("""
            procedure: "1.001193"
            title: "Tờ khai"
            elements:
              - {heading: "TỜ KHAI"}
              - {field: "Tên", value: "{no_such_question}"}
            """) == ["5:CONTENT-REFERENCE", "1:CONTENT-MISSING"])
        #expect(codes("procedure: \"9.999999\"\ntitle: x\nelements:\n  - {qr: x}\n") == ["1:CONTENT-REFERENCE"])
        // Two kinds in one element.
        #expect(codes("procedure: \"1.001193\"\ntitle: x\nelements:\n  - {qr: x}\n  - {heading: a, section: b}\n")
                == ["5:CONTENT-TEMPLATE"])
        #expect(codes("procedure: \"1.001193\"\ntitle: x\nelements:\n  - {qr: x}\n  - {qr: y}\n") == ["5:CONTENT-DUPLICATE"])
        let (good, issues) = FormLayouts.parse("procedure: \"1.001193\"\ntitle: x\nunconfirmed: true\nelements:\n  - {qr: \"{dossier_code}\"}\n",
                                               file: "forms/x.yaml", procedures: procedures)
        #expect(good != nil)
        #expect(issues.map(\.code) == ["CONTENT-UNCONFIRMED"])
    }

    @Test func everyFormMatchesItsGoldenPicture() throws {
        let f = try WorkflowFixture()
        let printing = forms(f)
        for code in f.content.forms.layouts.keys.sorted() {
            let procedure = try #require(f.content.procedure(code: code))
            let done = try confirmed(f, procedure)
            let out = try #require(try printing.render(done.record))
            #expect(out.pdf.starts(with: Array("%PDF-".utf8)))
            print("form \(procedure.slug): data QR \(out.qr.count) bytes")
            let pages = try FormGolden.pages(out.pdf, last: 2)
            #expect(pages.count == 1, "\(procedure.slug) takes \(pages.count) pages; a form must fit one A4 page")
            try FormGolden.check(try #require(pages.first), name: procedure.slug)
            // FORM_SCREENSHOTS=docs/screenshots saves the README's picture of the birth registration form.
            if let dir = ProcessInfo.processInfo.environment["FORM_SCREENSHOTS"], procedure.slug == "khai-sinh" {
                try #require(try FormGolden.pages(out.pdf, dpi: 100).first).write(to: URL(fileURLWithPath: "\(dir)/form-khai-sinh.png"))
            }
        }
    }

    @Test func theDataQRRoundTripsThroughZbarimgWithItsSignatureChecked() throws {
        let f = try WorkflowFixture()
        let done = try f.confirm(f.birthRegistration(), now: FormGolden.now)
        let out = try #require(try forms(f).render(done.record))
        let work = try TestEnvironment.temporaryDirectory("form-qr")
        defer { try? FileManager.default.removeItem(at: work) }
        let pdf = work.appendingPathComponent("form.pdf")
        try Data(out.pdf).write(to: pdf)
        let trusted = TrustedKeys(keys: ["KIOSK-HTN-01": FormGolden.key.privateKey.publicKey])

        // From the PDF, and from a 150 dpi scan of it, as an official's scanner would give.
        let fromPDF = try FormCheck.verify(file: pdf.path, trusted: trusted)
        let r = try TestEnvironment.run("/usr/bin/pdftoppm", ["-r", "150", "-gray", "-png", "-singlefile", pdf.path,
                                                              work.appendingPathComponent("scan").path])
        #expect(r.status == 0)
        let fromScan = try FormCheck.verify(file: work.appendingPathComponent("scan.png").path, trusted: trusted)
        #expect(fromPDF == fromScan)
        #expect(try FormCheck.qrBytes(file: pdf.path) == out.qr)
        let data = fromScan.data
        #expect(fromScan.keyID == "KIOSK-HTN-01")
        #expect(data.dossierCode == done.code)
        #expect(data.procedureCode == "1.001193")
        #expect(data.value("child_full_name") == "Trần Minh Khôi")
        #expect(data.value("mother_full_name") == "Lê Thị Hoa")
        #expect(data.value("applicant_relationship") == "Mẹ")
        #expect(data.value("child_date_of_birth") == "01/10/2026")
        #expect(data.value("applicant_id_number") == "060150001234")
        #expect(data.value("applicant_id") == nil, "a card value an answer already holds is not repeated")

        // Another kiosk's key: unknown. The same kiosk id with another key: forged.
        #expect(throws: FormCheck.Failure.seal(.unknownKey("KIOSK-HTN-01"))) {
            try FormCheck.verify(file: pdf.path, trusted: TrustedKeys(keys: ["KIOSK-OTHER": FormGolden.key.privateKey.publicKey]))
        }
        #expect(throws: FormCheck.Failure.seal(.forged("KIOSK-HTN-01"))) {
            try FormCheck.verify(file: pdf.path, trusted: TrustedKeys(keys: ["KIOSK-HTN-01": Curve25519.Signing.PrivateKey().publicKey]))
        }
    }

    @Test func aFormWhoseDataWasChangedAfterSigningIsForged() throws {
        let f = try WorkflowFixture()
        let done = try f.confirm(f.birthRegistration(), now: FormGolden.now)
        let out = try #require(try forms(f).render(done.record))
        // The same signature over data with another child's name, printed as a kiosk would.
        let text = String(decoding: out.qr, as: UTF8.self).replacingOccurrences(of: "Trần Minh Khôi", with: "Trần Minh Khải")
        #expect(text != String(decoding: out.qr, as: UTF8.self))
        let layout = try #require(f.content.forms["1.001193"])
        let forged = try FormRenderer().render(layout, values: try FormFill(done.record, content: f.content).values,
                                               qrPayload: Array(text.utf8))
        let work = try TestEnvironment.temporaryDirectory("form-forged")
        defer { try? FileManager.default.removeItem(at: work) }
        let pdf = work.appendingPathComponent("forged.pdf")
        try Data(forged).write(to: pdf)
        let trusted = TrustedKeys(keys: ["KIOSK-HTN-01": FormGolden.key.privateKey.publicKey])
        #expect(throws: FormCheck.Failure.seal(.forged("KIOSK-HTN-01"))) { try FormCheck.verify(file: pdf.path, trusted: trusted) }
        // A QR that is not a form at all (the receipt's status link).
        #expect(throws: FormCheck.Failure.seal(.notAForm)) {
            try FormCheck.verify(qr: Array("https://dichvucong.example/tra-cuu?ma=1".utf8), trusted: trusted)
        }
    }

    @Test func thePDFArrivesAtThePrivateCUPSQueueKioskA4() async throws {
        let f = try WorkflowFixture(cups: true)
        let a4 = f.dir.appendingPathComponent("printed-a4")
        try #require(f.cups).addCaptureQueue(name: "kiosk-a4", output: a4)
        let done = try f.confirm(f.birthRegistration(), now: FormGolden.now)
        let outcome = await forms(f).print(code: done.code)
        guard case .printed = outcome else { Issue.record("not printed: \(outcome)"); return }
        let jobs = TestEnvironment.printedJobs(in: a4)
        #expect(jobs.count == 1)
        let job = try #require(jobs.first)
        let bytes = try Data(contentsOf: job)
        #expect(bytes.starts(with: Data("%PDF-".utf8)))
        // What the printer got carries the signed data.
        let check = try FormCheck.verify(file: job.path, trusted: TrustedKeys(keys: ["KIOSK-HTN-01": FormGolden.key.privateKey.publicKey]))
        #expect(check.data.dossierCode == done.code)
        #expect(TestEnvironment.printedJobs(in: f.dir.appendingPathComponent("printed")).isEmpty, "nothing went to the ticket printer")
    }

    @Test func aMissingA4PrinterRaisesTheAlertAndTheStaffReprintClearsIt() async throws {
        let f = try WorkflowFixture(cups: true)
        let done = try f.confirm(f.birthRegistration(), now: FormGolden.now)
        let failed = await forms(f).print(code: done.code)
        guard case .failed = failed else { Issue.record("printed without a kiosk-a4 queue: \(failed)"); return }
        let open = try f.db.alerts(openOnly: true).filter { $0.kind == PrintForm.alertKind }
        #expect(open.count == 1)
        #expect(open.first?.message.contains(DossierCode.pretty(done.code)) == true)

        let a4 = f.dir.appendingPathComponent("printed-a4")
        try #require(f.cups).addCaptureQueue(name: "kiosk-a4", output: a4)
        let reprinted = await f.helperDesk(forms: forms(f)).reprintForm(code: done.code, staff: "NV001")
        #expect(reprinted.vi.contains(DossierCode.pretty(done.code)), "\(reprinted.vi)")
        #expect(TestEnvironment.printedJobs(in: a4).count == 1)
        #expect(try f.db.alerts(openOnly: true).filter { $0.kind == PrintForm.alertKind }.isEmpty)
        #expect(await forms(f).print(code: "000000000000") == .unknownDossier)
    }

    @Test func aProcedureWithoutAnOfficialFormPrintsNone() async throws {
        let f = try WorkflowFixture()
        let p = try #require(f.content.procedure(code: "2.000884"))   // chứng thực chữ ký: no tờ khai
        let done = try confirmed(f, p)
        #expect(try forms(f).render(done.record) == nil)
        #expect(await forms(f).print(done.record) == .noForm)
    }
}
