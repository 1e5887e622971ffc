import KioskCore
import Foundation
public import Hummingbird
import HummingbirdTLS
public import Logging
import NIOCore
public import NIOSSL

/// Builds the reference intake server, over plain HTTP or, with `tls`, HTTPS.
///
/// ```swift
/// let tls = try IntakeApplication.tlsConfiguration(certificate: "server.pem", key: "server.key")
/// let app = try IntakeApplication.make(host: "127.0.0.1", port: 0, store: store, tls: tls) { port in print(port) }
/// try await app.runService()
/// ```
public enum IntakeApplication {
    public static func make(host: String = "127.0.0.1", port: Int = 0, store: IntakeStore,
                            settings: IntakeSettings = IntakeSettings(), tls: TLSConfiguration? = nil,
                            logger: Logger = Logger(label: "onestop-intake"),
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let router = Router(context: IntakeContext.self)
        IntakeRoutes(store: store, settings: settings, logger: logger).register(on: router)
        return Application(
            router: router,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(host, port: port), serverName: "onestop-intake"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// A server TLS configuration from a PEM certificate chain (the server's certificate first)
    /// and its PEM private key. TLS 1.2 at least.
    public static func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
        let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        var config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
        config.minimumTLSVersion = .tlsv12
        return config
    }

    /// True for an address that only this machine can reach: `localhost`, `127.0.0.0/8`, `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        LoopbackAddress.contains(host)
    }
}
