import Foundation
import GRDB
import Glibc
import KioskSystem

/// Room kept in the WAL file so that a durable commit never makes it grow.
///
/// A commit appends its pages to the WAL and `fdatasync`s it. When the append makes the file
/// longer, the file system must also write the new size and the new blocks in its journal,
/// and that commit waits for whatever else is in the journal then (the print spooler's files,
/// the log): on this machine a ticket's commit took 0.38 ms on a growing file against 0.25 ms
/// on one that was already long enough, alone, and more under load. SQLite writes its WAL from
/// the start again after each checkpoint (every 1,000 pages) and does not shorten it, so a kiosk
/// that has run a while commits into a long-enough WAL anyway; a fresh start, or retention's
/// truncating checkpoint, begins again from zero bytes. ``reserveWAL()`` makes the WAL
/// ``walReserveBytes`` long with zeros at once, behind the first frame.
///
/// Safe: the zeros are written while this connection holds the write lock (`BEGIN IMMEDIATE`),
/// after the WAL's last frame, so no frame can be written meanwhile; SQLite reads a WAL frame by
/// frame and stops at the first whose checksum fails, and zeros fail it.
///
/// ```swift
/// let db = try KioskDatabase(path: path)   // reserves the WAL
/// try db.checkpointTruncate()              // and so does retention's truncating checkpoint
/// ```
extension KioskDatabase {
    /// SQLite's automatic checkpoint comes at 1,000 pages of 4 KiB, each with a 24-byte frame header.
    public static let walReserveBytes = 1_000 * (4_096 + 24) + 32

    /// The WAL file beside the database.
    public var walPath: String { path + "-wal" }

    /// Extends the WAL with zeros to ``walReserveBytes`` if it is shorter, under the write lock,
    /// and syncs it. Nothing to do when the WAL is long enough or not there.
    public func reserveWAL() throws {
        let walPath = self.walPath
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try Self.extendWithZeros(walPath, to: Self.walReserveBytes)
                return .commit
            }
        }
    }

    static func extendWithZeros(_ path: String, to size: Int) throws {
        guard let current = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
              current < size else { return }
        let fd = try Posix.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        defer { Posix.close(fd) }
        let chunk = [UInt8](repeating: 0, count: 256 * 1024)
        var left = size - current
        while left > 0 {
            let n = min(left, chunk.count)
            try Posix.writeAll(fd, chunk[0..<n])
            left -= n
        }
        try Posix.fsync(fd)
    }
}
