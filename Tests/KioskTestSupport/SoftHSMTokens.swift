public import Foundation
import Glibc

/// Staff tokens on a real PKCS#11 module, SoftHSM2 (Debian's `softhsm2`), with a private
/// `SOFTHSM2_CONF` and token folder per test, a test CA made with `openssl` (Debian's `openssl`),
/// and certificates it issues onto the tokens (`pkcs11-tool`, Debian's `opensc`). A missing tool
/// is an error that names its package, never a skip.
///
/// ```swift
/// let hsm = try SoftHSMTokens()
/// let ca = try hsm.makeCA("Ban Cơ yếu test CA")
/// let token = try hsm.addToken(label: "NV001", pin: "135790", key: .ecP256, ca: ca, days: 365)
/// // kioskd / kioskctl: environment hsm.environment, module SoftHSMTokens.module, serial token.serial
/// try hsm.remove(token)          // the token is pulled out
/// ```
public final class SoftHSMTokens: @unchecked Sendable {
    public static let module = "/usr/lib/softhsm/libsofthsm2.so"
    static let softhsmUtil = "/usr/bin/softhsm2-util"
    static let pkcs11Tool = "/usr/bin/pkcs11-tool"
    static let openssl = "/usr/bin/openssl"

    public let dir: URL
    public var configPath: String { dir.appendingPathComponent("softhsm2.conf").path }
    public var tokenDir: URL { dir.appendingPathComponent("tokens") }
    /// What a child process needs to see these tokens (and only these).
    public var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["SOFTHSM2_CONF"] = configPath
        return env
    }

    public enum Failure: Error, CustomStringConvertible {
        case missingTool(String)
        case command(String)
        public var description: String {
            switch self {
            case .missingTool(let t): return t
            case .command(let c): return c
            }
        }
    }

    public enum KeyKind: Sendable { case ecP256, rsa2048 }

    /// A CA: its certificate and key (PEM files).
    public struct CA: Sendable {
        public var certificate: String
        public var key: String
    }

    /// A token made here.
    public struct Token: Sendable {
        public var label: String
        public var serial: String
        public var pin: String
        /// The certificate on it (PEM).
        public var certificate: String
    }

    public init() throws {
        for (tool, package) in [(Self.softhsmUtil, "softhsm2"), (Self.module, "softhsm2"), (Self.pkcs11Tool, "opensc"),
                                (Self.openssl, "openssl")] where !FileManager.default.fileExists(atPath: tool) {
            throw Failure.missingTool("\(tool) is missing: run make install-deps (Debian package \(package))")
        }
        dir = try TestEnvironment.temporaryDirectory("softhsm")
        try FileManager.default.createDirectory(at: tokenDir, withIntermediateDirectories: true)
        try """
            directories.tokendir = \(tokenDir.path)
            objectstore.backend = file
            log.level = ERROR
            slots.removable = true

            """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @discardableResult
    func run(_ tool: String, _ args: [String]) throws -> String {
        let r = try TestEnvironment.run(tool, args, environment: environment)
        guard r.status == 0 else {
            throw Failure.command("\(tool) \(args.joined(separator: " ")) exited \(r.status): \(r.stderr) \(r.stdout)")
        }
        return r.stdout
    }

    /// A new test CA (P-256, valid 30 days).
    public func makeCA(_ name: String) throws -> CA {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        try run(Self.openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                               "-keyout", path("\(safe).key"), "-out", path("\(safe).pem"), "-days", "30", "-subj", "/CN=\(name)",
                               "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        return CA(certificate: path("\(safe).pem"), key: path("\(safe).key"))
    }

    /// A new token with a key of `key`'s kind and a certificate from `ca`, valid `days` days from
    /// now, or from `validity`'s first date to its second (`openssl ca`). `keyUsage` is the certificate's.
    public func addToken(label: String, pin: String, key: KeyKind, ca: CA, days: Int = 365, validity: (Date, Date)? = nil,
                         keyUsage: String = "critical,digitalSignature,nonRepudiation") throws -> Token {
        try run(Self.softhsmUtil, ["--init-token", "--free", "--label", label, "--so-pin", "87654321", "--pin", pin])
        let keyFile = path("\(label).key"), csr = path("\(label).csr"), cert = path("\(label).pem"), der = path("\(label).der")
        switch key {
        case .ecP256: try run(Self.openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyFile])
        case .rsa2048: try run(Self.openssl, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyFile])
        }
        try run(Self.openssl, ["req", "-new", "-key", keyFile, "-subj", "/CN=Can bo \(label)/serialNumber=\(label)", "-out", csr])
        try "keyUsage=\(keyUsage)\nbasicConstraints=CA:FALSE\n".write(toFile: path("\(label).ext"), atomically: true, encoding: .utf8)
        if let (from, to) = validity {
            try issue(csr: csr, ca: ca, from: from, to: to, ext: path("\(label).ext"), out: cert)
        } else {
            try run(Self.openssl, ["x509", "-req", "-in", csr, "-CA", ca.certificate, "-CAkey", ca.key, "-CAcreateserial",
                                   "-days", "\(days)", "-extfile", path("\(label).ext"), "-out", cert])
        }
        try run(Self.openssl, ["x509", "-in", cert, "-outform", "DER", "-out", der])
        try run(Self.softhsmUtil, ["--import", keyFile, "--token", label, "--label", "sign", "--id", "01", "--pin", pin])
        try run(Self.pkcs11Tool, ["--module", Self.module, "--token-label", label, "--login", "--pin", pin,
                                  "--write-object", der, "--type", "cert", "--id", "01", "--label", "sign"])
        return Token(label: label, serial: try serial(label: label), pin: pin, certificate: cert)
    }

    /// `openssl ca` with explicit dates (a certificate that expired last year, say).
    func issue(csr: String, ca: CA, from: Date, to: Date, ext: String, out: String) throws {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMddHHmmss'Z'"
        let db = path("ca-index.txt")
        if !FileManager.default.fileExists(atPath: db) { try "".write(toFile: db, atomically: true, encoding: .utf8) }
        try """
            [ca]
            default_ca = test
            [test]
            database = \(db)
            new_certs_dir = \(dir.path)
            rand_serial = yes
            default_md = sha256
            policy = any
            unique_subject = no
            [any]
            commonName = supplied
            serialNumber = optional

            """.write(toFile: path("ca.cnf"), atomically: true, encoding: .utf8)
        try run(Self.openssl, ["ca", "-batch", "-config", path("ca.cnf"), "-cert", ca.certificate, "-keyfile", ca.key, "-in", csr,
                               "-out", out, "-notext", "-startdate", f.string(from: from), "-enddate", f.string(from: to),
                               "-extfile", ext])
    }

    /// The serial number SoftHSM gave the token with this label.
    public func serial(label: String) throws -> String {
        let out = try run(Self.softhsmUtil, ["--show-slots"])
        var serial: String?
        for line in out.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("Serial number:") { serial = line.dropFirst("Serial number:".count).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("Label:"), line.dropFirst("Label:".count).trimmingCharacters(in: .whitespaces) == label, let serial {
                return serial
            }
        }
        throw Failure.command("no token labelled \(label) in softhsm2-util --show-slots:\n\(out)")
    }

    /// The token's folder: SoftHSM names it with a UUID whose last 16 hex digits are the serial.
    func folder(_ token: Token) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: tokenDir.path)
        guard let name = names.first(where: { $0.replacingOccurrences(of: "-", with: "").hasSuffix(token.serial) }) else {
            throw Failure.command("no folder for token \(token.serial) in \(tokenDir.path): \(names)")
        }
        return tokenDir.appendingPathComponent(name)
    }

    /// Pulls the token out: its folder leaves SoftHSM's token folder (kept aside for ``putBack(_:)``).
    public func remove(_ token: Token) throws {
        let folder = try folder(token)
        try FileManager.default.moveItem(at: folder, to: dir.appendingPathComponent("removed-" + folder.lastPathComponent))
    }

    /// Plugs a removed token in again.
    public func putBack(_ token: Token) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        guard let aside = names.first(where: { $0.hasPrefix("removed-") && $0.replacingOccurrences(of: "-", with: "").hasSuffix(token.serial) })
        else { throw Failure.command("token \(token.serial) was not removed") }
        try FileManager.default.moveItem(at: dir.appendingPathComponent(aside),
                                         to: tokenDir.appendingPathComponent(String(aside.dropFirst("removed-".count))))
    }

    /// Points this process's PKCS#11 loads at these tokens (for in-process signer tests, which run
    /// one at a time: SoftHSM reads `SOFTHSM2_CONF` when it is initialised).
    public func activate() {
        setenv("SOFTHSM2_CONF", configPath, 1)
    }
}
