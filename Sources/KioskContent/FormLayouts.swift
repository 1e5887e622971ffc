public import Foundation
public import KioskCore
public import KioskLayout
import Yams

/// The official forms in `Kiosk/forms/`, one file per procedure that has a tờ khai, by
/// procedure code. A file that cannot be used is reported with its line and a stable code
/// (`kioskctl content validate`), and its procedure simply prints no form.
///
/// ```swift
/// if let layout = bundle.forms[procedure.code] { … }   // nil: this procedure has no official form
/// ```
public struct FormLayouts: Sendable, Equatable {
    public var layouts: [String: FormLayout]
    /// The file each layout came from (as issues show it).
    public var files: [String: String]

    public init(layouts: [String: FormLayout] = [:], files: [String: String] = [:]) {
        self.layouts = layouts
        self.files = files
    }

    public subscript(_ procedureCode: String) -> FormLayout? { layouts[procedureCode] }

    /// Reads every `*.yaml` of `dir` (a missing folder: no forms).
    public static func load(_ dir: URL, procedures: [Procedure]) -> (FormLayouts, [ContentIssue]) {
        var out = FormLayouts()
        var issues: [ContentIssue] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        for name in names {
            let url = dir.appendingPathComponent(name)
            let file = ContentBundle.displayPath(url)
            switch ContentBundle.readText(url) {
            case .failure(let issue): issues.append(issue)
            case .success(let text):
                let (layout, found) = parse(text, file: file, procedures: procedures)
                issues += found
                guard let layout else { continue }
                if let other = out.files[layout.procedure] {
                    issues.append(ContentIssue(file: file, line: 1, code: "CONTENT-DUPLICATE",
                                               message: "procedure \(layout.procedure) already has a form in \(other)"))
                    continue
                }
                out.layouts[layout.procedure] = layout
                out.files[layout.procedure] = file
            }
        }
        return (out, issues)
    }

    /// One form file: its layout, or nil with the reasons.
    public static func parse(_ text: String, file: String, procedures: [Procedure]) -> (FormLayout?, [ContentIssue]) {
        var c = IssueCollector(file: file)
        let layout: FormLayout
        do {
            layout = try YAMLDecoder().decode(FormLayout.self, from: text)
        } catch let error as DecodingError {
            let (path, message): ([any CodingKey], String)
            switch error {
            case .typeMismatch(_, let x), .valueNotFound(_, let x), .keyNotFound(_, let x), .dataCorrupted(let x):
                (path, message) = (x.codingPath, x.debugDescription)
            @unknown default:
                (path, message) = ([], "\(error)")
            }
            let at = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            c.error("CONTENT-TEMPLATE", line: TicketTemplates.line(of: path, in: text),
                    "\(at.isEmpty ? "" : "at \(at): ")\(message); this procedure prints no form")
            return (nil, c.issues)
        } catch {
            c.error("CONTENT-YAML", line: 1, "\(error)")
            return (nil, c.issues)
        }
        guard let procedure = procedures.first(where: { $0.code == layout.procedure }) else {
            c.error("CONTENT-REFERENCE", line: keyLine("procedure", in: text),
                    "no procedure has the code \(layout.procedure); known: " + procedures.map(\.code).sorted().joined(separator: ", "))
            return (nil, c.issues)
        }
        if layout.elements.isEmpty {
            c.error("CONTENT-MISSING", line: 1, "the form has no elements")
            return (nil, c.issues)
        }
        let known = Set(procedure.questions.map(\.id)).union(FormLayout.builtInFields)
        for (i, element) in layout.elements.enumerated() {
            // The element's line is looked for only when there is a problem to report (it walks the file).
            func line() -> Int { TicketTemplates.elementLine(i, in: text) }
            for name in element.templates.flatMap(Placeholders.names(in:)) where !known.contains(name) {
                c.error("CONTENT-REFERENCE", line: line(),
                        "{\(name)} is neither a question of \(procedure.code) nor a form field (\(FormLayout.builtInFields.sorted().joined(separator: ", ")))")
            }
            for t in element.templates where t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
                c.error("CONTENT-UNSAFE", line: line(), "text holds control characters: \(t.debugDescription)")
            }
        }
        let qrs = layout.elements.indices.filter { if case .qr = layout.elements[$0] { true } else { false } }
        if qrs.isEmpty { c.error("CONTENT-MISSING", line: 1, "the form has no data QR (an element {qr: caption})") }
        if qrs.count > 1 {
            c.error("CONTENT-DUPLICATE", line: TicketTemplates.elementLine(qrs[1], in: text), "the form has more than one data QR")
        }
        if layout.unconfirmed == true {
            c.note("CONTENT-UNCONFIRMED", line: keyLine("unconfirmed", in: text),
                   "the layout of \(layout.title) is not yet checked against the official model (\(layout.model ?? "no model named"))")
        }
        return (c.hasErrors ? nil : layout, c.issues)
    }

    static func keyLine(_ key: String, in text: String) -> Int {
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.hasPrefix("\(key):") {
            return n + 1
        }
        return 1
    }
}
