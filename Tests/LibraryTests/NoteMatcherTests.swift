import Foundation
import Notes
import PDFCore
import Testing
import TestSupport
@testable import Library

/// NoteMatcher alone: notes as text, a vault's PDFs as the fingerprints a
/// scan would have found (the files exist, empty: no PDF is read). Expected
/// classes from the README's table of matches.
@Suite("Matching notes to PDFs")
struct NoteMatcherTests {
    let root: String
    static let a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    static let b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

    init() throws { root = try TestVault.vault("matcher") }

    /// A matcher over PDFs given as path (relative to the vault) → fingerprint.
    func matcher(_ pdfs: [String: String]) throws -> NoteMatcher {
        var fingerprints: [String: Result<PDFFingerprint, PDFError>] = [:]
        for (path, value) in pdfs {
            try TestVault.write("", to: root + "/" + path)
            fingerprints[root + "/" + path] = .success(PDFFingerprint(primary: value, source: .trailerID))
        }
        return NoteMatcher(vault: Vault(root: root), fingerprints: fingerprints)
    }

    /// A note naming `target` (front matter), with one highlight per fingerprint given.
    func note(target: String?, fingerprints: [String], targetType: String? = nil) -> AnnotationSource {
        var text = "---\n"
        if let target { text += "annotation-target: \(target)\n" }
        if let targetType { text += "annotation-target-type: \(targetType)\n" }
        text += "---\n"
        for (k, fingerprint) in fingerprints.enumerated() {
            let uri = "vault:/" + (target ?? "elsewhere.pdf")
            let json = """
                {"document":{"documentFingerprint":"\(fingerprint)"},"uri":"\(uri)","target":[{"source":"\(uri)","selector":[{"type":"TextQuoteSelector","exact":"word \(k)","prefix":"","suffix":""}]}]}
                """
            text += "\n>%%\n>```annotation-json\n>\(json)\n>```\n>%%\n>*%%HIGHLIGHT%% ==word \(k)== *\n>%%TAGS%%\n>\n^id\(k)\n"
        }
        return AnnotationSource(path: root + "/notes/n.md", bytes: Array(text.utf8))
    }

    @Test("the PDF the note names, with its fingerprint, once: ok")
    func ok() throws {
        let plan = try matcher(["papers/p.pdf": Self.a]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(plan.entry.match == .ok)
        #expect(plan.entry.pdf == "papers/p.pdf")
        #expect(plan.groups.count == 1 && plan.groups[0].members.count == 1)
    }

    @Test("the fingerprint found at another path, nothing at the named one: moved, to the new path")
    func moved() throws {
        let plan = try matcher(["archive/p.pdf": Self.a]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(plan.entry.match == .moved)
        #expect(plan.entry.pdf == "archive/p.pdf")
        let renamed = try matcher(["archive/renamed.pdf": Self.a]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(renamed.entry.match == .moved)
        #expect(renamed.entry.pdf == "archive/renamed.pdf")
    }

    @Test("a bare file name, or a path a file's path ends with, is found as Obsidian finds a link: ok")
    func linkLikeObsidian() throws {
        let bare = try matcher(["deep/in/p.pdf": Self.a]).plan(for: note(target: "p.pdf", fingerprints: [Self.a]))
        #expect(bare.entry.match == .ok)
        #expect(bare.entry.pdf == "deep/in/p.pdf")
        let tail = try matcher(["deep/in/p.pdf": Self.a]).plan(for: note(target: "in/p.pdf", fingerprints: [Self.a]))
        #expect(tail.entry.match == .ok)
    }

    @Test("another version at the named path: replaced, checked against it, the original's place named")
    func replaced() throws {
        let plan = try matcher(["papers/p.pdf": Self.b, "old/p.pdf": Self.a]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(plan.entry.match == .replaced)
        #expect(plan.entry.pdf == "papers/p.pdf")
        #expect(plan.entry.reason.contains("old/p.pdf"))
    }

    @Test("the fingerprint at several paths: duplicate; the named path wins, else the copy most like it")
    func duplicate() throws {
        let named = try matcher(["papers/p.pdf": Self.a, "copy/p.pdf": Self.a]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(named.entry.match == .duplicate)
        #expect(named.entry.pdf == "papers/p.pdf")
        #expect(Set(named.entry.copies ?? []) == ["papers/p.pdf", "copy/p.pdf"])
        let moved = try matcher(["x/p.pdf": Self.a, "y/q.pdf": Self.a]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(moved.entry.match == .duplicate)
        #expect(moved.entry.pdf == "x/p.pdf", "same file name as the named path")
    }

    @Test("no PDF with the fingerprint and none at the path: missing")
    func missing() throws {
        let plan = try matcher(["papers/other.pdf": Self.b]).plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a]))
        #expect(plan.entry.match == .missing)
        #expect(plan.entry.pdf == nil)
        #expect(plan.groups.allSatisfy { $0.pdf == nil })
    }

    @Test("annotations naming two documents: mixed, one group per document, each found on its own")
    func mixed() throws {
        let plan = try matcher(["papers/p.pdf": Self.a, "papers/q.pdf": Self.b])
            .plan(for: note(target: "papers/p.pdf", fingerprints: [Self.a, Self.a, Self.b]))
        #expect(plan.entry.match == .mixed)
        #expect(plan.entry.pdf == "papers/p.pdf", "the document most annotations name")
        #expect(plan.groups.count == 2)
        let byPDF = Dictionary(uniqueKeysWithValues: plan.groups.map { ($0.pdf ?? "", $0.members.count) })
        #expect(byPDF == [root + "/papers/p.pdf": 2, root + "/papers/q.pdf": 1])
    }

    @Test("an EPUB or web note: not-pdf, nothing to anchor")
    func notPDF() throws {
        let typed = try matcher([:]).plan(for: note(target: "books/b.epub", fingerprints: [Self.a], targetType: "epub"))
        #expect(typed.entry.match == .notPDF)
        #expect(typed.groups.isEmpty)
        let byName = try matcher([:]).plan(for: note(target: "https://example.org/page.html", fingerprints: [Self.a]))
        #expect(byName.entry.match == .notPDF)
    }

    @Test("no fingerprint recorded: the PDF at the named path is used, with a reason that says so")
    func noFingerprint() throws {
        let source = note(target: "papers/p.pdf", fingerprints: [])
        let plan = try matcher(["papers/p.pdf": Self.a]).plan(for: source)
        #expect(plan.entry.match == .ok)
        #expect(plan.entry.reason.contains("no fingerprint"))
    }
}
