import KioskCore
import Testing

/// How numbers are called aloud: the two reading styles of services.yaml and Vietnamese numbers.
@Suite struct CallPhraseTests {
    @Test func theTwoReadingStyles() {
        #expect(CallPhrase.spoken(number: "A-007", counter: 1, reading: .digits) == "Mời số A không không bảy đến quầy số một")
        #expect(CallPhrase.spoken(number: "A-007", counter: 1, reading: .number) == "Mời số A bảy đến quầy số một")
        #expect(CallPhrase.read("B-021", reading: .number) == "Bê hai mươi mốt")
        #expect(CallPhrase.read("C-1005", reading: .digits) == "Xê một không không năm")
        #expect(CallPhrase.shown(number: "D-015", counter: 12) == "Mời số D-015 đến quầy số 12")
    }

    @Test(arguments: [
        (0, "không"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"), (20, "hai mươi"),
        (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (99, "chín mươi chín"), (100, "một trăm"),
        (105, "một trăm linh năm"), (110, "một trăm mười"), (115, "một trăm mười lăm"), (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"), (1005, "một nghìn không trăm linh năm"), (1050, "một nghìn không trăm năm mươi"),
        (1234, "một nghìn hai trăm ba mươi tư"), (20_001, "hai mươi nghìn không trăm linh một"),
    ])
    func vietnameseNumbers(_ n: Int, _ words: String) {
        #expect(CallPhrase.vietnamese(n) == words)
    }

    /// Numbers come from the queue but are treated as text: nothing but letters and digits is read.
    @Test func hostileTextIsNotRead() {
        #expect(CallPhrase.read("A-00<script>7", reading: .digits) == "A không không bảy")
        #expect(CallPhrase.read("", reading: .number) == "")
    }
}
