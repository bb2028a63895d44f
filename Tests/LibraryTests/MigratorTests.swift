import Anchoring
import Foundation
import PDFCore
import Testing
@testable import Library

@Suite("Moving highlights into their PDFs")
struct MigratorTests {
    @Test("every highlight found exactly goes into the PDF under its block id, the fingerprint kept, a backup first; a second run adds nothing")
    func migrate() async throws {
        let vault = try TestVault.vault("migrate")
        let (pdf, note) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let original = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let check = try await NoteChecker().check(notePath: note)
        let anchored = Set(check.annotations.filter { $0.status == .anchored }.map(\.id))
        let fuzzy = Set(check.annotations.filter { $0.status == .fuzzy }.map(\.id))

        let migrator = Migrator(vault: Vault(root: vault))
        let plan = await migrator.plan()
        #expect(plan.skipped.isEmpty)
        let only = try #require(plan.pdfs.first)
        #expect(plan.pdfs.count == 1 && only.notes == ["notes/thesis-fine-sediment.md"])
        #expect(Set(only.ids) == anchored)
        #expect(Set(only.fuzzy) == fuzzy, "fuzzy ones are left out unless asked")
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == original, "planning writes nothing")

        let writer = NoteWriter(vault: Vault(root: vault))
        let backup = try migrator.write(only, with: writer)
        _ = writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == original)
        // PDF.js's fingerprint of the sample (Tests/Fixtures/pdfjs/samples.json): the notes still match.
        #expect(try PDFFingerprint.compute(path: pdf).primary == "81f4d8be990f73bec292528d878f904c")
        let document = try PDFDocument(path: pdf)
        var names = Set<String>()
        for number in 1...document.pageCount {
            for highlight in try document.page(number).highlights { names.insert(highlight.name ?? "") }
        }
        #expect(anchored.isSubset(of: names))
        #expect(fuzzy.isDisjoint(with: names))

        let again = await migrator.plan()
        #expect(again.pdfs.first?.highlights.isEmpty == true)
        #expect(again.pdfs.first?.alreadyThere == anchored.count)
    }
}
