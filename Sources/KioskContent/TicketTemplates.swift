public import Foundation
public import KioskLayout
import Yams

/// The printed layouts in `Kiosk/tickets/`: the queue ticket, the dossier
/// receipt and the take-home procedure guide. A file that cannot be used is
/// reported and the built-in layout prints instead.
///
/// ```swift
/// let layout = bundle.tickets[.queue]
/// let bitmap = try renderer.render(layout, values: ["number": "A-007"], width: 576)
/// ```
public struct TicketTemplates: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case queue, receipt, guide

        /// The placeholders the kiosk fills for this layout.
        public var fields: Set<String> {
            switch self {
            case .queue:
                return ["centre", "service", "number", "priority", "counter", "ahead", "wait", "qr", "date", "time", "privacy", "reprint"]
            case .receipt:
                return ["centre", "procedure", "code", "lookup", "applicant", "received", "due", "fee", "where", "bring",
                        "qr", "privacy", "reprint", "assisted", "status_url", "hotline", "zalo"]
            case .guide:
                return ["centre", "procedure", "parts", "items", "where", "deadline", "fee", "produces", "legal", "privacy",
                        "status_url", "hotline", "zalo"]
            }
        }

        var builtIn: RasterTemplate {
            switch self {
            case .queue: return .queueTicket
            case .receipt: return .receipt
            case .guide: return .guide
            }
        }
    }

    public var templates: [Kind: RasterTemplate]

    public init(templates: [Kind: RasterTemplate] = [:]) { self.templates = templates }

    public subscript(_ kind: Kind) -> RasterTemplate { templates[kind] ?? kind.builtIn }

    /// Reads `DIR/queue.yaml`, `receipt.yaml` and `guide.yaml` (each optional).
    public static func load(_ dir: URL) -> (TicketTemplates, [ContentIssue]) {
        var out = TicketTemplates()
        var issues: [ContentIssue] = []
        for kind in Kind.allCases {
            let url = dir.appendingPathComponent("\(kind.rawValue).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let file = ContentBundle.displayPath(url)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                issues.append(ContentIssue(file: file, line: 1, code: "CONTENT-IO", message: "cannot read the file as UTF-8"))
                continue
            }
            let (template, found) = parse(text, kind: kind, file: file)
            issues += found
            if let template { out.templates[kind] = template }
        }
        return (out, issues)
    }

    /// One layout; unknown placeholders are warnings (they print as written).
    public static func parse(_ text: String, kind: Kind, file: String) -> (RasterTemplate?, [ContentIssue]) {
        var issues: [ContentIssue] = []
        let template: RasterTemplate
        do {
            template = try YAMLDecoder().decode(RasterTemplate.self, from: text)
        } catch let error as DecodingError {
            let (path, message): ([any CodingKey], String)
            switch error {
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
                (path, message) = (c.codingPath, c.debugDescription)
            @unknown default:
                (path, message) = ([], "\(error)")
            }
            let at = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            issues.append(ContentIssue(file: file, line: line(of: path, in: text), code: "CONTENT-TEMPLATE",
                                       message: "\(at.isEmpty ? "" : "at \(at): ")\(message); the built-in \(kind.rawValue) layout prints instead"))
            return (nil, issues)
        } catch {
            issues.append(ContentIssue(file: file, line: 1, code: "CONTENT-YAML", message: "\(error)"))
            return (nil, issues)
        }
        if template.elements.isEmpty {
            issues.append(ContentIssue(file: file, line: 1, code: "CONTENT-MISSING", message: "the layout has no elements"))
            return (nil, issues)
        }
        for (i, element) in template.elements.enumerated() {
            for name in Placeholders.names(in: element.templateText) where !kind.fields.contains(name) {
                issues.append(ContentIssue(file: file, line: elementLine(i, in: text), code: "CONTENT-UNKNOWN-KEY",
                                           message: "{\(name)} is not a field of the \(kind.rawValue) layout; known: "
                                               + kind.fields.sorted().joined(separator: ", "), severity: .warning))
            }
        }
        return (template, issues)
    }

    /// The line of the i-th `- ` item under `elements:`.
    static func elementLine(_ index: Int, in text: String) -> Int {
        var seen = -1, inElements = false
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("elements:") { inElements = true; continue }
            if inElements, line.hasPrefix("- ") {
                seen += 1
                if seen == index { return n + 1 }
            }
        }
        return 1
    }

    static func line(of path: [any CodingKey], in text: String) -> Int {
        if let i = path.first(where: { $0.intValue != nil })?.intValue { return elementLine(i, in: text) }
        return 1
    }
}

extension RasterElement {
    /// The text with placeholders in this element (empty for rules and spaces).
    var templateText: String {
        switch self {
        case .text(let t, _, _, _, _), .big(let t, _), .qr(let t, _, _, _): return t
        case .rule, .space: return ""
        }
    }
}
