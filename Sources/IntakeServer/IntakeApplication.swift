import Hummingbird
import Logging
import NIOCore

/// Builds the reference intake server.
///
/// ```swift
/// let app = try IntakeApplication.make(host: "127.0.0.1", port: 0, store: store) { port in print(port) }
/// try await app.runService()
/// ```
public enum IntakeApplication {
    public static func make(host: String = "127.0.0.1", port: Int = 0, store: IntakeStore,
                            settings: IntakeSettings = IntakeSettings(),
                            logger: Logger = Logger(label: "onestop-intake"),
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: IntakeContext.self)
        IntakeRoutes(store: store, settings: settings).register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "onestop-intake"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
