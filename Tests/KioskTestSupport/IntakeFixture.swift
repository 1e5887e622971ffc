import AsyncHTTPClient
import Crypto
public import Foundation
public import KioskSigning
public import KioskSystem
import NIOCore
import NIOFoundationCompat
public import NIOHTTP1
import NIOSSL

/// The real `onestop-intake` binary on a loopback port, with its own SQLite
/// file, a kiosk key it trusts and an operator token. By default it runs with
/// `--test-faults` (the `/admin/*` test hooks and fault injection); with `tls`
/// it serves HTTPS with that certificate. With `line` it runs in the central namespace of that
/// ``NetworkLine`` and listens on its address, port 8088: the kiosk reaches it over the veth.
///
/// ``restart(arguments:)`` starts it again on the same database and port (after a test mode
/// killed it, or to change its options).
public final class IntakeProcess: @unchecked Sendable {
    public let dir: URL
    public private(set) var port: Int
    private let current: LockedBox<ChildProcess>
    public var process: ChildProcess { current.get() }
    public let key: KioskKey
    /// The operator's bearer token (`--operator-token-file`, operator id `op-test`).
    public let operatorToken: String
    public let tls: TestCertificates.Server?
    public let line: NetworkLine?
    let testFaults: Bool
    /// Talks to this intake (trusting its CA when it serves TLS).
    let http: HTTPClient
    public var host: String { line?.centralAddress ?? "127.0.0.1" }
    public var baseURL: String { "\(tls == nil ? "http" : "https")://\(host):\(port)" }
    public var databasePath: String { dir.appendingPathComponent("intake.sqlite").path }
    public var trustedKeysPath: String { dir.appendingPathComponent("trusted-keys").path }
    public var staffKeysPath: String { dir.appendingPathComponent("staff-keys").path }
    public var logPath: String { dir.appendingPathComponent("log").path }

    public init(arguments: [String] = [], testFaults: Bool = true, keyID: String = "KIOSK-TEST-01",
                tls: TestCertificates.Server? = nil, line: NetworkLine? = nil) throws {
        dir = try TestEnvironment.temporaryDirectory("intake")
        key = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: keyID)
        operatorToken = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        self.tls = tls
        self.line = line
        self.testFaults = testFaults
        try TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64)
            .write(toFile: dir.appendingPathComponent("trusted-keys").path, atomically: true, encoding: .utf8)
        try "".write(toFile: dir.appendingPathComponent("staff-keys").path, atomically: true, encoding: .utf8)
        try "op-test \(operatorToken)\n".write(toFile: dir.appendingPathComponent("operators").path, atomically: true, encoding: .utf8)
        var config = HTTPClient.Configuration()
        if let tls {
            var t = TLSConfiguration.makeClientConfiguration()
            t.trustRoots = .file(tls.caFile)
            config.tlsConfiguration = t
        }
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
        do {
            let (child, bound) = try Self.launch(dir: dir, port: line == nil ? 0 : 8088, testFaults: testFaults, tls: tls,
                                                 line: line, arguments: arguments)
            current = LockedBox(child)
            port = bound
        } catch {
            try? http.syncShutdown()
            throw error
        }
    }

    static func launch(dir: URL, port: Int, testFaults: Bool, tls: TestCertificates.Server?, line: NetworkLine?,
                       arguments: [String]) throws -> (ChildProcess, Int) {
        let portFile = dir.appendingPathComponent("port")
        try? FileManager.default.removeItem(at: portFile)
        var args = ["serve", "--host", line?.centralAddress ?? "127.0.0.1", "--port", "\(port)",
                    "--database", dir.appendingPathComponent("intake.sqlite").path,
                    "--port-file", portFile.path, "--trusted-keys", dir.appendingPathComponent("trusted-keys").path,
                    "--staff-keys", dir.appendingPathComponent("staff-keys").path,
                    "--operator-token-file", dir.appendingPathComponent("operators").path]
        if testFaults { args.append("--test-faults") }
        if let tls { args += ["--tls-cert", tls.certificate, "--tls-key", tls.key] }
        let log = dir.appendingPathComponent("log").path
        let binary = TestEnvironment.binary("onestop-intake")
        let child = try line.map { try $0.spawn(.central, binary, args + arguments, stdout: .file(log, append: true), stderr: .file(log, append: true)) }
            ?? ChildProcess.spawn(binary, args + arguments, stdout: .file(log, append: true), stderr: .file(log, append: true))
        var found: Int?
        _ = TestEnvironment.waitUntil(timeout: 20) {
            found = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return found != nil || !child.isRunning
        }
        guard let p = found else {
            child.terminate()
            throw IntakeFixtureError.didNotStart(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
        return (child, p)
    }

    /// Starts it again on the same database, port and keys, with `arguments` (stopping it first
    /// if it still runs). The port is the same, so a kiosk keeps its `--intake-url`.
    public func restart(arguments: [String] = []) throws {
        current.get().terminate()
        var lastError: (any Error)?
        // The old socket may linger for a moment: a few tries, each with its own timeout.
        for _ in 0..<10 {
            do {
                let (child, _) = try Self.launch(dir: dir, port: port, testFaults: testFaults, tls: tls, line: line, arguments: arguments)
                current.set(child)
                return
            } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.3)
            }
        }
        throw lastError ?? IntakeFixtureError.didNotStart(log: "")
    }

    public func stop() {
        process.terminate()
    }

    deinit {
        process.terminate()
        try? http.syncShutdown()
        try? FileManager.default.removeItem(at: dir)
    }

    /// A request to the intake, signed with the trusted kiosk key unless `sign` is false, at
    /// `signedAt` with `nonce` (fresh unless given).
    public func request(_ method: HTTPMethod, _ path: String, body: Data = Data(), headers: [(String, String)] = [],
                        sign: Bool = true, signingKey: KioskKey? = nil, signedAt: Date = Date(),
                        nonce: String = RequestSignature.makeNonce()) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        var r = HTTPClientRequest(url: baseURL + path)
        r.method = method
        if sign {
            let k = signingKey ?? key
            let signed = try RequestSignature.sign(method: method.rawValue, path: path, digest: RequestSignature.digest(body),
                                                   key: k.privateKey, now: signedAt, nonce: nonce)
            for (name, value) in signed.headers(keyID: k.keyID) { r.headers.add(name: name, value: value) }
            if path == "/v1/dossiers" {
                r.headers.add(name: "Dossier-Signature",
                              value: "role=kiosk; key=\(k.keyID); sig=\(try DocumentSignature.sign(body, key: k.privateKey))")
            }
        }
        for (k, v) in headers { r.headers.add(name: k, value: v) }
        if !body.isEmpty || method == .POST || method == .PATCH || method == .PUT { r.body = .bytes(ByteBuffer(data: body)) }
        let response = try await http.execute(r, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), response.headers, Data(buffer: bytes))
    }

    /// GET a test-hook endpoint (`/admin/*`, needs `--test-faults`) and decode its JSON.
    public func admin(_ path: String) async throws -> Any {
        let r = try await request(.GET, path, sign: false)
        return try JSONSerialization.jsonObject(with: r.body)
    }

    /// A request to an operator route (`/v1/operator/*`) with the operator's bearer token.
    public func asOperator(_ method: HTTPMethod, _ path: String, body: Data = Data()) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        try await request(method, path, body: body, headers: [("Authorization", "Bearer \(operatorToken)")], sign: false)
    }

    /// GET an operator route and decode its JSON.
    public func operatorJSON(_ path: String) async throws -> Any {
        let r = try await asOperator(.GET, path)
        guard r.status == 200 else { throw IntakeFixtureError.status(r.status, String(decoding: r.body, as: UTF8.self)) }
        return try JSONSerialization.jsonObject(with: r.body)
    }

    public func setFaults(_ json: String) async throws {
        let r = try await request(.PUT, "/admin/faults", body: Data(json.utf8), sign: false)
        guard r.status == 204 else { throw IntakeFixtureError.status(r.status, "setting faults failed") }
    }
}

public enum IntakeFixtureError: Error {
    case didNotStart(log: String)
    case status(Int, String)
}

extension IntakeProcess {
    /// A minimal dossier document that follows the contract's `DossierDocument`, signed by `kioskID`.
    public static func document(id: String, code: String = "261125010001", kioskID: String = "KIOSK-TEST-01",
                                name: String = "Nguyễn Văn An") -> Data {
        let doc: [String: Any] = [
            "schema": "onestop-kiosk/dossier/v1", "dossierId": id, "dossierCode": code, "procedureCode": "1.001193",
            "procedureName": "Đăng ký khai sinh", "field": "HT", "fieldName": "Hộ tịch", "kioskId": kioskID, "channel": "kiosk",
            "receivedAt": "2026-11-25T02:15:03Z", "appointmentDate": "2026-11-27",
            "applicant": ["idNumber": "060090001234", "fullName": name, "identifiedBy": "typed"],
            "answers": [["id": "applicant_full_name", "label": "Họ và tên?", "value": name]], "attachments": [Any](),
            "originalsAtCounter": [String](),
            "consent": ["acceptedAt": "2026-11-25T02:14:51Z", "purpose": "Giải quyết thủ tục.", "retention": "Theo quy định.",
                        "recipients": "Trung tâm Phục vụ hành chính công.", "language": "vi"],
        ]
        return (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])) ?? Data()
    }
}
