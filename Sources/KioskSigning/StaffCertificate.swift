public import Foundation
import SwiftASN1
public import X509

/// A staff member's X.509 certificate, as read from their token: who it names, who issued it,
/// when it is valid, and whether it may sign documents.
///
/// ```swift
/// let cert = try StaffCertificate(der: bytes)
/// print(cert.subject, cert.notValidAfter)          // CN=Nguyễn Văn An,… 2027-03-01 …
/// cert.expiry(now: Date(), warnDays: 30)           // .valid(daysLeft: 88)
/// ```
public struct StaffCertificate: Sendable, Equatable {
    public let der: Data
    public let certificate: Certificate

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notACertificate
        public var description: String { "not a DER X.509 certificate" }
    }

    public init(der: Data) throws(ParseError) {
        do { certificate = try Certificate(derEncoded: Array(der)) } catch { throw .notACertificate }
        self.der = der
    }

    /// The subject in the order it is written, with readable names: `CN=Nguyễn Văn An, UID=CCCD:0601…`.
    public var subject: String { Self.display(certificate.subject) }
    public var issuer: String { Self.display(certificate.issuer) }
    public var notValidBefore: Date { certificate.notValidBefore }
    public var notValidAfter: Date { certificate.notValidAfter }
    /// The serial number, hexadecimal.
    public var serialHex: String { certificate.serialNumber.bytes.map { String(format: "%02x", $0) }.joined() }

    /// The key usage allows signing documents (`digitalSignature` or `nonRepudiation`).
    public var maySignDocuments: Bool {
        guard let usage = try? certificate.extensions.keyUsage else { return false }
        return usage.digitalSignature || usage.nonRepudiation
    }

    /// Where the certificate stands at `now`.
    public enum Expiry: Sendable, Equatable {
        case valid(daysLeft: Int)
        /// Fewer than `warnDays` days left.
        case expiresSoon(daysLeft: Int)
        case expired
        case notYetValid
    }

    /// Whole days left are rounded down: a certificate that ends in 29.9 days has 29 left.
    public func expiry(now: Date, warnDays: Int = 30) -> Expiry {
        if now < notValidBefore { return .notYetValid }
        if now > notValidAfter { return .expired }
        let days = Int(notValidAfter.timeIntervalSince(now) / 86_400)
        return days < warnDays ? .expiresSoon(daysLeft: days) : .valid(daysLeft: days)
    }

    /// Attribute names of the distinguished names staff certificates carry; others print as OIDs.
    static let attributeNames: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.5": "serialNumber", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O",
        "2.5.4.11": "OU", "2.5.4.12": "title", "0.9.2342.19200300.100.1.1": "UID", "1.2.840.113549.1.9.1": "emailAddress",
    ]

    static func display(_ name: DistinguishedName) -> String {
        name.map { rdn in
            rdn.map { "\(attributeNames["\($0.type)"] ?? "\($0.type)")=\($0.value)" }.joined(separator: "+")
        }.joined(separator: ", ")
    }

    /// Certificates in a PEM file (every `BEGIN CERTIFICATE` block; other blocks are skipped).
    public static func certificates(pem text: String) throws -> [Certificate] {
        var out: [Certificate] = []
        var rest = Substring(text)
        let begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----"
        while let b = rest.range(of: begin), let e = rest.range(of: end, range: b.upperBound..<rest.endIndex) {
            out.append(try Certificate(pemEncoded: String(rest[b.lowerBound..<e.upperBound])))
            rest = rest[e.upperBound...]
        }
        return out
    }
}
