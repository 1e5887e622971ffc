/// Every key of `/etc/onestop-kiosk/kiosk.yaml`, one line each, in the order `--print-config`
/// prints them. docs/configuration.md is the same table for people.
///
/// ```swift
/// ConfigSchema.key("timeouts.idle_seconds")?.mapping   // .option("--idle-seconds")
/// ```
public enum ConfigSchema {
    public static let defaultPath = "/etc/onestop-kiosk/kiosk.yaml"

    public static let keys: [ConfigKey] = [
        ConfigKey("centre.name", .option("--centre-name"), .text, "the centre's name on screen and tickets (else Kiosk/services.yaml)"),
        ConfigKey("centre.code", .option("--kiosk-id"), .code, "the code the intake knows this kiosk by (else services.yaml's kiosk_id)"),
        ConfigKey("centre.status_url", .option("--status-url"), .text, "the province's https page to check a dossier's status ({code}, {lookup}); else services.yaml's links"),
        ConfigKey("intake.url", .option("--intake-url"), .url, "the central intake's base URL; without it dossiers wait in the outbox"),
        ConfigKey("intake.ca_file", .option("--intake-ca"), .path(mustExist: true), "PEM file of the CAs the intake's certificate must chain to"),
        ConfigKey("intake.pin", .option("--intake-pin"), .pin, "sha256/BASE64 of the intake's self-signed certificate's public key"),
        ConfigKey("intake.seal_key", .option("--intake-seal-key"), .path(mustExist: true), "the intake's HPKE public key (onestop-intake seal-keygen's FILE.pub): confirmed dossiers are sealed to it"),
        ConfigKey("intake.heartbeat_seconds", .option("--heartbeat-seconds"), .number(5...86400), "seconds between heartbeats"),
        ConfigKey("network.counter_api", .option("--counter-api"), .hostPort, "where the web server (counters' API, /counter, /board, /metrics) listens; LAN only with web_lan"),
        ConfigKey("network.counter_api_enabled", .offSwitch("--no-counter-api"), .bool, "serve the web server at all"),
        ConfigKey("network.counter_token_file", .option("--counter-token-file"), .path(mustExist: true), "file with the token tools send without a staff session"),
        ConfigKey("network.web_lan", .onSwitch("--web-lan"), .bool, "let the web server listen beyond loopback (counters' PCs, the hall's TV)"),
        ConfigKey("network.web_tls_cert", .option("--web-tls-cert"), .path(mustExist: true), "PEM certificate chain: the web pages over HTTPS"),
        ConfigKey("network.web_tls_key", .option("--web-tls-key"), .path(mustExist: true), "PEM private key of web_tls_cert"),
        ConfigKey("network.web_require_tls", .onSwitch("--web-require-tls"), .bool, "refuse to listen beyond loopback without HTTPS"),
        ConfigKey("paths.web_dir", .option("--web-dir"), .path(mustExist: false), "the web pages' files (else CONTENT/web)"),
        ConfigKey("screen.theme", .option("--theme"), .choice(["high-contrast", "inverted"]), "colours"),
        ConfigKey("screen.font_size", .session, .integer(8...96), "foot's font size in points (at 96 dpi); 28 gives a capital H of 27 px", default: "28"),
        ConfigKey("timeouts.idle_seconds", .option("--idle-seconds"), .number(5...3600), "seconds without input before the inactivity warning"),
        ConfigKey("timeouts.warning_seconds", .option("--warning-seconds"), .number(1...600), "seconds the inactivity warning counts down"),
        ConfigKey("timeouts.helper_idle_seconds", .option("--helper-idle-seconds"), .number(10...7200), "seconds without input before helper mode ends"),
        ConfigKey("speech.enabled", .toggle(on: "--speech", off: "--no-speech"), .bool, "spoken guidance on when a session starts"),
        ConfigKey("speech.volume", .option("--volume"), .integer(0...200), "espeak-ng's amplitude: 100 normal, 200 loudest"),
        ConfigKey("speech.wav_dir", .option("--speech-wav-dir"), .path(mustExist: false), "where speech goes as WAV files when there is no sound device"),
        ConfigKey("queue.policy", .option("--queue-policy"), .queuePolicy, "strict or weighted:MINUTES (else services.yaml)"),
        ConfigKey("retention.days", .option("--retention-days"), .integer(0...3650), "days a dossier's local copies stay on the kiosk after the central system acknowledged it (0: keep; default 7)"),
        ConfigKey("printer.queue", .option("--printer"), .code, "the CUPS queue for tickets and receipts"),
        ConfigKey("printer.a4_queue", .option("--a4-printer"), .code, "the CUPS queue of the A4 printer for the official forms"),
        ConfigKey("printer.cups_server", .option("--cups-server"), .text, "CUPS server: host[:port] or a socket path"),
        ConfigKey("printer.paper_width_dots", .option("--paper-width-dots"), .integer(128...1024), "printer width when no profile says (576: 80 mm)"),
        ConfigKey("printer.poll_seconds", .option("--printer-poll-seconds"), .number(0.2...3600), "seconds between printer status checks"),
        ConfigKey("devices.enabled", .offSwitch("--no-devices"), .bool, "look for scanners and printers through udev"),
        ConfigKey("devices.profiles", .option("--profiles"), .path(mustExist: false), "device profiles folder"),
        ConfigKey("devices.profile_drop_ins", .option("--profile-drop-ins"), .path(mustExist: false), "drop-in device profiles folder"),
        ConfigKey("paths.state_dir", .option("--state-dir"), .path(mustExist: false), "database, keys and attachments"),
        ConfigKey("paths.database", .option("--database"), .path(mustExist: false), "SQLite database file"),
        ConfigKey("paths.content", .option("--content"), .path(mustExist: false), "content folder (procedures, services, locales)"),
        ConfigKey("paths.key", .option("--key"), .path(mustExist: false), "the kiosk's Ed25519 key file"),
        ConfigKey("paths.badge_key", .option("--badge-key"), .path(mustExist: false), "the key staff badges are signed with"),
        ConfigKey("paths.scan_inbox", .option("--scan-inbox"), .path(mustExist: false), "folder the document scanner saves into"),
        ConfigKey("paths.log_file", .option("--log-file"), .path(mustExist: false), "log to this file instead of stdout (the journal)"),
        ConfigKey("staff.pkcs11_module", .option("--pkcs11-module"), .path(mustExist: false), "PKCS#11 module staff tokens are reached through (else p11-kit's proxy)"),
        ConfigKey("daemon.headless", .onSwitch("--headless"), .bool, "no screen: store-and-forward only"),
    ]

    /// kioskd options the file does not carry: they choose the file, or only make sense by hand.
    /// `--web-listen` is the command line's newer name of `--counter-api` (`network.counter_api`).
    public static let commandLineOnly: Set<String> = ["--config", "--print-config", "--demo", "--help", "--version", "--web-listen"]

    /// The sections, in order.
    public static var sections: [String] {
        var seen: [String] = []
        for k in keys where !seen.contains(k.section) { seen.append(k.section) }
        return seen
    }

    public static func key(_ path: String) -> ConfigKey? { keys.first { $0.path == path } }
}
