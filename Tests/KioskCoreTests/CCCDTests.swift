import Foundation
import KioskContent
import KioskCore
import Testing

@Suite struct CCCDTests {
    let today = CivilDate(year: 2026, month: 11, day: 25)!

    @Test func sevenFieldForm() throws {
        let card = try CCCDQRCode.parse("060050001234|261234567|Nguyễn Văn An|05031950|Nam|Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận|01072021",
                                        today: today).get()
        #expect(card.idNumber == "060050001234")
        #expect(card.oldIDNumber == "261234567")
        #expect(card.fullName == "Nguyễn Văn An")
        #expect(card.dateOfBirth == CivilDate(year: 1950, month: 3, day: 5))
        #expect(!card.isFemale)
        #expect(card.age(on: today) == 76)
        #expect(card.issueDate == CivilDate(year: 2021, month: 7, day: 1))
    }

    @Test func sixFieldFormAndEmptyOldID() throws {
        let six = try CCCDQRCode.parse("060150001234|Trần Thị Bình|17121950|Nữ|Phường Phú Thủy, TP. Phan Thiết|15082022", today: today).get()
        #expect(six.isFemale)
        #expect(six.oldIDNumber == nil)
        let empty = try CCCDQRCode.parse("060150001234||Trần Thị Bình|17121950|Nữ|Phú Thủy|15082022|", today: today).get()
        #expect(empty.oldIDNumber == nil)
        // Decomposed "Nữ" (a scanner that sends NFD) is still "Nữ".
        #expect((try? CCCDQRCode.parse("060150001234|Trần Thị Bình|17121950|Nu\u{303}|x|15082022", today: today).get())?.isFemale == true)
    }

    @Test(arguments: [
        "",                                                          // nothing
        "hello world",                                               // another code
        "https://example.com/?q=1",                                  // a URL
        "OSK1|261125010007|482913",                                  // a receipt, not a card
        "06005000123|261234567|A|05031950|Nam|x|01072021",           // 11 digits
        "999050001234||A|05031950|Nam|x|01072021",                   // no such province
        "060050001234||A|31021950|Nam|x|01072021",                   // 31 February
        "060050001234||A|05031950|Nam|x|01072031",                   // issued in the future
        "060050001234||A|05031950|Nữ|x|01072021",                    // ID says male (digit 0), card says female
        "060050001234||A|05031990|Nam|x|01072021",                   // ID says born '50, card says 1990
        "060050001234||A|05031950|Khác|x|01072021",                  // not Nam/Nữ
        "060050001234||Nguyễn V4n An|05031950|Nam|x|01072021",       // digits in a name
        "060050001234|12345|A|05031950|Nam|x|01072021",              // old ID of 5 digits
        "060050001234||A|05031950|Nam|x|01072021|x|y",               // 9 fields
        // Invalid UTF-8 from a scanner (bytes FF FE), as decoding leaves it, and as literal text.
        "060050001234||Nguy\u{FFFD}\u{FFFD} Văn Bình|05031950|Nam|Thôn 3|01072021",
        "060050001234||Nguy\\xff\\xfe Văn Bình|05031950|Nam|Thôn 3|01072021",
        "060050001234||Nguyễn Văn Bình|05031950|Nam|Thôn \u{FFFD}3|01072021",   // in the address too
    ])
    func notACard(_ raw: String) {
        guard case .failure = CCCDQRCode.parse(raw, today: today) else {
            Issue.record("accepted: \(raw)")
            return
        }
    }

    /// Issue 10: a scan with invalid UTF-8 is not a card, with the same message as other unreadable scans.
    @Test func invalidUTF8FromAScannerIsNotACard() {
        var bytes = Array("060050001234||Nguy".utf8) + [0xFF, 0xFE]
        bytes += Array(" Văn Bình|05031950|Nam|Thôn 3|01072021".utf8)
        let decoded = String(decoding: bytes, as: UTF8.self)   // what the scanner reader makes of the bytes
        guard case .failure(let f) = CCCDQRCode.parse(decoded, today: today) else {
            Issue.record("a scan with invalid UTF-8 was read as a card")
            return
        }
        #expect(f == CCCDQRCode.notACard)
        // The same scan with valid bytes is a card: the refusal is about the bytes, not the person.
        let valid = Array("060050001234||Nguyễn Văn Bình|05031950|Nam|Thôn 3|01072021".utf8)
        #expect((try? CCCDQRCode.parse(String(decoding: valid, as: UTF8.self), today: today).get())?.fullName == "Nguyễn Văn Bình")
    }

    @Test func tooLongIsRefusedBeforeParsing() {
        let long = "060050001234||" + String(repeating: "A", count: 5000) + "|05031950|Nam|x|01072021"
        #expect((try? CCCDQRCode.parse(long, today: today).get()) == nil)
    }

    /// BadBarcode-style payloads: the card still reads, and nothing hostile survives.
    @Test(arguments: [
        "060050001234||Nguyễn\u{1B}]52;c;cm0gLXJmIC8=\u{07} Văn An|05031950|Nam|Thôn 3\u{1B}[21t, Hàm Mỹ|01072021",
        "060050001234||Nguyễn Văn An\u{9B}2J|05031950|Nam|Thôn\u{1B}P+q544e\u{1B}\\ 3|01072021",
        "060050001234||\u{202E}nA năV nễyugN|05031950|Nam|Thôn 3|01072021",
        "060050001234||Nguyễn Văn An\u{0}\u{7F}|05031950|Nam|Thôn 3\r\n|01072021",
    ])
    func hostileFieldsAreCleaned(_ raw: String) throws {
        switch CCCDQRCode.parse(raw, today: today) {
        case .success(let card):
            for field in [card.fullName, card.address] {
                #expect(SafeText.isClean(field), "unclean: \(field.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(!field.contains("52;"))
                #expect(!field.contains("21t"))
            }
        case .failure(let f):
            #expect(f == CCCDQRCode.notACard)   // refused plainly is fine too
        }
    }

    @Test func receiptQRRoundTrip() {
        let qr = ReceiptQR.make(dossierCode: "261125010007", lookupCode: "482913")
        #expect(ReceiptQR.parse(qr)?.code == "261125010007")
        #expect(ReceiptQR.parse(qr)?.secret == "482913")
        #expect(ReceiptQR.parse("OSK1|26112501000|482913") == nil)
        #expect(ReceiptQR.parse("OSK1|261125010007|48291x") == nil)
    }
}

@Suite struct AddressMappingTests {
    static let mapper = AddressFiles.load(TestPaths.kiosk.appendingPathComponent("addresses")).0

    @Test(arguments: [
        ("Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận", "Thôn 3, Xã Tuyên Quang, Tỉnh Lâm Đồng"),
        ("Thôn Lâm Giang, Xã Hàm Cần, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận", "Thôn Lâm Giang, Xã Hàm Thạnh, Tỉnh Lâm Đồng"),
        ("Khu phố 2, Phường Xuân An, TP. Phan Thiết, Bình Thuận", "Khu phố 2, Phường Hàm Thắng, Tỉnh Lâm Đồng"),
        ("Khu phố 1, phường phú thủy, thành phố phan thiết, tỉnh bình thuận", "Khu phố 1, Phường Phú Thủy, Tỉnh Lâm Đồng"),
        ("KP 5, Phường Phú Thuỷ, Thành phố Phan Thiết, Tỉnh Bình Thuận", "KP 5, Phường Phú Thủy, Tỉnh Lâm Đồng"),
        ("Thôn 1, Thị trấn Ma Lâm, Huyện Hàm Thuận Bắc, Tỉnh Bình Thuận", "Thôn 1, Xã Hàm Thuận, Tỉnh Lâm Đồng"),
    ])
    func oldUnitsMapToCurrentOnes(old: String, current: String) throws {
        let m = try #require(Self.mapper.map(old), "not mapped: \(old)")
        #expect(m.current == current)
        #expect(m.original == old)
    }

    @Test func currentOrUnknownAddressesAreLeftAlone() {
        #expect(Self.mapper.map("Thôn 3, Xã Hàm Thạnh, Tỉnh Lâm Đồng") == nil)
        #expect(Self.mapper.map("123 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh") == nil)
        #expect(Self.mapper.map("không có dấu phẩy") == nil)
    }

    @Test func thePilotAreaIsThere() {
        for name in ["Xã Hàm Thạnh", "Xã Hàm Thuận Nam", "Xã Hàm Thuận", "Xã Hàm Liêm", "Phường Hàm Thắng", "Phường Phú Thủy", "Phường Bình Thuận"] {
            #expect(Self.mapper.units.values.contains { $0.name == name && $0.provinceName == "Tỉnh Lâm Đồng" }, "\(name) missing")
        }
    }

    @Test func importChecksEveryRow() {
        let units = Dictionary(uniqueKeysWithValues: Self.mapper.units.map { ($0.key, $0.value) })
        let bad = "old_province,old_district,old_unit,new_province_code,new_unit_code,new_unit_name,sample\n"
            + "Tỉnh Bình Thuận,Huyện X,Xã Y,68,99999,Xã Z,no\n"
            + "Tỉnh Bình Thuận,Huyện X,,68,23122,Xã Hàm Thạnh,maybe\n"
        let (rows, issues) = AddressFiles.parseMapping(bad, file: "m.csv", units: units)
        #expect(rows.isEmpty)
        #expect(Set(issues.map { "\($0.line):\($0.code)" }) == ["2:CONTENT-REFERENCE", "3:CONTENT-VALUE"])
    }
}
