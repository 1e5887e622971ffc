import Crypto
import Foundation
import KioskCore
import KioskDevices
import KioskForwarding
import KioskPrinting
import KioskSigning
import Logging
import NIOCore

/// The checks that talk to other parts: CUPS and the printer, udev and the scanner, the intake.
extension Doctor {
    /// The queue (exists, enabled, accepting) and the printer behind it (paper, cover, online),
    /// from one IPP request.
    func checkCUPS() -> (queue: DoctorCheck, printer: DoctorCheck) {
        let queue = settings.printerQueue
        let status: PrinterStatus
        do {
            status = try CUPSConnection(server: settings.cupsServer, timeoutMilliseconds: 3000).printerStatus(queue)
        } catch CUPSError.connect(let server) {
            let fail = DoctorCheck("cups-queue", .fail, "CUPS does not answer at \(server)", fix: "systemctl start cups")
            return (fail, DoctorCheck("printer", .fail, "unknown: CUPS does not answer", fix: "see cups-queue"))
        } catch {
            let text = "\(error)"
            let missing = text.contains("does not exist") || text.contains("not-found") || text.contains("Not Found")
            let fail = missing
                ? DoctorCheck("cups-queue", .fail, "queue \(queue) does not exist", fix: "kioskctl printer setup")
                : DoctorCheck("cups-queue", .fail, "queue \(queue): \(text)", fix: "lpstat -l -p \(queue); kioskctl printer setup")
            return (fail, DoctorCheck("printer", .fail, "unknown: no queue", fix: "see cups-queue"))
        }
        let queueCheck: DoctorCheck
        if status.state == .stopped || !status.acceptingJobs {
            queueCheck = DoctorCheck("cups-queue", .fail, "\(queue) is \(status.state)\(status.acceptingJobs ? "" : ", rejecting jobs")",
                                     fix: "cupsenable \(queue); cupsaccept \(queue) (or kioskctl printer setup)")
        } else {
            queueCheck = DoctorCheck("cups-queue", .ok, "\(queue) \(status.state), accepting jobs (\(status.deviceURI ?? "no device"))")
        }
        let conditions = PrinterCondition.from(ippReasons: status.reasons)
        let printer: DoctorCheck
        if conditions.contains(.paperOut) {
            printer = DoctorCheck("printer", .fail, "out of paper", fix: "load a new 80 mm roll")
        } else if conditions.contains(.coverOpen) {
            printer = DoctorCheck("printer", .fail, "cover open", fix: "close the printer's cover")
        } else if conditions.contains(.offline) {
            printer = DoctorCheck("printer", .fail, "offline (\(status.reasons.joined(separator: ", ")))",
                                  fix: "check the printer is on and its USB cable; lsusb")
        } else if conditions.contains(.paperLow) {
            printer = DoctorCheck("printer", .warn, "paper low", fix: "have a roll ready")
        } else {
            printer = DoctorCheck("printer", .ok, "paper ok" + (status.reasons.isEmpty || status.reasons == ["none"] ? "" : " (\(status.reasons.joined(separator: ", ")))"))
        }
        return (queueCheck, printer)
    }

    func checkScanner() -> DoctorCheck {
        let (matcher, _) = DeviceCatalog.matcher(profiles: settings.profiles, dropIns: [settings.dropIns])
        let devices: [DeviceInfo]
        do { devices = try Udev().enumerate() } catch {
            return DoctorCheck("scanner", .warn, "udev cannot list devices: \(error)", fix: "check /run/udev and systemd-udevd")
        }
        let scanners = devices.map { matcher.classify($0).0 }.filter { $0.role == .barcodeScanner && $0.devnode != nil }
        guard let first = scanners.first else {
            return DoctorCheck("scanner", .warn, "no barcode scanner plugged in (ID cards cannot be scanned)",
                               fix: "plug it in; kioskctl devices list; a new model needs a profile (Hardware/profiles/README.md)")
        }
        let name = [first.vendor, first.model].compactMap { $0 }.joined(separator: " ")
        return DoctorCheck("scanner", .ok, "\(name.isEmpty ? first.vidPid ?? "scanner" : name) at \(first.devnode ?? "?")")
    }

    func checkUdevRules() -> DoctorCheck {
        guard let installed = settings.udevRules.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            return DoctorCheck("udev-rules", .fail, "70-onestop-kiosk.rules is not installed: scanners stay root-only",
                               fix: "kioskctl udev rules > /etc/udev/rules.d/70-onestop-kiosk.rules; udevadm control --reload; udevadm trigger")
        }
        let (profiles, _) = ProfileFile.load(shipped: settings.profiles, dropIns: [])
        guard !profiles.isEmpty else { return DoctorCheck("udev-rules", .ok, "\(installed) (no profiles at \(settings.profiles.path) to compare)") }
        let current = (try? String(contentsOfFile: installed, encoding: .utf8)) ?? ""
        guard current == UdevRules.generate(profiles) else {
            return DoctorCheck("udev-rules", .warn, "\(installed) differs from the profiles in \(settings.profiles.path)",
                               fix: "kioskctl udev rules > \(installed); udevadm control --reload; udevadm trigger")
        }
        return DoctorCheck("udev-rules", .ok, "\(installed) matches the profiles")
    }

    func checkIntake() async -> DoctorCheck {
        guard let url = settings.intakeURL else {
            return DoctorCheck("intake", .warn, "no intake.url: dossiers stay in the outbox", fix: "set intake.url in \(settings.configPath ?? "kiosk.yaml")")
        }
        // An unsaved key: the probe's signature does not matter to /healthz.
        let client = IntakeClient(baseURL: url, key: KioskKey(privateKey: Curve25519.Signing.PrivateKey(), keyID: "doctor"),
                                  requestTimeout: .seconds(5), trust: settings.intakeTrust,
                                  logger: Logger(label: "doctor", factory: { _ in SwiftLogNoOpLogHandler() }))
        defer { Task { await client.shutdown() } }
        let trust: String
        switch settings.intakeTrust {
        case .system: trust = url.hasPrefix("https://") ? "TLS, system CAs" : "no TLS"
        case .caFile(let f): trust = "TLS, CA \(f)"
        case .pin: trust = "TLS, pinned key"
        }
        switch await client.probe() {
        case .reachable(let status) where (200..<300).contains(status):
            return DoctorCheck("intake", .ok, "\(url) answers (\(trust))")
        case .reachable(let status):
            return DoctorCheck("intake", .warn, "\(url)/healthz answered HTTP \(status)", fix: "check intake.url (the API's base URL)")
        case .trustRefused(let why):
            return DoctorCheck("intake", .fail, "\(url): TLS refused: \(why)",
                               fix: "intake.ca_file or intake.pin in \(settings.configPath ?? "kiosk.yaml") must match the intake's certificate")
        case .unreachable(let why):
            return DoctorCheck("intake", .fail, "\(url) unreachable: \(why.prefix(160))",
                               fix: "check the network, the URL and the firewall (curl -v \(url)/healthz)")
        }
    }
}
