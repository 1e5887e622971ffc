import Foundation
import Hummingbird
import NIOCore

/// The pages' files: `Kiosk/web/` (HTML, CSS, JavaScript staff may change) and the DejaVu
/// fonts from Debian's `fonts-dejavu-core`, served by kioskd itself (no CDN, no web font
/// from outside, no build step). Only plain names with a known extension are served, so no
/// path can leave the folder.
///
/// ```
/// GET /board                          Kiosk/web/board.html
/// GET /counter                        Kiosk/web/counter.html
/// GET /web/board.js                   Kiosk/web/board.js
/// GET /web/fonts/DejaVuSans-Bold.ttf  /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
/// ```
struct WebAssets {
    let directory: URL

    static let fontDirectory = "/usr/share/fonts/truetype/dejavu"
    static let fonts: Set<String> = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]
    static let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
                        "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
                        "wav": "audio/wav", "ico": "image/x-icon"]

    /// `board.js` yes; `../x`, `.hidden`, `a/b.js`, `x.sh` no.
    static func isPlainName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), types[String(name[name.index(after: dot)...])] != nil else { return false }
        return !name.hasPrefix(".") && name.count <= 64
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
    }

    func file(_ path: String, type: String, cache: String = "no-cache") -> Response {
        guard let data = FileManager.default.contents(atPath: path) else {
            return HTTPReply.problem(.notFound, "NOT-FOUND", "no such file")
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: cache],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func register(_ router: Router<WebContext>) {
        let html = Self.types["html"]!
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/board"]) }
        router.get("/board") { _, _ in file(directory.appendingPathComponent("board.html").path, type: html) }
        router.get("/counter") { _, _ in file(directory.appendingPathComponent("counter.html").path, type: html) }
        router.get("/web/:name") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard Self.isPlainName(name), let ext = name.split(separator: ".").last, let type = Self.types[String(ext)] else {
                return HTTPReply.problem(.notFound, "NOT-FOUND", "no such file")
            }
            return file(directory.appendingPathComponent(name).path, type: type)
        }
        router.get("/web/fonts/:name") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard Self.fonts.contains(name) else { return HTTPReply.problem(.notFound, "NOT-FOUND", "no such font") }
            return file("\(Self.fontDirectory)/\(name)", type: "font/ttf", cache: "public, max-age=86400")
        }
    }
}
