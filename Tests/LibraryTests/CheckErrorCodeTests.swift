import Foundation
import Library
import Testing

@Suite("why a note could not be checked, as codes")
struct CheckErrorCodeTests {
    /// The code `NoteChecker` gives for a note that cannot be checked.
    static func code(note: String, pdf: String? = nil) async -> String? {
        do {
            _ = try await NoteChecker().check(notePath: note, pdf: pdf)
            return nil
        } catch {
            return error.code
        }
    }

    @Test("a missing note, a note naming no PDF, a PDF not found, a file that is no PDF: each its stable code")
    func codes() async throws {
        let vault = try TestVault.vault()
        #expect(await Self.code(note: vault + "/no-such-note.md") == "not-found")
        // Front matter without annotation-target, and no blocks: nothing names a PDF.
        try "---\ntitle: x\n---\n".write(toFile: vault + "/bare.md", atomically: true, encoding: .utf8)
        #expect(await Self.code(note: vault + "/bare.md") == "no-pdf-named")
        try "---\nannotation-target: papers/gone.pdf\n---\n".write(toFile: vault + "/gone.md", atomically: true, encoding: .utf8)
        #expect(await Self.code(note: vault + "/gone.md") == "pdf-not-found")
        try "plain text, not a PDF".write(toFile: vault + "/fake.pdf", atomically: true, encoding: .utf8)
        #expect(await Self.code(note: vault + "/gone.md", pdf: vault + "/fake.pdf") == "not-a-pdf")
    }
}
