public import Hummingbird
public import NIOCore

/// The request context of kioskd's web server: Hummingbird's core plus the caller's
/// address (for the login rate limit and the audit line).
public struct WebContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// `192.168.1.20`, `::1`, or `unknown`.
    public var client: String { remoteAddress?.ipAddress ?? "unknown" }
}
