import Foundation
import Testing
@testable import Notes

@Suite("Writing notes")
struct WriterTests {
    @Test("with no edits, the writer gives back the identical bytes", arguments: Fixtures.noteNames)
    func identity(name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let editor = NoteEditor(note: AnnotationNote(bytes: bytes))
        #expect(editor.result == bytes)
        #expect(!editor.hasChanges)
        #expect(editor.unifiedDiff(label: name).isEmpty)
    }

    /// The 1-based numbers of the lines that differ between two notes of the same line count.
    func changedLines(_ a: [UInt8], _ b: [UInt8]) -> [Int] {
        let left = String(decoding: a, as: UTF8.self).components(separatedBy: "\n")
        let right = String(decoding: b, as: UTF8.self).components(separatedBy: "\n")
        guard left.count == right.count else { return [-1] }
        return left.indices.filter { left[$0] != right[$0] }.map { $0 + 1 }
    }

    @Test("new selectors change only the JSON line and the quote line, and the plugin reads them")
    func selectors() throws {
        let note = try Fixtures.note("example-blood.md")
        var editor = NoteEditor(note: note)
        let quote = TextQuoteSelector(exact: "failure of anti-CD19 CAR T-cell therapy", prefix: "ressive B-cell lymphoma after ", suffix: ". A DESCAR-T analysis. Trackin")
        try editor.setSelectors(id: "i22j3j8p8", quote: quote, position: TextPositionSelector(start: 201, end: 240))
        #expect(changedLines(note.bytes, editor.result) == [8, 11])
        let plugin = try #require(PluginReader.read(String(decoding: editor.result, as: UTF8.self)))
        #expect(plugin.count == 8)
        #expect(plugin[0].quote?.exact == quote.exact)
        #expect(plugin[0].quote?.prefix == "ressive B-cell lymphoma after")
        #expect(plugin[0].quote?.suffix == ". A DESCAR-T analysis. Trackin")
        let reread = AnnotationNote(bytes: editor.result)
        #expect(reread.annotations[0].position == TextPositionSelector(start: 201, end: 240))
        #expect(reread.annotations[1...] == note.annotations[1...])
        // Key order of the JSON is kept: same keys, same order.
        #expect(reread.annotations[0].json.keys == note.annotations[0].json.keys)
        let diff = editor.unifiedDiff(label: "note.md")
        #expect(diff.hasPrefix("--- a/note.md\t\n+++ b/note.md\t\n@@ -5,10 +5,10 @@\n"))
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.count == 6)
    }

    @Test("the block's own style is kept: no PREFIX/POSTFIX, no markers, '> ' markers, CRLF")
    func styles() throws {
        for (name, id) in [("plugin-0.2-no-context.md", "nc1nc2nc3n"), ("deviation-quote-space.md", "dev0000003"), ("deviation-crlf.md", "dev0000001")] {
            let note = try Fixtures.note(name)
            var editor = NoteEditor(note: note)
            try editor.setSelectors(id: id, quote: TextQuoteSelector(exact: "new text", prefix: "before ", suffix: " after"), position: nil)
            let reread = AnnotationNote(bytes: editor.result)
            let block = try #require(reread.blocks.first { $0.id == id })
            let old = try #require(note.blocks.first { $0.id == id })
            #expect(block.markdown.prefix == (old.markdown.prefix == nil ? nil : "before"), "\(name)")
            #expect(block.markdown.highlightMarkers == old.markdown.highlightMarkers, "\(name)")
            #expect(block.marker == old.marker, "\(name)")
            #expect(reread.usesCRLF == note.usesCRLF, "\(name)")
            #expect(reread.diagnostics.map(\.code) == note.diagnostics.map(\.code), "\(name): no new problems")
            #expect(editor.result.count - note.bytes.count < 200)
        }
    }

    @Test("relinking rewrites uri, sources and links, in the JSON line only")
    func locations() throws {
        let note = try Fixtures.note("plugin-0.2-default.md")
        var editor = NoteEditor(note: note)
        let old = "vault:/Papers/Estuary flocculation/estuary-flocculation.pdf"
        let new = "vault:/Archive/2026/estuary-flocculation.pdf"
        for annotation in note.annotations {
            try editor.rewriteLocations(id: annotation.id) { $0 == old ? new : nil }
        }
        let reread = AnnotationNote(bytes: editor.result)
        #expect(reread.annotations.allSatisfy { $0.uri == new })
        #expect(reread.annotations.filter { $0.kind != .reply }.allSatisfy { $0.document.links.contains(new) && !$0.document.links.contains(old) })
        let jsonLines = Set(note.blocks.compactMap { $0.jsonLines?.lowerBound }.map { $0 + 1 })
        #expect(Set(changedLines(note.bytes, editor.result)) == jsonLines)
        #expect(PluginReader.read(String(decoding: editor.result, as: UTF8.self))?.count == 5)
    }

    @Test("a new fingerprint goes to documentFingerprint and the urn:x-pdf link")
    func fingerprint() throws {
        let note = try Fixtures.note("example-blood.md")
        var editor = NoteEditor(note: note)
        try editor.setFingerprint(id: "7p9btgdri67", "00112233445566778899aabbccddeeff")
        let annotation = AnnotationNote(bytes: editor.result).annotations[1]
        #expect(annotation.fingerprint == "00112233445566778899aabbccddeeff")
        #expect(annotation.document.links.first == "urn:x-pdf:00112233445566778899aabbccddeeff")
        #expect(changedLines(note.bytes, editor.result) == [22])
    }

    @Test("annotation-target is replaced in place, in its own quoting style", arguments: [
        ("target-vault-path.md", "annotation-target: Archive/new name.pdf"),
        ("target-wiki-quoted.md", "annotation-target: \"Archive/new name.pdf\""),
        ("target-file-url.md", "annotation-target: 'Archive/new name.pdf'"),
        ("target-array.md", "  - Archive/new name.pdf"),
        ("target-wiki-bare.md", "annotation-target: Archive/new name.pdf"),
    ])
    func frontMatter(name: String, expectedLine: String) throws {
        let note = try Fixtures.note(name)
        var editor = NoteEditor(note: note)
        try editor.setFrontMatterTarget("Archive/new name.pdf")
        let reread = AnnotationNote(bytes: editor.result)
        #expect(reread.frontMatter?.target == "Archive/new name.pdf")
        let changed = changedLines(note.bytes, editor.result)
        #expect(changed.count == 1)
        let line = String(decoding: editor.result, as: UTF8.self).components(separatedBy: "\n")[changed[0] - 1]
        #expect(line == expectedLine)
    }

    @Test("refuses to guess: unknown ids, duplicate ids, unreadable blocks")
    func refusals() throws {
        var editor = NoteEditor(note: try Fixtures.note("errors.md"))
        let quote = TextQuoteSelector(exact: "x")
        #expect(throws: NoteEditError.blockNotFound(id: "nope")) { try editor.setSelectors(id: "nope", quote: quote, position: nil) }
        #expect(throws: NoteEditError.duplicateBlockID(id: "good000001")) { try editor.setSelectors(id: "good000001", quote: quote, position: nil) }
        #expect(throws: NoteEditError.unreadableBlock(id: "badjson001", line: 18)) { try editor.setSelectors(id: "badjson001", quote: quote, position: nil) }
        #expect(!editor.hasChanges)
        var plain = NoteEditor(note: AnnotationNote(string: "no front matter\n"))
        #expect(throws: NoteEditError.noFrontMatterTarget) { try plain.setFrontMatterTarget("x.pdf") }
    }
}
