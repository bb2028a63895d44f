public import Foundation
internal import CPoppler

/// An RGB colour with components in 0...1.
public struct RGBColor: Sendable, Hashable, Codable {
    /// Red, 0...1.
    public var red: Double
    /// Green, 0...1.
    public var green: Double
    /// Blue, 0...1.
    public var blue: Double

    /// The colour of these components, each 0...1.
    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The yellow of a highlighter pen.
    public static let highlighterYellow = RGBColor(red: 1, green: 0.86, blue: 0.2)

    /// Parses `#rrggbb` or `rrggbb` (hexadecimal), or nil.
    public init?(hex: String) {
        var digits = hex
        if digits.hasPrefix("#") { digits.removeFirst() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(
            red: Double((value >> 16) & 0xFF) / 255, green: Double((value >> 8) & 0xFF) / 255,
            blue: Double(value & 0xFF) / 255)
    }
}

/// A rendered image: opaque RGB pixels, row by row from the top.
public struct Bitmap: Sendable {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// `0xFFRRGGBB` per pixel, `width * height` of them.
    public let pixels: [UInt32]

    /// The pixel at column `x`, row `y` (top-left origin).
    public func pixel(x: Int, y: Int) -> RGBColor {
        let p = pixels[y * width + x]
        return RGBColor(
            red: Double((p >> 16) & 0xFF) / 255, green: Double((p >> 8) & 0xFF) / 255,
            blue: Double(p & 0xFF) / 255)
    }

    /// The image as PNG bytes. The corresponding C function is
    /// `cairo_surface_write_to_png_stream`.
    public func pngData() -> Data {
        var copy = pixels
        let stride = width * 4
        return copy.withUnsafeMutableBytes { raw -> Data in
            guard let surface = cairo_image_surface_create_for_data(
                raw.baseAddress!.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_RGB24,
                Int32(width), Int32(height), Int32(stride))
            else { return Data() }
            defer { cairo_surface_destroy(surface) }
            return writePNG(surface)
        }
    }
}

/// Collects the bytes cairo writes (the closure context of
/// `cairo_surface_write_to_png_stream`).
private final class PNGSink {
    var data = Data()
}

private func writePNG(_ surface: OpaquePointer) -> Data {
    let sink = PNGSink()
    let context = Unmanaged.passUnretained(sink).toOpaque()
    let status = withExtendedLifetime(sink) {
        cairo_surface_write_to_png_stream(
            surface,
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue()
                sink.data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, context)
    }
    return status == CAIRO_STATUS_SUCCESS ? sink.data : Data()
}

extension PDFPage {
    /// The largest image ``render(region:scale:highlights:color:)`` makes,
    /// in pixels (a guard against huge pages and scales).
    public static let maximumPixels = 40_000_000

    /// Renders a region of the page on a white background, optionally
    /// with highlighter marks drawn over some rectangles.
    ///
    /// - Parameters:
    ///   - region: the part of the page to render, in top-left page space
    ///     (points); nil for the whole page. Clamped to the page.
    ///   - scale: pixels per point (2 gives 144 dpi).
    ///   - highlights: rectangles in top-left page space to mark.
    ///   - color: the highlighter colour, drawn with a multiply blend so the
    ///     text stays legible.
    /// - Returns: an image of `ceil(region.width * scale)` by
    ///   `ceil(region.height * scale)` pixels.
    /// - Throws: ``PDFError/renderFailed(path:page:reason:)`` when the image
    ///   would be empty or too large, or cairo fails. The corresponding C
    ///   function is `poppler_page_render`.
    public func render(
        region: Rect? = nil, scale: Double = 2, highlights: [Rect] = [],
        color: RGBColor = .highlighterYellow
    ) throws(PDFError) -> Bitmap {
        let size = self.size
        let page = Rect(minX: 0, minY: 0, maxX: size.width, maxY: size.height)
        guard let area = (region ?? page).intersection(page), scale > 0, scale.isFinite else {
            throw .renderFailed(path: document.path, page: number, reason: "the region is empty or off the page")
        }
        let width = Int((area.width * scale).rounded(.up))
        let height = Int((area.height * scale).rounded(.up))
        guard width > 0, height > 0, width * height <= Self.maximumPixels else {
            throw .renderFailed(
                path: document.path, page: number, reason: "an image of \(width)×\(height) pixels is too large")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw .renderFailed(path: document.path, page: number, reason: "cairo could not allocate the image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            throw .renderFailed(path: document.path, page: number, reason: "cairo could not allocate the image")
        }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, -area.minX, -area.minY)
        poppler_page_render(handle, cr)
        if !highlights.isEmpty {
            cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY)
            cairo_set_source_rgb(cr, color.red, color.green, color.blue)
            for rect in highlights {
                cairo_rectangle(cr, rect.minX, rect.minY, rect.width, rect.height)
            }
            cairo_fill(cr)
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw .renderFailed(path: document.path, page: number, reason: "cairo returned no pixels")
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for row in 0..<height {
            let source = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                pixels[row * width + column] = source[column] | 0xFF00_0000
            }
        }
        return Bitmap(width: width, height: height, pixels: pixels)
    }
}
