import Foundation
public import KioskContent
public import KioskCore
public import KioskForwarding
public import KioskStore

/// A dossier's official form, filled: the values its layout's placeholders take and the data its
/// QR carries. Both come from the dossier's signed document (the `ConfirmedDossier`'s answers as
/// the document spells them: a choice's label, a date `DD/MM/YYYY`), so the form, the QR and what
/// the central system got say the same.
///
/// ```swift
/// let fill = try FormFill(record, content: bundle)
/// fill.values["child_full_name"]   // "Trần Minh Khôi"
/// fill.data.dossierCode            // "261125010007"
/// ```
public struct FormFill: Sendable, Equatable {
    public var values: [String: String]
    public var data: FormData

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The dossier has no stored document (a draft, or not this kiosk's).
        case noDocument(String)

        public var description: String {
            switch self {
            case .noDocument(let code): return "dossier \(code) has no signed document to fill a form from"
            }
        }
    }

    public init(_ record: DossierRecord, content: ContentBundle) throws(Failure) {
        guard let payload = record.payload, let document = try? JSONDecoder().decode(DossierDocument.self, from: payload) else {
            throw .noDocument(record.code ?? record.id)
        }
        self.init(document, lookupCode: record.lookupCode, content: content)
    }

    public init(_ d: DossierDocument, lookupCode: String?, content: ContentBundle) {
        let centre = content.services.centre
        let zone = TimeZone(identifier: centre.timeZone) ?? .current
        var values: [String: String] = [:]
        var fields: [FormData.Field] = []
        for a in d.answers {
            values[a.id] = a.value
            fields.append(.init(a.id, a.value))
        }
        if let p = d.applicant {
            let card: [(String, String?)] = [("applicant_id", p.idNumber), ("applicant_name", p.fullName),
                                             ("applicant_birth", p.dateOfBirth), ("applicant_sex", p.sex),
                                             ("applicant_address", p.currentAddress ?? p.address)]
            for case let (k, v?) in card where !v.isEmpty {
                values[k] = v
                // The QR carries a card value only when no answer already says it (it must stay small).
                if !fields.contains(where: { $0.id == k || $0.value == v }) { fields.append(.init(k, v)) }
            }
        }
        let received = ISO8601DateFormatter().date(from: d.receivedAt) ?? Date(timeIntervalSince1970: 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.day, .month, .year, .hour, .minute], from: received)
        let two = { (n: Int?) in String(format: "%02d", n ?? 0) }
        let (commune, place) = Self.commune(centre.name.vi)
        values["centre"] = centre.name.vi
        values["commune"] = commune
        values["place"] = place
        values["procedure"] = d.procedureName
        values["dossier_code"] = DossierCode.pretty(d.dossierCode)
        values["lookup_code"] = lookupCode ?? ""
        values["received"] = "\(two(parts.hour)):\(two(parts.minute)) \(two(parts.day))/\(two(parts.month))/\(parts.year ?? 0)"
        values["appointment"] = CivilDate(iso: d.appointmentDate).map { "\(two($0.day))/\(two($0.month))/\($0.year)" } ?? ""
        values["day"] = two(parts.day)
        values["month"] = two(parts.month)
        values["year"] = String(parts.year ?? 0)
        values["assisted_by"] = d.assistedBy ?? ""
        self.values = values
        data = FormData(kioskID: d.kioskId, dossierCode: d.dossierCode, procedureCode: d.procedureCode,
                        receivedAt: d.receivedAt, fields: fields)
    }

    /// The commune as a form addresses it, from the centre's name: "Trung tâm … xã Hàm Thuận Nam"
    /// → ("xã Hàm Thuận Nam", "Hàm Thuận Nam"); a name without "xã"/"phường"/"đặc khu" is used whole.
    static func commune(_ centreName: String) -> (String, String) {
        for unit in ["xã ", "phường ", "đặc khu "] {
            if let r = centreName.range(of: unit, options: [.backwards]) {
                let name = String(centreName[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                return (unit + name, name)
            }
        }
        return (centreName, centreName)
    }
}
