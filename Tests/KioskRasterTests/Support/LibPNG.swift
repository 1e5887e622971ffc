import CPNG

/// Owns a libpng `png_image` (simplified API); `png_image_free` runs in `deinit`.
/// Used as an independent decoder to check `PNGEncoder`.
final class LibPNGImage {
    let image: UnsafeMutablePointer<png_image>

    init() {
        image = .allocate(capacity: 1)
        image.initialize(to: png_image())
        image.pointee.version = UInt32(PNG_IMAGE_VERSION)
    }

    deinit {
        png_image_free(image)
        image.deinitialize(count: 1)
        image.deallocate()
    }

    /// Decodes `png` to 8-bit grey samples (0 = black). nil with libpng's message on failure.
    static func decodeGray(_ png: [UInt8]) -> (width: Int, height: Int, pixels: [UInt8])? {
        let owner = LibPNGImage()
        let ok = png.withUnsafeBytes { png_image_begin_read_from_memory(owner.image, $0.baseAddress, $0.count) }
        guard ok != 0 else { return nil }
        owner.image.pointee.format = UInt32(PNG_FORMAT_GRAY)
        let width = Int(owner.image.pointee.width), height = Int(owner.image.pointee.height)
        var pixels = [UInt8](repeating: 0x55, count: width * height)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(owner.image, nil, $0.baseAddress, Int32(width), nil)
        }
        guard finished != 0 else { return nil }
        return (width, height, pixels)
    }
}
