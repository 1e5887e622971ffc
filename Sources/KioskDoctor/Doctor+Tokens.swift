import Foundation
import KioskSigning
import KioskStore

extension Doctor {
    /// The staff tokens bound to accounts (issue 19): each one plugged in is read through the
    /// PKCS#11 module (certificates are public: no PIN), and a certificate that ends within
    /// `certificateWarnDays` is WARN, an expired one FAIL. A token not plugged in is only named:
    /// officials carry their own.
    ///
    /// ```
    /// WARN staff-tokens token 9b7e5c5f (NV007): certificate CN=Trần Văn Bảy expires in 12 days (2026-12-14) → ask the CA for a new one
    /// OK   staff-tokens 1 token bound, 1 plugged in, certificates valid for 30 days or more
    /// ```
    func checkStaffTokens() -> [DoctorCheck] {
        guard FileManager.default.fileExists(atPath: settings.database) else {
            return [DoctorCheck("staff-tokens", .warn, "no database to read", fix: "see the database line")]
        }
        let bound: [(number: String, serial: String)]
        do { bound = try StoreInspection(path: settings.database).boundStaffTokens() } catch {
            return [DoctorCheck("staff-tokens", .warn, "the staff accounts cannot be read: \(error)", fix: "see the database line")]
        }
        guard !bound.isEmpty else {
            return [DoctorCheck("staff-tokens", .ok, "no token bound: staff sign with the kiosk's software keys (demo only)")]
        }
        let listing: [StaffTokens.Listing]
        do { listing = try StaffTokens.list(module: settings.pkcs11Module) } catch {
            return [DoctorCheck("staff-tokens", .fail, "\(bound.count) token(s) bound but the PKCS#11 module cannot be used: \(error)",
                                fix: "apt install p11-kit-modules and the token's driver, or set staff.pkcs11_module")]
        }
        let serials = Set(bound.map(\.serial))
        let present = listing.filter { serials.contains($0.serial) }
        let findings = CertificateExpiryCheck.findings(present, now: settings.now(), warnDays: settings.certificateWarnDays)
        let staffOf = Dictionary(bound.map { ($0.serial, $0.number) }, uniquingKeysWith: { a, _ in a })
        let problems = findings.map { f in
            DoctorCheck("staff-tokens", f.severity == .error ? .fail : .warn,
                        "\(staffOf[f.tokenSerial].map { "\($0): " } ?? "")\(f.message)",
                        fix: f.code == "certificate-expired" ? "the dossiers this official assists wait for a signature until a renewed token is bound (kioskctl staff bind-token)"
                                                             : "ask the CA for a new certificate before it ends")
        }
        let absent = bound.filter { b in !present.contains { $0.serial == b.serial } }.map { "\($0.number) (\($0.serial))" }
        let summary = "\(bound.count) token(s) bound, \(present.count) plugged in"
            + (absent.isEmpty ? "" : "; not plugged in: " + absent.joined(separator: ", "))
        return problems.isEmpty
            ? [DoctorCheck("staff-tokens", .ok, summary + (present.isEmpty ? "" : "; certificates valid for \(settings.certificateWarnDays) days or more"))]
            : problems
    }
}
