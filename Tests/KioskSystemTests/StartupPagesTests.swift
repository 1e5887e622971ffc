import Foundation
import Glibc
import KioskSystem
import Testing

/// Handing start-up pages back: which mappings are chosen, and the kernel really taking a
/// touched file mapping's pages out of this process.
@Suite struct StartupPagesTests {
    @Test func onlyReadOnlyMappingsOfFilesAreChosen() {
        let maps = """
        55d0a000-55d0b000 r--p 00000000 08:01 42                         /usr/bin/kioskd
        55d0b000-55d1b000 r-xp 00001000 08:01 42                         /usr/bin/kioskd
        55d1b000-55d1c000 rw-p 00011000 08:01 42                         /usr/bin/kioskd
        55d1c000-55d3d000 rw-p 00000000 00:00 0                          [heap]
        7f00000000-7f00001000 r--p 00000000 08:01 77                     /usr/lib/x86_64-linux-gnu/libc.so.6
        7f00001000-7f00002000 r--s 00000000 00:05 9                      /memfd:frame (deleted)
        7f00002000-7f00003000 r--s 00000000 00:05 10                     /dev/shm/x
        7f00003000-7f00004000 r-xp 00000000 08:01 78                     /tmp/old build (deleted)
        7f00004000-7f00005000 r--p 00000000 08:01 79                     /opt/a dir/lib x.so
        7f00005000-7f00006000 ---p 00000000 00:00 0
        7ffc0000-7ffc1000 r-xp 00000000 00:00 0                          [vdso]
        """
        let chosen = StartupPages.mappings(in: maps)
        #expect(chosen.map(\.path) == ["/usr/bin/kioskd", "/usr/bin/kioskd", "/usr/lib/x86_64-linux-gnu/libc.so.6",
                                        "/opt/a dir/lib x.so"])
        #expect(chosen.first?.start == 0x55d0a000)
        #expect(chosen.first?.end == 0x55d0b000)
    }

    @Test func thisProcessMapsItsOwnBinary() throws {
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        defer { try? handle.close() }
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #expect(StartupPages.mappings(in: maps).contains { $0.path == exe })
    }

    /// A 4 MiB file mapped read-only and read through: all of it is resident in this process;
    /// released, none of it is, and reading it again gives the same bytes.
    @Test func aTouchedFileMappingLeavesTheProcessAndComesBackIntact() throws {
        let path = NSTemporaryDirectory() + "startup-pages-\(getpid())"
        let size = 4 << 20
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        let base = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, size) }
        let view = base.assumingMemoryBound(to: UInt8.self)
        func sum() -> Int { stride(from: 0, to: size, by: 4096).reduce(0) { $0 + Int(view[$1]) } }
        let expected = stride(from: 0, to: size, by: 4096).reduce(0) { $0 + Int(bytes[$1]) }
        #expect(sum() == expected)
        let start = UInt(bitPattern: base)
        let line = "\(String(start, radix: 16))-\(String(start + UInt(size), radix: 16)) r--p 00000000 08:01 1 \(path)"
        #expect(try residentKiB(of: start) == size / 1024)

        let released = try StartupPages.release(maps: line)
        #expect(released.mappings == 1)
        #expect(released.bytes == size)
        #expect(try residentKiB(of: start) == 0)
        #expect(sum() == expected)
    }

    @Test func residentMemoryIsRead() throws {
        let rss = try #require(StartupPages.residentKiB())
        #expect(rss > 1024)
    }

    /// `Rss:` of the mapping that starts at `start`, from /proc/self/smaps.
    func residentKiB(of start: UInt) throws -> Int {
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let head = String(start, radix: 16) + "-"
        var inside = false
        for line in smaps.split(separator: "\n") {
            if line.hasPrefix(head) { inside = true }
            if inside, line.hasPrefix("Rss:") { return Int(line.split(separator: " ")[1]) ?? -1 }
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}
