import Anchoring
import Foundation
import PDFCore
import Synchronization
import Testing
@testable import Library

/// The sample vault's truth (Tests/Fixtures/vault/truth.json, made with
/// PDF.js by Scripts/pdfjs/make-vault.js): what kind each annotation is
/// made as, and where PDF.js had its passage.
struct SampleTruth: Decodable {
    struct Note: Decodable {
        var annotations: [Entry]
    }
    struct Entry: Decodable {
        var id: String
        var category: String
        var expect: String
        var truth: Place?
    }
    struct Place: Decodable {
        struct Glyph: Decodable {
            var page: Int
            var box: [Double]
        }
        var page: Int
        var boxes: [Glyph]
    }
    var notes: [String: Note]

    /// The entries of the sample note `name` (`notes/thesis-fine-sediment.md`), by id.
    static func entries(of name: String) throws -> [String: Entry] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestVault.root + "/Tests/Fixtures/vault/truth.json"))
        let file = try JSONDecoder().decode(SampleTruth.self, from: data)
        return Dictionary(uniqueKeysWithValues: (file.notes[name]?.annotations ?? []).map { ($0.id, $0) })
    }

    /// The share of `place`'s glyphs whose centre lies in one of `rects` (top-left page space) on its page.
    static func covered(_ place: Place, by rects: [Rect], page: Int) -> Double {
        let inside = place.boxes.filter { glyph in
            let (x, y) = ((glyph.box[0] + glyph.box[2]) / 2, (glyph.box[1] + glyph.box[3]) / 2)
            return glyph.page == page && rects.contains { $0.minX - 1 <= x && x <= $0.maxX + 1 && $0.minY - 2 <= y && y <= $0.maxY + 2 }
        }
        return place.boxes.isEmpty ? 0 : Double(inside.count) / Double(place.boxes.count)
    }
}

@Suite("Moving highlights into their PDFs")
struct MigratorTests {
    @Test("every highlight found exactly, and every fuzzy one its context confirms, goes into the PDF under its block id, the fingerprint kept, a backup first; the fuzzy ones where PDF.js had them; a second run adds nothing")
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
        // The fuzzy ones are the quotes make-vault.js edited (1 to 3 letters) or
        // read with OCR noise (5%, their context as noisy): their context is
        // intact, so every one is confirmed and written.
        let truth = try SampleTruth.entries(of: "notes/thesis-fine-sediment.md")
        #expect(!fuzzy.isEmpty && fuzzy.allSatisfy { ["edited", "ocr-like"].contains(truth[$0]?.category) })
        #expect(Set(only.ids) == anchored.union(fuzzy))
        #expect(Set(only.fuzzyTaken) == fuzzy && only.fuzzy.isEmpty)
        // Left behind: the quotes from another document (6 in the truth), not found.
        let foreign = Set(truth.values.filter { $0.expect == "orphaned" }.map(\.id))
        #expect(foreign.count == 6)
        #expect(Set(only.left.map(\.id)) == foreign && only.left.allSatisfy { $0.reason == .notFound && $0.note == "notes/thesis-fine-sediment.md" })
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == original, "planning writes nothing")

        let writer = NoteWriter(vault: Vault(root: vault))
        let backup = try migrator.write(only, with: writer)
        _ = writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == original)
        // PDF.js's fingerprint of the sample (Tests/Fixtures/pdfjs/samples.json): the notes still match.
        #expect(try PDFFingerprint.compute(path: pdf).primary == "81f4d8be990f73bec292528d878f904c")
        let document = try PDFDocument(path: pdf)
        var names = Set<String>()
        var placed: [String: (page: Int, rects: [Rect])] = [:]
        for number in 1...document.pageCount {
            for highlight in try document.page(number).highlights {
                names.insert(highlight.name ?? "")
                if let name = highlight.name, placed[name] == nil { placed[name] = (number, highlight.rects) }
            }
        }
        #expect(anchored.union(fuzzy).isSubset(of: names))
        #expect(foreign.isDisjoint(with: names))
        // Each fuzzy highlight is on the page PDF.js had its passage on, over its glyphs.
        for id in fuzzy {
            let place = try #require(truth[id]?.truth)
            let there = try #require(placed[id], "^\(id) in the PDF")
            #expect(there.page == place.page, "^\(id)")
            #expect(SampleTruth.covered(place, by: there.rects, page: place.page) >= 0.9, "^\(id) covers PDF.js's glyphs")
        }

        let again = await migrator.plan()
        #expect(again.pdfs.first?.highlights.isEmpty == true)
        #expect(again.pdfs.first?.alreadyThere == anchored.count + fuzzy.count)
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

    /// The thesis note with the stored prefix of ^0zppx4x5d — a quote
    /// make-vault.js edited (1 to 3 letters), 154 characters long — made
    /// other text, in its JSON and its Markdown.
    static func unconfirmedVault(_ name: String) throws -> (vault: String, pdf: String, note: String) {
        let vault = try TestVault.vault(name)
        let (pdf, note) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let old = "ribution for all37 deployments."
        var text = try String(contentsOfFile: note, encoding: .utf8)
        #expect(text.components(separatedBy: "\"prefix\":\"\(old) \"").count == 2 && text.components(separatedBy: "%%PREFIX%%\(old)%%").count == 2)
        text = text.replacingOccurrences(of: "\"prefix\":\"\(old) \"", with: "\"prefix\":\"Quite unrelated words go here. \"")
            .replacingOccurrences(of: "%%PREFIX%%\(old)%%", with: "%%PREFIX%%Quite unrelated words go here.%%")
        try text.write(toFile: note, atomically: true, encoding: .utf8)
        return (vault, pdf, note)
    }

    @Test("a fuzzy highlight whose context does not confirm its place is left behind and named; exactOnly leaves every fuzzy one")
    func unconfirmed() async throws {
        let (vault, pdf, note) = try Self.unconfirmedVault("migrate-unconfirmed")
        let check = try await NoteChecker().check(notePath: note)
        let edited = try #require(check.annotations.first { $0.id == "0zppx4x5d" })
        // Still found (a long quote, its suffix as it is), but its prefix is not the text before it.
        #expect(edited.status == .fuzzy && (edited.prefixMatch ?? 1) < 0.85)
        let fuzzy = Set(check.annotations.filter { $0.status == .fuzzy }.map(\.id))

        let migrator = Migrator(vault: Vault(root: vault))
        let only = try #require(await migrator.plan().pdfs.first)
        #expect(!only.ids.contains("0zppx4x5d") && !only.highlights.contains { $0.name.hasPrefix("0zppx4x5d") })
        #expect(only.fuzzy == ["0zppx4x5d"])
        #expect(only.left.contains(Migrator.Left(note: "notes/thesis-fine-sediment.md", id: "0zppx4x5d", reason: .fuzzyUnconfirmed)))
        #expect(Set(only.fuzzyTaken) == fuzzy.subtracting(["0zppx4x5d"]))
        let writer = NoteWriter(vault: Vault(root: vault))
        _ = try migrator.write(only, with: writer)
        _ = writer.finish()
        let names = PDFExporter.named(in: pdf, password: nil)
        #expect(names["0zppx4x5d"] == nil && fuzzy.subtracting(["0zppx4x5d"]).allSatisfy { names[$0] != nil })

        var exact = Migrator(vault: Vault(root: vault))
        exact.exactOnly = true
        try TestVault.paper("estuary-flocculation", into: vault)
        let plan = await exact.plan()
        let estuary = try #require(plan.pdfs.first { $0.pdf.hasSuffix("estuary-flocculation.pdf") })
        #expect(estuary.fuzzyTaken.isEmpty && !estuary.fuzzy.isEmpty)
        #expect(estuary.left.filter { $0.reason == .fuzzyExcluded }.map(\.id).sorted() == estuary.fuzzy.sorted())
        #expect(Set(estuary.ids).isDisjoint(with: estuary.fuzzy))
    }

    /// Records what a migration tells its progress callback.
    final class Recorder: Sendable {
        let events = Mutex<[MigrationProgress]>([])
    }

    @Test("progress: each note planned, PDF written and Markdown file read for links is told, in order, each phase ending with done == total")
    func progress() async throws {
        let vault = try TestVault.vault("migrate-progress")
        try TestVault.paper("thesis-fine-sediment", into: vault)
        try TestVault.paper("estuary-flocculation", into: vault)
        var migrator = Migrator(vault: Vault(root: vault))
        let recorder = Recorder()
        migrator.progress = { event in recorder.events.withLock { $0.append(event) } }
        let result = await migrator.migrate(write: true, links: true, with: NoteWriter(vault: Vault(root: vault)))
        #expect(result.pdfs.written.count == 2)
        let events = recorder.events.withLock { $0 }
        let notes = ["notes/estuary-flocculation.md", "notes/thesis-fine-sediment.md"]
        let pdfs = ["papers/estuary-flocculation.pdf", "papers/thesis-fine-sediment.pdf"]
        #expect(events.filter { $0.phase == .planning } == [
            MigrationProgress(phase: .planning, done: 0, total: 2, item: notes[0]), MigrationProgress(phase: .planning, done: 1, total: 2, item: notes[1]),
            MigrationProgress(phase: .planning, done: 2, total: 2, item: nil),
        ])
        #expect(events.filter { $0.phase == .writing } == [
            MigrationProgress(phase: .writing, done: 0, total: 2, item: pdfs[0]), MigrationProgress(phase: .writing, done: 1, total: 2, item: pdfs[1]),
            MigrationProgress(phase: .writing, done: 2, total: 2, item: nil),
        ])
        #expect(events.filter { $0.phase == .linking }.map(\.done) == [0, 1, 2])
        #expect(events.map(\.phase) == [.planning, .planning, .planning, .writing, .writing, .writing, .linking, .linking, .linking])
    }

    @Test("the totals: what is to be written, what is left behind by why, and the backups' size — the PDFs' sizes on disk")
    func summary() async throws {
        let vault = try TestVault.vault("migrate-summary")
        let (thesis, _) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let (estuary, _) = try TestVault.paper("estuary-flocculation", into: vault)
        let migrator = Migrator(vault: Vault(root: vault))
        let result = await migrator.migrate(write: false, links: false, with: NoteWriter(vault: Vault(root: vault)))
        let summary = MigrationSummary(result, vault: vault)
        // The truth: 134 + 92 annotations, of which 10 + 6 quote another document; every other one is found and written.
        #expect(summary.pdfs == 2 && summary.highlights == 134 + 92 - 16)
        #expect(summary.left == [.notFound: 16])
        #expect(summary.leavesSomething)
        let sizes = try [thesis, estuary].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! NSNumber }
        #expect(summary.backupPDFs == 2 && summary.backupBytes == sizes.reduce(0) { $0 + $1.int64Value })
        #expect(summary.lines.contains("Left behind: 16 highlights — 16 not found"))
    }

    @Test("sizes for people: bytes grouped by thousands, and KiB, MiB, GiB to one decimal")
    func sizes() {
        #expect(MigrationSummary.size(1) == "1 byte")
        #expect(MigrationSummary.size(1023) == "1,023 bytes")
        #expect(MigrationSummary.size(746_753) == "729.3 KiB (746,753 bytes)")
        #expect(MigrationSummary.size(1_048_576) == "1.0 MiB (1,048,576 bytes)")
        #expect(MigrationSummary.size(5_368_709_120, exact: false) == "5.0 GiB")
    }
}
