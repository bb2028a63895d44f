import Foundation
import Testing
@testable import PDFCore
import TestSupport

@Suite("Writing highlights into a copy of a PDF")
struct HighlightExportTests {
    /// Reads the `/QuadPoints` of the annotation named `name` from the
    /// file's bytes (our PDF parser, not Poppler).
    static func quadPoints(named name: String, in path: String) throws -> [Double] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let needle = PDFObject.hexString(Array(name.utf8))
        let reader = try ByteReader(path: path)
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle {
                var start = index
                while start > 0, !(bytes[start] == UInt8(ascii: "<") && bytes[start + 1] == UInt8(ascii: "<")) { start -= 1 }
                var parser = PDFParser(reader: reader, position: start)
                if let dictionary = parser.nextObject()?.dictionaryValue, case .array(let numbers)? = dictionary["QuadPoints"] {
                    return numbers.map { item -> Double in
                        switch item {
                        case .integer(let value): return Double(value)
                        case .real(let value): return value
                        default: return .nan
                        }
                    }
                }
            }
            index += 1
        }
        return []
    }

    /// A scratch file path ending in `name`.
    static func scratch(_ name: String) -> String {
        Scratch.freshPath("export test") + "-" + name
    }

    @Test(
        "every sample PDF keeps the fingerprint PDF.js gives it; the highlight reads back; the source is untouched",
        arguments: Samples.openable.filter { !$0.path.contains("encrypted") })
    func fingerprintKept(_ reference: Samples.Reference) throws {
        let source = reference.absolutePath
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        let rect = Rect(minX: 72, minY: 100, maxX: 200, maxY: 112)
        let highlight = HighlightAnnotation(page: 1, rects: [rect], name: "blockid1", contents: "A comment — with ünïcode")
        let data = try HighlightExport.pdf(from: source, highlights: [highlight])
        let output = Self.scratch((source as NSString).lastPathComponent)
        try data.write(to: URL(fileURLWithPath: output))
        defer { try? FileManager.default.removeItem(atPath: output) }

        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before, "the source is not written")
        // PDF.js's value for the source (the fixture), found again in the copy.
        #expect(try PDFFingerprint.compute(path: output).primary == reference.fingerprints?.first ?? nil)
        let page = try PDFDocument(path: output).page(1)
        let found = page.highlights.filter { $0.name == "blockid1" }
        #expect(found.count == 1)
        #expect(found.first?.contents == "A comment — with ünïcode")
        let back = try #require(found.first?.rects.first)
        #expect(abs(back.minX - rect.minX) < 0.01 && abs(back.maxY - rect.maxY) < 0.01)
    }

    @Test("QuadPoints are the rectangles in PDF user space, for every rotation and a crop box offset (PDF.js's page geometry); read back in top-left page space")
    func geometry() throws {
        for name in ["rotations.pdf", "crop-box-offset.pdf"] {
            let source = Samples.edge(name)
            let reference = try #require(Samples.references.first { $0.path.hasSuffix(name) })
            let pages = try #require(reference.pages)
            let rect = Rect(minX: 50, minY: 80, maxX: 150, maxY: 95)
            let highlights = pages.indices.map { k in HighlightAnnotation(page: k + 1, rects: [rect], name: "page\(k + 1)") }
            let output = Self.scratch(name)
            try HighlightExport.pdf(from: source, highlights: highlights).write(to: URL(fileURLWithPath: output))
            defer { try? FileManager.default.removeItem(atPath: output) }
            for (k, info) in pages.enumerated() {
                let view = info.view
                let geometry = PageGeometry(cropBox: Rect(minX: view[0], minY: view[1], maxX: view[2], maxY: view[3]), rotation: info.rotate)
                let corners = [
                    Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY),
                    Point(x: rect.minX, y: rect.maxY), Point(x: rect.maxX, y: rect.maxY),
                ].map(geometry.userSpace)
                let written = try Self.quadPoints(named: "page\(k + 1)", in: output)
                #expect(written.count == 8, "\(name) page \(k + 1)")
                // Upper left, upper right, lower left, lower right as the text reads.
                for (c, corner) in corners.enumerated() where written.count == 8 {
                    #expect(abs(written[2 * c] - corner.x) < 0.01 && abs(written[2 * c + 1] - corner.y) < 0.01, "\(name) page \(k + 1) corner \(c)")
                }
            }
            // Read back through Poppler: the same rectangle in top-left page
            // space, on every rotation (as a second migrate compares them).
            let document = try PDFDocument(path: output)
            for k in pages.indices {
                let back = try #require(try document.page(k + 1).highlights.first { $0.name == "page\(k + 1)" }?.rects.first)
                #expect(abs(back.minX - rect.minX) < 0.01 && abs(back.minY - rect.minY) < 0.01, "\(name) page \(k + 1): \(back)")
                #expect(abs(back.maxX - rect.maxX) < 0.01 && abs(back.maxY - rect.maxY) < 0.01, "\(name) page \(k + 1): \(back)")
            }
        }
    }

    @Test("an encrypted PDF is refused with a clear error; a page the PDF lacks is an error")
    func refusals() throws {
        let highlight = HighlightAnnotation(page: 1, rects: [Rect(minX: 1, minY: 1, maxX: 2, maxY: 2)], name: "x")
        #expect(throws: PDFError.self) {
            _ = try HighlightExport.pdf(from: Samples.edge("encrypted-user-password.pdf"), password: "secret", highlights: [highlight])
        }
        var far = highlight
        far.page = 99
        #expect(throws: PDFError.pageOutOfRange(path: Samples.paper, page: 99, pageCount: 9)) {
            _ = try HighlightExport.pdf(from: Samples.paper, highlights: [far])
        }
    }

    @Test("PDF syntax written back: names escaped, numbers without exponents, strings in hex")
    func serialization() {
        #expect(String(decoding: PDFObject.name("A B#"), as: UTF8.self) == "/A#20B#23")
        #expect(PDFObject.number(0.00001) == "0")
        #expect(PDFObject.number(12.5) == "12.5")
        #expect(PDFObject.number(-3) == "-3")
        #expect(String(decoding: PDFObject.string([0x00, 0xFF]).serialized, as: UTF8.self) == "<00FF>")
        #expect(PDFObject.text("née").text == "née")
    }
}
