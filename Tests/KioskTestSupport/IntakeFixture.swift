import AsyncHTTPClient
import Crypto
import Foundation
import KioskSigning
import KioskSystem
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The real `onestop-intake` binary on a loopback port, with its own SQLite
/// file and a kiosk key it trusts.
public final class IntakeProcess: @unchecked Sendable {
    public let dir: URL
    public let port: Int
    public let process: ChildProcess
    public let key: KioskKey
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var databasePath: String { dir.appendingPathComponent("intake.sqlite").path }
    public var trustedKeysPath: String { dir.appendingPathComponent("trusted-keys").path }
    public var staffKeysPath: String { dir.appendingPathComponent("staff-keys").path }

    public init(arguments: [String] = [], keyID: String = "KIOSK-TEST-01") throws {
        dir = try TestEnvironment.temporaryDirectory("intake")
        key = KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: keyID)
        try TrustedKeys.line(keyID: key.keyID, publicKeyBase64: key.publicKeyBase64)
            .write(toFile: dir.appendingPathComponent("trusted-keys").path, atomically: true, encoding: .utf8)
        try "".write(toFile: dir.appendingPathComponent("staff-keys").path, atomically: true, encoding: .utf8)
        let portFile = dir.appendingPathComponent("port")
        let child = try ChildProcess.spawn(
            TestEnvironment.binary("onestop-intake"),
            ["serve", "--port", "0", "--database", dir.appendingPathComponent("intake.sqlite").path,
             "--port-file", portFile.path, "--trusted-keys", dir.appendingPathComponent("trusted-keys").path,
             "--staff-keys", dir.appendingPathComponent("staff-keys").path] + arguments,
            stdout: .file(dir.appendingPathComponent("log").path, append: true),
            stderr: .file(dir.appendingPathComponent("log").path, append: true))
        var found: Int?
        _ = TestEnvironment.waitUntil(timeout: 20) {
            found = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return found != nil || !child.isRunning
        }
        process = child
        guard let p = found else {
            child.terminate()
            throw IntakeFixtureError.didNotStart(log: (try? String(contentsOf: dir.appendingPathComponent("log"), encoding: .utf8)) ?? "")
        }
        port = p
    }

    public func stop() {
        process.terminate()
    }

    deinit {
        process.terminate()
        try? FileManager.default.removeItem(at: dir)
    }

    /// A request to the intake, signed with the trusted kiosk key unless `sign` is false.
    public func request(_ method: HTTPMethod, _ path: String, body: Data = Data(), headers: [(String, String)] = [],
                        sign: Bool = true, signingKey: KioskKey? = nil) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        var r = HTTPClientRequest(url: baseURL + path)
        r.method = method
        if sign {
            let k = signingKey ?? key
            r.headers.add(name: RequestSignature.keyIDHeader, value: k.keyID)
            r.headers.add(name: RequestSignature.signatureHeader,
                          value: try RequestSignature.sign(method: method.rawValue, path: path, body: body, key: k.privateKey))
            if path == "/v1/dossiers" {
                r.headers.add(name: "Dossier-Signature",
                              value: "role=kiosk; key=\(k.keyID); sig=\(try DocumentSignature.sign(body, key: k.privateKey))")
            }
        }
        for (k, v) in headers { r.headers.add(name: k, value: v) }
        if !body.isEmpty || method == .POST || method == .PATCH || method == .PUT { r.body = .bytes(ByteBuffer(data: body)) }
        let response = try await HTTPClient.shared.execute(r, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), response.headers, Data(buffer: bytes))
    }

    /// GET an admin endpoint and decode its JSON.
    public func admin(_ path: String) async throws -> Any {
        let r = try await request(.GET, path, sign: false)
        return try JSONSerialization.jsonObject(with: r.body)
    }

    public func setFaults(_ json: String) async throws {
        let r = try await request(.PUT, "/admin/faults", body: Data(json.utf8), sign: false)
        precondition(r.status == 204, "setting faults failed: \(r.status)")
    }
}

public enum IntakeFixtureError: Error {
    case didNotStart(log: String)
}
