import Foundation
import Testing
import PDFCore

@Suite("Rendering")
struct RenderingTests {
    @Test("renders a region at the requested size on white, with ink where the glyphs are")
    func region() throws {
        let page = try PDFDocument(path: Samples.edge("no-id.pdf")).page(1)
        let text = page.text()
        let word = text.boxes[0..<5].reduce(text.boxes[0]) { $0.union($1) }  // "A PDF"
        let region = word.insetBy(10)
        let bitmap = try page.render(region: region, scale: 3)
        #expect(bitmap.width == Int((region.width * 3).rounded(.up)))
        #expect(bitmap.height == Int((region.height * 3).rounded(.up)))
        #expect(bitmap.pixel(x: 0, y: 0) == RGBColor(red: 1, green: 1, blue: 1))
        let dark = bitmap.pixels.filter { ($0 & 0xFF) < 0x40 }.count
        #expect(dark > 50, "glyphs drawn")
    }

    @Test("draws highlights with a multiply blend: yellow on paper, text stays dark")
    func highlight() throws {
        let page = try PDFDocument(path: Samples.edge("no-id.pdf")).page(1)
        let box = page.text().boxes[0]
        let region = box.insetBy(4)
        let bitmap = try page.render(region: region, scale: 2, highlights: [region])
        let corner = bitmap.pixel(x: 0, y: 0)
        #expect(corner.red > 0.95 && corner.blue < 0.3, "paper under the mark turns yellow")
        let dark = bitmap.pixels.filter { ($0 >> 16 & 0xFF) < 0x40 }.count
        #expect(dark > 10, "text under the mark stays dark")
    }

    @Test("PNG output has the PNG signature and the image's size in its header")
    func png() throws {
        let page = try PDFDocument(path: Samples.paper).page(3)
        let bitmap = try page.render(region: Rect(minX: 50, minY: 50, maxX: 150, maxY: 120), scale: 2)
        let data = bitmap.pngData()
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 200 && height == 140)
    }

    @Test("refuses empty regions and absurd sizes with a typed error")
    func limits() throws {
        let page = try PDFDocument(path: Samples.paper).page(3)
        #expect(throws: PDFError.self) { try page.render(region: Rect(minX: 900, minY: 900, maxX: 950, maxY: 950)) }
        #expect(throws: PDFError.self) { try page.render(scale: 100) }
    }
}
