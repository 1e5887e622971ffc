public import Foundation
import KioskContent
import KioskCore

/// What a counter's workstation shows of the queue: its ticket and the lines it serves.
/// Numbers, areas and times only: the queue holds no citizen's personal data.
///
/// ```swift
/// let view = try await queue.counterView(counter: 1)
/// view.current?.number    // "A-007"
/// view.lines.first        // Line(area: "HT", waiting: 4, priority: 1)
/// ```
public struct CounterView: Sendable, Codable, Equatable {
    public struct Current: Sendable, Codable, Equatable {
        public var number: String
        public var area: String
        public var priority: String?
        public var issuedAt: Date
        public var calledAt: Date
        public var recalls: Int
    }
    public struct Line: Sendable, Codable, Equatable {
        public var area: String
        public var waiting: Int
        /// Priority tickets among those waiting.
        public var priority: Int
    }
    public var counter: Int
    public var current: Current?
    public var lines: [Line]
}

extension QueueCoordinator {
    /// The counters of the day, ascending (from `Kiosk/services.yaml`).
    public nonisolated var counters: [Int] {
        Array(Set(services.areas.flatMap(\.counters))).sorted()
    }

    /// The counter's called ticket and the lines of the areas it serves. Throws `unknownCounter`.
    public func counterView(counter: Int) throws -> CounterView {
        try rollOver()
        let areas = engine.areas(servedBy: counter)
        guard !areas.isEmpty else { throw QueueError.unknownCounter(counter) }
        var current: CounterView.Current?
        if let e = engine.currentTicket(counter: counter), case .called(_, let calledAt) = e.state {
            current = .init(number: e.number.description, area: e.areaCode, priority: e.ticket.priority?.rawValue,
                            issuedAt: e.issuedAt, calledAt: calledAt, recalls: e.recallCount)
        }
        let lines = areas.map { code in
            let line = engine.line(area: code)
            return CounterView.Line(area: code, waiting: line.count, priority: line.filter(\.isPriority).count)
        }
        return CounterView(counter: counter, current: current, lines: lines)
    }
}
