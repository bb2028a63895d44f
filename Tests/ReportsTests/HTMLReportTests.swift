import Foundation
import Testing
import Anchoring
import Library
import Notes
@testable import Reports
import TestSupport

@Suite("The HTML report")
struct HTMLReportTests {
    /// Width and height from a PNG's IHDR chunk.
    func pngSize(_ data: Data) -> (Int, Int)? {
        guard data.count > 24, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        let w = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let h = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        return (w, h)
    }

    @Test("one article per highlight; each picture's pixels match its region at its scale, twice its displayed width")
    func structure() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation-revised.md")
        let html = try HTMLReport.render(report)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<article class=\"highlight").count - 1 == report.found.count)
        let images = html.components(separatedBy: "<img src=\"data:image/png;base64,").dropFirst()
        #expect(images.count >= report.found.count)
        for image in images {
            let base64 = String(image.prefix { $0 != "\"" })
            let data = try #require(Data(base64Encoded: base64))
            let (w, h) = try #require(pngSize(data))
            let region = try #require(attribute("data-region", in: image)).split(separator: " ").compactMap { Double($0) }
            let scale = try #require(attribute("data-scale", in: image).flatMap(Double.init))
            // Region and scale are printed rounded: a pixel either way.
            #expect(abs(w - Int(((region[2] - region[0]) * scale).rounded(.up))) <= 1)
            #expect(abs(h - Int(((region[3] - region[1]) * scale).rounded(.up))) <= 1)
            // Rendered at twice the size it is shown at.
            let shown = try #require(attribute("width", in: image).flatMap(Int.init))
            #expect(abs(w - 2 * shown) <= 2)
        }
        #expect(html.contains("<td class=\"anchored\">\(report.summary.anchored)</td>"))
    }

    @Test("orphans: the closest text seen with its page, and what to do; a replaced PDF: the refresh command to run")
    func orphansAndReplaced() async throws {
        let original = try await ReportFixture.report(note: "notes/estuary-flocculation.md")
        let html = try HTMLReport.render(original, images: .none)
        #expect(!original.orphaned.isEmpty)
        let withClosest = original.orphaned.filter { $0.result.bestCandidate != nil }
        #expect(!withClosest.isEmpty)
        #expect(html.components(separatedBy: "<p class=\"closest\">Closest: <a href=\"").count - 1 == withClosest.count)
        #expect(html.contains("<code>pdfanchor check \(HTMLReport.escape(ShellWord.quoted(original.notePath))) --explain ^ID</code>"))
        let revised = try await ReportFixture.report(note: "notes/estuary-flocculation-revised.md")
        #expect(revised.fingerprintMatches == false)
        #expect(try HTMLReport.render(revised, images: .none).contains("<code>pdfanchor refresh \(HTMLReport.escape(ShellWord.quoted(revised.notePath)))</code>"))
    }

    func attribute(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: name + "=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("everything from the note is escaped: a <script> comment shows as text")
    func escaping() async throws {
        let scratch = Scratch.freshPath("html")
        try FileManager.default.createDirectory(atPath: scratch + "/.obsidian", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch + "/papers", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ReportFixture.vault.root + "/papers/estuary-flocculation.pdf", toPath: scratch + "/papers/estuary-flocculation.pdf")
        var note = try String(contentsOfFile: ReportFixture.vault.root + "/notes/estuary-flocculation.md", encoding: .utf8)
        // The sample's first commented annotation gets a hostile comment and tag.
        note = note.replacingOccurrences(of: ">Note 0: compare with the *model*.", with: ">Note 0: <script>alert(\"x\")</script> & \"quotes\" 'too' <img src=x onerror=alert(1)>")
        note = note.replacingOccurrences(of: ">#method", with: ">#<b>bold</b>, #ok")
        try note.write(toFile: scratch + "/hostile.md", atomically: true, encoding: .utf8)
        let check = try await NoteChecker().check(notePath: scratch + "/hostile.md")
        let vault = Vault(root: scratch)
        let report = HighlightReport(check: check, annotations: try AnnotationSource(path: scratch + "/hostile.md").annotations, vault: vault)
        let html = try HTMLReport.render(report)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;"))
        #expect(html.contains("#&lt;b&gt;bold&lt;/b&gt;"))
    }

    @Test("links: each page opens the PDF there (file URL, #page=N), each id and the note's name open the note in Obsidian; dates readable, the ISO value in the title")
    func linksAndDates() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation-revised.md")
        let html = try HTMLReport.render(report, images: .none)
        let pdf = URL(fileURLWithPath: report.pdfPath).absoluteString
        let first = try #require(report.found.first?.result)
        #expect(html.contains("<a href=\"\(pdf)#page=\(first.page!)\">p. \(first.pageLabel!)</a>"))
        // The vault is the sample folder: Obsidian names it by its folder's name.
        let open = "obsidian://open?vault=SamplePDFs&amp;file=notes%2Festuary-flocculation-revised"
        #expect(html.contains("<a href=\"\(open)\"><code>^\(first.id)</code></a>"))
        #expect(html.contains("<a href=\"\(open)\">notes/estuary-flocculation-revised.md</a>"))
        // 2026-01-10T15:56:50.552Z, in UTC: 10 Jan 2026, 15:56.
        #expect(HTMLReport.time("2026-01-10T15:56:50.552Z", in: TimeZone(identifier: "UTC")!)
            == "<time datetime=\"2026-01-10T15:56:50.552Z\" title=\"2026-01-10T15:56:50.552Z\">10 Jan 2026, 15:56 GMT</time>")
        #expect(HTMLReport.time("yesterday") == "yesterday")
    }

    @Test("with an assets folder, pictures are files the page links to")
    func assets() async throws {
        let report = try await ReportFixture.report(note: "notes/estuary-flocculation-revised.md")
        let folder = try Scratch.folder("assets")
        let html = try HTMLReport.render(report, images: .folder(path: folder, href: "img/"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == html.components(separatedBy: "<img src=\"img/").count - 1)
        #expect(!html.contains("data:image"))
        for file in files {
            #expect(pngSize(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))) != nil)
        }
    }
}
