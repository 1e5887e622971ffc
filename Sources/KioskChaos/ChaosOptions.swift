import Foundation

/// What a chaos run does, from its command line (`KioskChaos --help` lists it).
///
/// ```sh
/// KioskChaos --bin .build/debug --dossiers 500 --kills 50 --seed 42
/// KioskChaos reconcile --kiosk-db kiosk.sqlite --intake-url http://127.0.0.1:8088 --operator-token T
/// ```
struct ChaosOptions {
    var dossiers = 500
    var kills = 50
    var attachmentRatio = 0.2
    var attachmentKiB = 3072
    var faultRate = 0.3
    /// Each link-down outage through the veth, black hole or unreachable, in seconds.
    var outageSeconds = 60.0
    /// Each 256 kbit/s stretch, in seconds.
    var slowSeconds = 30.0
    var slowKbit = 256
    /// Crashes of the intake between its commit and its answer (default: a tenth of the kills).
    var intakeCrashes: Int?
    /// Dossiers per simulated day (default: the run spread over about 12 days).
    var perDay: Int?
    /// The intake keeps no unique key: a dossier the kiosk sends twice is stored twice.
    var noUniqueKey = false
    var timeout = 1800.0
    var bin = ".build/debug"
    var content = "Kiosk"
    var keep = false
    var seed: UInt64?

    /// Mean seconds between two kills, as in the first chaos runs (0.2 to 3 s).
    static let meanKillGap = 1.6

    var dossiersPerDay: Int { max(1, perDay ?? max(50, (dossiers + 11) / 12)) }
    var crashes: Int { intakeCrashes ?? kills / 10 }

    static let usage = """
        usage: KioskChaos [--dossiers N] [--kills N] [--seed S] [--timeout SECONDS] [--bin DIR] [--content DIR]
                          [--attachment-ratio R] [--attachment-kib K] [--fault-rate R] [--outage SECONDS]
                          [--slow SECONDS] [--slow-kbit K] [--intake-crashes N] [--per-day N] [--no-unique-key] [--keep]
               KioskChaos reconcile --kiosk-db FILE --intake-url URL --operator-token TOKEN [--receipts FILE]
                          [--netns NAME] [--seed S]
        """

    static func parse(_ arguments: [String]) -> ChaosOptions {
        var o = ChaosOptions()
        var args = arguments.makeIterator()
        while let a = args.next() {
            let value = { () -> String in
                guard let v = args.next() else { Chaos.usageError("\(a) needs a value") }
                return v
            }
            func number<T: LosslessStringConvertible>(_: T.Type) -> T {
                let v = value()
                guard let n = T(v) else { Chaos.usageError("\(a) takes a number, not \(v)") }
                return n
            }
            switch a {
            case "--dossiers": o.dossiers = number(Int.self)
            case "--kills": o.kills = number(Int.self)
            case "--attachment-ratio": o.attachmentRatio = number(Double.self)
            case "--attachment-kib": o.attachmentKiB = number(Int.self)
            case "--fault-rate": o.faultRate = number(Double.self)
            case "--outage": o.outageSeconds = number(Double.self)
            case "--slow": o.slowSeconds = number(Double.self)
            case "--slow-kbit": o.slowKbit = number(Int.self)
            case "--intake-crashes": o.intakeCrashes = number(Int.self)
            case "--per-day": o.perDay = number(Int.self)
            case "--no-unique-key": o.noUniqueKey = true
            case "--timeout": o.timeout = number(Double.self)
            case "--seed": o.seed = number(UInt64.self)
            case "--bin": o.bin = value()
            case "--content": o.content = value()
            case "--keep": o.keep = true
            case "--help", "-h":
                print(usage)
                exit(0)
            default: Chaos.usageError("unknown option \(a)")
            }
        }
        guard o.dossiers > 0, o.kills >= 0, o.dossiersPerDay <= 9999 else {
            Chaos.usageError("--dossiers must be positive, --kills not negative, --per-day at most 9999")
        }
        return o
    }
}

/// `KioskChaos reconcile`: the independent count alone, against any kiosk database and intake.
struct ReconcileOptions {
    var kioskDB = ""
    var intakeURL = ""
    var token = ""
    var receipts: String?
    var netns: String?
    var seed: String = "-"

    static func parse(_ arguments: [String]) -> ReconcileOptions {
        var o = ReconcileOptions()
        var args = arguments.makeIterator()
        while let a = args.next() {
            guard let v = args.next() else { Chaos.usageError("\(a) needs a value") }
            switch a {
            case "--kiosk-db": o.kioskDB = v
            case "--intake-url": o.intakeURL = v
            case "--operator-token": o.token = v
            case "--receipts": o.receipts = v
            case "--netns": o.netns = v
            case "--seed": o.seed = v
            default: Chaos.usageError("unknown option \(a)")
            }
        }
        guard !o.kioskDB.isEmpty, !o.intakeURL.isEmpty, !o.token.isEmpty else {
            Chaos.usageError("reconcile needs --kiosk-db, --intake-url and --operator-token")
        }
        return o
    }
}
