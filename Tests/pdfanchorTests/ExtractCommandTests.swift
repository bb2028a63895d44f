import Foundation
import Testing
import TestSupport

@Suite("pdfanchor extract")
struct ExtractCommandTests {
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
        #expect(csv.hasPrefix("id,status,page,pageLabel,text,comment,tags,created\r\n"))
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
