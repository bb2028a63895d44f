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

    @Test("a PDF changed since the plan is not written; an id two highlights share, or one another annotation of the PDF already has elsewhere, is not written")
    func refusals() async throws {
        let vault = try TestVault.vault("migrate-refusals")
        let (pdf, note) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let migrator = Migrator(vault: Vault(root: vault))
        let plan = try #require(await migrator.plan().pdfs.first)
        // Another file in its place (one byte appended) after the plan.
        var changed = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let original = changed
        changed.append(0x0A)
        try changed.write(to: URL(fileURLWithPath: pdf))
        #expect(throws: WriteError.self) { try migrator.write(plan, with: NoteWriter(vault: Vault(root: vault))) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == changed)
        try original.write(to: URL(fileURLWithPath: pdf))

        // A second note on the same PDF repeating one of the first's ids; and
        // the PDF already holding an annotation named like another highlight, on another page.
        let check = try await NoteChecker().check(notePath: note)
        let found = check.annotations.filter { $0.status == .anchored }
        let (shared, other) = (found[0], found[1])
        let text = try String(contentsOfFile: note, encoding: .utf8)
        let start = try #require(text.range(of: "\n^\(shared.id)\n"))
        let blockStart = try #require(text[..<start.lowerBound].range(of: "\n>%%\n>```annotation-json", options: .backwards))
        try ("---\nannotation-target: papers/thesis-fine-sediment.pdf\n---\n" + text[blockStart.lowerBound..<start.upperBound])
            .write(toFile: vault + "/notes/second.md", atomically: true, encoding: .utf8)
        let elsewhere = other.page == 1 ? 2 : 1
        let data = try HighlightExport.pdf(
            from: pdf, highlights: [HighlightAnnotation(page: elsewhere, rects: [Rect(minX: 10, minY: 10, maxX: 40, maxY: 20)], name: other.id)])
        try data.write(to: URL(fileURLWithPath: pdf))
        let again = try #require(await migrator.plan().pdfs.first)
        #expect(again.duplicates == [shared.id])
        #expect(again.conflicts == [other.id])
        #expect(!again.highlights.contains { $0.name == shared.id || $0.name == other.id })
        #expect(!again.idsByNote.values.contains { $0.contains(other.id) || $0.contains(shared.id) }, "no link to either")
    }
}
