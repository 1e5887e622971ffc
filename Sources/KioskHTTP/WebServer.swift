public import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdTLS
public import KioskContent
public import KioskCore
public import KioskQueue
public import KioskStore
public import KioskWorkflows
public import Logging
import NIOCore
public import NIOSSL

/// kioskd's web server (Hummingbird): the counters' API (`/v1/queue/*`), the counter
/// workstation (`/counter`, `/v1/counter/*`), the hall display (`/board`, `/v1/board/*`,
/// server-sent events and spoken calls as WAV), their assets from `Kiosk/web/`, and
/// ``Operations`` (`/metrics`, `/healthz`, `/readyz`).
///
/// ```swift
/// let parts = WebServer.Parts(queue: queue, database: db, desk: desk, speech: speech, services: bundle.services,
///                             webDirectory: URL(fileURLWithPath: "Kiosk/web"))
/// let app = try WebServer.make(host: "127.0.0.1", port: 8089, parts: parts, settings: .init())
/// try await app.runService()
/// ```
public enum WebServer {
    /// What the routes serve.
    public struct Parts: Sendable {
        public var queue: QueueCoordinator
        public var database: KioskDatabase
        public var desk: CounterDesk
        public var speech: CallSpeech
        public var services: ServicesFile
        public var webDirectory: URL

        public init(queue: QueueCoordinator, database: KioskDatabase, desk: CounterDesk, speech: CallSpeech,
                    services: ServicesFile, webDirectory: URL) {
            self.queue = queue
            self.database = database
            self.desk = desk
            self.speech = speech
            self.services = services
            self.webDirectory = webDirectory
        }
    }

    /// How the server trusts its callers.
    public struct Settings: Sendable {
        /// `Authorization: Bearer TOKEN` for the counters' API without a staff session (kioskctl, scripts).
        public var token: String?
        /// With no token, the API without a session is open: only when the server listens on loopback.
        public var openWithoutToken: Bool
        /// HTTPS: cookies get `Secure`.
        public var tls: TLSConfiguration?
        /// Seconds between keep-alive comments on the board's event stream.
        public var heartbeatSeconds: Double
        /// `/metrics`, `/healthz`, `/readyz` on the same server (kioskd gives them).
        public var operations: Operations?

        public init(token: String? = nil, openWithoutToken: Bool = true, tls: TLSConfiguration? = nil, heartbeatSeconds: Double = 15) {
            self.token = token
            self.openWithoutToken = openWithoutToken
            self.tls = tls
            self.heartbeatSeconds = heartbeatSeconds
        }
    }

    public static func make(host: String, port: Int, parts: Parts, settings: Settings,
                            logger: Logger = Logger(label: "kiosk-web"),
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders())
        let access = Access(desk: parts.desk, settings: settings)
        CounterAPI(queue: parts.queue, access: access).register(router)
        CounterPage(parts: parts, access: access, secure: settings.tls != nil).register(router)
        BoardAPI(parts: parts, heartbeat: settings.heartbeatSeconds, logger: logger).register(router)
        WebAssets(directory: parts.webDirectory).register(router)
        settings.operations?.register(router, access: access)
        return Application(
            router: router,
            server: try settings.tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(host, port: port), serverName: "kioskd"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// A server TLS configuration from a PEM certificate chain and its PEM key (TLS 1.2 at least).
    public static func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
        let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        var config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
        config.minimumTLSVersion = .tlsv12
        return config
    }

    /// True for an address only this machine reaches: `localhost`, `127.0.0.0/8`, `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        LoopbackAddress.contains(host)
    }
}

/// Every answer: no sniffing, no framing, no referrer, and a content policy that allows only
/// kioskd's own scripts, styles, fonts and sounds (no CDN, no inline script).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; "
            + "media-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        return response
    }
}
