import Glibc

/// The pages of code and read-only data a process touched while starting, handed back to the
/// kernel once it has started.
///
/// The kernel keeps every page of a mapped file a process has touched (and the 64 KiB around
/// it) in that process until memory runs short. kioskd's start reads its content, opens and
/// migrates the store and formats its first reports: code that an idle kiosk never runs
/// again. ``release(maps:)`` asks the kernel (`MADV_PAGEOUT`) to take every page of the
/// process's read-only file mappings (its own binary and the libraries) out of it. The pages
/// stay in the page cache: whatever the kiosk runs next faults back in without a disk read.
/// Writable mappings and anonymous memory are never touched, nor are pages another process
/// maps too (the kernel leaves those).
///
/// ```swift
/// let released = try StartupPages.release()
/// print(released.mappings, released.bytes)   // 286 mappings, 78 MiB of address space advised
/// ```
public enum StartupPages {
    /// What ``release(maps:)`` advised.
    public struct Released: Sendable, Equatable {
        /// Mappings advised.
        public var mappings = 0
        /// Bytes of address space advised (not the memory freed, which is what of it was resident).
        public var bytes = 0
    }

    /// One line of `/proc/self/maps` worth releasing: its address range.
    public struct Mapping: Sendable, Equatable {
        public let start: UInt
        public let end: UInt
        public let path: String
    }

    /// The read-only mappings of files in `maps` (the text of `/proc/PID/maps`): no `w` in the
    /// permissions, and a path to a file (not `[heap]`, `[vdso]`, a device, a memfd or SysV memory).
    ///
    /// ```swift
    /// StartupPages.mappings(in: "55d0a000-55d0b000 r-xp 00001000 08:01 42 /usr/bin/kioskd\n")
    /// // [Mapping(start: 0x55d0a000, end: 0x55d0b000, path: "/usr/bin/kioskd")]
    /// ```
    public static func mappings(in maps: String) -> [Mapping] {
        maps.split(separator: "\n").compactMap { line -> Mapping? in
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, !fields[1].contains("w") else { return nil }
            let path = fields[5].trimmingLeadingSpaces
            guard path.hasPrefix("/"), !path.hasPrefix("/dev/"), !path.hasPrefix("/memfd:"), !path.hasPrefix("/SYSV"),
                  !path.hasSuffix(" (deleted)") else { return nil }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start
            else { return nil }
            return Mapping(start: start, end: end, path: String(path))
        }
    }

    /// Advises `MADV_PAGEOUT` on every mapping ``mappings(in:)`` finds in `maps` (default: this
    /// process's). A mapping the kernel refuses is skipped; the first refusal is thrown only
    /// when none was advised (e.g. a kernel older than 5.4: `EINVAL`).
    public static func release(maps: String? = nil) throws -> Released {
        let text = try maps ?? String(decoding: readProcFile("/proc/self/maps"), as: UTF8.self)
        var released = Released()
        var refusal: PosixError?
        for m in mappings(in: text) {
            do throws(PosixError) {
                try Posix.madvise(m.start, length: Int(m.end - m.start), advice: MADV_PAGEOUT)
                released.mappings += 1
                released.bytes += Int(m.end - m.start)
            } catch {
                refusal = refusal ?? error
            }
        }
        if released.mappings == 0, let refusal { throw refusal }
        return released
    }

    /// Resident memory of this process in KiB, from `/proc/self/status` (`VmRSS`); nil if unreadable.
    public static func residentKiB() -> Int? {
        guard let bytes = try? readProcFile("/proc/self/status") else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    /// A /proc file's bytes (its size is 0 to `stat`, so it is read to the end).
    static func readProcFile(_ path: String) throws(PosixError) -> [UInt8] {
        let fd = try Posix.open(path, O_RDONLY | O_CLOEXEC)
        defer { Posix.close(fd) }
        var out: [UInt8] = []
        while case .bytes(let chunk) = try Posix.read(fd, max: 65_536) { out += chunk }
        return out
    }
}

extension Substring {
    fileprivate var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}
