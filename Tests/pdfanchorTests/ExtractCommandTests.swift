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
        #expect(lines.first == "note,id,status,page,pageLabel,text,comment,tags,created,section")
        // grep -c annotation-json: 134, 92 and 60 blocks (multi-line comments are quoted, so count rows by their first field).
        for (note, blocks) in [("notes/estuary-flocculation.md", 134), ("notes/thesis-fine-sediment.md", 92), ("notes/estuary-flocculation-revised.md", 60)] {
            #expect(lines.filter { $0.hasPrefix(note + ",") }.count == blocks, "\(note)")
        }
        let two = try CommandRunner.run(["extract", vault + "/notes/thesis-fine-sediment.md", vault + "/notes/estuary-flocculation.md", "--format", "csv"])
        #expect(two.status == 0)
        #expect(two.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("notes/") }.count == 92 + 134)
        let markdown = try CommandRunner.run(["extract", vault])
        #expect(markdown.status == 2)
        #expect(markdown.stderr.contains("add --format csv"))
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
        #expect(csv.hasPrefix("id,status,page,pageLabel,text,comment,tags,created,section\r\n"))
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
}
