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

/// A village or residential group (thôn, tổ dân phố) renamed or moved: the old name within its
/// commune as an ID card prints it, and today's unit and name (`Kiosk/addresses/villages.csv`).
public struct VillageRename: Hashable, Sendable {
    public var oldProvince: String
    /// Empty for a unit that still exists (the district is gone from today's addresses).
    public var oldDistrict: String
    public var oldUnit: String
    public var oldVillage: String
    public var newUnitCode: String
    /// Empty when only the unit changed and the village keeps its name.
    public var newVillage: String
    public var sample: Bool

    public init(oldProvince: String, oldDistrict: String, oldUnit: String, oldVillage: String, newUnitCode: String,
                newVillage: String, sample: Bool) {
        self.oldProvince = oldProvince
        self.oldDistrict = oldDistrict
        self.oldUnit = oldUnit
        self.oldVillage = oldVillage
        self.newUnitCode = newUnitCode
        self.newVillage = newVillage
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
    /// The village on the card, when the commune's villages were renamed but this one is not in the table.
    public var unknownVillage: String?
}

/// What can be done with an address from an ID card.
public enum AddressResolution: Hashable, Sendable {
    /// It already names today's units (a village rename, if any, is applied in `.mapped`).
    case current
    case mapped(MappedAddress)
    /// The old commune was split: the person says which part they live in (the kiosk does not pick).
    case split(oldUnit: String, candidates: [MappedAddress])
    /// It names a unit the tables do not know: left as printed, and listed for the population-data officer.
    case unmapped(reason: String)

    /// Why an address is listed for the officer, if it is: the unknown unit, or a village not in the table.
    public var unmappedReason: String? {
        switch self {
        case .unmapped(let reason): return reason
        case .mapped(let m): return m.unknownVillage.map { "village '\($0)' is not in villages.csv" }
        case .current, .split: return nil
        }
    }
}
