import Foundation
import Testing
import TestSupport

@Suite("Reports are safe")
struct ReportSafetyTests {
    /// A vault whose note, PDF name, PDF text, comment and tags carry markup.
    static func vault() throws -> (vault: String, note: String) {
        let folder = Scratch.freshPath("safety")
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/.obsidian", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder + "/papers", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder + "/notes", withIntermediateDirectories: true)
        let hostile = CommandRunner.root + "/Tests/Fixtures/hostile"
        let pdfName = #"a "b" <b>c & 'd'.pdf"#
        try fm.copyItem(atPath: hostile + "/papers/markup-in-text.pdf", toPath: folder + "/papers/" + pdfName)
        let text = try String(contentsOfFile: hostile + "/notes/markup-in-text.md", encoding: .utf8)
            // YAML, single-quoted; then JSON.
            .replacingOccurrences(of: "annotation-target: papers/markup-in-text.pdf", with: "annotation-target: 'papers/a \"b\" <b>c & ''d''.pdf'")
            .replacingOccurrences(of: "papers/markup-in-text.pdf", with: "papers/" + pdfName.replacingOccurrences(of: "\"", with: "\\\""))
        let note = folder + "/notes/<script>note & \"x\".md"
        try text.write(toFile: note, atomically: true, encoding: .utf8)
        return (folder, note)
    }

    /// Markup from the note or the PDF that must never appear unescaped.
    static let raw = ["<script", "<img src=x", "<b>c", "onerror=alert(1)>"]

    static func listing(_ folder: String) throws -> Set<String> {
        Set(try FileManager.default.subpathsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".pdfanchor") })
    }

    @Test("extract --format html: everything from the note and the PDF is escaped; only -o and --assets are written")
    func extract() throws {
        let (vault, note) = try Self.vault()
        let before = try Self.listing(vault)
        let out = try Scratch.folder("safety out")
        let result = try CommandRunner.run(["extract", note, "--format", "html", "-o", out + "/report.html", "--assets", out + "/images"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        for markup in Self.raw { #expect(!html.contains(markup), "\(markup)") }
        #expect(html.contains("&lt;script&gt;alert("))
        #expect(try Self.listing(vault) == before, "nothing written in the vault")
        let written = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        #expect(written.contains("report.html") && written.contains("images"))
        #expect(written.allSatisfy { $0 == "report.html" || $0 == "images" || ($0.hasPrefix("images/") && !$0.contains("..")) })
        #expect(written.filter { $0.hasPrefix("images/") }.allSatisfy { ($0 as NSString).lastPathComponent.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } })
    }

    @Test("audit --format html and md: escaped; the report, its extracts folder and the cache are all that is written")
    func audit() throws {
        let (vault, _) = try Self.vault()
        let before = try Self.listing(vault)
        let out = try Scratch.folder("safety audit")
        let html = try CommandRunner.run(["audit", vault, "--format", "html", "-o", out + "/audit.html"])
        #expect(html.status == 0, "\(html.stdout)\(html.stderr)")
        let page = try String(contentsOfFile: out + "/audit.html", encoding: .utf8)
        for markup in Self.raw { #expect(!page.contains(markup), "\(markup)") }
        for extract in try FileManager.default.contentsOfDirectory(atPath: out + "/audit-extracts") {
            let text = try String(contentsOfFile: out + "/audit-extracts/" + extract, encoding: .utf8)
            for markup in Self.raw { #expect(!text.contains(markup), "\(extract): \(markup)") }
            #expect(!extract.contains("/"))
        }
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: out)) == ["audit.html", "audit-extracts"])
        #expect(try Self.listing(vault) == before, "only .pdfanchor/ in the vault")
        // In Markdown, links to notes are wiki links (Obsidian shows their text
        // as text); everything else is escaped.
        let md = try CommandRunner.run(["audit", vault, "--format", "md"])
        let outsideLinks = md.stdout.replacingOccurrences(of: #"\[\[[^\]]*\]\]"#, with: "", options: .regularExpression)
        for markup in Self.raw { #expect(!outsideLinks.contains(markup), "\(markup)") }
    }
}
