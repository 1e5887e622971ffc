import Foundation
import KioskContent
import KioskCore
import Testing

@Suite struct ConfirmedDossierTests {
    @Test func theJourneyHandsOverTypedAnswersOfVisibleQuestionsInFormOrder() throws {
        let (bundle, _) = ContentBundle.load(from: TestPaths.kiosk)
        let birth = try #require(bundle.procedure(code: "1.001193"))
        let today = CivilDate(year: 2026, month: 11, day: 25)!
        var j = Journey(procedure: birth, dossierID: "d-1")
        j.identify(Applicant(idNumber: "060150001234", fullName: "Nguyễn Văn An", source: .cccdQR), today: today)
        _ = j.answer("father_known", raw: "yes", today: today)
        _ = j.answer("father_full_name", raw: "Trần Văn Bình", today: today)
        _ = j.answer("child_date_of_birth", raw: "05/03/2026", today: today)
        _ = j.answer("birth_copies", raw: "2", today: today)
        // The father's name is hidden again once the father is not named: it is not handed over.
        _ = j.answer("father_known", raw: "no", today: today)
        let at = Date(timeIntervalSince1970: 1_795_568_400)
        let d = j.confirmedDossier(today: today, consentAcceptedAt: at, language: .en,
                                   assistance: .init(staffNumber: "NV001", confirmation: .staff(reason: "không đọc được")))
        #expect(d.dossierID == "d-1")
        #expect(d.procedureCode == "1.001193")
        #expect(d.value("child_date_of_birth") == .date(CivilDate(year: 2026, month: 3, day: 5)!))
        #expect(d.value("birth_copies") == .number(2))
        #expect(d.value("applicant_full_name") == .text("Nguyễn Văn An"))   // from the card
        #expect(d.value("father_full_name") == nil)
        let order = birth.questions.map(\.id)
        let ids = d.answers.map(\.questionID)
        #expect(ids == order.filter { ids.contains($0) }, "form order")
        #expect(d.consentAcceptedAt == at && d.language == .en)
        #expect(d.assistance?.confirmation == .staff(reason: "không đọc được"))
    }

    @Test func vndAmounts() {
        #expect(VND.text(1_500_000) == "1.500.000 đồng")
        #expect(VND.text(8_000) == "8.000 đồng")
        #expect(VND.text(999) == "999 đồng")
        #expect(VND.text(-20_000) == "-20.000 đồng")
        #expect(VND.text(50_000, .en) == "50,000 VND")
    }
}
