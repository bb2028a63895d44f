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

    @Test("each class names its fix, with the command the brief and the commands' help give (run from the vault's folder)")
    func fixes() throws {
        func commands(_ k: Int) throws -> [[String]?] { try Self.plan(Self.cases[k]).entry.fixes?.map(\.command) ?? [] }
        #expect(try commands(0) == [], "ok: nothing to do")
        #expect(try commands(1) == [["pdfanchor", "relink", "notes/n.md", "--write"]], "moved")
        #expect(try commands(5) == [["pdfanchor", "refresh", "notes/n.md", "--write"]], "replaced")
        #expect(try commands(6) == [nil], "a duplicate at the path the note names: no command, the copies named")
        #expect(try Self.plan(Self.cases[6]).entry.fixes?.first?.action.contains("copy/p.pdf") == true)
        #expect(try commands(7) == [["pdfanchor", "relink", "notes/n.md", "--write"]], "a duplicate named nowhere: keep one, then relink")
        #expect(try commands(8) == [nil], "missing: put it back")
        #expect(try Self.plan(Self.cases[8]).entry.fixes?.first?.action.contains("papers/p.pdf") == true)
    }

    /// A note the plugin cannot show all of, whatever its PDF: each damage
    /// (see HiddenAnnotationsTests for what the plugin does with each).
    struct Damage: Sendable, CustomTestStringConvertible {
        var why: String
        var damage: @Sendable (String) -> String
        /// How many of the note's 3 blocks the plugin does not show.
        var hidden: Int
        /// The line named first: the note below has its front matter on lines
        /// 1–3 and each block on 9 lines after a blank one (5–13, 15–23, 25–33).
        var line: Int
        var testDescription: String { why }
    }

    static let damages: [Damage] = [
        Damage(why: "'> ' lines (a Markdown formatter)", damage: { $0.replacingOccurrences(of: "\n>", with: "\n> ") }, hidden: 3, line: 5),
        Damage(why: "CRLF line ends", damage: { $0.replacingOccurrences(of: "\n", with: "\r\n") }, hidden: 3, line: 1),
        Damage(why: "no newline at the end", damage: { String($0.dropLast()) }, hidden: 1, line: 33),
        Damage(why: "a broken block hiding the others", damage: { $0.replacingOccurrences(of: "\"exact\":\"word 1\"", with: "\"exact\":") }, hidden: 3, line: 17),
    ]

    @Test("a note the plugin cannot show all of is plugin-cannot-read, never ok; its PDF's match, lines and fixes kept", arguments: damages)
    func pluginCannotRead(_ damage: Damage) throws {
        // Moved: the fix of its PDF comes after the fix of its lines.
        var situation = Self.cases[1]
        situation.fingerprints = [Self.a, Self.a, Self.a]
        let root = try TestVault.vault("damaged")
        try TestVault.write("", to: root + "/archive/p.pdf")
        let matcher = NoteMatcher(vault: Vault(root: root), fingerprints: [root + "/archive/p.pdf": .success(PDFFingerprint(primary: Self.a, source: .trailerID))])
        let text = damage.damage(Self.note(situation))
        let entry = matcher.plan(for: AnnotationSource(path: root + "/notes/n.md", bytes: Array(text.utf8))).entry
        #expect(entry.match == .pluginCannotRead)
        #expect(entry.pdfMatch == .moved)
        #expect(entry.pdf == "archive/p.pdf")
        let hidden = try #require(entry.pluginHides)
        #expect(hidden.count == damage.hidden)
        #expect(hidden.blocks == 3)
        #expect(hidden.problems.first?.lines.first == damage.line)
        #expect(entry.reason.contains("line \(damage.line)") || entry.reason.contains("lines \(damage.line),"), "\(entry.reason)")
        #expect(entry.reason.contains("as for its PDF: its PDF moved to archive/p.pdf"))
        #expect(entry.fixes?.map(\.command) == [["pdfanchor", "notes", "notes/n.md"], ["pdfanchor", "relink", "notes/n.md", "--write"]])
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
