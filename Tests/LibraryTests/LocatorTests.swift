import Foundation
import Testing
import Library
import Notes

@Suite("Finding a note's PDF")
struct LocatorTests {
    @Test("the vault is the nearest folder holding .obsidian/, else the note's folder")
    func vaultRoot() throws {
        #expect(Vault.containing(note: TestVault.samples + "/notes/estuary-flocculation.md").root == TestVault.samples)
        let scratch = try TestVault.scratch()
        try TestVault.write("x", to: scratch + "/a/b/note.md")
        #expect(Vault.containing(note: scratch + "/a/b/note.md").root == scratch + "/a/b")
    }

    @Test("references in every form a note writes them", arguments: [
        ("vault:/papers/estuary-flocculation.pdf", "papers/estuary-flocculation.pdf"),
        ("vault:/papers/estuary%2Dflocculation.pdf", "papers/estuary-flocculation.pdf"),
        ("papers/estuary-flocculation.pdf", "papers/estuary-flocculation.pdf"),
        ("../papers/estuary-flocculation.pdf", "papers/estuary-flocculation.pdf"),
        ("estuary-flocculation.pdf", "papers/estuary-flocculation.pdf"),
        ("[[estuary-flocculation.pdf]]", "papers/estuary-flocculation.pdf"),
        ("[[papers/estuary-flocculation.pdf|The paper]]", "papers/estuary-flocculation.pdf"),
        ("https://example.org/x/estuary-flocculation.pdf", "papers/estuary-flocculation.pdf"),
    ])
    func references(reference: String, expected: String) {
        let vault = Vault(root: TestVault.samples)
        let found = FileReference(reference).candidates(in: vault, note: TestVault.samples + "/notes/some-note.md")
        #expect(found.first == TestVault.samples + "/" + expected, "\(reference)")
    }

    @Test("file: URLs and absolute paths; urn:x-pdf is no file")
    func otherForms() {
        let vault = Vault(root: TestVault.samples)
        let path = TestVault.samples + "/papers/estuary-flocculation.pdf"
        #expect(FileReference("file://" + path).candidates(in: vault, note: nil) == [path])
        #expect(FileReference(path).candidates(in: vault, note: nil) == [path])
        #expect(FileReference("urn:x-pdf:9ca5c5991907c76a5654a6d3da489025") == .none)
    }

    @Test("annotation-target first, then the blocks' uri, then the fingerprint anywhere in the vault")
    func order() throws {
        let vault = try TestVault.scratch()
        try FileManager.default.createDirectory(atPath: vault + "/.obsidian", withIntermediateDirectories: true)
        let note = try TestVault.copy("notes/estuary-flocculation.md", to: vault + "/notes")
        let locator = PDFLocator(vault: Vault(root: vault))
        // The PDF is missing: not found, with what was tried.
        #expect(throws: PDFLocator.NotFound.self) { try locator.locate(AnnotationNote(contentsOf: note), notePath: note) }
        // Moved and renamed: found by fingerprint.
        let moved = try TestVault.copy("papers/estuary-flocculation.pdf", to: vault + "/archive", as: "renamed.pdf")
        let byFingerprint = try locator.locate(AnnotationNote(contentsOf: note), notePath: note)
        #expect(byFingerprint.path == moved && byFingerprint.source == .fingerprint)
        // At the path the note names: found by annotation-target.
        let named = try TestVault.copy("papers/estuary-flocculation.pdf", to: vault + "/papers")
        let byTarget = try locator.locate(AnnotationNote(contentsOf: note), notePath: note)
        #expect(byTarget.path == named && byTarget.source == .annotationTarget)
    }
}
