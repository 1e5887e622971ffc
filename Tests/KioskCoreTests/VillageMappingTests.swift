import Foundation
import KioskContent
import KioskCore
import Testing

/// Villages and split communes: the ID card's old village and commune become today's, a split commune is
/// asked about, and what cannot be mapped is said so (for the population-data officer's list).
@Suite struct VillageMappingTests {
    static let shipped = AddressFiles.load(TestPaths.kiosk.appendingPathComponent("addresses"))
    static var units: [AdministrativeUnit] { Array(shipped.0.units.values) }
    static let mappingRows: [UnitMapping] = {
        let text = try! String(contentsOf: TestPaths.kiosk.appendingPathComponent("addresses/mapping.csv"), encoding: .utf8)
        return AddressFiles.parseMapping(text, file: "mapping.csv", units: shipped.0.units).0
    }()

    /// A commune's own renames: "Thôn 3" of old Hàm Mỹ is now "Thôn Mỹ Thành" of Tuyên Quang (a test row).
    static let renames = [
        VillageRename(oldProvince: "Tỉnh Bình Thuận", oldDistrict: "Huyện Hàm Thuận Nam", oldUnit: "Xã Hàm Mỹ", oldVillage: "Thôn 3",
                      newUnitCode: "22963", newVillage: "Thôn Mỹ Thành", sample: false),
        VillageRename(oldProvince: "Tỉnh Lâm Đồng", oldDistrict: "", oldUnit: "Xã Hàm Thạnh", oldVillage: "Thôn Lâm Giang 2",
                      newUnitCode: "23122", newVillage: "Thôn Lâm Giang", sample: false),
    ]
    static let mapper = AddressMapper(units: units, mappings: mappingRows, villages: renames)

    @Test func shippedAddressFilesAreClean() {
        #expect(Self.shipped.1.isEmpty, "\(Self.shipped.1)")
    }

    /// The ID card's "Thôn 3, Xã Hàm Mỹ" becomes today's village and commune.
    @Test func renamedVillageBecomesTodaysVillageAndCommune() throws {
        guard case .mapped(let m) = Self.mapper.resolve("Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận") else {
            Issue.record("not mapped")
            return
        }
        #expect(m.current == "Thôn Mỹ Thành, Xã Tuyên Quang, Tỉnh Lâm Đồng")
        #expect(m.unknownVillage == nil)
        // Old spellings and no type words still match.
        #expect(Self.mapper.map("thon 3, Hàm Mỹ, Hàm Thuận Nam, Bình Thuận")?.current == "Thôn Mỹ Thành, Xã Tuyên Quang, Tỉnh Lâm Đồng")
        // A village renamed inside a unit that did not change.
        #expect(Self.mapper.map("Thôn Lâm Giang 2, Xã Hàm Thạnh, Tỉnh Lâm Đồng")?.current == "Thôn Lâm Giang, Xã Hàm Thạnh, Tỉnh Lâm Đồng")
        #expect(Self.mapper.resolve("Thôn 1, Xã Hàm Thạnh, Tỉnh Lâm Đồng") == .current)
    }

    /// A village of a commune whose villages were renamed, missing from the table, goes on the officer's list.
    @Test func aVillageMissingFromTheTableIsListed() {
        let r = Self.mapper.resolve("Thôn 9, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận")
        guard case .mapped(let m) = r else { Issue.record("\(r)"); return }
        #expect(m.current == "Thôn 9, Xã Tuyên Quang, Tỉnh Lâm Đồng")
        #expect(m.unknownVillage == "Thôn 9")
        #expect(r.unmappedReason == "village 'Thôn 9' is not in villages.csv")
    }

    /// Split communes (Phong Phú, Hòa Thắng): the person is asked; the kiosk does not pick one silently.
    @Test func aSplitCommuneIsAskedNotPicked() {
        let r = Self.shipped.0.resolve("Thôn 2, Xã Phong Phú, Huyện Tuy Phong, Tỉnh Bình Thuận")
        guard case .split(let old, let candidates) = r else { Issue.record("\(r)"); return }
        #expect(old == "Xã Phong Phú")
        #expect(Set(candidates.map(\.current)) == ["Thôn 2, Xã Tuy Phong, Tỉnh Lâm Đồng", "Thôn 2, Xã Phan Rí Cửa, Tỉnh Lâm Đồng"])
        #expect(Self.shipped.0.map("Thôn 2, Xã Phong Phú, Huyện Tuy Phong, Tỉnh Bình Thuận") == nil)
        guard case .split(_, let hoa) = Self.shipped.0.resolve("Thôn 1, Xã Hòa Thắng, Huyện Bắc Bình, Tỉnh Bình Thuận") else {
            Issue.record("Hòa Thắng is not asked")
            return
        }
        #expect(Set(hoa.map(\.unit.name)) == ["Xã Hòa Thắng", "Xã Hồng Thái"])
    }

    /// …unless the village table places the village: Thôn Nha Mé went to Phan Rí Cửa.
    @Test func theVillageTablePlacesAVillageOfASplitCommune() {
        #expect(Self.shipped.0.map("Thôn Nha Mé, Xã Phong Phú, Huyện Tuy Phong, Tỉnh Bình Thuận")?.current
                == "Thôn Nha Mé, Xã Phan Rí Cửa, Tỉnh Lâm Đồng")
    }

    @Test func unknownUnitsAreUnmappedWithAReason() {
        #expect(Self.shipped.0.resolve("Thôn 1, Xã Không Có, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận")             == .unmapped(reason: "'Xã Không Có, Huyện Hàm Thuận Nam' is not in mapping.csv"))
        #expect(Self.shipped.0.resolve("12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh")
                == .unmapped(reason: "province 'TP. Hồ Chí Minh' is not in the tables"))
        #expect(Self.shipped.0.resolve("không có dấu phẩy").unmappedReason != nil)
    }

    /// The officer's list keeps the village and the commune, not the house.
    @Test func houseNumbersAreNotKept() {
        #expect(AddressMapper.withoutHouseNumber("12/3 Trần Phú, Phường Phú Thủy, Tỉnh Lâm Đồng") == "Trần Phú, Phường Phú Thủy, Tỉnh Lâm Đồng")
        #expect(AddressMapper.withoutHouseNumber("Số nhà 5, Thôn 3, Xã Hàm Mỹ") == "Thôn 3, Xã Hàm Mỹ")
        #expect(AddressMapper.withoutHouseNumber("Số 45 Nguyễn Huệ, Phường X") == "Nguyễn Huệ, Phường X")
        #expect(AddressMapper.withoutHouseNumber("Thôn 3, Xã Hàm Mỹ") == "Thôn 3, Xã Hàm Mỹ")
        #expect(AddressMapper.withoutHouseNumber("Tổ dân phố 5, Phường Phú Thủy") == "Tổ dân phố 5, Phường Phú Thủy")
    }

    /// `kioskctl addresses import --villages` checks every row before it changes anything.
    @Test func villagesImportChecksEveryRow() {
        let head = AddressFiles.villagesHeader.joined(separator: ",") + "\n"
        let bad = head
            + "Tỉnh Bình Thuận,Huyện Hàm Thuận Nam,Xã Hàm Mỹ,Thôn 3,99999,Thôn Mới,no\n"
            + "Tỉnh Bình Thuận,Huyện Hàm Thuận Nam,Xã Hàm Mỹ,,22963,Thôn Mới,no\n"
            + "Tỉnh Bình Thuận,Huyện Hàm Thuận Nam,Xã Hàm Mỹ,Thôn 4,22963,Thôn Mới,no\n"
            + "Tỉnh Bình Thuận,Huyện Hàm Thuận Nam,Xã Hàm Mỹ,thôn 4,22963,Thôn Khác,no\n"
            + "Tỉnh Bình Thuận,Huyện Hàm Thuận Nam,Xã Hàm Mỹ, Thôn 5,22963,Thôn Mới,no\n"
        let (rows, issues) = AddressFiles.parseVillages(bad, file: "v.csv", units: Self.shipped.0.units)
        #expect(rows.count == 1)
        #expect(issues.map { "\($0.line):\($0.code)" } == ["2:CONTENT-REFERENCE", "3:CONTENT-VALUE", "5:CONTENT-DUPLICATE", "6:CONTENT-UNSAFE"])
        let (_, headIssues) = AddressFiles.parseVillages("a,b\n", file: "v.csv", units: Self.shipped.0.units)
        #expect(headIssues.map(\.code) == ["CONTENT-VALUE"])
    }
}
