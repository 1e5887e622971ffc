import KioskCore
import Testing

/// Personal numbers leave log lines; the codes staff and technicians need stay.
@Suite struct LogRedactionTests {
    @Test(arguments: [
        ("scanned 060150001234 ok", "scanned [id-number] ok"),
        ("id=060 150 001 234", "id=[id-number]"),
        ("call 0912345678 now", "call [phone] now"),
        ("call 0912 345 678", "call [phone]"),
        ("call 091.234.5678.", "call [phone]."),
        ("+84912345678", "[phone]"),
        ("84 912 345 678", "[phone]"),
        ("landline 0252 3831 234", "landline [phone]"),
        ("060150001234|Nguyễn Văn An|05031950", "[id-number]|Nguyễn Văn An|05031950"),
    ])
    func personalNumbersAreRedacted(_ input: String, _ expected: String) {
        #expect(LogRedaction.redact(input) == expected)
    }

    @Test(arguments: [
        "dossier 261125010007 delivered",            // a dossier code starts with the year, not a province
        "ticket A-007, job 1234567",
        "at 2025-11-26T02:16:00Z in 12s",
        "port 8089, 1048576 bytes",
        "uuid 6f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f",
        "999150001234",                              // 999 is no province
        "0123456789",                                // 01x is no phone prefix any more
        "x060150001234",                             // glued to a letter: not a number on its own
    ])
    func codesAndOtherNumbersStay(_ input: String) {
        #expect(LogRedaction.redact(input) == input)
    }

    @Test func personalKeysAreKnownByTheirName() {
        for key in ["name", "full_name", "applicantName", "address", "phone", "citizen_id", "birth_date", "answer"] {
            #expect(LogRedaction.isPersonalKey(key), "\(key)")
        }
        for key in ["dossier", "code", "kind", "error", "count", "device", "profile"] {
            #expect(!LogRedaction.isPersonalKey(key), "\(key)")
        }
    }
}
