import Foundation
import KioskTestSupport
import Testing

/// The kiosk session on a real compositor: cage (headless wlroots, software rendering) runs
/// Hardware/session/kiosk-session.sh, which starts foot at kiosk.yaml's font size running
/// kioskd. grim takes a screenshot; kioskd says which frame it drew (`--frame-dump`, debug
/// builds). The test checks that every cell kioskd drew text in has ink on screen and blank
/// cells are blank (so the welcome screen is there), and measures a capital H.
@Suite(.serialized) struct SessionScreenshotTests {
    /// A P6 PPM, as `grim -t ppm` writes it.
    struct Picture {
        var width = 0, height = 0
        var rgb: [UInt8] = []

        init(ppm data: Data) throws {
            let bytes = [UInt8](data)
            var fields: [String] = [], i = 0, current = ""
            while fields.count < 4, i < bytes.count {
                let c = bytes[i]
                i += 1
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                    if !current.isEmpty { fields.append(current); current = "" }
                } else { current.append(Character(UnicodeScalar(c))) }
            }
            guard fields.count == 4, fields[0] == "P6", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255",
                  bytes.count - i >= w * h * 3 else { throw Failure("not a P6 PPM: \(fields)") }
            width = w
            height = h
            rgb = Array(bytes[i..<(i + w * h * 3)])
        }

        func pixel(_ x: Int, _ y: Int) -> (Int, Int, Int) {
            let o = (y * width + x) * 3
            return (Int(rgb[o]), Int(rgb[o + 1]), Int(rgb[o + 2]))
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// The cell's most common colour (its background), and whether any pixel differs from it by
    /// more than `threshold` in a channel.
    static func ink(_ p: Picture, x0: Int, y0: Int, w: Int, h: Int, threshold: Int = 96) -> (rows: [Int], any: Bool) {
        var counts: [Int: Int] = [:]
        for y in y0..<(y0 + h) { for x in x0..<(x0 + w) { let c = p.pixel(x, y); counts[c.0 << 16 | c.1 << 8 | c.2, default: 0] += 1 } }
        let bg = counts.max { $0.value < $1.value }?.key ?? 0
        let (br, bgc, bb) = (bg >> 16, (bg >> 8) & 0xFF, bg & 0xFF)
        var rows: [Int] = []
        for y in y0..<(y0 + h) {
            for x in x0..<(x0 + w) {
                let c = p.pixel(x, y)
                if abs(c.0 - br) > threshold || abs(c.1 - bgc) > threshold || abs(c.2 - bb) > threshold { rows.append(y); break }
            }
        }
        return (rows, !rows.isEmpty)
    }

    /// Block elements and box drawing fill their cell: no ink against a background of their own.
    static func isBlock(_ c: Character) -> Bool {
        c.unicodeScalars.first.map { (0x2500...0x259F).contains($0.value) } ?? false
    }

    @Test func theWelcomeScreenOnCageAndATallEnoughH() throws {
        for tool in ["cage", "foot", "grim", "setpriv"] {
            #expect(TestEnvironment.has(tool), "\(tool) is missing: make install-deps installs cage, foot and grim")
        }
        let root = TestEnvironment.packageRoot
        let dir = try TestEnvironment.temporaryDirectory("session")
        defer { try? FileManager.default.removeItem(at: dir) }
        let runtime = dir.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let config = dir.appendingPathComponent("kiosk.yaml").path
        try "screen:\n  font_size: 28\n".write(toFile: config, atomically: true, encoding: .utf8)
        let frame = dir.appendingPathComponent("frame.txt").path
        let shot = dir.appendingPathComponent("shot.ppm").path
        let kioskdArgs = ["--demo", "--state-dir", dir.path, "--content", root.appendingPathComponent("Kiosk").path,
                          "--log-file", dir.appendingPathComponent("kioskd.log").path, "--no-devices", "--no-counter-api",
                          "--cups-server", dir.appendingPathComponent("no-cups.sock").path, "--frame-dump", frame]
        // What cage runs: the session script (once), then, when kioskd has drawn the welcome
        // screen, a screenshot; then the session ends.
        let driver = dir.appendingPathComponent("driver.sh").path
        try """
            #!/bin/sh
            KIOSK_ONESHOT=1 KIOSKD='\(TestEnvironment.binary("kioskd"))' KIOSKCTL='\(TestEnvironment.binary("kioskctl"))' \\
                KIOSK_CONFIG='\(config)' FOOT_CONFIG='\(root.appendingPathComponent("Hardware/session/foot.ini").path)' \\
                KIOSKD_ARGS='\(kioskdArgs.joined(separator: " "))' '\(root.appendingPathComponent("Hardware/session/kiosk-session.sh").path)' &
            session=$!
            i=0
            until grep -q 'Lấy số thứ tự' '\(frame)' 2>/dev/null; do
                i=$((i + 1)); [ $i -gt 300 ] && { echo 'driver: kioskd drew no welcome screen in 30 s' >&2; break; }
                sleep 0.1
            done
            sleep 1.5
            grim -t ppm '\(shot)' || echo 'driver: grim failed' >&2
            grim '\(dir.path)/shot.png' || true
            # foot (the session script's child) closes its window, and cage ends with its last window.
            pkill -TERM -P $session foot 2>/dev/null
            wait $session
            """.write(toFile: driver, atomically: true, encoding: .utf8)
        chmod(driver, 0o755)
        // cage refuses to run as root: the session runs as nobody, as it runs as kiosk on a kiosk.
        _ = try TestEnvironment.run("/usr/bin/chown", ["-R", "65534:65534", dir.path])
        let env = ["PATH": "/usr/bin:/bin", "HOME": dir.path, "XDG_RUNTIME_DIR": runtime.path, "XDG_CACHE_HOME": dir.path + "/cache",
                   "LANG": "C.UTF-8", "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
                   "WLR_XWAYLAND": "/usr/bin/false"]
        // -r -r: the output turned 180° (grim turns the picture back). Debian 12's cage scans a
        // fullscreen client's buffer straight out, and on the headless backend that freezes the
        // output on the client's first frame; a transform makes cage composite every frame.
        let r = try TestEnvironment.run("/usr/bin/timeout", ["90", "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                                             "/usr/bin/cage", "-d", "-r", "-r", "--", driver], environment: env)
        let log = r.stdout + r.stderr
        let dump = try String(contentsOfFile: frame, encoding: .utf8)
        var lines = dump.components(separatedBy: "\n")
        let size = lines.removeFirst().split(separator: "x").compactMap { Int($0) }
        try #require(size.count == 2 && dump.contains("Lấy số thứ tự"), "kioskd's frame: \(dump)\n\(log)")
        let (cols, rows) = (size[0], size[1])
        let picture = try Picture(ppm: try Data(contentsOf: URL(fileURLWithPath: shot)))
        // foot's cell, from its log (`cell width=22, height=44` for DejaVu Sans Mono 28 pt at 96 dpi).
        let cell = try #require(log.firstMatch(of: /cell width=(\d+), height=(\d+)/), "foot did not say its cell size:\n\(log)")
        let (cw, ch) = (Int(cell.1)!, Int(cell.2)!)
        #expect(cols == picture.width / cw && rows == picture.height / ch, "\(cols)x\(rows) cells of \(cw)x\(ch) on \(picture.width)x\(picture.height)")
        // foot centres the grid (pad=0x0 center).
        let (x0, y0) = ((picture.width - cols * cw) / 2, (picture.height - rows * ch) / 2)

        var textCells = 0, blankCells = 0, blankWithInk = 0
        var missing: [String] = []
        var capitalH: [Int] = []
        for (row, line) in lines.prefix(rows).enumerated() {
            for (col, c) in line.enumerated() where col < cols && !Self.isBlock(c) {
                let seen = Self.ink(picture, x0: x0 + col * cw, y0: y0 + row * ch, w: cw, h: ch)
                if c == " " {
                    blankCells += 1
                    if seen.any { blankWithInk += 1 }
                } else {
                    textCells += 1
                    if !seen.any { missing.append("'\(c)' at \(col),\(row)") }
                    if c == "H" { capitalH.append(seen.rows.last! - seen.rows.first! + 1) }
                }
            }
        }
        print("session: \(picture.width)x\(picture.height), \(cols)x\(rows) cells of \(cw)x\(ch) px, \(textCells) text cells, "
              + "\(blankWithInk)/\(blankCells) blank cells with ink, capital H: \(capitalH) px")
        #expect(textCells > 100 && missing.isEmpty, "cells kioskd drew that are blank on screen: \(missing.prefix(20))")
        #expect(Double(blankWithInk) <= Double(blankCells) * 0.02, "\(blankWithInk) of \(blankCells) blank cells have ink")
        // EN 301 549 5.1.4 as the issue sets it for a 21.5-inch 1080p panel: at least 27 px.
        let h = try #require(capitalH.max(), "no capital H on the welcome screen: \(dump)")
        #expect(h >= 27, "capital H is \(h) px at the default font size")
        #expect(Set(capitalH).count == 1, "every H the same height: \(capitalH)")
        try? FileManager.default.removeItem(atPath: root.appendingPathComponent(".build/session-screenshot.png").path)
        try? FileManager.default.copyItem(atPath: dir.path + "/shot.png", toPath: root.appendingPathComponent(".build/session-screenshot.png").path)
    }
}
