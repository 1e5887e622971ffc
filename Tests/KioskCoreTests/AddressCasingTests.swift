import Foundation
import KioskCore
import Testing

@Suite struct AddressCasingTests {
    @Test(arguments: [
        // A unit word that begins a later part is small; the first part keeps its capital.
        ("Thôn 3, Xã Hàm Thạnh, Tỉnh Lâm Đồng", "Thôn 3, xã Hàm Thạnh, tỉnh Lâm Đồng"),
        ("Thôn 3,Xã Hàm Thạnh", "Thôn 3,xã Hàm Thạnh"),
        ("Ấp 2, Phường Bến Thành, Thành Phố Hồ Chí Minh", "Ấp 2, phường Bến Thành, thành phố Hồ Chí Minh"),
        ("Số 12, Đường Trần Phú, Quận 1", "Số 12, đường Trần Phú, quận 1"),
        ("Bản Mường, Thị Trấn Mường Lát", "Bản Mường, thị trấn Mường Lát"),
        ("Buôn Đôn, Thị Xã Buôn Hồ", "Buôn Đôn, thị xã Buôn Hồ"),
        ("Tổ 5, Khu Phố 3, Đặc Khu Phú Quốc", "Tổ 5, khu phố 3, đặc khu Phú Quốc"),
        ("Số 4, Tổ Dân Phố 7, Kiệt 12, Hẻm 3, Ngõ 5, Làng Vân", "Số 4, tổ dân phố 7, kiệt 12, hẻm 3, ngõ 5, làng Vân"),
        ("Số 4, Tổ Dân", "Số 4, tổ Dân"),
        ("Khu 3, Huyện Hàm Thuận Nam", "Khu 3, huyện Hàm Thuận Nam"),
        // Multi-word units in the first part: its first letter stays a capital, the rest is small.
        ("Thành Phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Tổ Dân Phố 5, Phường An Lạc", "Tổ dân phố 5, phường An Lạc"),
        // Elsewhere a unit word is part of a name, or of the text: left as typed.
        ("Phường Bến Thành", "Phường Bến Thành"),
        ("Bến Thành", "Bến Thành"),
        ("Số 12 đường Trần Phú", "Số 12 đường Trần Phú"),
        ("Thôn 3, Thành Công", "Thôn 3, Thành Công"),
        ("Thôn Xã Đoài, Hàm Thạnh", "Thôn Xã Đoài, Hàm Thạnh"),
        ("Thôn 3, Xãa", "Thôn 3, Xãa"),
        ("", ""),
    ])
    func unitWordsAreSmallWhereTheyBeginALaterPart(typed: String, expected: String) {
        #expect(AddressCasing.apply(to: typed) == expected)
    }

    @Test func theRangesAreCharacterOffsetsOfWholeWords() {
        // "Thôn 3, " is 8 characters, so "Xã" is at 8..<10; "Thành Phố" in the first part: "Phố" only.
        #expect(AddressCasing.unitWords(in: "Thôn 3, Xã Hàm Thạnh") == [8..<10])
        #expect(AddressCasing.unitWords(in: "Thành Phố Hồ Chí Minh") == [6..<9])
        #expect(AddressCasing.unitWords(in: "Xã Hàm Thạnh, Thị Trấn Ma Lâm") == [14..<17, 18..<22])
    }

    @Test func decomposedTextMatchesToo() {
        let nfd = "Thôn 3, Xã Hàm Thạnh".decomposedStringWithCanonicalMapping
        #expect(AddressCasing.apply(to: nfd) == "Thôn 3, xã Hàm Thạnh")
    }
}
