// libFuzzer target for the content loaders staff edit without code (KioskContent): a procedure
// file with its validator, services.yaml, a ticket layout and an A4 form layout. Whatever a file
// holds, reading it never crashes, and every problem is a `CONTENT-…` issue with a line whose text
// carries no control or escape character (`kioskctl content validate` prints them).
// Built by scripts/fuzz against the package modules Yams, KioskCore, KioskLayout and KioskContent.
//
// Input: the first byte picks the loader; the rest is the file.
import Foundation
import KioskContent
import KioskCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    var issues: [ContentIssue] = []
    switch data[0] % 4 {
    case 0:
        let (procedure, found) = ProcedureFile.parse(text, file: "fuzz.yaml", slug: "fuzz", areas: ["HT", "CT"])
        issues = found
        if let procedure {
            precondition(!procedure.code.isEmpty || !found.isEmpty, "a procedure without a code and no issue")
            let (_, formIssues) = FormLayouts.parse("procedure: \(procedure.code)\ntitle: x\n", file: "form.yaml", procedures: [procedure])
            issues += formIssues
        }
    case 1:
        issues = ServicesFile.parse(text, file: "services.yaml").1
    case 2:
        for kind in TicketTemplates.Kind.allCases { issues += TicketTemplates.parse(text, kind: kind, file: "ticket.yaml").1 }
    default:
        issues = FormLayouts.parse(text, file: "form.yaml", procedures: []).1
    }
    for issue in issues {
        precondition(issue.code.hasPrefix("CONTENT-") && issue.line >= 0, "an issue without a code: \(issue.code)")
        precondition(SafeText.isClean(issue.description), "an issue that would put controls on the terminal: \(issue.code)")
    }
    return 0
}
