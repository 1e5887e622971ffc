import Foundation

/// Locations next to the test sources (found via #filePath, so no resource bundle is needed).
enum Paths {
    /// Tests/KioskRasterTests
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// Tests/KioskRasterTests/Golden
    static let golden = testsDirectory.appendingPathComponent("Golden")
    /// <package>/templates
    static let templates = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Kiosk/tickets")
}
