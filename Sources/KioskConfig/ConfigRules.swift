/// Settings that must agree with each other. The same rules check `kiosk.yaml` (named by YAML
/// path) and kioskd's final options after the flags (named by flag), so both say the same thing.
///
/// ```swift
/// ConfigRules.check(["intake.pin": "sha256/…", "intake.url": "http://10.0.0.5"])
/// // [Conflict(paths: ["intake.pin", "intake.url"], message: "intake.pin needs an https:// intake.url")]
/// ConfigRules.check(values, naming: .flags)   // "--intake-pin needs an https:// --intake-url"
/// ```
public enum ConfigRules {
    public enum Naming: Sendable { case yaml, flags }

    public struct Conflict: Sendable, Hashable, CustomStringConvertible {
        public var paths: [String]
        public var message: String
        public var description: String { message }
    }

    /// Every conflict among `values` (YAML path to value, as ``ConfigFile`` holds them). A rule
    /// whose settings are not all given is not checked, except where a setting needs another.
    public static func check(_ values: [String: String], naming: Naming = .yaml) -> [Conflict] {
        func n(_ path: String) -> String {
            naming == .yaml ? path : (ConfigSchema.key(path)?.mapping.flags.first ?? path)
        }
        var found: [Conflict] = []
        func add(_ paths: [String], _ message: String) { found.append(Conflict(paths: paths, message: message)) }

        if let helper = values["timeouts.helper_idle_seconds"].flatMap(Double.init),
           let warning = values["timeouts.warning_seconds"].flatMap(Double.init), helper <= warning {
            add(["timeouts.helper_idle_seconds", "timeouts.warning_seconds"],
                "\(n("timeouts.helper_idle_seconds")) must be longer than \(n("timeouts.warning_seconds"))")
        }
        if values["network.counter_api_enabled"] != "false", let address = values["network.counter_api"],
           let (host, port) = hostPort(address), !isLoopback(host), values["network.web_lan"] != "true" {
            add(["network.counter_api", "network.web_lan"],
                "the web server listens beyond loopback (\(host):\(port)) only with \(n("network.web_lan"))")
        }
        if (values["network.web_tls_cert"] == nil) != (values["network.web_tls_key"] == nil) {
            add(["network.web_tls_cert", "network.web_tls_key"], "\(n("network.web_tls_cert")) and \(n("network.web_tls_key")) go together")
        }
        if values["intake.ca_file"] != nil, values["intake.pin"] != nil {
            add(["intake.ca_file", "intake.pin"], "use \(n("intake.ca_file")) or \(n("intake.pin")), not both")
        }
        if values["intake.pin"] != nil, values["intake.url"]?.hasPrefix("https://") != true {
            add(["intake.pin", "intake.url"], "\(n("intake.pin")) needs an https:// \(n("intake.url"))")
        }
        if values["daemon.headless"] == "true", values["intake.url"] == nil {
            add(["daemon.headless", "intake.url"], "\(n("daemon.headless")) needs \(n("intake.url")): without a screen, forwarding is all kioskd does")
        }
        return found
    }

    /// `127.0.0.1:8089` → ("127.0.0.1", 8089); `[::1]:8089` too.
    public static func hostPort(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty || host.contains(" ") ? nil : (host, port)
    }

    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost"
    }
}
