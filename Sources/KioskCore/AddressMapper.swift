import Foundation

/// Maps addresses printed before the 2025 mergers ("Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình
/// Thuận") to the current units ("Thôn 3, Xã Tuyên Quang, Tỉnh Lâm Đồng"), and renamed villages to
/// their new names. An old commune split between several new ones is not decided here: the person is
/// asked (``AddressResolution/split(oldUnit:candidates:)``).
///
/// Matching ignores diacritics, case, type words (Xã, Huyện, Tỉnh, TP...) and old spellings
/// (Quí/Quý, Thuỷ/Thủy).
///
/// ```swift
/// let mapper = AddressMapper(units: units, mappings: rows, villages: renames)
/// if case .mapped(let m) = mapper.resolve("Thôn 3, Xã Hàm Mỹ, Huyện Hàm Thuận Nam, Tỉnh Bình Thuận") { m.current }
/// ```
public struct AddressMapper: Hashable, Sendable {
    public let units: [String: AdministrativeUnit]
    let byFull: [String: [UnitMapping]]
    let byProvinceUnit: [String: [UnitMapping]]
    /// `province|district|unit|village` and `province|unit|village` (the latter only when unambiguous).
    let villages: [String: VillageRename]
    /// `province|district|unit` and `province|unit` of every village row: communes whose villages were renamed.
    let renamedCommunes: Set<String>
    let currentNames: Set<String>
    let knownProvinces: Set<String>

    public init(units: [AdministrativeUnit] = [], mappings: [UnitMapping] = [], villages: [VillageRename] = []) {
        self.units = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var full: [String: [UnitMapping]] = [:], pu: [String: [UnitMapping]] = [:]
        for m in mappings {
            let (p, d, x) = (Self.key(m.oldProvince), Self.key(m.oldDistrict), Self.key(m.oldUnit))
            full["\(p)|\(d)|\(x)", default: []].append(m)
            pu["\(p)|\(x)", default: []].append(m)
        }
        byFull = full
        byProvinceUnit = pu
        var v: [String: VillageRename] = [:], shortCount: [String: Int] = [:], communes: Set<String> = []
        for r in villages {
            let (p, d, x, t) = (Self.key(r.oldProvince), Self.key(r.oldDistrict), Self.key(r.oldUnit), Self.villageKey(r.oldVillage))
            if !d.isEmpty {
                v["\(p)|\(d)|\(x)|\(t)"] = r
                communes.insert("\(p)|\(d)|\(x)")
            }
            shortCount["\(p)|\(x)|\(t)", default: 0] += 1
            communes.insert("\(p)|\(x)")
        }
        for r in villages {
            let short = "\(Self.key(r.oldProvince))|\(Self.key(r.oldUnit))|\(Self.villageKey(r.oldVillage))"
            if shortCount[short] == 1 { v[short] = r }
        }
        self.villages = v
        renamedCommunes = communes
        currentNames = Set(units.map { Self.key($0.name) + "|" + Self.key($0.provinceName) })
        knownProvinces = Set(mappings.map { Self.key($0.oldProvince) } + units.map { Self.key($0.provinceName) })
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

    /// A village as written on cards: "Thôn 3", "thon 3", "TDP 5" (tổ dân phố), "KP 2" (khu phố).
    public static func villageKey(_ s: String) -> String {
        var k = VietnameseFolding.key(s).split(separator: " ").joined(separator: " ")
        for (short, long) in [("tdp ", "to dan pho "), ("kp ", "khu pho "), ("ap ", "ap ")] where k.hasPrefix(short) {
            k = long + k.dropFirst(short.count)
        }
        return k.replacingOccurrences(of: "y", with: "i")
    }

    /// Only the address of an unambiguous old unit mapped to today's (nil otherwise); see ``resolve(_:)``.
    public func map(_ address: String) -> MappedAddress? {
        if case .mapped(let m) = resolve(address) { return m }
        return nil
    }

    public func resolve(_ address: String) -> AddressResolution {
        let parts = address.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count >= 2 else { return .unmapped(reason: "not an address of commune and province") }
        let province = Self.key(parts[parts.count - 1])
        // Already current: the last two parts name a current unit and its province (a village may still be renamed).
        if currentNames.contains(Self.key(parts[parts.count - 2]) + "|" + province) {
            let communeKey = "\(province)|\(Self.key(parts[parts.count - 2]))"
            if parts.count >= 3, let r = villages["\(communeKey)|\(Self.villageKey(parts[parts.count - 3]))"],
               let unit = units[r.newUnitCode] {
                return .mapped(compose(address, parts, used: 2, unit: unit, village: r, sample: r.sample))
            }
            return .current
        }
        var found: ([UnitMapping], Int, String)?   // the rows, how many trailing parts they used, the commune key
        if parts.count >= 3 {
            let k = "\(province)|\(Self.key(parts[parts.count - 2]))|\(Self.key(parts[parts.count - 3]))"
            if let ms = byFull[k] { found = (ms, 3, k) }
        }
        if found == nil, let ms = byProvinceUnit["\(province)|\(Self.key(parts[parts.count - 2]))"] {
            let distinct = Set(ms.map { Self.key($0.oldDistrict) })
            if distinct.count == 1 { found = (ms, 2, "\(province)|\(Self.key(parts[parts.count - 2]))") }
        }
        guard let (rows, used, commune) = found else {
            let named = parts.suffix(3).dropLast().joined(separator: ", ")
            return .unmapped(reason: knownProvinces.contains(province)
                ? "'\(named)' is not in mapping.csv" : "province '\(parts[parts.count - 1])' is not in the tables")
        }
        let oldUnit = parts[parts.count - used]
        if parts.count > used {
            let village = Self.villageKey(parts[parts.count - used - 1])
            let shortCommune = "\(province)|\(Self.key(oldUnit))"
            if let r = villages["\(commune)|\(village)"] ?? villages["\(shortCommune)|\(village)"], let unit = units[r.newUnitCode] {
                return .mapped(compose(address, parts, used: used, unit: unit, village: r, sample: r.sample || unit.sample))
            }
        }
        let candidates = rows.compactMap { m in
            units[m.newUnitCode].map { compose(address, parts, used: used, unit: $0, village: nil, sample: m.sample || $0.sample) }
        }
        guard let first = candidates.first else { return .unmapped(reason: "the new unit of '\(oldUnit)' is not in units.csv") }
        if candidates.count > 1 { return .split(oldUnit: oldUnit, candidates: candidates) }
        var mapped = first
        let shortCommune = "\(province)|\(Self.key(oldUnit))"
        if parts.count > used, renamedCommunes.contains(commune) || renamedCommunes.contains(shortCommune) {
            mapped.unknownVillage = parts[parts.count - used - 1]
        }
        return .mapped(mapped)
    }

    /// `parts` with the last `used` replaced by today's unit and province, and the village (the part before) renamed.
    func compose(_ address: String, _ parts: [String], used: Int, unit: AdministrativeUnit, village: VillageRename?,
                 sample: Bool) -> MappedAddress {
        var rest = Array(parts.dropLast(used))
        if let village, !rest.isEmpty, !village.newVillage.isEmpty { rest[rest.count - 1] = village.newVillage }
        let current = (rest + [unit.name, unit.provinceName]).joined(separator: ", ")
        return MappedAddress(original: address, current: current, unit: unit, sample: sample)
    }
}

extension AddressMapper {
    /// The address without its house number, for lists kept about addresses rather than people:
    /// "12/3 Trần Phú, Phường X, …" → "Trần Phú, Phường X, …"; "Số nhà 5, Thôn 3, …" → "Thôn 3, …".
    /// Villages and groups ("Thôn 3", "Tổ dân phố 5") are kept.
    public static func withoutHouseNumber(_ address: String) -> String {
        var parts = address.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = parts.first else { return "" }
        let words = first.split(separator: " ")
        let folded = words.map { VietnameseFolding.key(String($0)) }
        var i = 0
        if folded.first == "so" {
            i = folded.count > 1 && folded[1] == "nha" ? 2 : 1
        } else if folded.first == "sn" {
            i = 1
        }
        if i < words.count, words[i].contains(where: \.isNumber) { i += 1 } else { i = 0 }
        let rest = words.dropFirst(i).joined(separator: " ")
        if rest.isEmpty { parts.removeFirst() } else { parts[0] = rest }
        return parts.joined(separator: ", ")
    }
}
