public import Hummingbird
import Logging
public import NIOCore

/// The request context: Hummingbird's core plus the channel, so a fault can
/// cut the connection.
public struct IntakeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Chunks are at most 4 MiB; dossiers far less.
    public var maxUploadSize: Int { 5 << 20 }
}
