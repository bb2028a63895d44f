import Foundation
import Testing
import TestSupport

/// `pdfanchor migrate`: fuzzy highlights their context confirms, the dry
/// run's totals, Markdown links for PDF++, the options.
@Suite("migrate takes everything it safely can, and says what it leaves")
struct MigrateCommandTests {
    /// `bytes` grouped by thousands, as the totals write a size.
    static func grouped(_ bytes: Int64) -> String {
        var digits = Array(String(bytes))
        var k = digits.count - 3
        while k > 0 {
            digits.insert(",", at: k)
            k -= 3
        }
        return String(digits)
    }

    static func size(of path: String) throws -> Int64 {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).int64Value
    }

    @Test("the dry run totals what it will write (fuzzy ones their context confirms included), what it leaves and why, and the backups' size; nothing written")
    func dryRunTotals() throws {
        let vault = try AuditCommandTests.sampleVault()
        let pdfs = ["papers/estuary-flocculation.pdf", "papers/thesis-fine-sediment.pdf"].map { vault + "/" + $0 }
        let before = try pdfs.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let dry = try CommandRunner.run(["migrate", vault, "--to", "zotero"])
        #expect(dry.status == 1)
        // The sample truth: the two notes hold 134 + 92 annotations, 10 + 6 of
        // them quotes from another document; every other one is written —
        // 188 found as they are (109 + 79), the rest fuzzy: edited or
        // OCR-like quotes whose context the generator left intact.
        #expect(dry.stdout.contains("To write: 210 highlights into 2 PDFs (188 found as they are, 22 fuzzy, confirmed by their context)\n"), "\(dry.stdout)")
        #expect(dry.stdout.contains("papers/thesis-fine-sediment.pdf: 86 highlights to add from notes/thesis-fine-sediment.md (7 fuzzy, confirmed by their context); left behind: 6 not found\n"))
        #expect(dry.stdout.contains(
            "Left behind: 16 highlights — 16 not found; 1 note not migrated (1 whose PDF was replaced by another version: pdfanchor refresh first)\n"))
        let bytes = try pdfs.reduce(Int64(0)) { $0 + (try Self.size(of: $1)) }
        #expect(dry.stdout.contains("Backups: 2 PDFs, ") && dry.stdout.contains(" (\(Self.grouped(bytes)) bytes), into .pdfanchor/backups/; the run needs about "), "\(dry.stdout)")
        #expect(try pdfs.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before, "a dry run writes nothing")
        #expect(!FileManager.default.fileExists(atPath: vault + "/.pdfanchor/backups"))
        #expect(!dry.stderr.contains("\u{1B}[2K"), "no progress bar when stderr is not a terminal")
    }

    @Test("--exact-only leaves every fuzzy highlight, named; --include-fuzzy, the old option, says the default now takes the confirmed ones; both together are a usage error")
    func options() throws {
        let vault = try AuditCommandTests.sampleVault()
        let exact = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--exact-only"])
        #expect(exact.status == 1)
        #expect(exact.stdout.contains("To write: 188 highlights into 2 PDFs (188 found as they are, 0 fuzzy, confirmed by their context)\n"), "\(exact.stdout)")
        #expect(exact.stdout.contains("Left behind: 38 highlights — 22 fuzzy (--exact-only); 16 not found;"), "\(exact.stdout)")
        let old = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--include-fuzzy"])
        #expect(old.stderr.contains("pdfanchor: --include-fuzzy is no longer needed: fuzzy highlights their context confirms are migrated by default"))
        #expect(old.stdout.contains("To write: 210 highlights into 2 PDFs"))
        let both = try CommandRunner.run(["migrate", vault, "--to", "zotero", "--exact-only", "--include-fuzzy"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--exact-only and --include-fuzzy ask for opposite things"), "\(both.stderr)")
    }

    @Test("--to pdfplus rewrites Markdown links to blocks — relative, %20, <…>, a title, an embed — into links to the annotations, each naming the object of its highlight on its page; a link it cannot rewrite is named")
    func markdownLinks() throws {
        let vault = try AuditCommandTests.sampleVault()
        // The thesis note under a name with spaces; a Markdown file of the same name elsewhere.
        try FileManager.default.moveItem(atPath: vault + "/notes/thesis-fine-sediment.md", toPath: vault + "/notes/thesis fine sediment.md")
        try FileManager.default.createDirectory(atPath: vault + "/journal/other", withIntermediateDirectories: true)
        try "A page of the same name.\n".write(toFile: vault + "/journal/other/thesis fine sediment.md", atomically: true, encoding: .utf8)
        let log = vault + "/journal/reading log.md"
        try """
            - [top](../notes/thesis%20fine%20sediment.md#^07v2kfd5p)
            - [across](notes/thesis%20fine%20sediment#^0zdt52k61 "the mean")
            - ![embed](<../notes/thesis fine sediment.md#^0rxmldj5q>)
            - [ocr](../notes/thesis%20fine%20sediment.md#^0veq15q5h)
            - [which](thesis%20fine%20sediment.md#^07v2kfd5p)
            - `[code](../notes/thesis%20fine%20sediment.md#^07v2kfd5p)`

            """.write(toFile: log, atomically: true, encoding: .utf8)
        let dry = try CommandRunner.run(["migrate", vault, "--to", "pdfplus"])
        #expect(dry.stdout.contains("journal/reading log.md: 4 links to highlights to point at their annotations"), "\(dry.stdout)")
        #expect(dry.stdout.contains(
            "journal/reading log.md: [which](thesis%20fine%20sediment.md#^07v2kfd5p) stays as it is: its path names journal/other/thesis fine sediment.md and notes/thesis fine sediment.md — write the note's path"),
            "\(dry.stdout)")
        let run = try CommandRunner.run(["migrate", vault, "--to", "pdfplus", "--write"])
        #expect(run.stdout.contains("journal/reading log.md: 4 links to highlights now point at their annotations"), "\(run.stdout)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let pdf = vault + "/papers/thesis-fine-sediment.pdf"
        // Pages from the sample truth (PDF.js): 2, 2, 3, and 96 for the OCR-like quote (fuzzy, its context confirming it).
        for (id, page, before, after) in [
            ("07v2kfd5p", 2, "- [top](../papers/thesis-fine-sediment.pdf", ")"), ("0zdt52k61", 2, "- [across](papers/thesis-fine-sediment.pdf", " \"the mean\")"),
            ("0rxmldj5q", 3, "- ![embed](<../papers/thesis-fine-sediment.pdf", ">)"), ("0veq15q5h", 96, "- [ocr](../papers/thesis-fine-sediment.pdf", ")"),
        ] {
            let number = try #require(try RepairCommandTests.objectNumber(named: id, in: pdf), "^\(id) in the PDF")
            #expect(text.contains("\(before)#page=\(page)&annotation=\(number)R\(after)\n"), "^\(id): \(text)")
        }
        #expect(text.contains("- [which](thesis%20fine%20sediment.md#^07v2kfd5p)\n") && text.contains("`[code](../notes/thesis%20fine%20sediment.md#^07v2kfd5p)`"))
    }
}
