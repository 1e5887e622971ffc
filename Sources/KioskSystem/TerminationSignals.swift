public import Dispatch
import Glibc

/// Runs a handler when this process is asked to stop (SIGINT, SIGTERM, SIGHUP), on a queue
/// instead of in a signal handler, so the handler may clean up (stop children, delete network
/// namespaces) before it exits. Keep the returned sources alive.
///
/// ```swift
/// let sources = TerminationSignals.handle { signal in
///     cleanup()
///     exit(128 + signal)
/// }
/// ```
public enum TerminationSignals {
    public static func handle(_ handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { handler(sig) }
            source.resume()
            return source
        }
    }
}
