import CKioskSys
import Foundation

/// Writes files so that, once the call returns, they survive a power cut.
public enum DurableFile {
    /// Writes `data` to a temporary file, fsyncs it, renames it over `path`,
    /// then fsyncs the directory so the rename itself is durable.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var ok = true
        data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                off += n
            }
        }
        if ok { ok = fsync(fd) == 0 }
        let e = errno
        close(fd)
        guard ok else {
            unlink(tmp)
            throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
        }
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
        }
        let r = kiosk_fsync_dir(dir)
        if r != 0 { throw POSIXError(POSIXErrorCode(rawValue: -r) ?? .EIO) }
    }
}
