public import Foundation

/// How one delivery attempt ended.
public enum DeliveryResult: Sendable, Equatable {
    /// The central system has it (a 2xx the contract names, with the expected body).
    case delivered(Data)
    /// Try again later; `retryAfter` is the server's lower bound, if it gave one.
    /// `lineDown` says the server was not reached at all (connection refused, cut, timed out).
    case retry(reason: String, retryAfter: TimeInterval?, lineDown: Bool = false)
    /// It will never work as it is (a permanent 4xx): dead-letter it.
    case permanent(reason: String)
}

/// A failed step, as a delivery result.
public struct DeliveryFailure: Error, Sendable, Equatable {
    public var result: DeliveryResult
    public init(_ result: DeliveryResult) { self.result = result }
}
