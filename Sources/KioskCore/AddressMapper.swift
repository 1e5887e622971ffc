import Foundation
/// A current administrative unit (after the July 2025 reorganisation).
public struct AdministrativeUnit: Hashable, Sendable {
    public var provinceCode: String
    public var provinceName: String
    public var code: String
    /// With its type word: "Xã Hàm Thạnh", "Phường Phú Thủy".
    public var name: String
    public var type: String
    public var sample: Bool

    public init(provinceCode: String, provinceName: String, code: String, name: String, type: String, sample: Bool) {
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.code = code
        self.name = name
        self.type = type
        self.sample = sample
    }
}

/// One pre-merger unit and the current unit it became part of.
public struct UnitMapping: Hashable, Sendable {
    public var oldProvince: String
    public var oldDistrict: String
    public var oldUnit: String
    public var newProvinceCode: String
    public var newUnitCode: String
    public var newUnitName: String
    public var sample: Bool

    public init(oldProvince: String, oldDistrict: String, oldUnit: String, newProvinceCode: String, newUnitCode: String,
                newUnitName: String, sample: Bool) {
        self.oldProvince = oldProvince
        self.oldDistrict = oldDistrict
        self.oldUnit = oldUnit
        self.newProvinceCode = newProvinceCode
        self.newUnitCode = newUnitCode
        self.newUnitName = newUnitName
        self.sample = sample
    }
}

/// An address with its units brought up to date.
public struct MappedAddress: Hashable, Sendable {
    /// As printed on the card.
    public var original: String
    /// The same place named with the current units.
    public var current: String
    public var unit: AdministrativeUnit
    /// The mapping row is sample data, not yet checked against the official list.
    public var sample: Bool
}

/// Maps addresses printed before the 2025 mergers ("Thôn 3, Xã Hàm Mỹ,
/// Huyện Hàm Thuận Nam, Tỉnh Bình Thuận") to the current units
/// ("Thôn 3, Xã Tuyên Quang, Tỉnh Lâm Đồng").
///
/// Matching ignores diacritics, case, type words (Xã, Huyện, Tỉnh, TP...)
/// and old spellings (Quí/Quý, Thuỷ/Thủy).
///
/// ```swift
/// let mapper = AddressMapper(units: units, mappings: rows)
/// mapper.map("Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận")?.current
/// ```
public struct AddressMapper: Hashable, Sendable {
    public let units: [String: AdministrativeUnit]
    let byFull: [String: UnitMapping]
    let byProvinceUnit: [String: [UnitMapping]]
    let byUnit: [String: [UnitMapping]]
    let currentNames: Set<String>

    public init(units: [AdministrativeUnit] = [], mappings: [UnitMapping] = []) {
        var u: [String: AdministrativeUnit] = [:]
        for unit in units { u[unit.code] = unit }
        self.units = u
        var full: [String: UnitMapping] = [:], pu: [String: [UnitMapping]] = [:], un: [String: [UnitMapping]] = [:]
        for m in mappings {
            let (p, d, x) = (Self.key(m.oldProvince), Self.key(m.oldDistrict), Self.key(m.oldUnit))
            full["\(p)|\(d)|\(x)"] = m
            pu["\(p)|\(x)", default: []].append(m)
            un[x, default: []].append(m)
        }
        byFull = full
        byProvinceUnit = pu
        byUnit = un
        currentNames = Set(units.map { Self.key($0.name) + "|" + Self.key($0.provinceName) })
    }

    public var isEmpty: Bool { byFull.isEmpty }

    static let typeWords = ["thanh pho", "thi tran", "thi xa", "dac khu", "tinh", "huyen", "quan", "xa", "phuong", "tp.", "tp", "tt.", "tt"]

    /// Folded, without type words, with y/i unified.
    public static func key(_ s: String) -> String {
        var k = VietnameseFolding.key(s).replacingOccurrences(of: ".", with: ". ")
        k = k.split(separator: " ").joined(separator: " ")
        for w in typeWords where k.hasPrefix(w + " ") {
            k = String(k.dropFirst(w.count + 1))
            break
        }
        return k.replacingOccurrences(of: "y", with: "i").trimmingCharacters(in: .whitespaces)
    }

    public func map(_ address: String) -> MappedAddress? {
        let parts = address.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count >= 2 else { return nil }
        // Already current: the last two parts name a current unit and its province.
        if currentNames.contains(Self.key(parts[parts.count - 2]) + "|" + Self.key(parts[parts.count - 1])) { return nil }
        var found: (UnitMapping, Int)?   // the mapping and how many trailing parts it used
        if parts.count >= 3 {
            let k = "\(Self.key(parts[parts.count - 1]))|\(Self.key(parts[parts.count - 2]))|\(Self.key(parts[parts.count - 3]))"
            if let m = byFull[k] { found = (m, 3) }
        }
        if found == nil, let ms = byProvinceUnit["\(Self.key(parts[parts.count - 1]))|\(Self.key(parts[parts.count - 2]))"], ms.count == 1 {
            found = (ms[0], 2)
        }
        guard let (m, used) = found, let unit = units[m.newUnitCode] else { return nil }
        let rest = parts.dropLast(used)
        let current = (rest + [unit.name, unit.provinceName]).joined(separator: ", ")
        return MappedAddress(original: address, current: current, unit: unit, sample: m.sample || unit.sample)
    }
}
