import AsyncHTTPClient
import Crypto
public import Foundation
public import KioskCore
public import KioskStore
import NIOCore
import NIOPosix
public import NIOSSL
import Synchronization

/// How the kiosk trusts the intake's TLS certificate (`kioskd --intake-ca` or `--intake-pin`).
///
/// - `system`: the system's CAs (or plain `http://`, on loopback in tests and the demo);
/// - `caFile`: only the CAs in this PEM file, with the host name checked;
/// - `pin`: `sha256/BASE64` of the certificate's SubjectPublicKeyInfo or of the whole certificate
///   (DER). The pinned certificate must be self-signed: the kiosk finds it in the intake's
///   handshake, checks its hash, then trusts exactly that certificate (no host name check).
///
/// ```swift
/// let trust = try IntakeTrust.parsePin("sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
/// let client = IntakeClient(baseURL: "https://10.0.0.5:8443", key: key, trust: trust)
/// ```
public enum IntakeTrust: Sendable, Equatable {
    case system
    case caFile(String)
    case pin(Data)

    /// Parses `sha256/BASE64` (32 bytes).
    public static func parsePin(_ text: String) throws -> IntakeTrust {
        guard text.hasPrefix("sha256/"), let hash = Data(base64Encoded: String(text.dropFirst("sha256/".count))), hash.count == 32 else {
            throw IntakeTrustError.badPin(text)
        }
        return .pin(hash)
    }

    /// `sha256/BASE64` of a certificate's SubjectPublicKeyInfo, the usual pin.
    public static func spkiPin(of certificate: NIOSSLCertificate) throws -> String {
        "sha256/" + Data(SHA256.hash(data: try certificate.extractPublicKey().toSPKIBytes())).base64EncodedString()
    }

    /// True when `certificate`'s SPKI or DER hashes to the pin.
    static func matches(_ pin: Data, _ certificate: NIOSSLCertificate) -> Bool {
        let spki = (try? certificate.extractPublicKey().toSPKIBytes()).map { Data(SHA256.hash(data: $0)) }
        let der = (try? certificate.toDERBytes()).map { Data(SHA256.hash(data: $0)) }
        return spki == pin || der == pin
    }
}

public enum IntakeTrustError: Error, CustomStringConvertible, Equatable {
    case badPin(String)
    /// The intake presented no certificate matching the pin (hashes of what it presented).
    case pinMismatch(presented: [String])
    case pinnedNotSelfSigned
    case handshake(String)

    public var description: String {
        switch self {
        case .badPin(let p): return "--intake-pin must be sha256/BASE64 of 32 bytes, not \(p)"
        case .pinMismatch(let presented):
            return "the intake's certificate does not match --intake-pin (it presented \(presented.joined(separator: ", ")))"
        case .pinnedNotSelfSigned: return "the pinned certificate is not self-signed; pin a self-signed one or use --intake-ca"
        case .handshake(let why): return "TLS handshake with the intake failed: \(why)"
        }
    }
}

/// Where a refused certificate goes: one log line (by the caller) and a staff alert `intake-tls`,
/// cleared when the intake is trusted again.
///
/// ```swift
/// let client = IntakeClient(baseURL: url, key: key, trust: trust, trustEvents: .alerts(into: db, clock: clock))
/// ```
public struct IntakeTrustEvents: Sendable {
    /// Whether the alert is open, as last written.
    final class OpenFlag: Sendable {
        private let value: Mutex<Bool>
        init(_ open: Bool) { value = Mutex(open) }
        func set() { value.withLock { $0 = true } }
        /// True (and now false) when it was open.
        func take() -> Bool { value.withLock { open in defer { open = false }; return open } }
    }

    public var refused: @Sendable (String) -> Void
    public var trusted: @Sendable () -> Void

    public init(refused: @escaping @Sendable (String) -> Void, trusted: @escaping @Sendable () -> Void) {
        self.refused = refused
        self.trusted = trusted
    }

    public static let none = IntakeTrustEvents(refused: { _ in }, trusted: {})

    public static let alertKind = "intake-tls"

    /// Raises the alert when TLS is refused and clears it at the next answer. Only a change is
    /// written: an answer while no alert is open writes nothing (every request used to queue a
    /// transaction behind the forwarder's commits to clear nothing).
    public static func alerts(into db: KioskDatabase, clock: any KioskClock) -> IntakeTrustEvents {
        let open = OpenFlag((try? db.alerts(openOnly: true).contains { $0.kind == alertKind && $0.device == "intake" }) ?? true)
        return IntakeTrustEvents(
            refused: { why in
                open.set()
                _ = try? db.raiseAlert(kind: alertKind, device: "intake", message: "intake TLS refused: \(why)", at: clock.now())
            },
            trusted: {
                guard open.take() else { return }
                _ = try? db.clearAlerts(kind: alertKind, device: "intake", at: clock.now())
            })
    }
}

/// Finds the pinned certificate in the intake's TLS handshake.
enum PinnedCertificateProbe {
    static func fetch(host: String, port: Int, pin: Data, timeout: TimeAmount) async throws -> NIOSSLCertificate {
        var config = TLSConfiguration.makeClientConfiguration()
        config.certificateVerification = .noHostnameVerification   // the callback below replaces it
        config.minimumTLSVersion = .tlsv12
        let context = try NIOSSLContext(configuration: config)
        let found = FoundCertificate()
        let isIP = (try? SocketAddress(ipAddress: host, port: port)) != nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: isIP ? nil : host) { presented, promise in
                        found.set(presented.first { IntakeTrust.matches(pin, $0) }, presented: presented)
                        promise.succeed(found.certificate == nil ? .failed : .certificateVerified)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        // The callback runs during the handshake; wait for it (bounded).
        let deadline = Date().addingTimeInterval(Double(timeout.nanoseconds) / 1e9)
        while !found.done && Date() < deadline && channel.isActive { try await Task.sleep(for: .milliseconds(5)) }
        guard let certificate = found.certificate else {
            if found.done { throw IntakeTrustError.pinMismatch(presented: found.presented.compactMap { try? IntakeTrust.spkiPin(of: $0) }) }
            throw IntakeTrustError.handshake("no certificate received")
        }
        guard certificate.subjectName == certificate.issuerName else { throw IntakeTrustError.pinnedNotSelfSigned }
        return certificate
    }

    final class FoundCertificate: @unchecked Sendable {
        private let lock = NSLock()
        private var value: NIOSSLCertificate?
        private var all: [NIOSSLCertificate] = []
        private var finished = false
        func set(_ c: NIOSSLCertificate?, presented: [NIOSSLCertificate]) {
            lock.withLock { value = c; all = presented; finished = true }
        }
        var certificate: NIOSSLCertificate? { lock.withLock { value } }
        var presented: [NIOSSLCertificate] { lock.withLock { all } }
        var done: Bool { lock.withLock { finished } }
    }
}
