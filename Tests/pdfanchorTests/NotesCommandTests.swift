import Foundation
import Testing

@Suite("pdfanchor notes")
struct NotesCommandTests {
    static let fixtures = "Tests/NotesTests/Fixtures"

    /// `pdfanchor notes FIXTURE --format json`: its exit status and output.
    static func json(_ fixture: String) throws -> (status: Int32, object: [String: Any]) {
        let output = try CommandRunner.run(["notes", "\(fixtures)/\(fixture)", "--format", "json"])
        return (output.status, try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]))
    }

    @Test("--format json lists annotations with id, exact, prefix, suffix, comment, tags, fingerprint")
    func json() throws {
        let (status, object) = try Self.json("example-blood.md")
        #expect(status == 0)
        let annotations = try #require(object["annotations"] as? [[String: Any]])
        #expect(annotations.count == 8)
        let first = annotations[0]
        #expect(first["id"] as? String == "i22j3j8p8")
        #expect(first["exact"] as? String == "failure of anti-CD19CAR T-Cell Therapy")
        #expect(first["prefix"] as? String == "ggressive B-Cell lymphoma after")
        #expect(first["suffix"] as? String == ". A DESCAR-T analysis.Tracking n")
        #expect(first["comment"] as? String == "")
        #expect((first["tags"] as? [String])?.isEmpty == true)
        #expect(first["fingerprint"] as? String == "f1c7499232fab25fa3f2e36db7509581")
        #expect((object["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test("errors give exit 1 with each diagnostic's line, severity and message")
    func errors() throws {
        let (status, object) = try Self.json("errors.md")
        #expect(status == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let broken = try #require(diagnostics.first { $0["code"] as? String == "broken-json" })
        #expect(broken["line"] as? Int == 20)
        #expect(broken["severity"] as? String == "error")
        #expect((broken["message"] as? String)?.contains("broken") == true)
        let text = try CommandRunner.run(["notes", "\(Self.fixtures)/errors.md"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("line 20: error: the annotation JSON is broken"))
    }

    @Test("a note the plugin cannot show all of exits 1 and says so (CRLF: none of it); an unreadable file exits 2")
    func exitCodes() throws {
        let crlf = try CommandRunner.run(["notes", "\(Self.fixtures)/deviation-crlf.md"])
        #expect(crlf.status == 1)
        #expect(crlf.stdout.contains("obsidian-annotator shows none of this note's highlights"))
        let missing = try CommandRunner.run(["notes", "no/such/note.md"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/note.md: cannot be read"))
    }

    @Test("reads Hypothesis JSON too")
    func hypothesis() throws {
        let output = try CommandRunner.run(["notes", "\(Self.fixtures)/hypothesis-rows.json"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("^hypo000002"))
    }
}
