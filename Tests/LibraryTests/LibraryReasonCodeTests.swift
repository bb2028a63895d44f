import Foundation
import Testing
import Anchoring
import Library
import Notes

/// Reason codes where checks and audits give them, the cache's keys, and
/// the codes of the Library's errors.
@Suite("Typed reasons: reason codes, cache keys, error codes")
struct LibraryReasonCodeTests {
    static let uri = "vault:/papers/estuary-flocculation.pdf"

    /// One annotation block of obsidian-annotator's form, its JSON given.
    static func block(id: String, json: String) -> String {
        "\n>%%\n>```annotation-json\n>\(json)\n>```\n>%%\n>*%%HIGHLIGHT%% ==== *\n>%%TAGS%%\n>\n^\(id)\n"
    }

    static let document = """
        "document":{"title":"x","link":[{"href":"urn:x-pdf:\(AuditVault.paper)"},{"href":"\(uri)"}],"documentFingerprint":"\(AuditVault.paper)"}
        """

    /// The sample paper's note, and after its highlights: a page note, a
    /// reply, a highlight with a position but no quote, and a quote from
    /// another text altogether.
    static func note(into vault: String) throws -> String {
        let original = try String(contentsOfFile: TestVault.samples + "/notes/estuary-flocculation.md", encoding: .utf8)
        let extra = [
            block(id: "pagenote1", json: #"{"text":"A page note.",\#(document),"uri":"\#(uri)","target":[{"source":"\#(uri)"}]}"#),
            block(id: "reply1", json: #"{"text":"I agree.","references":["pagenote1"],"uri":"\#(uri)","target":[{"source":"\#(uri)"}]}"#),
            block(
                id: "noquote1",
                json: #"{\#(document),"uri":"\#(uri)","target":[{"source":"\#(uri)","selector":[{"type":"TextPositionSelector","start":100,"end":140}]}]}"#),
            AuditVault.block(
                id: "foreign1", fingerprint: AuditVault.paper, uri: uri,
                exact: "Quantum chromodynamics describes the strong interaction between quarks and gluons inside hadrons.",
                prefix: "In particle physics, ", suffix: " Its coupling runs with energy"),
        ].joined()
        let path = vault + "/notes/estuary-flocculation.md"
        try TestVault.write(original + extra, to: path)
        return path
    }

    @Test("check: a page note, a reply, no quote, a quote from another text — each with its code, in the JSON too")
    func check() async throws {
        let vault = try TestVault.vault()
        try TestVault.copy("papers/estuary-flocculation.pdf", to: vault + "/papers")
        let report = try await NoteChecker().check(notePath: try Self.note(into: vault))
        let byID = Dictionary(uniqueKeysWithValues: report.annotations.map { ($0.id, $0) })
        #expect(byID["pagenote1"]?.status == .skipped && byID["pagenote1"]?.reasonCode == .pageNote)
        #expect(byID["reply1"]?.status == .skipped && byID["reply1"]?.reasonCode == .reply)
        #expect(byID["noquote1"]?.status == .orphaned && byID["noquote1"]?.reasonCode == .noQuote)
        #expect(byID["foreign1"]?.status == .orphaned && byID["foreign1"]?.reasonCode == .notFound)
        for result in report.annotations {
            #expect((result.reason == nil) == (result.reasonCode == nil), "^\(result.id)")
            if let code = result.reasonCode { #expect(code.status == result.status, "^\(result.id)") }
        }
        // What `check --format json` prints: the report, encoded.
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        let annotations = try #require(json["annotations"] as? [[String: Any]])
        let codes = Dictionary(uniqueKeysWithValues: annotations.map { ($0["id"] as? String ?? "", $0["reasonCode"] as? String) })
        #expect(codes["pagenote1"] == "page-note" && codes["reply1"] == "reply")
        #expect(codes["noquote1"] == "no-quote" && codes["foreign1"] == "not-found")
    }

    @Test("audit: the codes of a check, kept through the cache; a note whose PDF is missing: not-checked and no-passage")
    func audit() async throws {
        let vault = try TestVault.vault()
        try TestVault.copy("papers/estuary-flocculation.pdf", to: vault + "/papers")
        _ = try Self.note(into: vault)
        let missing = AuditVault.smallNote(target: "gone/away.pdf", fingerprint: "00000000000000000000000000000001", exact: "anything at all", prefix: "", suffix: "")
            + Self.block(id: "pagenote2", json: #"{"text":"A page note.","uri":"vault:/gone/away.pdf","target":[{"source":"vault:/gone/away.pdf"}]}"#)
        try TestVault.write(missing, to: vault + "/notes/missing.md")
        for run in ["first", "cached"] {
            let report = try await Auditor(vault: Vault(root: vault)).run()
            let byID = Dictionary(report.notes.flatMap(\.annotations).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byID["pagenote1"]?.reasonCode == .pageNote, "\(run)")
            #expect(byID["reply1"]?.reasonCode == .reply, "\(run)")
            #expect(byID["noquote1"]?.reasonCode == .noQuote, "\(run)")
            #expect(byID["foreign1"]?.reasonCode == .notFound, "\(run)")
            #expect(byID["first1"]?.status == .orphaned && byID["first1"]?.reasonCode == .notChecked, "\(run)")
            #expect(byID["first1"]?.reason?.hasPrefix("not checked: ") == true, "\(run)")
            #expect(byID["pagenote2"]?.status == .skipped && byID["pagenote2"]?.reasonCode == .noPassage, "\(run)")
        }
    }

    @Test("a report cached before reasons had codes is not reused; one with them is")
    func cacheWithoutCodes() throws {
        let vault = try TestVault.vault()
        let cache = try AuditCache(vault: Vault(root: vault))
        var result = AnchorResult(id: "a", status: .orphaned)
        result.explain(.notFound, "not found: no text in the PDF resembles the quote")
        let summary = CheckReport.Summary(counting: [result])
        var report = CheckReport(
            note: "n.md", pdf: .init(path: "p.pdf", fingerprint: "f", fingerprintMatches: true, noteFingerprint: "f", pages: 1, foundBy: .given),
            summary: summary, annotations: [result], diagnostics: [])
        cache.store(report: report, key: CacheKey(rawValue: "new"))
        #expect(cache.report(key: CacheKey(rawValue: "new"))?.annotations.first?.reasonCode == .notFound)
        report.annotations[0].reasonCode = nil
        cache.store(report: report, key: CacheKey(rawValue: "old"))
        #expect(cache.report(key: CacheKey(rawValue: "old")) == nil)
        #expect(cache.reportSummary(key: CacheKey(rawValue: "old"))?.orphaned == 1, "the counts are still good")
    }

    @Test("a cache key is stored as it always was: its parts joined by |, and as a plain string in JSON")
    func cacheKey() throws {
        let folder = try TestVault.scratch()
        let pdf = try TestVault.copy("papers/estuary-flocculation.pdf", to: folder)
        let identity = try #require(AuditCache.FileIdentity.of(pdf))
        let key = CacheKey.report(noteHash: "abc", pdf: pdf, identity: identity, version: "0.2.0#1")
        let ends = String(identity.ends.prefix(16))
        let stored = "abc|\(pdf)|\(identity.size)|\(identity.modified)|\(identity.changed)|\(identity.inode)|\(ends)|0.2.0#1"
        #expect(key.rawValue == stored)
        #expect(key == CacheKey(rawValue: stored))
        #expect(try JSONEncoder().encode([key]) == JSONEncoder().encode([stored]))
        #expect(try JSONDecoder().decode([CacheKey].self, from: JSONEncoder().encode([stored])) == [key])
    }

    @Test("an audit that cannot run says why with a code")
    func auditErrors() async throws {
        let folder = try TestVault.scratch()
        let file = folder + "/note.md"
        try TestVault.write("text", to: file)
        let cases: [(Auditor, AuditError.Code)] = [
            (Auditor(vault: Vault(root: folder + "/nowhere")), .noSuchVault),
            (Auditor(vault: Vault(root: file)), .vaultNotAFolder),
            (Auditor(vault: Vault(root: folder), papers: [folder + "/nowhere"]), .noSuchPapers),
            (Auditor(vault: Vault(root: folder), papers: [file]), .papersNotAFolder),
        ]
        for (auditor, code) in cases {
            do {
                _ = try await auditor.run()
                Issue.record("no error for \(code)")
            } catch {
                #expect(error.code == code, "\(error)")
            }
        }
        #expect(AuditError.Code.allCases.map(\.rawValue) == ["no-such-vault", "vault-not-a-folder", "no-such-papers", "papers-not-a-folder"])
    }

    @Test("a write refused says why with a code; changedOnDisk still tells a change on disk")
    func writeErrors() throws {
        let vault = try TestVault.vault()
        let path = try TestVault.copy("notes/estuary-flocculation.md", to: vault + "/notes")
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let edited = original + Data("\n".utf8)
        func refusal(_ write: () throws -> Void) -> WriteError? {
            do { try write() } catch { return error as? WriteError }
            return nil
        }
        let writer = NoteWriter(vault: Vault(root: vault))
        let changed = refusal { _ = try writer.write(path: path, original: Data("other".utf8), edited: edited) }
        #expect(changed?.code == .changedOnDisk && changed?.changedOnDisk == true)
        chmod(path, 0o444)
        let readOnly = refusal { _ = try writer.write(path: path, original: original, edited: edited) }
        #expect(readOnly?.code == .readOnly && readOnly?.changedOnDisk == false)
        chmod(path, 0o644)
        let guardian = OutputGuard(inputs: [path], vault: Vault(root: vault))
        #expect(refusal { _ = try guardian.prepare(path) }?.code == .isInput)
        let other = try TestVault.copy("notes/thesis-fine-sediment.md", to: vault + "/notes")
        #expect(refusal { _ = try guardian.prepare(other) }?.code == .protected)
        // The old initializer still makes the two kinds it made.
        #expect(WriteError(path: "p", reason: "r", changedOnDisk: true).code == .changedOnDisk)
        #expect(WriteError(path: "p", reason: "r").code == .io)
        var error = WriteError(path: "p", reason: "r", code: .readOnly)
        error.changedOnDisk = true
        #expect(error.code == .changedOnDisk)
        let raw = WriteError.Code.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count && raw.contains("changed-on-disk"))
    }
}
