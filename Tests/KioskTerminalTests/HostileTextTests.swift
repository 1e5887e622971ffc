import KioskCore
import KioskTerminal
import KioskTestSupport
import Testing

/// Issue 14's table of hostile strings drawn on the screen: the bytes the renderer writes hold
/// only sequences it emits itself (the VirtualTerminal understands every one and flags the rest),
/// and none of OSC, DCS, a title report, BEL or a C1 control.
@Suite struct HostileTextTests {
    static let table = HostileStrings.table

    @Test(arguments: table.map(\.name))
    func onlyTheRenderersOwnSequencesReachTheTerminal(name: String) {
        let value = Self.table.first { $0.name == name }!.value
        let size = Size(columns: 80, rows: 24)
        var buffer = CellBuffer(size: size)
        _ = buffer.draw(value, x: 2, y: 3, style: .plain, maxWidth: 70)
        var renderer = Renderer()
        let bytes = renderer.render(buffer)
        var vt = VirtualTerminal(size: size)
        vt.apply(bytes)
        #expect(vt.unexpected.isEmpty, "\(name): \(vt.unexpected.prefix(5))")
        let text = String(decoding: bytes, as: UTF8.self)
        for bad in ["\u{1B}]", "\u{1B}P", "\u{1B}[21t", "\u{07}", "\u{1B}\\"] {
            #expect(!text.contains(bad), "\(name): the renderer wrote \(bad.unicodeScalars.map(\.value))")
        }
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "\(name): a C1 control reached the terminal")
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E }, "\(name): a bidi override reached the terminal")
    }
}
