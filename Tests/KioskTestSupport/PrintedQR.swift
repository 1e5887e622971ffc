public import Foundation
import KioskSystem

/// The QR codes a print job carries, read back independently of the product: the job's
/// `GS v 0` raster bands are parsed here (not by `ESCPOSRaster`), written as a PBM picture
/// (with a white border for the quiet zone), and decoded by `zbarimg` (Debian's zbar-tools),
/// not by the libqrencode wrapper that drew them.
///
/// ```swift
/// let texts = try PrintedQR.decode(job: bytes)   // ["OSK1|261125010007|483920"]
/// ```
public enum PrintedQR {
    public static let zbarimg = "/usr/bin/zbarimg"

    public enum Failure: Error, CustomStringConvertible {
        case noZbar
        case noRaster
        case zbar(String)

        public var description: String {
            switch self {
            case .noZbar: return "\(PrintedQR.zbarimg) is missing: install zbar-tools (make install-deps)"
            case .noRaster: return "the print job holds no GS v 0 raster"
            case .zbar(let s): return "zbarimg failed: \(s)"
            }
        }
    }

    /// The job's raster: width in dots, and rows of dots (true = black), bands stacked.
    public static func raster(job: [UInt8]) -> (width: Int, rows: [[Bool]])? {
        var rows: [[Bool]] = []
        var width = 0
        var i = 0
        while i + 8 <= job.count {
            guard job[i] == 0x1D, job[i + 1] == 0x76, job[i + 2] == 0x30 else { i += 1; continue }
            let bytesPerRow = Int(job[i + 4]) | Int(job[i + 5]) << 8
            let height = Int(job[i + 6]) | Int(job[i + 7]) << 8
            let start = i + 8, end = start + bytesPerRow * height
            guard bytesPerRow > 0, end <= job.count else { return nil }
            width = max(width, bytesPerRow * 8)
            for r in 0..<height {
                var row = [Bool]()
                row.reserveCapacity(bytesPerRow * 8)
                for b in 0..<bytesPerRow {
                    let byte = job[start + r * bytesPerRow + b]
                    for bit in 0..<8 { row.append(byte & (0x80 >> bit) != 0) }
                }
                rows.append(row)
            }
            i = end
        }
        return rows.isEmpty ? nil : (width, rows)
    }

    /// A binary PBM (P4) of the raster with `border` white dots around it.
    public static func pbm(width: Int, rows: [[Bool]], border: Int = 32) -> Data {
        let w = width + 2 * border, h = rows.count + 2 * border
        var out = Data("P4\n\(w) \(h)\n".utf8)
        let stride = (w + 7) / 8
        for y in 0..<h {
            var line = [UInt8](repeating: 0, count: stride)
            let r = y - border
            if r >= 0 && r < rows.count {
                for (x, black) in rows[r].enumerated() where black {
                    let X = x + border
                    line[X / 8] |= 0x80 >> (X % 8)
                }
            }
            out.append(contentsOf: line)
        }
        return out
    }

    /// Every QR code `zbarimg` finds in the job, as text (empty when it finds none).
    public static func decode(job: [UInt8]) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: zbarimg) else { throw Failure.noZbar }
        guard let (width, rows) = raster(job: job) else { throw Failure.noRaster }
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("printed-\(UUID().uuidString).pbm")
        try pbm(width: width, rows: rows).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try ChildProcess.run(zbarimg, ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.path], timeout: 60)
        // zbarimg exits 4 when it found no code.
        guard r.status == 0 || r.status == 4 else { throw Failure.zbar("status \(r.status): \(r.stderr)") }
        return r.stdout.split(separator: "\n").map(String.init)
    }
}
