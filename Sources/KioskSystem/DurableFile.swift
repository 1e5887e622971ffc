public import Foundation
import Glibc

/// Writes files so that, once the call returns, they survive a power cut.
///
/// ```swift
/// try DurableFile.write(Data("NV001 ...\n".utf8), to: "/var/lib/onestop-kiosk/staff-keys")
/// try DurableFile.create(Data(rawKey), at: "/var/lib/onestop-kiosk/kiosk.key")   // never replaces
/// ```
public enum DurableFile {
    /// Writes `data` to a temporary file, fsyncs it, renames it over `path`,
    /// then fsyncs the directory so the rename itself is durable.
    /// - Throws: ``PosixError`` naming the call that failed.
    public static func write(_ data: Data, to path: String) throws(PosixError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).\(getpid()).tmp"
        try fill(Posix.open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o600), at: tmp, with: data)
        do throws(PosixError) { try Posix.rename(tmp, to: path) } catch {
            try? Posix.unlink(tmp)
            throw error
        }
        try Posix.fsyncDirectory(dir)
    }

    /// Creates `path` with `data` (mode 0600) and fsyncs it and its directory; fails with
    /// `EEXIST` rather than replace a file that is already there (a key, for example); a file
    /// it could not write whole is removed.
    /// - Throws: ``PosixError`` naming the call that failed.
    public static func create(_ data: Data, at path: String) throws(PosixError) {
        try fill(Posix.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600), at: path, with: data)
        try Posix.fsyncDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Writes `data` into the new file `fd` (at `path`), fsyncs and closes it; removes the
    /// file when that fails, since half a file would be read back as a bad one.
    private static func fill(_ fd: Int32, at path: String, with data: Data) throws(PosixError) {
        defer { Posix.close(fd) }
        do throws(PosixError) {
            try Posix.writeAll(fd, data)
            try Posix.fsync(fd)
        } catch {
            try? Posix.unlink(path)
            throw error
        }
    }
}
