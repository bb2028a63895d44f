import Foundation
import Testing
import Anchoring
import PDFCore
@testable import Reports

@Suite("Report pictures: the highlighted lines whole, a line of context, no word cut, shown large and rendered at twice that")
struct PictureFrameTests {
    @Test("on the two-column page 3 of the sample paper: each picture stays in its column, spans it, cuts no word, is shown at 2 CSS px per point")
    func twoColumns() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let document = try PDFDocument(path: report.pdfPath)
        let page = try document.page(3)
        let size = page.size
        let columns = PageColumns(text: page.readingOrderText(), size: page.size)
        // Words in content order (Poppler's core `TextOutputDev`, not the
        // glib layout the frame is cut by), each the union of its glyph boxes.
        let contentWords = PageColumns(text: page.text(), size: size).words
        let onPage = report.found.map { $0.result.rects.filter { $0.page == 3 }.map(\.rect) }.filter { !$0.isEmpty }
        #expect(onPage.count >= 3, "the sample note highlights page 3")
        for rects in onPage {
            let frame = PictureFrame(highlights: rects, columns: columns, pageSize: size)
            let region = frame.region
            // Page 3 has two columns split at the middle of the page (see
            // `pdftotext -layout`); a highlight in one stays in it.
            let left = rects.allSatisfy { $0.maxX < size.width / 2 }
            let right = rects.allSatisfy { $0.minX > size.width / 2 }
            #expect(left || right)
            #expect(left ? region.maxX < size.width / 2 + 6 : region.minX > size.width / 2 - 6, "\(region) stays in its column")
            // Every highlighted rectangle is shown.
            for rect in rects { #expect(region.union(rect) == region) }
            // The highlighted lines whole: every word level with a highlight
            // rectangle, in its column, is inside.
            for word in contentWords where (left ? word.maxX < size.width / 2 : word.minX > size.width / 2) {
                guard rects.contains(where: { abs($0.midY - word.midY) < $0.height / 3 }) else { continue }
                #expect(word.minX >= region.minX && word.maxX <= region.maxX, "word \(word) of a highlighted line is inside \(region)")
            }
            // Above and below the highlight, a line of context.
            let bounds = rects.dropFirst().reduce(rects[0]) { $0.union($1) }
            let lineHeight = rects[0].height
            if bounds.minY > 3 * lineHeight { #expect(bounds.minY - region.minY >= 0.8 * lineHeight) }
            if size.height - bounds.maxY > 3 * lineHeight { #expect(region.maxY - bounds.maxY >= 0.8 * lineHeight) }
            // No word cut by the left or right edge.
            for word in contentWords where word.midY > region.minY && word.midY < region.maxY {
                #expect(!(word.minX < region.minX && word.maxX > region.minX), "\(word) is cut by the left edge of \(region)")
                #expect(!(word.minX < region.maxX && word.maxX > region.maxX), "\(word) is cut by the right edge of \(region)")
            }
            // A column (about 240 points) is shown twice as large, and
            // rendered at twice that again.
            #expect(frame.displayScale == 2)
            #expect(frame.renderScale == 4)
            #expect(frame.displaySize.width >= 480)
        }
    }

    @Test("a full-width line is shown at the report's width, never wider")
    func fullWidth() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let document = try PDFDocument(path: report.pdfPath)
        let page = try document.page(2)
        let rects = try #require(report.found.lazy.map { $0.result.rects.filter { $0.page == 2 }.map(\.rect) }.first { !$0.isEmpty })
        let frame = PictureFrame(highlights: rects, columns: PageColumns(text: page.text(), size: page.size), pageSize: page.size)
        #expect(frame.region.width > 400, "page 2's text is one column")
        #expect(frame.displaySize.width == 760)
        #expect(abs(frame.renderScale - 2 * 760 / frame.region.width) < 1e-9)
    }
}
