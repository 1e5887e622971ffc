public import Foundation
public import KioskCore

/// `Kiosk/addresses/units.csv`, `mapping.csv` and `villages.csv`.
///
/// An old unit may have several rows in `mapping.csv`, one per new unit it was split into; the kiosk
/// then asks the person which part they live in, unless `villages.csv` places their village.
public enum AddressFiles {
    public static let unitsHeader = ["province_code", "province_name", "unit_code", "unit_name", "unit_type", "sample"]
    public static let mappingHeader = ["old_province", "old_district", "old_unit", "new_province_code", "new_unit_code",
                                       "new_unit_name", "sample"]
    public static let villagesHeader = ["old_province", "old_district", "old_unit", "old_village", "new_unit_code",
                                        "new_village", "sample"]

    /// RFC 4180 CSV: fields may be quoted; "" is a quote inside a quoted field.
    public static func parseCSV(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var field = "", fields: [String] = [], quoted = false, line = 1, rowLine = 1
        var it = text.makeIterator()
        var pending: Character?
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
            fields = []
            field = ""
        }
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else {
                            quoted = false
                            pending = n
                        }
                    } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n":
                endRow()
                line += 1
                rowLine = line
            case "\r": break
            default: field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }

    public static func parseUnits(_ text: String, file: String) -> ([AdministrativeUnit], [ContentIssue]) {
        var issues = IssueCollector(file: file)
        let rows = parseCSV(text)
        guard let head = rows.first, head.fields == unitsHeader else {
            issues.error("CONTENT-VALUE", line: 1, "the header must be \(unitsHeader.joined(separator: ","))")
            return ([], issues.issues)
        }
        var out: [AdministrativeUnit] = [], codes: Set<String> = []
        for (line, f) in rows.dropFirst() {
            guard f.count == unitsHeader.count else {
                issues.error("CONTENT-VALUE", line: line, "expected \(unitsHeader.count) fields, found \(f.count)")
                continue
            }
            guard f.allSatisfy({ SafeText.isClean($0) }) else {
                issues.error("CONTENT-UNSAFE", line: line, "a field holds control characters")
                continue
            }
            guard !f[2].isEmpty, !f[3].isEmpty, ["xa", "phuong", "dac_khu"].contains(f[4]), ["yes", "no"].contains(f[5]) else {
                issues.error("CONTENT-VALUE", line: line, "unit_code and unit_name are required, unit_type is xa/phuong/dac_khu, sample is yes/no")
                continue
            }
            if !codes.insert(f[2]).inserted { issues.error("CONTENT-DUPLICATE", line: line, "unit code \(f[2]) is used twice"); continue }
            out.append(AdministrativeUnit(provinceCode: f[0], provinceName: f[1], code: f[2], name: f[3], type: f[4], sample: f[5] == "yes"))
        }
        return (out, issues.issues)
    }

    public static func parseMapping(_ text: String, file: String, units: [String: AdministrativeUnit]) -> ([UnitMapping], [ContentIssue]) {
        var issues = IssueCollector(file: file)
        let rows = parseCSV(text)
        guard let head = rows.first, head.fields == mappingHeader else {
            issues.error("CONTENT-VALUE", line: 1, "the header must be \(mappingHeader.joined(separator: ","))")
            return ([], issues.issues)
        }
        var out: [UnitMapping] = [], seen: Set<String> = []
        for (line, f) in rows.dropFirst() {
            guard f.count == mappingHeader.count else {
                issues.error("CONTENT-VALUE", line: line, "expected \(mappingHeader.count) fields, found \(f.count)")
                continue
            }
            guard f.allSatisfy({ SafeText.isClean($0) }) else {
                issues.error("CONTENT-UNSAFE", line: line, "a field holds control characters")
                continue
            }
            guard !f[0].isEmpty, !f[2].isEmpty, ["yes", "no"].contains(f[6]) else {
                issues.error("CONTENT-VALUE", line: line, "old_province and old_unit are required, sample is yes/no")
                continue
            }
            guard let unit = units[f[4]] else {
                issues.error("CONTENT-REFERENCE", line: line, "new_unit_code \(f[4]) is not in units.csv")
                continue
            }
            if unit.name != f[5] || unit.provinceCode != f[3] {
                issues.warning("CONTENT-VALUE", line: line, "new unit \(f[4]) is '\(unit.name)' in province \(unit.provinceCode), not '\(f[5])' in \(f[3])")
            }
            // A split unit has one row per new unit; the same pair twice is a mistake.
            let key = AddressMapper.key(f[0]) + "|" + AddressMapper.key(f[1]) + "|" + AddressMapper.key(f[2]) + "|" + f[4]
            if !seen.insert(key).inserted {
                issues.error("CONTENT-DUPLICATE", line: line, "\(f[2]), \(f[1]) is mapped to \(f[4]) twice")
                continue
            }
            out.append(UnitMapping(oldProvince: f[0], oldDistrict: f[1], oldUnit: f[2], newProvinceCode: f[3], newUnitCode: f[4],
                                   newUnitName: f[5], sample: f[6] == "yes"))
        }
        return (out, issues.issues)
    }

    /// `villages.csv`: renamed villages and residential groups. Checks the header, the fields, that the
    /// new unit exists, and that no old village is listed twice.
    ///
    /// ```
    /// old_province,old_district,old_unit,old_village,new_unit_code,new_village,sample
    /// Tỉnh Bình Thuận,Huyện Tuy Phong,Xã Phong Phú,Thôn Nha Mé,22972,,no
    /// ```
    public static func parseVillages(_ text: String, file: String, units: [String: AdministrativeUnit]) -> ([VillageRename], [ContentIssue]) {
        var issues = IssueCollector(file: file)
        let rows = parseCSV(text)
        guard let head = rows.first, head.fields == villagesHeader else {
            issues.error("CONTENT-VALUE", line: 1, "the header must be \(villagesHeader.joined(separator: ","))")
            return ([], issues.issues)
        }
        var out: [VillageRename] = [], seen: Set<String> = []
        for (line, f) in rows.dropFirst() {
            guard f.count == villagesHeader.count else {
                issues.error("CONTENT-VALUE", line: line, "expected \(villagesHeader.count) fields, found \(f.count)")
                continue
            }
            guard f.allSatisfy({ SafeText.isClean($0) && $0 == $0.trimmingCharacters(in: .whitespaces) }) else {
                issues.error("CONTENT-UNSAFE", line: line, "a field holds control characters or surrounding spaces")
                continue
            }
            guard !f[0].isEmpty, !f[2].isEmpty, !f[3].isEmpty, ["yes", "no"].contains(f[6]) else {
                issues.error("CONTENT-VALUE", line: line, "old_province, old_unit and old_village are required, sample is yes/no")
                continue
            }
            guard units[f[4]] != nil else {
                issues.error("CONTENT-REFERENCE", line: line, "new_unit_code \(f[4]) is not in units.csv")
                continue
            }
            let key = [f[0], f[1], f[2]].map(AddressMapper.key).joined(separator: "|") + "|" + AddressMapper.villageKey(f[3])
            if !seen.insert(key).inserted {
                issues.error("CONTENT-DUPLICATE", line: line, "\(f[3]), \(f[2]) is listed twice")
                continue
            }
            out.append(VillageRename(oldProvince: f[0], oldDistrict: f[1], oldUnit: f[2], oldVillage: f[3], newUnitCode: f[4],
                                     newVillage: f[5], sample: f[6] == "yes"))
        }
        return (out, issues.issues)
    }

    /// The three files from `dir` (Kiosk/addresses); `villages.csv` is optional.
    public static func load(_ dir: URL) -> (AddressMapper, [ContentIssue]) {
        var issues: [ContentIssue] = []
        let unitsURL = dir.appendingPathComponent("units.csv"), mapURL = dir.appendingPathComponent("mapping.csv")
        guard let unitsText = try? String(contentsOf: unitsURL, encoding: .utf8) else { return (AddressMapper(), []) }
        let (units, a) = parseUnits(unitsText, file: ContentBundle.displayPath(unitsURL))
        issues += a
        var mappings: [UnitMapping] = []
        if let mapText = try? String(contentsOf: mapURL, encoding: .utf8) {
            let (m, b) = parseMapping(mapText, file: ContentBundle.displayPath(mapURL),
                                      units: Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) }))
            mappings = m
            issues += b
        }
        var villages: [VillageRename] = []
        let villagesURL = dir.appendingPathComponent("villages.csv")
        if let text = try? String(contentsOf: villagesURL, encoding: .utf8) {
            let (v, c) = parseVillages(text, file: ContentBundle.displayPath(villagesURL),
                                       units: Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) }))
            villages = v
            issues += c
        }
        return (AddressMapper(units: units, mappings: mappings, villages: villages), issues)
    }
}
