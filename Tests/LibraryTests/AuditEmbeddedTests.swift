import Foundation
import Testing
import TestSupport
import Anchoring
@testable import Library
import Notes
import PDFCore

/// A vault whose PDFs hold annotations of their own, each written by the
/// test (``HighlightExport``, as `export-pdf` and `migrate` write them) or
/// placed by the annotated fixtures' generator (expected.json):
///
/// - `papers/estuary-flocculation.pdf`, used by its note, holds six
///   highlights: one named with a note id, one with a note id's `-2` as
///   `export-pdf` names a later page's part, one with its note id over two
///   pages (`id`, `id-2`: one highlight), one with another name where a note
///   annotation was found, two with other names in the top margin of page 1
///   where no note annotation is;
/// - a copy of the same paper in a papers folder outside the vault, used by
///   no note, holds two: one with another name where a note annotation was
///   found, one in the margin;
/// - `papers/skim.pdf` (the Skim fixture), used by no note, holds what the
///   fixtures' generator placed.
struct EmbeddedVault {
    let root: String
    let papers: String
    /// Where the note's annotations were found, by id (the first page's rects).
    let found: [(id: String, page: Int, rects: [Rect])]

    static let paper = "papers/estuary-flocculation.pdf"
    static let note = "notes/estuary-flocculation.md"
    /// Rects in the top margin of page 1, where no note annotation is.
    static let margin = [Rect(minX: 20, minY: 4, maxX: 80, maxY: 12)]
    static let margin2 = [Rect(minX: 100, minY: 4, maxX: 160, maxY: 12)]

    init(_ name: String = #function) async throws {
        root = try TestVault.vault(name)
        papers = try TestVault.scratch(name + "-papers")
        let note = try TestVault.paper("estuary-flocculation", into: root).note
        try TestVault.copy("papers/estuary-flocculation.pdf", to: papers, as: "zotero-copy.pdf")
        try FileManager.default.copyItem(atPath: Repository.path("Tests/Fixtures/annotated/skim.pdf"), toPath: root + "/papers/skim.pdf")
        found = try await Self.found(note: note, vault: root)
    }

    /// The note's highlights found on one page, in note order.
    private static func found(note: String, vault: String) async throws -> [(id: String, page: Int, rects: [Rect])] {
        let source = try AnnotationSource(path: note)
        let highlights = Set(source.annotations.filter { $0.kind == .highlight }.map(\.id))
        let report = try await NoteChecker(workers: 1).check(notePath: note, vault: Vault(root: vault))
        return report.annotations.compactMap { result in
            guard highlights.contains(result.id), result.status == .anchored, let page = result.rects.first?.page,
                result.rects.allSatisfy({ $0.page == page })
            else { return nil }
            return (result.id, page, result.rects.map(\.rect))
        }
    }

    /// Writes `highlights` into the PDF at `path` (a copy made with them, put in its place).
    static func annotate(_ path: String, _ highlights: [HighlightAnnotation]) throws {
        try HighlightExport.pdf(from: path, highlights: highlights).write(to: URL(fileURLWithPath: path))
    }

    /// The six highlights of the vault's paper (see the type's comment).
    func annotatePaper() throws {
        let (a, b, c, d) = (found[0], found[1], found[2], found[3])
        try Self.annotate(root + "/" + Self.paper, [
            HighlightAnnotation(page: a.page, rects: a.rects, name: a.id),
            HighlightAnnotation(page: b.page, rects: b.rects, name: b.id + "-2"),
            HighlightAnnotation(page: c.page, rects: c.rects, name: "2f6c1a0e-zotero"),
            HighlightAnnotation(page: d.page, rects: d.rects, name: d.id),
            HighlightAnnotation(page: d.page + 1, rects: Self.margin, name: d.id + "-2"),
            HighlightAnnotation(page: 1, rects: Self.margin, name: "only-in-pdf-1"),
            HighlightAnnotation(page: 1, rects: Self.margin2, name: "only-in-pdf-2"),
        ])
    }

    /// The two highlights of the copy outside the vault.
    func annotateCopy() throws {
        let e = found[4]
        try Self.annotate(papers + "/zotero-copy.pdf", [
            HighlightAnnotation(page: e.page, rects: e.rects, name: "ABCD1234"),
            HighlightAnnotation(page: 1, rects: Self.margin, name: "EFGH5678"),
        ])
    }

    var auditor: Auditor { Auditor(vault: Vault(root: root), papers: [papers]) }
}

/// What the fixtures' generator placed in `file`, as a reader lists it:
/// the annotations that answer none (replies and group members apart), by
/// `/Subtype`; and the replies.
private func placed(in file: String) throws -> (subtypes: [String: Int], replies: Int) {
    struct Expected: Decodable {
        struct Placed: Decodable {
            var file: String
            var subtype: String?
            var inReplyTo: String?
            var replyType: String?
            var listed: Bool
        }
        var annotations: [Placed]
    }
    let expected = try JSONDecoder().decode(
        Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/annotated/expected.json"))))
    let mine = expected.annotations.filter { $0.file == file && $0.listed }
    var subtypes: [String: Int] = [:]
    for annotation in mine where annotation.inReplyTo == nil { subtypes[annotation.subtype ?? "", default: 0] += 1 }
    return (subtypes, mine.filter { $0.replyType == "R" }.count)
}

@Suite("The audit counts the annotations PDFs hold and says which are in a note")
struct AuditEmbeddedTests {
    @Test("same id, same place, only in the PDF; a copy of the document matched against its note; a PDF no note uses; the fix commands")
    func counts() async throws {
        let vault = try await EmbeddedVault()
        try vault.annotatePaper()
        try vault.annotateCopy()
        let report = try await vault.auditor.run()
        let pdfs = Dictionary(uniqueKeysWithValues: report.pdfs.map { ($0.path, $0) })
        #expect(report.notes.first { $0.path == EmbeddedVault.note }?.match == .ok, "the annotated PDF keeps its fingerprint")

        let paper = try #require(pdfs[EmbeddedVault.paper]?.embedded)
        // Seven annotations written; `d` over two pages is one highlight.
        #expect(paper.total == 6)
        #expect(paper.markup == 6)
        #expect(paper.kinds == ["text-markup": 6])
        #expect(paper.subtypes == ["Highlight": 6])
        #expect(paper.replies == 0)
        #expect(paper.sameID == 3, "a, b-2 and d")
        #expect(paper.samePlace == 1, "c, named otherwise where the note's annotation is")
        #expect(paper.onlyInPDF == 2)
        #expect(paper.onlyInPDFHighlights?.map(\.name) == ["only-in-pdf-1", "only-in-pdf-2"])
        #expect(paper.onlyInPDFHighlights?.map(\.page) == [1, 1])
        #expect(pdfs[EmbeddedVault.paper]?.fixes?.map(\.command) == [
            ["pdfanchor", "import", EmbeddedVault.paper, "-o", EmbeddedVault.note, "--write"]
        ])

        let copyPath = vault.papers + "/zotero-copy.pdf"
        let copy = try #require(pdfs[copyPath])
        #expect(copy.referencedBy.isEmpty)
        #expect(copy.embedded?.markup == 2)
        #expect(copy.embedded?.samePlace == 1, "its document's note holds it, though no note uses this copy")
        #expect(copy.embedded?.onlyInPDFHighlights?.map(\.name) == ["EFGH5678"])
        #expect(copy.fixes?.map(\.command) == [["pdfanchor", "import", copyPath, "--write"]])

        let skim = try placed(in: "skim.pdf")
        let fixture = try #require(pdfs["papers/skim.pdf"]?.embedded)
        #expect(fixture.subtypes == skim.subtypes)
        #expect(fixture.replies == skim.replies)
        let markup = skim.subtypes.filter { ["Highlight", "Underline", "StrikeOut", "Squiggly"].contains($0.key) }.values.reduce(0, +)
        #expect(fixture.markup == markup)
        #expect(fixture.onlyInPDF == markup)
        #expect(fixture.kinds["note"] == skim.subtypes["Text"])
        #expect(pdfs["papers/skim.pdf"]?.fixes?.first?.command == ["pdfanchor", "import", "papers/skim.pdf", "--write"])

        let summary = try #require(report.summary.embedded)
        #expect(summary.pdfs == 3)
        #expect(summary.markup == 6 + 2 + markup)
        #expect(summary.inNotes == 4 + 1)
        #expect(summary.onlyInPDF == 2 + 1 + markup)
        #expect(summary.pdfsToImport == 3)
        #expect(summary.unreferencedWithHighlights == 2)
        #expect(summary.annotations == 6 + 2 + skim.subtypes.values.reduce(0, +))
    }

    @Test("the same counts fresh, from the cache with and without detail, and without the cache; a PDF changed is read again")
    func cached() async throws {
        let vault = try await EmbeddedVault()
        try vault.annotatePaper()
        func counts(_ report: AuditReport) -> [String: [Int]] {
            Dictionary(uniqueKeysWithValues: report.pdfs.compactMap { pdf in
                pdf.embedded.map { (pdf.path, [$0.total, $0.markup, $0.sameID, $0.samePlace, $0.onlyInPDF]) }
            })
        }
        let expected = [6, 6, 3, 1, 2]
        let cold = try await vault.auditor.run()
        #expect(counts(cold)[EmbeddedVault.paper] == expected)
        var brief = vault.auditor
        brief.detail = false
        let warm = try await brief.run()
        #expect(warm.summary.cached == warm.summary.notes, "the notes' results come from the cache")
        #expect(counts(warm) == counts(cold), "the places of the cached results are read for the PDF's markup")
        #expect(try await vault.auditor.run().pdfs.map(\.embedded) == cold.pdfs.map(\.embedded))
        var fresh = brief
        fresh.useCache = false
        #expect(counts(try await fresh.run()) == counts(cold), "anchored now, without detail: the places are kept")

        // The PDF rewritten with one more highlight where no note has one: read again.
        try EmbeddedVault.annotate(vault.root + "/" + EmbeddedVault.paper, [
            HighlightAnnotation(page: 2, rects: EmbeddedVault.margin, name: "only-in-pdf-3")
        ])
        #expect(counts(try await brief.run())[EmbeddedVault.paper] == [7, 7, 3, 1, 3])
    }

    @Test("an inventory cached in another format is not used; a PDF holding no annotation has no entry; relink's audit does not look")
    func format() async throws {
        let vault = try await EmbeddedVault()
        try vault.annotatePaper()
        _ = try await vault.auditor.run()
        // A stale inventory (another format) saying the paper holds nothing.
        let cache = try AuditCache(vault: Vault(root: vault.root))
        let path = vault.root + "/" + EmbeddedVault.paper
        var old = EmbeddedInventory(PDFAnnotationList())
        old.format = "embedded0"
        try #require(cache.embedded(path: path, identity: try #require(AuditCache.FileIdentity.of(path))) != nil)
        cache.store(embedded: old, path: path, identity: try #require(AuditCache.FileIdentity.of(path)))
        #expect(cache.embedded(path: path, identity: try #require(AuditCache.FileIdentity.of(path))) == nil)
        let report = try await vault.auditor.run()
        #expect(report.pdfs.first { $0.path == EmbeddedVault.paper }?.embedded?.markup == 6)
        #expect(report.pdfs.first { $0.path == "papers/skim.pdf" }?.embedded != nil)
        #expect(report.pdfs.filter { $0.embedded != nil }.count == 2, "the clean copy holds nothing")
        var relink = vault.auditor
        relink.anchoring = false
        let matched = try await relink.run()
        #expect(matched.summary.embedded == nil)
        #expect(matched.pdfs.allSatisfy { $0.embedded == nil && $0.fixes == nil })
    }

    @Test("overlap: at least half the smaller area, over several lines")
    func overlap() {
        let line1 = Rect(minX: 0, minY: 0, maxX: 100, maxY: 10)
        let line2 = Rect(minX: 0, minY: 12, maxX: 50, maxY: 22)
        #expect(EmbeddedInventory.overlapHalf([line1, line2], [line1, line2]))
        #expect(EmbeddedInventory.overlapHalf([line1], [Rect(minX: 50, minY: 0, maxX: 150, maxY: 10)]), "half of each")
        #expect(!EmbeddedInventory.overlapHalf([line1], [Rect(minX: 51, minY: 0, maxX: 151, maxY: 10)]))
        #expect(EmbeddedInventory.overlapHalf([line1, line2], [line2]), "a smaller one inside")
        #expect(!EmbeddedInventory.overlapHalf([line1], [Rect(minX: 0, minY: 30, maxX: 100, maxY: 40)]))
        #expect(!EmbeddedInventory.overlapHalf([], [line1]))
    }
}
