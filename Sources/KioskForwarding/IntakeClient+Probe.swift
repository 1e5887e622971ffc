import NIOHTTP1

extension IntakeClient {
    /// What `GET /healthz` on the intake showed: an answer (and its status), a certificate the
    /// kiosk's trust settings refuse, or no answer at all.
    public enum Probe: Sendable, Equatable {
        case reachable(status: Int)
        case trustRefused(String)
        case unreachable(String)
    }

    /// One request to `/healthz` through the same TLS trust as the dossiers (`kioskctl doctor`).
    ///
    /// ```swift
    /// if case .trustRefused(let why) = await client.probe() { print("fix intake.ca_file or intake.pin: \(why)") }
    /// ```
    public func probe() async -> Probe {
        do {
            return .reachable(status: try await send(.GET, "/healthz", contentType: nil).status)
        } catch where IntakeTransport.isTrustFailure(error) {
            return .trustRefused("\(error)")
        } catch {
            return .unreachable("\(error)")
        }
    }
}
