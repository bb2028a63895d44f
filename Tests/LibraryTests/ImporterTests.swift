import Anchoring
import Foundation
import Notes
import PDFCore
import Testing
@testable import Library

@Suite("Importing a PDF's own highlights into a note")
struct ImporterTests {
    /// The sample note's annotations whose selectors PDF.js made untouched
    /// (Tests/Fixtures/vault/truth.json categories; the others were damaged
    /// on purpose: edited quotes, stale or missing positions).
    static let untouched: Set<String> = ["ordinary", "ligature", "line-end-hyphen", "long", "page-top"]

    /// A vault holding the sample paper and a copy of its PDF with the
    /// note's highlights written in by `export-pdf` (as `/NM` the block id).
    static func exported() async throws -> (vault: String, note: String, pdf: String) {
        let vault = try TestVault.vault("import")
        let (_, note) = try TestVault.paper("estuary-flocculation", into: vault)
        let pdf = vault + "/papers/exported.pdf"
        _ = try await PDFExporter().export(notePath: note, to: pdf)
        return (vault, note, pdf)
    }

    @Test("a PDF's highlights become a note whose selectors are PDF.js's own: every annotation PDF.js made untouched comes back with its quote, context and position; check anchors every imported one exactly")
    func importAsPDFjsMadeThem() async throws {
        let (vault, note, pdf) = try await Self.exported()
        let truth = try SampleTruth.entries(of: "notes/estuary-flocculation.md")
        let original = Dictionary(uniqueKeysWithValues: AnnotationNote(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: note))), path: note).annotations.map { ($0.id, $0) })
        let reading = try EmbeddedReader.read(try PDFFile(path: pdf), password: nil)
        let target = vault + "/notes/imported.md"
        let plan = try Importer.plan(reading, into: target, vault: Vault(root: vault), colors: ColorMap(), password: nil)
        #expect(!plan.noteExists)
        try plan.edited.write(to: URL(fileURLWithPath: target))
        let imported = AnnotationNote(bytes: Array(plan.edited), path: target)
        #expect(imported.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(imported.annotations.count == plan.added.count)
        var compared = 0
        for annotation in imported.annotations {
            guard let entry = truth[annotation.id], Self.untouched.contains(entry.category), let before = original[annotation.id] else { continue }
            #expect(annotation.quote == before.quote, "\(annotation.id)")
            #expect(annotation.position == before.position, "\(annotation.id)")
            #expect(annotation.fingerprint == before.fingerprint, "\(annotation.id)")
            compared += 1
        }
        // grep of truth.json: 40 ordinary, 5 ligature, 5 line-end-hyphen, 8 long, 6 page-top.
        #expect(compared == 64)
        let check = try await NoteChecker().check(notePath: target, pdf: pdf)
        #expect(check.annotations.count == plan.added.count)
        #expect(check.annotations.allSatisfy { $0.status == .anchored && $0.errors == 0 }, "\(check.annotations.filter { $0.status != .anchored }.map(\.id))")
    }

    @Test("the note the highlights came from gains nothing (their /NM are its block ids, a page-break part included); a note imported once gains nothing the second time")
    func nothingTwice() async throws {
        let (vault, note, pdf) = try await Self.exported()
        let reading = try EmbeddedReader.read(try PDFFile(path: pdf), password: nil)
        let back = try Importer.plan(reading, into: note, vault: Vault(root: vault), colors: ColorMap(), password: nil)
        #expect(back.added.isEmpty)
        #expect(back.edited == back.original)
        let target = vault + "/notes/again.md"
        let first = try Importer.plan(reading, into: target, vault: Vault(root: vault), colors: ColorMap(), password: nil)
        try first.edited.write(to: URL(fileURLWithPath: target))
        let second = try Importer.plan(reading, into: target, vault: Vault(root: vault), colors: ColorMap(), password: nil)
        #expect(second.added.isEmpty)
        #expect(second.present.count == first.added.count)
    }

    @Test("a file that is not an annotation note, or a note of another PDF, is refused")
    func refusals() async throws {
        let (vault, _, pdf) = try await Self.exported()
        let reading = try EmbeddedReader.read(try PDFFile(path: pdf), password: nil)
        let diary = vault + "/diary.md"
        try "# My diary\n\nNothing here.\n".write(toFile: diary, atomically: true, encoding: .utf8)
        #expect(throws: Importer.Refusal.self) { try Importer.plan(reading, into: diary, vault: Vault(root: vault), colors: ColorMap(), password: nil) }
        let (_, other) = try TestVault.paper("thesis-fine-sediment", into: vault)
        #expect(throws: Importer.Refusal.self) { try Importer.plan(reading, into: other, vault: Vault(root: vault), colors: ColorMap(), password: nil) }
    }

    @Test("without -o the note is the vault's note of this very PDF (its annotation-target finds it), not a copy's of the same fingerprint")
    func defaultNote() async throws {
        let (vault, note, pdf) = try await Self.exported()
        let original = vault + "/papers/estuary-flocculation.pdf"
        #expect(Importer.notes(of: try PDFFile(path: original), in: Vault(root: vault)).map { Vault.absolute($0) } == [Vault.absolute(note)])
        // exported.pdf has the sample's fingerprint (export keeps it) but no note names it.
        #expect(Importer.notes(of: try PDFFile(path: pdf), in: Vault(root: vault)).isEmpty)
    }

    @Test("a short quote that starts the document has no prefix (Hypothesis keeps none): found there, the document's start confirming it (with no suffix either, a quote that is a whole page's text)")
    func quoteAtDocumentStart() async throws {
        let vault = try TestVault.vault("start")
        let pdf = vault + "/base.pdf"
        try FileManager.default.copyItem(atPath: TestVault.root + "/Tests/Fixtures/annotated/base.pdf", toPath: pdf)
        // base.tex's title and first line; PDF.js puts nothing between lines.
        let quote = TextQuoteSelector(exact: "Flocculation in", prefix: "", suffix: "")
        let fingerprint = try PDFFile(path: pdf).fingerprint.primary
        let json = JSONObject([
            "document": .object(JSONObject(["documentFingerprint": .string(fingerprint)])), "uri": .string("vault:/base.pdf"),
            "target": .array([.object(JSONObject([
                "source": .string("vault:/base.pdf"),
                "selector": .array([.object(JSONObject([
                    "type": .string("TextQuoteSelector"), "exact": .string(quote.exact), "prefix": .string(""), "suffix": .string(quote.suffix),
                ]))]),
            ]))]),
        ])
        let note = vault + "/base.md"
        try ("---\nannotation-target: base.pdf\n---\n" + AnnotationBlockWriter.block(id: "start1", json: json, quote: quote, comment: "", tags: []))
            .write(toFile: note, atomically: true, encoding: .utf8)
        let check = try await NoteChecker().check(notePath: note)
        #expect(check.annotations.map(\.status) == [.anchored], "\(check.annotations.map { $0.reason ?? "" })")
        #expect(check.annotations.first?.page == 1)
    }
}

@Suite("Turned pages in PDF.js's form")
struct TurnedPagesTests {
    struct Truth: Decodable {
        var pages: [String]
    }

    @Test("pages turned 0, 90, 180 and 270 degrees: the modelled text of each is PDF.js's (Tests/Fixtures/rotated/pdfjs.json), and every imported highlight's quote, context and position are PDF.js's text there")
    func turned() throws {
        let root = TestVault.root + "/Tests/Fixtures/rotated/"
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: URL(fileURLWithPath: root + "pdfjs.json")))
        let document = try PDFDocument(path: root + "rotated.pdf")
        for (k, text) in truth.pages.enumerated() {
            #expect(try document.page(k + 1).pdfjsText()?.string == text, "page \(k + 1)")
        }
        let vault = try TestVault.vault("turned")
        try FileManager.default.copyItem(atPath: root + "rotated.pdf", toPath: vault + "/rotated.pdf")
        let reading = try EmbeddedReader.read(try PDFFile(path: vault + "/rotated.pdf"), password: nil)
        let plan = try Importer.plan(reading, into: vault + "/rotated.md", vault: Vault(root: vault), colors: ColorMap(), password: nil)
        // rotated.py: four phrases on each of the four pages.
        #expect(plan.added.count == 16)
        let all = Array(truth.pages.joined().utf16)
        for annotation in AnnotationNote(bytes: Array(plan.edited)).annotations {
            // The selectors as stored in the JSON (the Markdown line shows the context trimmed).
            let selectors = annotation.json["target"]?.arrayValue?.first?["selector"]?.arrayValue?.map(Selector.init(json:)) ?? []
            let quote = try #require(selectors.lazy.compactMap { if case .textQuote(let q) = $0 { q } else { nil } }.first)
            let position = try #require(selectors.lazy.compactMap { if case .textPosition(let p) = $0 { p } else { nil } }.first)
            let at = { (range: Range<Int>) in String(decoding: all[max(0, range.lowerBound)..<min(all.count, range.upperBound)], as: UTF16.self) }
            #expect(at(position.start..<position.end) == quote.exact, "\(annotation.id)")
            #expect(at((position.start - quote.prefix.utf16.count)..<position.start) == quote.prefix, "\(annotation.id)")
            #expect(at(position.end..<(position.end + quote.suffix.utf16.count)) == quote.suffix, "\(annotation.id)")
        }
    }
}
