import Foundation
import Testing

@Suite("pdfanchor fingerprint and text")
struct FingerprintCommandTests {
    @Test("prints FINGERPRINT  PATH per file; a bad file fails alone, on stderr, with exit 1")
    func textOutput() throws {
        let output = try CommandRunner.run([
            "fingerprint", "SamplePDFs/papers/estuary-flocculation.pdf", "SamplePDFs/edge-cases/not-a-pdf.pdf",
            "SamplePDFs/edge-cases/no-id.pdf",
        ])
        // Expected values: PDF.js 2.14 (Tests/Fixtures/pdfjs/samples.json).
        #expect(
            output.stdout == """
                9ca5c5991907c76a5654a6d3da489025  SamplePDFs/papers/estuary-flocculation.pdf
                3133ba1c9231c468a640dc12a18384b3  SamplePDFs/edge-cases/no-id.pdf

                """)
        #expect(output.stderr.contains("SamplePDFs/edge-cases/not-a-pdf.pdf: not a PDF"))
        #expect(output.status == 1)
    }

    @Test("--format json gives path, fingerprint, alternates, pages, or error")
    func jsonOutput() throws {
        let output = try CommandRunner.run([
            "fingerprint", "--format", "json", "SamplePDFs/edge-cases/id-20-bytes.pdf",
            "SamplePDFs/edge-cases/empty.pdf", "SamplePDFs/edge-cases/encrypted-user-password.pdf",
        ])
        #expect(output.status == 1)
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 3)
        #expect(entries[0]["fingerprint"] as? String == "0102030405060708090a0b0c0d0e0f1011121314")
        #expect((entries[0]["alternates"] as? [String])?.count == 1)
        #expect(entries[0]["pages"] as? Int == 1)
        #expect(entries[1]["fingerprint"] == nil)
        #expect((entries[1]["error"] as? String)?.contains("empty") == true)
        #expect(entries[2]["fingerprint"] as? String == "9ca5c5991907c76a5654a6d3da489025")
        #expect(entries[2]["encrypted"] as? Bool == true)
    }

    @Test("exit 0 when every file is fine")
    func success() throws {
        let output = try CommandRunner.run(["fingerprint", "SamplePDFs/edge-cases/zero-id.pdf"])
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
    }

    @Test("text prints a page, and its glyph boxes in JSON, one per scalar")
    func text() throws {
        let plain = try CommandRunner.run(["text", "SamplePDFs/edge-cases/no-id.pdf"])
        #expect(plain.stdout == "A PDF without an ID in its trailer.\n")
        let json = try CommandRunner.run(["text", "SamplePDFs/papers/estuary-flocculation.pdf", "--page", "3", "--format", "json"])
        let pages = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let page = try #require(pages.first)
        #expect(page["label"] as? String == "101")
        let text = try #require(page["text"] as? String)
        #expect((page["boxes"] as? [Any])?.count == text.unicodeScalars.count)
    }

    @Test("a page out of range is a usage error (exit 2) naming the file")
    func badPage() throws {
        let output = try CommandRunner.run(["text", "SamplePDFs/edge-cases/no-id.pdf", "--page", "4"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("no-id.pdf: there is no page 4"))
    }
}
