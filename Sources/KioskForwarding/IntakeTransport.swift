import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// The HTTP client of an `IntakeClient`, configured for its `IntakeTrust`. With a pin, the client
/// is made once the pinned certificate was found in a handshake, and made again after a TLS
/// failure (the intake's certificate changed).
///
/// ```swift
/// let transport = IntakeTransport(baseURL: "https://127.0.0.1:8443", trust: .caFile("ca.pem"))
/// let response = try await transport.client().execute(request, timeout: .seconds(30))
/// ```
final class IntakeTransport: @unchecked Sendable {
    let baseURL: String
    let trust: IntakeTrust
    private let lock = NSLock()
    private var current: HTTPClient?
    private var closed = false

    init(baseURL: String, trust: IntakeTrust) {
        self.baseURL = baseURL
        self.trust = trust
    }

    static func configuration(tls: TLSConfiguration?) -> HTTPClient.Configuration {
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(5), read: .seconds(30))
        config.decompression = .disabled
        config.redirectConfiguration = .disallow
        if let tls { config.tlsConfiguration = tls }
        return config
    }

    func client() async throws -> HTTPClient {
        if let c = lock.withLock({ current }) { return c }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        switch trust {
        case .system:
            break
        case .caFile(let path):
            tls.trustRoots = .file(path)
        case .pin(let hash):
            guard let url = URL(string: baseURL), url.scheme == "https", let host = url.host else {
                throw IntakeTrustError.handshake("--intake-pin needs an https:// intake URL")
            }
            let certificate = try await PinnedCertificateProbe.fetch(host: host, port: url.port ?? 443, pin: hash, timeout: .seconds(5))
            tls.trustRoots = .certificates([certificate])
            tls.certificateVerification = .noHostnameVerification
        }
        let made = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Self.configuration(tls: tls))
        let (use, spare): (HTTPClient, HTTPClient?) = lock.withLock {
            if closed || current != nil { return (current ?? made, made) }
            current = made
            return (made, nil)
        }
        if let spare, spare !== use { try? await spare.shutdown() }
        return use
    }

    /// After a TLS failure with a pin: find the certificate again on the next request.
    func forgetPin() {
        guard case .pin = trust else { return }
        let old: HTTPClient? = lock.withLock {
            defer { current = nil }
            return current
        }
        if let old { Task { try? await old.shutdown() } }
    }

    func shutdown() async {
        let c: HTTPClient? = lock.withLock {
            closed = true
            defer { current = nil }
            return current
        }
        try? await c?.shutdown()
    }

    deinit {
        // AsyncHTTPClient insists on a shutdown; a client dropped without one is shut down here.
        try? current?.syncShutdown()
    }

    /// Whether an error means the intake's certificate (or the kiosk's trust settings) was refused.
    static func isTrustFailure(_ error: any Error) -> Bool {
        if error is IntakeTrustError || error is NIOSSLError || error is BoringSSLError { return true }
        let text = String(describing: error)
        return text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed")
    }
}
