import Crypto
public import Foundation

/// Certificates made when a test runs, with `openssl` (Debian's `openssl`): a CA and a
/// server certificate it signed, or a self-signed server certificate, for 127.0.0.1 (P-256, 2 days).
///
/// ```swift
/// let certs = try TestCertificates()
/// let server = try certs.caSignedServer()           // server.certificate, server.key, server.caFile
/// let pin = try TestCertificates.spkiPin(of: server.certificate)   // "sha256/…"
/// ```
public final class TestCertificates: @unchecked Sendable {
    public let dir: URL
    static let openssl = "/usr/bin/openssl"

    /// A server certificate and key (PEM files), and the CA file that trusts it.
    public struct Server: Sendable {
        public var certificate: String
        public var key: String
        public var caFile: String
    }

    public init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.openssl) else {
            throw TestCertificatesError.missingTool("\(Self.openssl) is missing: run make install-deps (Debian package openssl)")
        }
        dir = try TestEnvironment.temporaryDirectory("certs")
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func openssl(_ args: [String]) throws {
        let r = try TestEnvironment.run(Self.openssl, args)
        guard r.status == 0 else { throw TestCertificatesError.openssl(args.joined(separator: " ") + ": " + r.stderr) }
    }

    static let keyOptions = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    /// A new CA (`NAME.pem`, `NAME.key`).
    public func ca(_ name: String = "ca") throws -> (certificate: String, key: String) {
        try openssl(["req", "-x509"] + Self.keyOptions + ["-keyout", path("\(name).key"), "-out", path("\(name).pem"), "-days", "2",
                     "-subj", "/CN=OneStop test CA \(name)",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        return (path("\(name).pem"), path("\(name).key"))
    }

    /// A server certificate for 127.0.0.1 signed by a new CA `caName`.
    public func caSignedServer(_ name: String = "server", caName: String = "ca") throws -> Server {
        let ca = try ca(caName)
        try openssl(["req", "-new"] + Self.keyOptions + ["-keyout", path("\(name).key"), "-out", path("\(name).csr"),
                     "-subj", "/CN=127.0.0.1"])
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", ca.certificate, "-CAkey", ca.key, "-CAcreateserial",
                     "-out", path("\(name).pem"), "-days", "2", "-extfile", path("\(name).ext")])
        return Server(certificate: path("\(name).pem"), key: path("\(name).key"), caFile: ca.certificate)
    }

    /// A self-signed server certificate for 127.0.0.1 (what a pin usually names); it is its own CA file.
    public func selfSignedServer(_ name: String = "self") throws -> Server {
        try openssl(["req", "-x509"] + Self.keyOptions + ["-keyout", path("\(name).key"), "-out", path("\(name).pem"), "-days", "2",
                     "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        return Server(certificate: path("\(name).pem"), key: path("\(name).key"), caFile: path("\(name).pem"))
    }

    /// `sha256/BASE64` of a certificate's SubjectPublicKeyInfo, computed with openssl (not the kiosk's code).
    public func spkiPin(of certificate: String) throws -> String {
        let der = path("spki-\(UUID().uuidString.prefix(8)).der")
        try openssl(["x509", "-in", certificate, "-pubkey", "-noout", "-out", der + ".pem"])
        try openssl(["pkey", "-pubin", "-in", der + ".pem", "-outform", "DER", "-out", der])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: der))
        return "sha256/" + Data(SHA256.hash(data: bytes)).base64EncodedString()
    }
}

public enum TestCertificatesError: Error {
    case missingTool(String)
    case openssl(String)
}
