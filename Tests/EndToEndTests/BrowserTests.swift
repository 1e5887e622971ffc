import Foundation
import KioskTestSupport
import Testing

/// The counter page and the hall's board in real browsers (Debian's chromium, headless, through
/// chromedriver and python3-selenium): `Tests/Browser/board_counter.py` starts kioskd, drives
/// both pages and prints one line per check. A missing browser or driver is a failure that says
/// what to install. `BOARD_SCREENSHOTS=DIR` also saves the README's screenshots there.
@Suite(.serialized) struct BrowserTests {
    @Test func counterF1ShowsOnTheBoardWithinASecondLockoutRestartAndLegibility() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool),
                         "\(tool) is missing: run make install-deps (chromium, chromium-driver, python3-selenium)")
        }
        let demo = try DemoFixture()
        try addStaff(demo, "NV001", pin: CounterBoardTests.pin)
        try addStaff(demo, "NV002", pin: CounterBoardTests.pin, name: "Trần Văn Bình")
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Browser/board_counter.py").path
        var args = ["--kioskd-cmd", demo.kioskdCommand(extra: ["--no-devices", "--headless"]),
                    "--port-file", demo.dir.appendingPathComponent("counter-api.port").path,
                    "--log", demo.dir.appendingPathComponent("browser-kioskd.out").path,
                    "--staff", "NV001", "--pin", CounterBoardTests.pin, "--lock-staff", "NV002"]
        if let dir = ProcessInfo.processInfo.environment["BOARD_SCREENSHOTS"], !dir.isEmpty { args += ["--screenshots", dir] }
        // The script's first line runs Debian's python3, where python3-selenium is.
        let r = try TestEnvironment.run(script, args)
        print(r.stdout)
        #expect(r.status == 0, "board_counter.py exited \(r.status):\n\(r.stdout)\n\(r.stderr.suffix(3000))")
        #expect(r.stdout.contains("browser-test: all checks passed"))
        #expect(!r.stdout.contains("FAIL"))
    }
}
