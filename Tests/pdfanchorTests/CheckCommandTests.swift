import Foundation
import Testing
import TestSupport

@Suite("pdfanchor check")
struct CheckCommandTests {
    @Test("--format json: note, pdf {path, fingerprint, fingerprintMatches, pages}, annotations with the contract's keys")
    func json() throws {
        let output = try CommandRunner.run(["check", "SamplePDFs/notes/estuary-flocculation.md", "--format", "json"])
        // The vault's note holds quotes from another document: some are orphaned.
        #expect(output.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((report["note"] as? String)?.hasSuffix("estuary-flocculation.md") == true)
        let pdf = try #require(report["pdf"] as? [String: Any])
        #expect((pdf["path"] as? String)?.hasSuffix("SamplePDFs/papers/estuary-flocculation.pdf") == true)
        #expect(pdf["fingerprint"] as? String == "9ca5c5991907c76a5654a6d3da489025")
        #expect(pdf["fingerprintMatches"] as? Bool == true)
        #expect(pdf["pages"] as? Int == 9)
        let annotations = try #require(report["annotations"] as? [[String: Any]])
        #expect(annotations.count == 134)
        let found = try #require(annotations.first { $0["status"] as? String == "anchored" })
        for key in ["id", "status", "page", "pageLabel", "matchedText", "score", "errors", "rects", "quads"] {
            #expect(found[key] != nil, "\(key)")
        }
        let rect = try #require((found["rects"] as? [[String: Any]])?.first)
        #expect(Set(rect.keys) == ["page", "minX", "minY", "maxX", "maxY"])
        let orphan = try #require(annotations.first { $0["status"] as? String == "orphaned" })
        #expect(orphan["reason"] is String)
    }

    @Test("text output: a line per annotation and a summary; the replaced PDF is flagged")
    func text() throws {
        let output = try CommandRunner.run(["check", "SamplePDFs/notes/estuary-flocculation-revised.md"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("FINGERPRINT DIFFERS"))
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  anchored") || $0.hasPrefix("  fuzzy") }.count == 60)
        #expect(lines.last?.hasPrefix("60 annotations:") == true)
    }

    @Test("exit 2 when the note or the PDF cannot be used")
    func unusable() throws {
        let missing = try CommandRunner.run(["check", "no/such/note.md"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/note.md"))
        let badPDF = try CommandRunner.run(["check", "SamplePDFs/notes/estuary-flocculation.md", "--pdf", "SamplePDFs/edge-cases/empty.pdf"])
        #expect(badPDF.status == 2)
        #expect(badPDF.stderr.contains("empty.pdf: the file is empty"))
    }

    @Test("--explain lists the places considered for one annotation")
    func explain() throws {
        let note = try String(contentsOfFile: CommandRunner.root + "/SamplePDFs/notes/estuary-flocculation.md", encoding: .utf8)
        let id = try #require(note.split(separator: "\n").first { $0.hasPrefix("^") }.map { String($0.dropFirst()) })
        let output = try CommandRunner.run(["check", "SamplePDFs/notes/estuary-flocculation.md", "--explain", id])
        #expect(output.status == 0)
        // A header naming the annotation and its quote, the position, the verdict, then the place taken first.
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("^\(id): \"") == true)
        #expect(lines.contains { $0.hasPrefix("  position: ") })
        #expect(lines.contains { $0.hasPrefix("  verdict: anchored on p. ") })
        #expect(lines.contains { $0.hasPrefix("  1. taken    exact ") })
        #expect(lines.count <= 40)
    }

    @Test("--explain of an orphan: its verdict and reason, each place once with why it was not taken; at most 40 lines unless --all; JSON too")
    func explainOrphan() throws {
        let path = "SamplePDFs/notes/estuary-flocculation.md"
        let check = try CommandRunner.run(["check", path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let annotations = try #require(report["annotations"] as? [[String: Any]])
        let orphans = annotations.filter { $0["status"] as? String == "orphaned" }
        #expect(!orphans.isEmpty)
        for orphan in orphans {
            let id = try #require(orphan["id"] as? String)
            let output = try CommandRunner.run(["check", path, "--explain", id])
            #expect(output.status == 0)
            let lines = output.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains("  verdict: orphaned: \(orphan["reason"] as? String ?? "?")"), "\(output.stdout)")
            #expect(!lines.contains { $0.contains(". taken ") })
            let places = lines.filter { $0.range(of: #"^  \d+\. "#, options: .regularExpression) != nil }
            #expect(lines.filter { $0.hasPrefix("     not taken: ") }.count == places.count, "every place says why")
            #expect(lines.count <= 40, "\(lines.count) lines")

            let json = try CommandRunner.run(["check", path, "--explain", id, "--format", "json", "--all"])
            let explanation = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((explanation["verdict"] as? [String: Any])?["status"] as? String == "orphaned")
            let all = try #require(explanation["places"] as? [[String: Any]])
            #expect(all.count >= places.count)
            // Each place once: no two places with the same page, text and context (a phrase printed
            // three times on a page is three places, each with its own context).
            let keys = all.map { "\($0["page"] ?? "")|\($0["text"] ?? "")|\($0["prefixMatch"] ?? "")|\($0["suffixMatch"] ?? "")" }
            #expect(Set(keys).count == keys.count)
        }
    }

    @Test("--explain takes the id as check prints it (^id); an id the note does not hold exits 2, saying so")
    func explainIDs() throws {
        let path = "SamplePDFs/notes/estuary-flocculation.md"
        let note = try String(contentsOfFile: CommandRunner.root + "/" + path, encoding: .utf8)
        let id = try #require(note.split(separator: "\n").first { $0.hasPrefix("^") }.map(String.init))
        let caret = try CommandRunner.run(["check", path, "--explain", id])
        #expect(caret.status == 0)
        #expect(caret.stdout.hasPrefix(id + ": "))
        let unknown = try CommandRunner.run(["check", path, "--explain", "^nosuchid"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no annotation ^nosuchid"))
    }

    @Test("usage errors exit 2, as the help says")
    func usageErrors() throws {
        for arguments in [["check", "x.md", "--format", "docx"], ["audit", "--jobs", "0"], ["audit", "--timeout", "-5"], ["nosuchcommand"]] {
            let run = try CommandRunner.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("Error:") || run.stderr.contains("error"), "\(arguments): \(run.stderr)")
        }
    }

    @Test("the text output shows the printed page label and the PDF's page when they differ, and helps with orphans")
    func pagesAndOrphans() throws {
        // The thesis numbers its pages from the first chapter: printed page 23 is the PDF's page 33 (its /PageLabels).
        let run = try CommandRunner.run(["check", "SamplePDFs/notes/thesis-fine-sediment.md"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("p. 23 (PDF page 33)"))
        #expect(run.stdout.contains("quote:   \"The sampling protocol influences\""))
        #expect(run.stdout.contains("closest: p. 37 (PDF page 47)"))
        #expect(run.stdout.contains("--explain ^") && run.stdout.contains("pdfanchor refresh"))
    }

    @Test("a folder without .obsidian/: the PDF is found where the named path exists above the note; if not, the message names the vault used and --vault")
    func withoutObsidian() throws {
        let vault = try AuditCommandTests.sampleVault()
        try? FileManager.default.removeItem(atPath: vault + "/.obsidian")
        let found = try CommandRunner.run(["check", "thesis-fine-sediment.md"], in: vault + "/notes")
        #expect(found.stdout.hasPrefix("thesis-fine-sediment.md → \(vault)/papers/thesis-fine-sediment.pdf"), "\(found.stderr)")
        try FileManager.default.moveItem(atPath: vault + "/papers/thesis-fine-sediment.pdf", toPath: vault + "/elsewhere.pdf")
        let lost = try CommandRunner.run(["check", "thesis-fine-sediment.md"], in: vault + "/notes")
        #expect(lost.status == 2)
        #expect(lost.stderr.contains("in the vault \(vault)/notes") && lost.stderr.contains("--vault"), "\(lost.stderr)")
        let given = try CommandRunner.run(["check", "thesis-fine-sediment.md", "--vault", vault], in: vault + "/notes")
        #expect(given.stdout.hasPrefix("thesis-fine-sediment.md → \(vault)/elsewhere.pdf"), "found by fingerprint in the vault given")
    }

    @Test("a file of Hypothesis JSON finds its PDF by its annotations' uri, as a note does (it has no front matter)")
    func hypothesisFile() throws {
        let vault = try AuditCommandTests.sampleVault()
        let rows = try String(contentsOfFile: Repository.root + "/Tests/NotesTests/Fixtures/hypothesis-rows.json", encoding: .utf8)
        // The fixture's rows point at a web URL; here they point into the vault.
        let local = rows.replacingOccurrences(of: #""uri"\s*:\s*"[^"]*""#, with: #""uri":"vault:/papers/estuary-flocculation.pdf""#, options: .regularExpression)
        try local.write(toFile: vault + "/notes/hyp.json", atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["check", vault + "/notes/hyp.json"])
        #expect(run.status != 2, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("\(vault)/notes/hyp.json → \(vault)/papers/estuary-flocculation.pdf"), "\(run.stdout)")
    }
}
