import Foundation
import Testing
import TestSupport

@Suite("pdfanchor extract PAPER.pdf and pdfanchor import")
struct EmbeddedCommandTests {
    /// A scratch vault holding copies of the annotated fixtures `names`.
    static func vault(_ names: [String]) throws -> String {
        let vault = try Scratch.folder("embedded")
        try FileManager.default.createDirectory(atPath: vault + "/.obsidian", withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(atPath: Repository.path("Tests/Fixtures/annotated/\(name).pdf"), toPath: "\(vault)/\(name).pdf")
        }
        return vault
    }

    @Test("every format of a PDF's own annotations: the Acrobat-style fixture's 9 annotations (expected.json) as 5 entries, 3 replies and a replacement folded in")
    func formats() throws {
        let vault = try Self.vault(["acrobat"])
        let pdf = vault + "/acrobat.pdf"
        let json = try CommandRunner.run(["extract", pdf, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let collection = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let items = (collection?["first"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 5)
        let results = items.compactMap { $0["pdfanchor"] as? [String: Any] }
        #expect(results.compactMap { ($0["replies"] as? [Any])?.count }.reduce(0, +) == 3)
        #expect(results.contains { $0["subtype"] as? String == "StrikeOut" && $0["replacement"] as? String == "unmixed" && $0["text"] as? String == "undisturbed" })
        let csv = try CommandRunner.run(["extract", pdf, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,subtype,page,pageLabel,text,comment,author,color,created,modified,section,replacement,replies\r\n"))
        let markdown = try CommandRunner.run(["extract", pdf])
        #expect(markdown.stdout.contains("> → unmixed"))
        #expect(markdown.stdout.contains("[[acrobat.pdf#page=1&annotation="))
        let html = try CommandRunner.run(["extract", pdf, "--format", "html"])
        #expect(html.status == 0)
        #expect(html.stdout.components(separatedBy: "<figure>").count - 1 >= 5)
    }

    @Test("several PDFs make one table with the PDF first; other formats without -o DIR are a usage error (exit 2)")
    func several() throws {
        let vault = try Self.vault(["skim", "okular"])
        let table = try CommandRunner.run(["extract", vault, "--pdfs", "--format", "csv"])
        #expect(table.status == 0, "\(table.stderr)")
        let rows = table.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first?.hasPrefix("pdf,id,subtype,") == true)
        // expected.json: skim 4 annotations, okular 4, none of them replies.
        #expect(rows.count == 1 + 8)
        let markdown = try CommandRunner.run(["extract", vault + "/skim.pdf", vault + "/okular.pdf"])
        #expect(markdown.status == 2)
    }

    @Test("import: a dry run writes nothing; --write makes the note that check anchors in full; a second import adds nothing")
    func importNote() throws {
        let vault = try Self.vault(["pymupdf"])
        let pdf = vault + "/pymupdf.pdf"
        let note = vault + "/pymupdf.md"
        let dry = try CommandRunner.run(["import", pdf])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(!FileManager.default.fileExists(atPath: note))
        // expected.json: 7 text markup annotations with words, and one on the turned page; 4 notes and drawings.
        #expect(dry.stdout.hasPrefix("Would add 8 highlights"))
        #expect(dry.stdout.components(separatedBy: "\n  - ").count - 1 == 4)
        let write = try CommandRunner.run(["import", pdf, "--write"])
        #expect(write.status == 0)
        let check = try CommandRunner.run(["check", note])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("8 annotations: 8 anchored"))
        let again = try CommandRunner.run(["import", pdf, "--write"])
        #expect(again.stdout.hasPrefix("Nothing to add from"))
        #expect(again.stdout.contains("8 highlights already in the note"))
    }

    @Test("a file that is not a PDF, a note that is not an annotation note or names another PDF, a note outside the PDF's vault or reached through a link leaving it: exit 2 and a message naming it, nothing written")
    func badInput() throws {
        let vault = try Self.vault(["skim"])
        try "not a pdf".write(toFile: vault + "/fake.pdf", atomically: true, encoding: .utf8)
        let fake = try CommandRunner.run(["extract", vault + "/fake.pdf"])
        #expect(fake.status == 2)
        #expect(fake.stderr.contains(vault + "/fake.pdf"))
        try "# Diary\n".write(toFile: vault + "/diary.md", atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["import", vault + "/skim.pdf", "-o", vault + "/diary.md", "--write"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("diary.md"))
        #expect(try String(contentsOfFile: vault + "/diary.md", encoding: .utf8) == "# Diary\n")
        try FileManager.default.copyItem(atPath: Repository.path("Tests/Fixtures/annotated/okular.pdf"), toPath: vault + "/okular.pdf")
        try "---\nannotation-target: okular.pdf\n---\n".write(toFile: vault + "/okular-notes.md", atomically: true, encoding: .utf8)
        let other = try CommandRunner.run(["import", vault + "/skim.pdf", "-o", vault + "/okular-notes.md", "--write"])
        #expect(other.status == 2)
        #expect(other.stderr.contains("another PDF"))
        let outside = try CommandRunner.run(["import", vault + "/skim.pdf", "-o", try Scratch.folder("outside") + "/skim.md"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("outside the PDF's vault"))
        // A folder of the vault that is a link out of it: nothing written there.
        let away = try Scratch.folder("away")
        try FileManager.default.createSymbolicLink(atPath: vault + "/linked", withDestinationPath: away)
        let linked = try CommandRunner.run(["import", vault + "/skim.pdf", "-o", vault + "/linked/skim.md", "--write"])
        #expect(linked.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: away).isEmpty)
    }
}

@Suite("Output names of several exports")
struct ExportNameTests {
    @Test("one-letter names (Foundation's path functions trap on them) and two PDFs of one name in different folders: one file each, none lost")
    func names() throws {
        let folder = try Scratch.folder("names")
        for path in ["A.pdf", "d1/same.pdf", "d2/same.pdf"] {
            try FileManager.default.createDirectory(atPath: (folder + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Repository.path("Tests/Fixtures/annotated/skim.pdf"), toPath: folder + "/" + path)
        }
        let run = try CommandRunner.run(["extract", "A.pdf", "d1/same.pdf", "d2/same.pdf", "-o", "out"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted()
        #expect(written == ["A highlights.md", "same highlights 2.md", "same highlights.md"])
    }
}
