import Foundation
import Testing
@testable import PDFCore

@Suite("Opening documents")
struct DocumentTests {
    static let readable = Samples.openable.filter { !$0.path.contains("encrypted") }

    @Test("page counts equal PDF.js's", arguments: readable)
    func pageCount(reference: Samples.Reference) throws {
        let document = try PDFDocument(path: reference.absolutePath)
        #expect(document.pageCount == reference.numPages)
    }

    @Test("page labels equal PDF.js's (page numbers when the PDF defines none)", arguments: readable)
    func pageLabels(reference: Samples.Reference) throws {
        let document = try PDFDocument(path: reference.absolutePath)
        let expected = reference.pageLabels ?? (1...document.pageCount).map(String.init)
        let labels = try (1...document.pageCount).map { try document.page($0).label }
        #expect(labels == expected)
    }

    @Test("sizes, crop boxes and rotations equal PDF.js's", arguments: readable)
    func geometry(reference: Samples.Reference) throws {
        let document = try PDFDocument(path: reference.absolutePath)
        for (index, info) in try #require(reference.pages).enumerated() {
            let page = try document.page(index + 1)
            #expect(page.rotation == info.rotate, "page \(index + 1)")
            let crop = page.cropBox
            let close = { (a: Double, b: Double) in abs(a - b) < 0.001 }
            #expect(zip([crop.minX, crop.minY, crop.maxX, crop.maxY], info.view).allSatisfy(close), "page \(index + 1)")
            let width = info.view[2] - info.view[0]
            let height = info.view[3] - info.view[1]
            let rotated = info.rotate % 180 != 0
            #expect(close(page.size.width, rotated ? height : width) && close(page.size.height, rotated ? width : height))
        }
    }

    @Test("one glyph box per Unicode scalar on every page", arguments: readable)
    func boxesPerScalar(reference: Samples.Reference) throws {
        let document = try PDFDocument(path: reference.absolutePath)
        for number in 1...document.pageCount {
            let text = try document.page(number).text()
            #expect(text.boxesAligned, "page \(number)")
        }
    }

    @Test("the text of known pages: accents, Greek, CJK")
    func knownText() throws {
        let document = try PDFDocument(path: Samples.paper)
        let all = try (1...document.pageCount).map { try document.page($0).text().string }.joined(separator: "\n")
        #expect(all.contains("Ødegaard"))
        #expect(all.contains("ιζημάτων"))
        #expect(all.contains("沉积物输运"))
    }

    @Test("glyph boxes sit where the content stream drew the text")
    func glyphPosition() throws {
        // crop-box-offset.pdf draws "A page whose…" at user-space (100, 700)
        // in 14 pt Helvetica, with the crop box [40 60 560 760].
        let page = try PDFDocument(path: Samples.edge("crop-box-offset.pdf")).page(1)
        let text = page.text()
        #expect(text.string.hasPrefix("A page whose crop box"))
        let first = text.boxes[0]
        #expect(abs(first.minX - 60) < 0.5)
        let baseline = page.geometry.userSpace(Point(x: first.minX, y: first.maxY))
        #expect(abs(baseline.x - 100) < 0.5)
        #expect(abs(baseline.y - 700) < 4, "glyph box bottom within a descent of the baseline")
    }

    @Test("a font declaring a sliver of an ascent gets glyph boxes one font size high; others keep Poppler's")
    func flatFontMetrics() throws {
        // Scripts/samples/font_fixtures.py: 10 pt, glyphs 5 pt wide, baselines
        // at user-space y 700 and 680 on a 792 pt page (top-left y 92 and 112).
        // Line 1's font declares /Ascent 455 /Descent -3: Poppler's boxes span
        // 92 - 4.55 ... 92 + 0.03 (as pdftotext -bbox prints), repaired to a
        // font size high from the baseline, 0.8 of it above and 0.2 below:
        // 84 ... 94. Line 2's font declares 718 / -207: 104.82 ... 114.07,
        // left as it is.
        let text = try PDFDocument(path: Samples.path("Tests/Fixtures/fonts/flat-metrics.pdf")).page(1).text()
        #expect(text.string == "Flat metrics make thin boxes\nSane metrics make full boxes")
        let close = { (a: Double, b: Double) in abs(a - b) < 0.01 }
        for (i, scalar) in text.scalars.enumerated() where scalar != " " && scalar != "\n" {
            let box = text.boxes[i]
            let line = i < 28 ? (top: 84.0, bottom: 94.0) : (top: 104.82, bottom: 114.07)
            #expect(close(box.minY, line.top) && close(box.maxY, line.bottom), "\(scalar) at \(i): \(box)")
            #expect(close(box.maxX - box.minX, 5), "widths are untouched")
        }
    }

    @Test("TeX symbol-font glyphs that Poppler's name table lacks read as PDF.js reads them")
    func texSymbolGlyphs() throws {
        // Scripts/samples/tex_symbols.py: cmsy10 without a ToUnicode map.
        // PDF.js 2.14 reads the line as "Angle 〈x〉, norm ‖v‖ and prime f ′."
        // (U+3008, U+3009, U+2016, U+2032); Poppler's own mapping gives
        // "Angle hxi, norm kvk and prime f 0".
        let text = try PDFDocument(path: Samples.path("Tests/Fixtures/fonts/tex-symbols.pdf")).page(1).text()
        #expect(text.string == "Angle \u{3008}x\u{3009}, norm \u{2016}v\u{2016} and prime f \u{2032}.")
    }

    @Test("a word that runs off the page is left out, as PDF.js leaves it out")
    func offThePage() throws {
        // Scripts/samples/font_fixtures.py: "\\marginnote" starts at x = -12;
        // PDF.js 2.14 reads "Body text that a reader selects. inside".
        let text = try PDFDocument(path: Samples.path("Tests/Fixtures/fonts/outside-page.pdf")).page(1).text()
        #expect(text.string == "Body text that a reader selects. inside")
    }

    @Test(
        "a page read after others, from font files its document kept decoded, has the text, boxes and PDF.js text a fresh document reads",
        arguments: [Samples.thesis, Samples.paper, Samples.path("Tests/Fixtures/retypeset/papers/turbulence-v2.pdf")]
            // Scripts/samples/kept_font_files.py: a cross-reference table
            // Poppler must rebuild on page 3, a font file asked for under a
            // generation it does not have, a content stream that is also a
            // font file.
            + ["kept-damaged-xref", "kept-wrong-generation", "kept-content-is-font-file"].map { Samples.path("Tests/Fixtures/fonts/\($0).pdf") })
    func fontFilesKept(path: String) throws {
        // A fresh document reads each font file as Poppler does (a file is
        // kept from its second page on): the independent reading.
        let document = try PDFDocument(path: path)
        let numbers = Array(1...min(document.pageCount, 8))
        let forward = numbers.map { (try? document.page($0))?.text() }
        for number in numbers.reversed() {
            let page = try document.page(number)
            let fresh = try PDFDocument(path: path).page(number)
            let (text, freshText) = (page.text(), fresh.text())
            #expect(text.scalars == freshText.scalars && text.boxes == freshText.boxes, "page \(number)")
            #expect(forward[number - 1]?.scalars == freshText.scalars && forward[number - 1]?.boxes == freshText.boxes, "page \(number)")
            #expect(page.pdfjsText() == fresh.pdfjsText(), "page \(number)")
        }
        if path.hasSuffix("kept-damaged-xref.pdf") {
            #expect(forward[2]?.string.contains("Page 3 fine office GAMMA") == true)
        }
    }

    @Test("text in content-stream order: a table row by row, as drawn, not column by column")
    func contentOrder() throws {
        // The sample paper's table (Scripts/samples/papers.py) is typeset row
        // by row: "Station Depth (m) Flux Efficiency", then "S01 …", "S02 …".
        let document = try PDFDocument(path: Samples.paper)
        let all = try (1...document.pageCount).map { try document.page($0).text().string }.joined(separator: "\n")
        let header = try #require(all.range(of: "Station Depth (m) Flux Efficiency\nS01 "))
        let rest = all[header.upperBound...]
        #expect(rest.range(of: "\nS02 ")!.lowerBound < rest.range(of: "\nS03 ")!.lowerBound)
    }

    @Test("user space and page space convert both ways at every rotation")
    func conversions() {
        let crop = Rect(minX: 40, minY: 60, maxX: 560, maxY: 760)
        for rotation in [0, 90, 180, 270] {
            let geometry = PageGeometry(cropBox: crop, rotation: rotation)
            let point = Point(x: 33, y: 71)
            let back = geometry.pageSpace(geometry.userSpace(point))
            #expect(abs(back.x - point.x) < 1e-9 && abs(back.y - point.y) < 1e-9)
            // The displayed top-left corner is a corner of the crop box.
            let corner = geometry.userSpace(Point(x: 0, y: 0))
            #expect([crop.minX, crop.maxX].contains(corner.x) && [crop.minY, crop.maxY].contains(corner.y))
        }
        // Rotated clockwise by 90°, the user-space bottom-left corner is shown top-left.
        #expect(PageGeometry(cropBox: crop, rotation: 90).userSpace(Point(x: 0, y: 0)) == Point(x: 40, y: 60))
    }

    @Test("relative paths open")
    func relativePath() throws {
        let saved = FileManager.default.currentDirectoryPath
        defer { _ = FileManager.default.changeCurrentDirectoryPath(saved) }
        #expect(FileManager.default.changeCurrentDirectoryPath(Samples.root))
        let document = try PDFDocument(path: "SamplePDFs/edge-cases/no-id.pdf")
        #expect(document.resolvedPath == Samples.edge("no-id.pdf"))
    }

    @Test("each bad file gets its typed error naming it")
    func errors() throws {
        let cases: [(String, PDFError)] = [
            ("/no/such.pdf", .notFound(path: "/no/such.pdf")),
            (Samples.edge("empty.pdf"), .empty(path: Samples.edge("empty.pdf"))),
            (Samples.edge("not-a-pdf.pdf"), .notAPDF(path: Samples.edge("not-a-pdf.pdf"))),
            (Samples.edge("encrypted-user-password.pdf"), .passwordRequired(path: Samples.edge("encrypted-user-password.pdf"))),
            (Samples.root + "/SamplePDFs", .unreadable(path: Samples.root + "/SamplePDFs", reason: "it is a folder, not a file")),
        ]
        for (path, expected) in cases {
            #expect(throws: expected) { try PDFDocument(path: path) }
            #expect(expected.description.hasPrefix(path))
        }
        #expect(throws: PDFError.wrongPassword(path: Samples.edge("encrypted-user-password.pdf"))) {
            try PDFDocument(path: Samples.edge("encrypted-user-password.pdf"), password: "nope")
        }
        #expect(throws: PDFError.self) { try PDFDocument(path: Samples.edge("truncated.pdf")) }
        do {
            _ = try PDFDocument(path: Samples.edge("truncated.pdf"))
        } catch {
            #expect(error.code == "damaged")
        }
        let document = try PDFDocument(path: Samples.edge("no-id.pdf"))
        #expect(throws: PDFError.pageOutOfRange(path: Samples.edge("no-id.pdf"), page: 2, pageCount: 1)) {
            try document.page(2)
        }
    }

    @Test("the right password opens an encrypted PDF")
    func password() throws {
        let document = try PDFDocument(path: Samples.edge("encrypted-user-password.pdf"), password: "secret")
        #expect(document.pageCount == 9)
        #expect(try document.page(3).label == "101")
    }
}

@Suite("Parallel extraction")
struct PageExtractorTests {
    @Test("gives every page, in order, the same text as reading page by page")
    func sameAsSequential() async throws {
        let document = try PDFDocument(path: Samples.thesis)
        let sequential = try (1...document.pageCount).map { try document.page($0).text().string }
        let parallel = try await PageExtractor(path: Samples.thesis).extract(workers: 3) { $0.text.string }
        #expect(parallel == sequential)
        let some = try await PageExtractor(path: Samples.thesis).extract(pages: [5, 2, 9], workers: 2) { $0.number }
        #expect(some == [5, 2, 9])
    }

    @Test("pages read for their text have the labels, crop boxes and rotations PDF.js gives (samples.json)")
    func readPages() async throws {
        for reference in Samples.references where reference.numPages != nil && reference.error == nil {
            guard let pages = try? await PageExtractor(path: reference.absolutePath).extract(transform: { $0 }) else { continue }
            #expect(pages.count == reference.numPages, "\(reference)")
            let labels = reference.pageLabels ?? (1...pages.count).map(String.init)
            for (page, (info, label)) in zip(pages, zip(reference.pages ?? [], labels)) {
                let close = { (a: Double, b: Double) in abs(a - b) < 0.01 }
                let crop = page.geometry.cropBox
                #expect(page.label == label, "\(reference) p.\(page.number)")
                #expect(page.geometry.rotation == info.rotate, "\(reference) p.\(page.number)")
                #expect(zip([crop.minX, crop.minY, crop.maxX, crop.maxY], info.view).allSatisfy(close), "\(reference) p.\(page.number)")
            }
        }
    }

    @Test("reports the document's error")
    func failure() async {
        await #expect(throws: PDFError.passwordRequired(path: Samples.edge("encrypted-user-password.pdf"))) {
            _ = try await PageExtractor(path: Samples.edge("encrypted-user-password.pdf")).extract { _ in 0 }
        }
    }
}
