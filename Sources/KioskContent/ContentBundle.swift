import Foundation
import KioskCore

/// Everything the kiosk reads from the content folder (`Kiosk/`).
///
/// Loading never fails: what cannot be used is reported as a ``ContentIssue``
/// and replaced by the built-in default, so a broken file never stops the kiosk.
///
/// ```swift
/// let (bundle, issues) = ContentBundle.load(from: URL(fileURLWithPath: "Kiosk"))
/// issues.forEach { logger.warning("\($0)") }
/// ```
public struct ContentBundle: Sendable, Equatable {
    public var services: ServicesFile
    public var strings: UIStrings

    public init(services: ServicesFile = .builtIn, strings: UIStrings = UIStrings()) {
        self.services = services
        self.strings = strings
    }

    public static func load(from directory: URL) -> (ContentBundle, [ContentIssue]) {
        var bundle = ContentBundle()
        var issues: [ContentIssue] = []
        let servicesURL = directory.appendingPathComponent("services.yaml")
        switch readText(servicesURL) {
        case .success(let text):
            let (services, found) = ServicesFile.parse(text, file: displayPath(servicesURL))
            issues += found
            if let services { bundle.services = services }
        case .failure(let issue):
            issues.append(issue)
        }
        for locale in KioskLocale.allCases {
            let url = directory.appendingPathComponent("locales/\(locale.rawValue).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            switch readText(url) {
            case .success(let text):
                issues += bundle.strings.apply(text, locale: locale, file: displayPath(url))
            case .failure(let issue):
                issues.append(issue)
            }
        }
        return (bundle, issues)
    }

    static func readText(_ url: URL) -> Result<String, ContentIssue> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(ContentIssue(file: displayPath(url), line: 0, code: "CONTENT-IO", message: "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ContentIssue(file: displayPath(url), line: 0, code: "CONTENT-IO", message: "the file is not UTF-8"))
        }
        return .success(text)
    }

    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let p = url.standardizedFileURL.path
        return p.hasPrefix(cwd) ? String(p.dropFirst(cwd.count)) : p
    }
}

