// libFuzzer target for the config loader (`kiosk.yaml`, KioskConfig): whatever the file holds,
// loading it never crashes, every problem is an `error[CONFIG-…]` with a line, and no problem nor
// any accepted value carries a control or escape character to the technician's terminal.
// Built by scripts/fuzz against the package modules Yams, KioskCore and KioskConfig.
import Foundation
import KioskConfig
import KioskCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = ConfigFile.parse(text, name: "kiosk.yaml")
    precondition(file.isValid == file.issues.isEmpty)
    for issue in file.issues {
        precondition(issue.code.hasPrefix("CONFIG-") && issue.line >= 1, "an issue without a code or a line: \(issue.code)")
        precondition(SafeText.isClean(issue.description), "an issue that would put controls on the terminal: \(issue.code)")
    }
    for setting in file.settings {
        precondition(SafeText.isClean(setting.value), "an accepted value with controls: \(setting.key.path)")
    }
    if file.isValid {
        _ = file.arguments
        let values = Dictionary(file.settings.map { ($0.key.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        for conflict in ConfigRules.check(values) { _ = conflict }
    }
    return 0
}
