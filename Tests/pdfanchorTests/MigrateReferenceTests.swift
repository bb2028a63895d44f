import Foundation
import Notes
import PDFCore
import Testing
import TestSupport

/// `migrate --to pdfplus` checked against what PDF.js and pdfannots read in
/// its output: Tests/Fixtures/migrate/reference.json, made by
/// Scripts/make-migrate-reference from the same migration of the sample
/// vault (the annotations' object numbers are deterministic).
@Suite("migrate, read back by PDF.js and pdfannots")
struct MigrateReferenceTests {
    struct Reference: Decodable {
        struct PDFjsAnnotation: Decodable {
            var file: String
            var page: Int
            var id: String
            var subtype: String
            var contents: String
            var color: [Int]?
            var author: String
        }
        struct Pdfannots: Decodable {
            var file: String
            var name: String?
            var page: Int?
            var text: String?
            var contents: String
            var color: String?
            var author: String
        }
        var author: String
        var links: [String]
        var pdfjs: [PDFjsAnnotation]
        var pdfannots: [Pdfannots]
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/migrate/reference.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    @Test("every link migrate writes names an annotation PDF.js reads on that page, with the block's comment and the author; pdfannots reads each block's highlight under its id with its comment; the migration gives the same links today")
    func readBack() throws {
        let reference = try Self.reference()
        let vault = try AuditCommandTests.sampleVault()
        // The links note, as the generator writes it: a wikilink and a Markdown link in turn.
        var links = ""
        var ids: [String] = []
        var comments: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: vault + "/notes").sorted() where name.hasSuffix(".md") {
            let source = try AnnotationSource(path: vault + "/notes/" + name)
            for annotation in source.annotations {
                links += ids.count % 2 == 0 ? "- [[notes/\(name.dropLast(3))#^\(annotation.id)]]\n" : "- [see](notes/\(name.dropLast(3)).md#^\(annotation.id))\n"
                ids.append(annotation.id)
                comments[annotation.id] = annotation.comment
            }
        }
        try links.write(toFile: vault + "/links.md", atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["migrate", vault, "--to", "pdfplus", "--write", "--author", reference.author])
        #expect(run.status == 1, "the revised paper's note is named, not migrated")

        let written = try String(contentsOfFile: vault + "/links.md", encoding: .utf8)
        // Each line's target: a wikilink's inside, a Markdown link's destination.
        let now = written.split(separator: "\n").map { line in
            line.hasPrefix("- [[") ? String(line.dropFirst("- [[".count).dropLast("]]".count)) : String(line.dropFirst("- [see](".count).dropLast(")".count))
        }
        #expect(now == reference.links, "the same links as when the reference was made (else: Scripts/make-migrate-reference)")

        // What PDF.js read: each PDF++ link's page and id are a highlight there.
        let highlights = Dictionary(
            reference.pdfjs.filter { $0.subtype == "Highlight" }.map { ("\($0.file)#page=\($0.page)&annotation=\($0.id)", $0) },
            uniquingKeysWith: { first, _ in first })
        var pdfLinks = 0
        for (link, id) in zip(reference.links, ids) where link.contains(".pdf#page=") {
            pdfLinks += 1
            let annotation = try #require(highlights[link], "PDF.js reads no highlight at \(link)")
            #expect(annotation.contents == comments[id], "^\(id): PDF.js reads the comment")
            #expect(annotation.author == reference.author)
        }
        // The sample truth: 134 + 92 annotations in the two notes migrated, 10 + 6
        // of them quotes from another document; every other one is migrated
        // (188 found as they are, 22 fuzzy their context confirms).
        #expect(pdfLinks == 210, "every highlight found")

        // Each link's page is the one PDF.js had the block's passage on when
        // the note was made (the sample truth), fuzzy highlights included.
        struct Truth: Decodable {
            struct Note: Decodable { var annotations: [Entry] }
            struct Entry: Decodable {
                struct Place: Decodable { var page: Int }
                var id: String
                var truth: Place?
            }
            var notes: [String: Note]
        }
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/vault/truth.json")))
        let pages = Dictionary(truth.notes.values.flatMap(\.annotations).compactMap { entry in entry.truth.map { (entry.id, $0.page) } }, uniquingKeysWith: { first, _ in first })
        for (link, id) in zip(reference.links, ids) where link.contains(".pdf#page=") {
            #expect(link.contains("#page=\(pages[id] ?? 0)&"), "^\(id): \(link)")
        }

        // What pdfannots read: each migrated block under its id (its first
        // page), with its comment and the author.
        let named = Dictionary(reference.pdfannots.compactMap { item in item.name.map { ($0, item) } }, uniquingKeysWith: { first, _ in first })
        for (id, comment) in comments {
            guard let item = named[id] else { continue }
            #expect(item.contents == comment, "^\(id): pdfannots reads the comment")
            #expect(item.author == reference.author)
        }
        // (Besides the second parts of highlights over a page break, "id-2".)
        #expect(named.keys.filter { comments[$0] != nil }.count == 210, "pdfannots reads 210 highlights under their block ids")

        // Today's PDFs hold those highlights where pdfannots read them (read by Poppler).
        for pdf in Set(reference.pdfannots.map(\.file)) {
            let document = try PDFDocument(path: vault + "/" + pdf)
            var pages: [String: Int] = [:]
            for number in 1...document.pageCount {
                for highlight in try document.page(number).highlights { if let name = highlight.name { pages[name] = pages[name] ?? number } }
            }
            for item in reference.pdfannots where item.file == pdf {
                #expect(pages[item.name ?? ""] == item.page, "\(item.name ?? "?") on page \(item.page ?? 0) of \(pdf)")
            }
        }
    }
}
