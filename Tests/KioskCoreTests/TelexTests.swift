import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Types every key of `keys` into a fresh composer (or one starting from `start`).
private func typedTelex(_ keys: String, start: String = "") -> String {
    var c = TelexComposer(text: start)
    for key in keys { c.type(key) }
    return c.text
}

/// True when `s` is NFC, scalar for scalar (Swift's `==` alone treats NFD and NFC as equal).
private func telexIsNFC(_ s: String) -> Bool {
    Array(s.unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars)
}

/// `actual` equals `expected` scalar for scalar, and is NFC.
private func telexSame(_ actual: String?, _ expected: String) -> Bool {
    guard let actual else { return false }
    let nfcExpected = expected.precomposedStringWithCanonicalMapping
    return telexIsNFC(actual) && Array(actual.unicodeScalars) == Array(nfcExpected.unicodeScalars)
}

@Suite struct TelexComposerTests {
    @Test(arguments: [
        ("Nguyeenx", "Nguyễn"), ("Vawn", "Văn"), ("Thuaanj", "Thuận"), ("hoaf", "hòa"),
        ("thuyr", "thủy"), ("khoer", "khỏe"), ("nguwowif", "người"), ("quys", "quý"),
        ("gias", "giá"), ("gif", "gì"), ("ddaats", "đất"), ("DDaats", "Đất"), ("HOAF", "HÒA"),
        ("truwowngf", "trường"), ("tieengs", "tiếng"), ("hoangf", "hoàng"), ("muoons", "muốn"),
        ("toans", "toán"), ("hoafng", "hoàng"), ("hoafn", "hoàn"),
        ("Nguyeenx Vawn An", "Nguyễn Văn An"), ("Traanf Thij Thu Hawfng", "Trần Thị Thu Hằng"),
        ("Phamj Minh Tuaans", "Phạm Minh Tuấn"), ("Leeuf Dduwcs Thoj", "Lều Đức Thọ"),
        ("Huyfnh Quoocs Khanhs", "Huỳnh Quốc Khánh"), ("giuwx", "giữ"), ("gifn", "gìn"),
        ("gios", "gió"), ("giuwowngf", "giường"), ("quas", "quá"), ("Quyeenf", "Quyền"),
        ("ngoaif", "ngoài"), ("chuoois", "chuối"), ("khuyeen", "khuyên"), ("cuwra", "cửa"),
        ("muaf", "mùa"), ("taif", "tài"), ("xoawns", "xoắn"), ("Ddawks Lawks", "Đắk Lắk"),
        ("Xin chaof!", "Xin chào!"), ("tw", "tư"), ("Tw", "Tư"), ("w", "ư"), ("W", "Ư"),
        ("ow", "ơ"), ("uow", "ươ"), ("muaw", "mưa"), ("quawng", "quăng"), ("Vanw", "Văn"),
        ("truongwf", "trường"), ("thuowr", "thưở"),
    ])
    func composesWords(keys: String, expected: String) {
        #expect(telexSame(typedTelex(keys), expected), "\(keys) → \(typedTelex(keys))")
    }

    /// Common names, words and place names, typed the usual way (marks after each vowel, tone last).
    @Test func namesAndPlaces() {
        let table: [(String, String)] = [
        ("Nguyeenx", "Nguyễn"), ("Traanf", "Trần"), ("Lee", "Lê"), ("Phamj", "Phạm"), ("Hoangf", "Hoàng"), ("Huynhf", "Huỳnh"),
        ("Phan", "Phan"), ("Vux", "Vũ"), ("Vox", "Võ"), ("Ddawngj", "Đặng"), ("Buif", "Bùi"), ("Ddoox", "Đỗ"),
        ("Hoof", "Hồ"), ("Ngoo", "Ngô"), ("Duwowng", "Dương"), ("Lys", "Lý"), ("Vawn", "Văn"), ("Thij", "Thị"),
        ("Huwux", "Hữu"), ("Dduwcs", "Đức"), ("Minh", "Minh"), ("Anh", "Anh"), ("Tuaans", "Tuấn"), ("Hungf", "Hùng"),
        ("Dungx", "Dũng"), ("Thuyr", "Thủy"), ("Hoaf", "Hòa"), ("Khoer", "Khỏe"), ("Thuys", "Thúy"), ("Quys", "Quý"),
        ("Quyeen", "Quyên"), ("Quyeets", "Quyết"), ("Quoocs", "Quốc"), ("Quang", "Quang"), ("Quangr", "Quảng"), ("Giang", "Giang"),
        ("Giauf", "Giàu"), ("Giuwax", "Giữa"), ("Giuwowngf", "Giường"), ("Gios", "Gió"), ("Ginf", "Gìn"), ("Huwowng", "Hương"),
        ("Phuwowng", "Phương"), ("Truwowngf", "Trường"), ("Thuwowng", "Thương"), ("Nguwowif", "Người"), ("Nuwowcs", "Nước"), ("Ruwowuj", "Rượu"),
        ("Dduwowcj", "Được"), ("Muwowif", "Mười"), ("Khuyeen", "Khuyên"), ("Khuya", "Khuya"), ("Chuoois", "Chuối"), ("Muoons", "Muốn"),
        ("Tieengs", "Tiếng"), ("Tieenf", "Tiền"), ("Vieetj", "Việt"), ("Nam", "Nam"), ("Haf", "Hà"), ("Nooij", "Nội"),
        ("Hoof", "Hồ"), ("Chis", "Chí"), ("Ddaf", "Đà"), ("Nawngx", "Nẵng"), ("Huees", "Huế"), ("Caanf", "Cần"),
        ("Thow", "Thơ"), ("Hair", "Hải"), ("Phongf", "Phòng"), ("Ddawks", "Đắk"), ("Lawks", "Lắk"), ("Khanhs", "Khánh"),
        ("Ninh", "Ninh"), ("Binhf", "Bình"), ("Thuaanj", "Thuận"), ("Quangr", "Quảng"), ("Ngaix", "Ngãi"), ("Beens", "Bến"),
        ("Tre", "Tre"), ("Vinhx", "Vĩnh"), ("Long", "Long"), ("Socs", "Sóc"), ("Trawng", "Trăng"), ("Bacj", "Bạc"),
        ("Lieeu", "Liêu"), ("Caf", "Cà"), ("Mau", "Mau"), ("Kieen", "Kiên"), ("Giang", "Giang"), ("Langj", "Lạng"),
        ("Sown", "Sơn"), ("Thais", "Thái"), ("Nguyeen", "Nguyên"), ("Tuyeen", "Tuyên"), ("Quang", "Quang"), ("Yeen", "Yên"),
        ("Bais", "Bái"), ("Ddieenj", "Điện"), ("Bieen", "Biên"), ("Laof", "Lào"), ("Cai", "Cai"), ("Huwng", "Hưng"),
        ("Xuyeen", "Xuyên"), ("Oanh", "Oanh"), ("Loan", "Loan"), ("Hoa", "Hoa"), ("Hoaif", "Hoài"), ("Ngoaif", "Ngoài"),
        ("Xoays", "Xoáy"), ("Khuyur", "Khuỷu"), ("Ngoeoj", "Ngoẹo"), ("Toans", "Toán"), ("Hoanf", "Hoàn"), ("Hoangf", "Hoàng"),
        ("Khoangr", "Khoảng"), ("Xoawns", "Xoắn"), ("Hoawcj", "Hoặc"), ("Quawng", "Quăng"), ("Own", "Ơn"), ("Uwngs", "Ứng"),
        ("Uwowcs", "Ước"), ("Uwu", "Ưu"), ("Cuwus", "Cứu"), ("Huwu", "Hưu"), ("Yeeu", "Yêu"), ("Yeens", "Yến"),
        ("Uyeen", "Uyên"), ("Uoongs", "Uống"), ("Uwowts", "Ướt"), ("Aays", "Ấy"), ("Ddaayf", "Đầy"), ("Daaus", "Dấu"),
        ("Keeu", "Kêu"), ("Toois", "Tối"), ("Mowis", "Mới"), ("Guwir", "Gửi"), ("Muaf", "Mùa"), ("Cuar", "Của"),
        ("Taif", "Tài"), ("Mias", "Mía"), ("Kiaf", "Kìa"), ("Luwar", "Lửa"), ("Cuwar", "Cửa"), ("Buwowir", "Bưởi"),
        ("Tuooir", "Tuổi"), ("Suoois", "Suối"), ("Dduoois", "Đuối"), ("Nguyeetj", "Nguyệt"), ("Huyeenf", "Huyền"), ("Chuyeenj", "Chuyện"),
        ("Truyeenj", "Truyện"), ("Khuyeets", "Khuyết"), ("Tuyeets", "Tuyết"), ("Xuaan", "Xuân"), ("Tuaanf", "Tuần"), ("Luaatj", "Luật"),
        ("Quaanj", "Quận"), ("Huyeenj", "Huyện"), ("Xax", "Xã"), ("Phuwowngf", "Phường"), ("Thanhf", "Thành"), ("Phoos", "Phố"),
        ("Tinhr", "Tỉnh"), ("Aaps", "Ấp"), ("Thoon", "Thôn"), ("Banr", "Bản"), ("Langf", "Làng"), ("Soos", "Số"),
        ("Nhaf", "Nhà"), ("Dduwowngf", "Đường"), ("Hemr", "Hẻm"), ("Ngox", "Ngõ"), ("Ngachs", "Ngách"),
        ]
        for (keys, expected) in table {
            #expect(telexSame(typedTelex(keys), expected), "\(keys) → \(typedTelex(keys))")
            // Round trip through the text functions too.
            let bare = VietnameseText.removingTones(expected)
            #expect(telexSame(VietnameseText.applyTone(VietnameseText.tone(of: expected), to: bare), expected))
        }
    }

    /// "uow" is always ươ, so the rare open "uơ" (thuở, huơ) is typed with an ơ key.
    @Test func uoWithHornOnlyOnO() {
        #expect(telexSame(typedTelex("thuowr"), "thưở"))
        var c = TelexComposer(text: "Thu")
        c.type("ơ")
        c.type("r")
        #expect(telexSame(c.text, "Thuở"))
        #expect(telexSame(typedTelex("huơw"), "hươ"))
    }

    @Test(arguments: [
        ("ass", "as"), ("asss", "ass"), ("aaa", "aa"), ("aaaa", "aaa"), ("ddd", "dd"), ("dddd", "ddd"),
        ("aww", "aw"), ("eee", "ee"), ("ooo", "oo"), ("oww", "ow"), ("uww", "uw"), ("ww", "w"),
        ("tww", "tw"), ("uoww", "uow"), ("hoaff", "hoaf"), ("ASS", "AS"),
    ])
    func sameMarkKeyAgainUndoes(keys: String, expected: String) {
        #expect(telexSame(typedTelex(keys), expected), "\(keys) → \(typedTelex(keys))")
    }

    @Test(arguments: [
        ("AA", "Â"), ("Aa", "Â"), ("aA", "â"), ("DD", "Đ"), ("Dd", "Đ"), ("AS", "Á"), ("AW", "Ă"),
        ("Aw", "Ă"), ("OW", "Ơ"), ("EE", "Ê"), ("NGUYEENX", "NGUYỄN"), ("ddD", "dD"),
    ])
    func keepsCase(keys: String, expected: String) {
        #expect(telexSame(typedTelex(keys), expected), "\(keys) → \(typedTelex(keys))")
    }

    @Test func toneKeyWithoutVowelIsALetter() {
        #expect(typedTelex("s") == "s")
        #expect(typedTelex("Trs") == "Trs")
        #expect(typedTelex("z") == "z")
        #expect(typedTelex("Bj") == "Bj")
    }

    @Test func toneMovesAsLettersArrive() {
        var c = TelexComposer()
        for key in "hoaf" { c.type(key) }
        #expect(telexSame(c.text, "hòa"))
        c.type("n")
        #expect(telexSame(c.text, "hoàn"))
        c.type("g")
        #expect(telexSame(c.text, "hoàng"))
        #expect(telexSame(typedTelex("tisee"), "tiế"))
        #expect(telexSame(typedTelex("tisen"), "tién"))
        #expect(telexSame(typedTelex("tiseen"), "tiến"))
    }

    @Test func changingAndRemovingTones() {
        #expect(telexSame(typedTelex("asf"), "à"))
        #expect(telexSame(typedTelex("Nguyeenxz"), "Nguyên"))
        #expect(telexSame(typedTelex("asz"), "a"))
        #expect(telexSame(typedTelex("azz"), "azz"))
        #expect(telexSame(typedTelex("Nguyeenxs"), "Nguyến"))
        var c = TelexComposer(text: "Nguyễn")
        c.type("z")
        #expect(telexSame(c.text, "Nguyên"))
    }

    @Test func nonLettersEndTheWord() {
        #expect(telexSame(typedTelex("a a"), "a a"))
        #expect(telexSame(typedTelex("d d"), "d d"))
        #expect(telexSame(typedTelex("a1s"), "a1s"))
        #expect(telexSame(typedTelex("hoa's"), "hoa's"))
        #expect(telexSame(typedTelex("ass as"), "as á"))
    }

    @Test func typingContinuesAnExistingText() {
        #expect(telexSame(typedTelex("Vawn", start: "Nguyễn "), "Nguyễn Văn"))
        #expect(telexSame(typedTelex("n", start: "hoà"), "hoàn"))
        #expect(telexSame(typedTelex("s", start: "Nguye\u{302}n"), "Nguyến"))
    }

    @Test func initNormalisesToNFC() {
        let c = TelexComposer(text: "Nguye\u{302}\u{303}n Va\u{306}n")
        #expect(Array(c.text.unicodeScalars) == Array("Nguy\u{1EC5}n V\u{103}n".unicodeScalars))
        #expect(TelexComposer().text.isEmpty)
    }

    @Test func backspaceRemovesOneGrapheme() {
        var c = TelexComposer(text: "Nguye\u{302}\u{303}n")
        c.backspace()
        #expect(telexSame(c.text, "Nguyễ"))
        c.backspace()
        #expect(telexSame(c.text, "Nguy"))
        var empty = TelexComposer()
        empty.backspace()
        #expect(empty.text.isEmpty)
        var flag = TelexComposer(text: "a🇻🇳")
        flag.backspace()
        #expect(flag.text == "a")
    }

    @Test func backspaceThenTypeAgain() {
        var c = TelexComposer()
        for key in "ass" { c.type(key) }
        #expect(c.text == "as")
        c.backspace()
        c.type("s")
        #expect(telexSame(c.text, "á"))
    }

    @Test func applyToneOnTheLastWord() {
        var c = TelexComposer(text: "Xin chao")
        c.apply(tone: .grave)
        #expect(telexSame(c.text, "Xin chào"))
        c.apply(tone: .acute)
        #expect(telexSame(c.text, "Xin cháo"))
        c.apply(tone: .level)
        #expect(telexSame(c.text, "Xin chao"))
        var noVowel = TelexComposer(text: "Xin chr")
        noVowel.apply(tone: .acute)
        #expect(noVowel.text == "Xin chr")
        var afterSpace = TelexComposer(text: "hoa ")
        afterSpace.apply(tone: .grave)
        #expect(afterSpace.text == "hoa ")
        var thuy = TelexComposer(text: "Thuy")
        thuy.apply(tone: .hook)
        #expect(telexSame(thuy.text, "Thủy"))
    }

    @Test func appendLiteral() {
        var c = TelexComposer(text: "Ng")
        c.append(literal: "ư")
        c.append(literal: "ơ")
        c.append(literal: "i")
        #expect(telexSame(c.text, "Ngươi"))
        c.apply(tone: .grave)
        #expect(telexSame(c.text, "Người"))
        var h = TelexComposer(text: "hòa")
        h.append(literal: "n")
        #expect(telexSame(h.text, "hoàn"))
        var lit = TelexComposer(text: "a")
        lit.append(literal: "a")
        lit.append(literal: "s")
        #expect(lit.text == "aas")
        lit.append(literal: " ")
        #expect(lit.text == "aas ")
    }

    @Test func tonedLetterKeys() {
        var c = TelexComposer(text: "ho")
        c.type("á")
        #expect(telexSame(c.text, "hóa"))
        c.type("n")
        #expect(telexSame(c.text, "hoán"))
        var d = TelexComposer(text: "hò")
        d.append(literal: "a\u{301}")
        #expect(telexSame(d.text, "hóa"))
        var e = TelexComposer(text: "b")
        e.type("é")
        #expect(telexSame(e.text, "bé"))
    }

    @Test func equalityAfterAWordIsFinished() {
        var c = TelexComposer()
        for key in "Nguyeenx " { c.type(key) }
        #expect(c == TelexComposer(text: "Nguyễn "))
    }

    /// 10,000 random key sequences never crash and always leave valid NFC text, typed alone and
    /// mixed with backspace, on-screen letters and on-screen tones.
    @Test func fuzzRandomKeys() {
        let alphabet = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyzwfjAZDW sfrxjz0123456789 '")
        var rng = SplitMix64(seed: TestSeed.seed("fuzzRandomKeys", fixed: 0x5EED_7E1E))
        for _ in 0..<10_000 {
            let keys = (0..<Int.random(in: 1...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }
            var typed = TelexComposer()
            var mixed = TelexComposer()
            for key in keys {
                typed.type(key)
                switch Int.random(in: 0..<20, using: &rng) {
                case 0: mixed.backspace()
                case 1: mixed.apply(tone: VietnameseTone.allCases.randomElement(using: &rng) ?? .level)
                case 2: mixed.append(literal: key)
                default: mixed.type(key)
                }
            }
            for text in [typed.text, mixed.text] {
                #expect(telexIsNFC(text), "not NFC: \(keys) \(text.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(String(decoding: Array(text.utf8), as: UTF8.self) == text)
                #expect(!text.unicodeScalars.contains("\u{FFFD}"))
                #expect(telexIsNFC(VietnameseText.removingTones(text)))
            }
            if let last = typed.text.split(separator: " ").last {
                for tone in VietnameseTone.allCases {
                    if let toned = VietnameseText.applyTone(tone, to: String(last)) {
                        #expect(telexIsNFC(toned))
                        #expect(VietnameseText.tone(of: toned) == tone)
                    }
                }
            }
        }
    }

    /// Odd characters (combining marks, emoji, other scripts) as keys do not crash either.
    @Test func fuzzUnusualKeys() {
        let keys: [Character] = ["\u{301}", "\u{303}", "e\u{302}", "🇻🇳", "👍🏽", "ñ", "Я", "ß", "İ", "ﬁ",
                                 "\u{0}", "\n", "\t", "a", "w", "s", "d", "o", "u", "\u{200D}", "\u{1EC5}"]
        var rng = SplitMix64(seed: TestSeed.seed("TelexComposerTests", fixed: 42))
        for _ in 0..<2_000 {
            var c = TelexComposer()
            for _ in 0..<Int.random(in: 1...16, using: &rng) {
                let key = keys.randomElement(using: &rng) ?? "a"
                if Bool.random(using: &rng) { c.type(key) } else { c.append(literal: key) }
                if Int.random(in: 0..<8, using: &rng) == 0 { c.backspace() }
            }
            #expect(telexIsNFC(c.text))
        }
    }
}

@Suite struct VietnameseTextTests {
    @Test func allSixTonesOnA() {
        let expected = ["a", "á", "à", "ả", "ã", "ạ"]
        for tone in VietnameseTone.allCases {
            #expect(telexSame(VietnameseText.applyTone(tone, to: "a"), expected[tone.rawValue]))
            #expect(telexSame(VietnameseText.applyTone(tone, to: "A"), expected[tone.rawValue].uppercased()))
            #expect(VietnameseText.tone(of: expected[tone.rawValue]) == tone)
        }
    }

    @Test func toneNames() {
        #expect(VietnameseTone.allCases.map(\.vietnameseName) == ["không dấu", "sắc", "huyền", "hỏi", "ngã", "nặng"])
        #expect(VietnameseTone.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5])
    }

    @Test(arguments: [
        (VietnameseTone.grave, "hoa", "hòa"), (.hook, "thuy", "thủy"), (.hook, "khoe", "khỏe"),
        (.grave, "hoang", "hoàng"), (.acute, "tiêng", "tiếng"), (.acute, "muôn", "muốn"),
        (.acute, "quy", "quý"), (.acute, "gia", "giá"), (.tilde, "giư", "giữ"), (.grave, "gi", "gì"),
        (.grave, "gin", "gìn"), (.grave, "ngoai", "ngoài"), (.acute, "chuôi", "chuối"),
        (.grave, "mua", "mùa"), (.grave, "tai", "tài"), (.dot, "Thuân", "Thuận"),
        (.tilde, "Nguyên", "Nguyễn"), (.hook, "khuyu", "khuỷu"), (.acute, "xoay", "xoáy"),
        (.acute, "Ánh", "Ánh"), (.grave, "Ánh", "Ành"), (.level, "Nguyễn", "Nguyên"),
        (.grave, "hoà", "hòa"), (.acute, "NGUYÊN", "NGUYẾN"), (.hook, "quơ", "quở"),
        (.dot, "Nguye\u{302}n", "Nguyện"),
    ])
    func placesTone(tone: VietnameseTone, word: String, expected: String) {
        #expect(telexSame(VietnameseText.applyTone(tone, to: word), expected))
    }

    @Test(arguments: [
        (VietnameseTone.grave, "ngươi", "người"), (.grave, "trương", "trường"), (.dot, "rươu", "rượu"),
        (.grave, "giương", "giường"), (.acute, "ươn", "ướn"), (.hook, "thuơ", "thuở"),
        (.dot, "ƯƠC", "ƯỢC"), (.tilde, "ưa", "ữa"), (.hook, "cưa", "cửa"),
    ])
    func uoHornCases(tone: VietnameseTone, word: String, expected: String) {
        #expect(telexSame(VietnameseText.applyTone(tone, to: word), expected))
    }

    @Test func noVowelGivesNil() {
        #expect(VietnameseText.applyTone(.acute, to: "") == nil)
        #expect(VietnameseText.applyTone(.acute, to: "Tr") == nil)
        #expect(VietnameseText.applyTone(.acute, to: "đ") == nil)
        #expect(VietnameseText.applyTone(.acute, to: "123") == nil)
    }

    @Test func toneOfWords() {
        #expect(VietnameseText.tone(of: "Nguyễn") == .tilde)
        #expect(VietnameseText.tone(of: "Nguye\u{302}\u{303}n") == .tilde)
        #expect(VietnameseText.tone(of: "người") == .grave)
        #expect(VietnameseText.tone(of: "Văn") == .level)
        #expect(VietnameseText.tone(of: "ĐẶNG") == .dot)
        #expect(VietnameseText.tone(of: "") == .level)
        #expect(VietnameseText.tone(of: "niño") == .level)
    }

    @Test func removingTones() {
        #expect(telexSame(VietnameseText.removingTones("Nguyễn"), "Nguyên"))
        #expect(telexSame(VietnameseText.removingTones("Nguyễn Thị Ánh Đặng"), "Nguyên Thi Anh Đăng"))
        #expect(telexSame(VietnameseText.removingTones("Trường Ươn ỰA"), "Trương Ươn ƯA"))
        #expect(telexSame(VietnameseText.removingTones("Nguye\u{302}\u{303}n"), "Nguyên"))
        #expect(telexSame(VietnameseText.removingTones("plain ascii 123"), "plain ascii 123"))
        #expect(telexSame(VietnameseText.removingTones("niño"), "niño"))
        #expect(VietnameseText.removingTones("") == "")
    }

    @Test func everyPrecomposedVowelRoundTrips() {
        let bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        for base in bases + bases.map({ $0.uppercased() }) {
            for tone in VietnameseTone.allCases {
                guard let toned = VietnameseText.applyTone(tone, to: base) else {
                    Issue.record("no vowel in \(base)")
                    continue
                }
                #expect(toned.unicodeScalars.count == 1, "\(base) \(tone) → \(toned)")
                #expect(telexIsNFC(toned))
                #expect(VietnameseText.tone(of: toned) == tone)
                #expect(telexSame(VietnameseText.removingTones(toned), base))
            }
        }
    }

    @Test func fuzzRandomStrings() {
        let pool = Array("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcdghqnt \u{301}\u{300}\u{309}\u{303}\u{323}\u{302}\u{306}\u{31B}ñ🇻🇳1'")
        var rng = SplitMix64(seed: TestSeed.seed("fuzzRandomStrings", fixed: 7))
        for _ in 0..<3_000 {
            let s = String((0..<Int.random(in: 0...10, using: &rng)).compactMap { _ in pool.randomElement(using: &rng) })
            for tone in VietnameseTone.allCases {
                if let out = VietnameseText.applyTone(tone, to: s) { #expect(telexIsNFC(out)) }
            }
            _ = VietnameseText.tone(of: s)
            #expect(telexIsNFC(VietnameseText.removingTones(s)))
        }
    }
}
