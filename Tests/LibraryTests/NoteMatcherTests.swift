import Foundation
import Notes
import PDFCore
import Testing
import TestSupport
@testable import Library

/// NoteMatcher alone: notes as text, a vault's PDFs as the fingerprints a
/// scan would have found (the files exist, empty: no PDF is read). Expected
/// classes from the table of matches in docs/auditing.md.
@Suite("Matching notes to PDFs")
struct NoteMatcherTests {
    static let a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    static let b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

    /// One situation: the vault's PDFs (path relative to the vault →
    /// fingerprint), what the note names and records, and the expected
    /// class and PDF.
    struct Case: Sendable, CustomTestStringConvertible {
        var why: String
        var pdfs: [String: String]
        var target: String?
        var fingerprints: [String] = [NoteMatcherTests.a]
        var targetType: String?
        var match: AuditReport.Match
        var pdf: String?
        var testDescription: String { why }
    }

    static let cases: [Case] = [
        Case(why: "the PDF the note names, with its fingerprint, once", pdfs: ["papers/p.pdf": a], target: "papers/p.pdf", match: .ok, pdf: "papers/p.pdf"),
        Case(why: "moved to another folder", pdfs: ["archive/p.pdf": a], target: "papers/p.pdf", match: .moved, pdf: "archive/p.pdf"),
        Case(why: "moved and renamed", pdfs: ["archive/renamed.pdf": a], target: "papers/p.pdf", match: .moved, pdf: "archive/renamed.pdf"),
        Case(why: "a bare name, found anywhere as Obsidian finds a link", pdfs: ["deep/in/p.pdf": a], target: "p.pdf", match: .ok, pdf: "deep/in/p.pdf"),
        Case(why: "a path that a file's path ends with", pdfs: ["deep/in/p.pdf": a], target: "in/p.pdf", match: .ok, pdf: "deep/in/p.pdf"),
        Case(why: "another version at the named path", pdfs: ["papers/p.pdf": b, "old/p.pdf": a], target: "papers/p.pdf", match: .replaced, pdf: "papers/p.pdf"),
        Case(why: "at two paths, one of them named", pdfs: ["papers/p.pdf": a, "copy/p.pdf": a], target: "papers/p.pdf", match: .duplicate, pdf: "papers/p.pdf"),
        Case(why: "at two paths, neither named: the one with the named file name", pdfs: ["x/p.pdf": a, "y/q.pdf": a], target: "papers/p.pdf", match: .duplicate, pdf: "x/p.pdf"),
        Case(why: "no PDF with the fingerprint, none at the path", pdfs: ["papers/other.pdf": b], target: "papers/p.pdf", match: .missing),
        Case(why: "no fingerprint recorded: the PDF at the named path", pdfs: ["papers/p.pdf": a], target: "papers/p.pdf", fingerprints: [], match: .ok, pdf: "papers/p.pdf"),
        Case(why: "an EPUB by its type", pdfs: [:], target: "books/b.epub", targetType: "epub", match: .notPDF),
        Case(why: "a web page by its name", pdfs: [:], target: "https://example.org/page.html", match: .notPDF),
        Case(why: "named with other letter case and Windows separators, a copy elsewhere: moved to the file so named", pdfs: ["Papers/P.pdf": a, "copy/P.pdf": a],
             target: "papers\\p.pdf", match: .moved, pdf: "Papers/P.pdf"),
        Case(why: "no fingerprint, named with other letter case: the only file so named", pdfs: ["Papers/P.pdf": a], target: "papers/p.pdf", fingerprints: [],
             match: .moved, pdf: "Papers/P.pdf"),
        Case(why: "no fingerprint, two files so named but for letter case: not guessed", pdfs: ["papers/P.pdf": a, "papers/p.PDF": b], target: "Papers/p.pdf",
             fingerprints: [], match: .missing),
    ]

    @Test("each situation gets its class and its PDF", arguments: cases)
    func classify(_ situation: Case) throws {
        let plan = try Self.plan(situation)
        #expect(plan.entry.match == situation.match)
        #expect(plan.entry.pdf == situation.pdf)
        #expect(plan.groups.allSatisfy { $0.pdf == situation.pdf.map { plan.path.replacingOccurrences(of: "/notes/n.md", with: "/") + $0 } })
    }

    @Test("the reasons name what was found: the original's place for a replaced PDF, every copy of a duplicate")
    func reasons() throws {
        let replaced = try Self.plan(Self.cases[5]).entry
        #expect(replaced.reason.contains("old/p.pdf"))
        let duplicate = try Self.plan(Self.cases[6]).entry
        #expect(Set(duplicate.copies ?? []) == ["papers/p.pdf", "copy/p.pdf"])
        #expect(try Self.plan(Self.cases[9]).entry.reason.contains("no fingerprint"))
    }

    @Test("annotations naming two documents: mixed, one group per document, each found on its own")
    func mixed() throws {
        let situation = Case(
            why: "mixed", pdfs: ["papers/p.pdf": Self.a, "papers/q.pdf": Self.b], target: "papers/p.pdf",
            fingerprints: [Self.a, Self.a, Self.b], match: .mixed, pdf: "papers/p.pdf")
        let plan = try Self.plan(situation)
        #expect(plan.entry.match == .mixed)
        #expect(plan.entry.pdf == "papers/p.pdf", "the document most annotations name")
        let root = (plan.path as NSString).deletingLastPathComponent.replacingOccurrences(of: "/notes", with: "")
        let byPDF = Dictionary(uniqueKeysWithValues: plan.groups.map { ($0.pdf ?? "", $0.members.count) })
        #expect(byPDF == [root + "/papers/p.pdf": 2, root + "/papers/q.pdf": 1])
    }

    /// The plan of the situation's note, in a new scratch vault.
    static func plan(_ situation: Case) throws -> NotePlan {
        let root = try TestVault.vault("matcher")
        var fingerprints: [String: Result<PDFFingerprint, PDFError>] = [:]
        for (path, value) in situation.pdfs {
            try TestVault.write("", to: root + "/" + path)
            fingerprints[root + "/" + path] = .success(PDFFingerprint(primary: value, source: .trailerID))
        }
        let matcher = NoteMatcher(vault: Vault(root: root), fingerprints: fingerprints)
        return matcher.plan(for: AnnotationSource(path: root + "/notes/n.md", bytes: Array(note(situation).utf8)))
    }

    /// A note naming the situation's target (front matter), with one highlight per fingerprint.
    static func note(_ situation: Case) -> String {
        var text = "---\n"
        if let target = situation.target { text += "annotation-target: \(target)\n" }
        if let type = situation.targetType { text += "annotation-target-type: \(type)\n" }
        text += "---\n"
        // The blocks name the file as the plugin would have: by its vault path.
        let uri = "vault:/" + (situation.pdf ?? situation.target ?? "elsewhere.pdf")
        for (k, fingerprint) in situation.fingerprints.enumerated() {
            let json = """
                {"document":{"documentFingerprint":"\(fingerprint)"},"uri":"\(uri)","target":[{"source":"\(uri)","selector":[{"type":"TextQuoteSelector","exact":"word \(k)","prefix":"","suffix":""}]}]}
                """
            text += "\n>%%\n>```annotation-json\n>\(json)\n>```\n>%%\n>*%%HIGHLIGHT%% ==word \(k)== *\n>%%TAGS%%\n>\n^id\(k)\n"
        }
        return text
    }
}
