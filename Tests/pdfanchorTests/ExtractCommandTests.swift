import Foundation
import Testing
import TestSupport

@Suite("pdfanchor extract")
struct ExtractCommandTests {
    @Test("colours by tag from the vault's .pdfanchor/config.yml: the HTML report's border and picture, the template's {{color}}; a bad entry is a warning naming the file and line")
    func tagColors() throws {
        let vault = try AuditCommandTests.sampleVault()
        try FileManager.default.createDirectory(atPath: vault + "/.pdfanchor", withIntermediateDirectories: true)
        try "colors:\n  method: \"#4da6ff\"\n  bad: chartreuse\n".write(toFile: vault + "/.pdfanchor/config.yml", atomically: true, encoding: .utf8)
        let note = vault + "/notes/thesis-fine-sediment.md"
        let html = try CommandRunner.run(["extract", note, "--format", "html"])
        #expect(html.status == 0)
        // The note's six highlights tagged "method" (grep -c), each found.
        #expect(html.stdout.components(separatedBy: "style=\"border-left-color:#4da6ff\"").count - 1 == 6)
        #expect(html.stderr.contains("pdfanchor: warning: \(vault)/.pdfanchor/config.yml:3: the colour of 'bad' is not a name"), "\(html.stderr)")
        let template = try Scratch.folder("color-template") + "/t.mustache"
        try "{{#pages}}{{#highlights}}{{#hasColor}}{{id}} {{color}}\n{{/hasColor}}{{/highlights}}{{/pages}}".write(toFile: template, atomically: true, encoding: .utf8)
        let markdown = try CommandRunner.run(["extract", note, "--template", template])
        #expect(markdown.stdout.split(separator: "\n").count == 6)
        #expect(markdown.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(" #4da6ff") })
    }

    @Test("a vault's folder or several notes: one CSV table with the note first; other formats take one note (exit 2)")
    func manyNotes() throws {
        let vault = try AuditCommandTests.sampleVault()
        let run = try CommandRunner.run(["extract", vault, "--format", "csv"])
        #expect(run.status == 0)
        let lines = run.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "note,id,status,page,pageLabel,text,comment,tags,created,section,reasonCode")
        // grep -c annotation-json: 134, 92 and 60 blocks (multi-line comments are quoted, so count rows by their first field).
        for (note, blocks) in [("notes/estuary-flocculation.md", 134), ("notes/thesis-fine-sediment.md", 92), ("notes/estuary-flocculation-revised.md", 60)] {
            #expect(lines.filter { $0.hasPrefix(note + ",") }.count == blocks, "\(note)")
        }
        let two = try CommandRunner.run(["extract", vault + "/notes/thesis-fine-sediment.md", vault + "/notes/estuary-flocculation.md", "--format", "csv"])
        #expect(two.status == 0)
        #expect(two.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("notes/") }.count == 92 + 134)
        // A note given twice (alone and in its folder) is one note's rows once.
        let twice = try CommandRunner.run(["extract", vault + "/notes", vault + "/notes/thesis-fine-sediment.md", "--format", "csv"])
        #expect(twice.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("notes/thesis-fine-sediment.md,") }.count == 92)
        // One file per note needs a folder, not a file name.
        let named = try CommandRunner.run(["extract", vault + "/notes", "-o", vault + "/all.md"])
        #expect(named.status == 2)
        #expect(named.stderr.contains("a file name; several notes as --format md make one file each: give a folder"))
        #expect(!FileManager.default.fileExists(atPath: vault + "/all.md"))
        let markdown = try CommandRunner.run(["extract", vault])
        #expect(markdown.status == 2)
        #expect(markdown.stderr.contains("give the folder for them with -o DIR"))
    }

    @Test("several notes with -o DIR: one file per note at its path within the folder given, named '<note> highlights'; a note's own file is never the output")
    func filePerNote() throws {
        let vault = try AuditCommandTests.sampleVault()
        let out = vault + "/../highlights-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try CommandRunner.run(["extract", vault, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files == ["notes/estuary-flocculation highlights.md", "notes/estuary-flocculation-revised highlights.md", "notes/thesis-fine-sediment highlights.md"])
        let single = try CommandRunner.run(["extract", vault + "/notes/thesis-fine-sediment.md"])
        #expect(try String(contentsOfFile: out + "/notes/thesis-fine-sediment highlights.md", encoding: .utf8) == single.stdout, "the same as extracting the note alone")
        // HTML, one note at a time into an existing folder: named after the note.
        let html = try CommandRunner.run(["extract", vault + "/notes/estuary-flocculation-revised.md", "--format", "html", "-o", out])
        #expect(html.status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/estuary-flocculation-revised highlights.html"))
        // Into the notes' own folder: beside each note, never onto it; a second run replaces the exports.
        let before = try String(contentsOfFile: vault + "/notes/estuary-flocculation.md", encoding: .utf8)
        for _ in 1...2 {
            let onto = try CommandRunner.run(["extract", vault + "/notes", "-o", vault + "/notes"])
            #expect(onto.status == 0, "\(onto.stderr)")
            #expect(try String(contentsOfFile: vault + "/notes/estuary-flocculation.md", encoding: .utf8) == before)
            #expect(FileManager.default.fileExists(atPath: vault + "/notes/estuary-flocculation highlights.md"))
        }
    }

    @Test("Markdown to stdout by default; -o writes the file")
    func markdown() throws {
        let output = try CommandRunner.run(["extract", "SamplePDFs/notes/estuary-flocculation-revised.md"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("# estuary-flocculation-revised\n"))
        #expect(output.stdout.contains("[[papers/estuary-flocculation-revised.pdf#page="))
        let folder = try Scratch.folder("extract")
        let written = try CommandRunner.run(["extract", "SamplePDFs/notes/estuary-flocculation-revised.md", "--format", "csv", "-o", folder + "/h.csv"])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        let csv = try String(contentsOfFile: folder + "/h.csv", encoding: .utf8)
        #expect(csv.hasPrefix("id,status,page,pageLabel,text,comment,tags,created,section,reasonCode\r\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["h.csv"], "no temporary file left behind")
    }

    @Test("--print-template prints the built-in template; a bad template is an error")
    func templates() throws {
        let printed = try CommandRunner.run(["extract", "--print-template"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("{{#highlights}}"))
        let folder = FileManager.default.temporaryDirectory.path
        let template = folder + "/pdfanchor-bad-\(UUID().uuidString.prefix(8)).mustache"
        try "{{#open}} never closed".write(toFile: template, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: template) }
        let bad = try CommandRunner.run(["extract", "SamplePDFs/notes/estuary-flocculation-revised.md", "--template", template])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("template"))
    }

    @Test("options that do not fit the format are refused before any work")
    func validation() throws {
        let output = try CommandRunner.run(["extract", "SamplePDFs/notes/estuary-flocculation.md", "--format", "csv", "--assets", "x"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--assets applies to --format html only"))
    }

    @Test("highlights come in the order a reader reads the page: the heading, the left column, then the right — though the PDF draws the right column first and the note lists them otherwise")
    func columnOrder() throws {
        let folder = Scratch.freshPath("columns")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Repository.root + "/Tests/Fixtures/columns/columns.pdf", toPath: folder + "/columns.pdf")
        // PDF.js's fingerprint of the fixture: its /ID[0], in hex.
        let fingerprint = "636f6c756d6e732d666978747572652d31"
        // Contexts as in the page's text, in the order the PDF draws it.
        func block(_ id: String, _ exact: String, _ prefix: String, _ suffix: String) -> String {
            let json = """
                {"created":"2026-01-01T00:00:00.000Z","document":{"documentFingerprint":"\(fingerprint)"},"uri":"vault:/columns.pdf","target":[{"source":"vault:/columns.pdf","selector":[{"type":"TextQuoteSelector","exact":"\(exact)","prefix":"\(prefix)","suffix":"\(suffix)"}]}]}
                """
            return "\n>%%\n>```annotation-json\n>\(json)\n>```\n>%%\n>*%%HIGHLIGHT%% ==\(exact)== *\n>%%TAGS%%\n>\n^\(id)\n"
        }
        let note = "---\nannotation-target: columns.pdf\n---\n" + block("right2", "Right column line 2 of the page", "Right column line 1 of the page", "Right column line 3 of the page")
            + block("left5", "Left column line 5 of the page", "Left column line 4 of the page", "Left column line 6 of the page")
            + block("head", "A heading across both columns", "Right column line 6 of the page", "Left column line 1 of the page")
            + block("left1", "Left column line 1 of the page", "A heading across both columns", "Left column line 2 of the page")
        try note.write(toFile: folder + "/columns.md", atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["extract", folder + "/columns.md", "--pdf", folder + "/columns.pdf", "--format", "csv"])
        #expect(output.status == 0, "\(output.stderr)")
        let ids = output.stdout.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(ids == ["head", "left1", "left5", "right2"])
    }

    @Test("Poppler's own complaints (a bookmark past the last page) never reach the terminal")
    func quietPoppler() throws {
        let folder = Scratch.freshPath("quiet")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "---\nannotation-target: past-the-end.pdf\n---\n".write(toFile: folder + "/n.md", atomically: true, encoding: .utf8)
        let pdf = Repository.root + "/Tests/Fixtures/outline/past-the-end.pdf"
        let run = try CommandRunner.run(["extract", folder + "/n.md", "--pdf", pdf, "--vault", folder])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }
}
