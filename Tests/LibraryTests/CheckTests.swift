import Foundation
import Testing
import Anchoring
import Library

@Suite("Checking a note")
struct CheckTests {
    @Test("the replaced PDF is reported and still checked")
    func replaced() async throws {
        let report = try await NoteChecker().check(notePath: TestVault.samples + "/notes/estuary-flocculation-revised.md")
        #expect(report.pdf.path.hasSuffix("papers/estuary-flocculation-revised.pdf"))
        #expect(report.pdf.fingerprintMatches == false)
        // The note was made on the original paper (PDF.js fingerprint, Tests/Fixtures/pdfjs).
        #expect(report.pdf.noteFingerprint == "9ca5c5991907c76a5654a6d3da489025")
        #expect(report.pdf.fingerprint == "d2eb773745d7429b7b4fa18183da505d")
        #expect(report.summary.anchored + report.summary.fuzzy == report.summary.total)
        #expect(report.summary.fuzzy > 0, "the revision changed some words")
    }

    @Test("quads are the rects in PDF user space")
    func quads() async throws {
        let report = try await NoteChecker().check(notePath: TestVault.samples + "/notes/estuary-flocculation.md")
        let found = report.annotations.filter(\.isFound)
        #expect(found.allSatisfy { $0.quads.count == $0.rects.count })
        // Page 3 is 612 × 792 points, not rotated, crop box at the origin: y flips.
        let result = try #require(found.first { $0.page == 3 && $0.pieces == 1 })
        let rect = result.rects[0]
        let quad = result.quads[0].quadPoints
        #expect(abs(quad[0] - rect.minX) < 1e-6 && abs(quad[1] - (792 - rect.minY)) < 1e-6)
        #expect(abs(quad[6] - rect.maxX) < 1e-6 && abs(quad[7] - (792 - rect.maxY)) < 1e-6)
    }

    @Test("a note whose PDF cannot be found, or cannot be read, is an error naming it")
    func errors() async throws {
        let scratch = try TestVault.scratch()
        let note = try TestVault.copy("notes/estuary-flocculation.md", to: scratch)
        await #expect(throws: CheckError.self) { try await NoteChecker().check(notePath: note) }
        await #expect(throws: CheckError.self) {
            try await NoteChecker().check(notePath: note, pdf: TestVault.samples + "/edge-cases/not-a-pdf.pdf")
        }
        do {
            _ = try await NoteChecker().check(notePath: scratch + "/missing.md")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("missing.md: cannot be read"))
        }
    }
}
