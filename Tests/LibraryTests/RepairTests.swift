import Foundation
import Testing
import TestSupport
import Anchoring
@testable import Library
import Notes
import PDFCore

/// Lines of a file, each with its terminator, as bytes.
func lines(_ data: Data) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in data {
        current.append(byte)
        if byte == 0x0A {
            result.append(current)
            current = []
        }
    }
    if !current.isEmpty { result.append(current) }
    return result
}

/// Checks that an edit changed only the lines it says it changed.
func expectOnlyChangedLines(_ change: NoteChange, sourceLocation: SourceLocation = #_sourceLocation) {
    let old = lines(change.original)
    let new = lines(change.edited)
    #expect(old.count == new.count, "line count kept", sourceLocation: sourceLocation)
    let changed = Set(change.changedLines)
    for k in 0..<min(old.count, new.count) where !changed.contains(k) {
        #expect(old[k] == new[k], "line \(k + 1) is not to change", sourceLocation: sourceLocation)
    }
}

@Suite("Relinking moved PDFs")
struct RelinkTests {
    static let fixtures = TestVault.root + "/Tests/NotesTests/Fixtures"
    static let newPath = "archive/moved paper.pdf"

    /// The annotation-target each fixture should get, written in its own form.
    static let expectedTargets: [String: String?] = [
        "target-array.md": newPath,
        "target-bare-name.md": "moved paper.pdf",
        "target-relative.md": "../archive/moved paper.pdf",
        "target-url.md": "https://example.org/papers/estuary-flocculation.pdf",
        "target-vault-path.md": newPath,
        "target-wiki-alias.md": "[[archive/moved paper.pdf|The paper]]",
        "target-wiki-bare.md": "[[moved paper.pdf]]",
        "target-wiki-quoted.md": "[[moved paper.pdf]]",
        "example-blood.md": "moved paper.pdf",
        "plugin-0.2-default.md": newPath,
    ]

    static var fixtureNotes: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    @Test("every fixture note: only location lines change, in their own form; everything else stays byte for byte", arguments: fixtureNotes)
    func fixture(_ name: String) throws {
        let vault = try TestVault.vault("relink")
        try TestVault.write("%PDF-1.4\n", to: vault + "/" + Self.newPath)
        let note = vault + "/notes/" + name
        try FileManager.default.createDirectory(atPath: vault + "/notes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: note)
        let before = try AnnotationNote(contentsOf: note)
        let relinker = Relinker(vault: Vault(root: vault))
        let (change, leftAlone) = try relinker.relink(notePath: note, to: Self.newPath, fingerprint: before.fingerprint)
        expectOnlyChangedLines(change)
        let after = AnnotationNote(bytes: [UInt8](change.edited), path: note)
        if let expected = Self.expectedTargets[name] {
            #expect(after.frontMatter?.target == expected)
        }
        // The annotations are the same, but for where their document is.
        #expect(after.annotations.map(\.id) == before.annotations.map(\.id))
        #expect(after.annotations.map(\.quote) == before.annotations.map(\.quote))
        #expect(after.annotations.map(\.comment) == before.annotations.map(\.comment))
        #expect(after.diagnostics.filter { $0.severity == .error }.count == before.diagnostics.filter { $0.severity == .error }.count)
        // Blocks are edited by their ^id; those without a unique one are left (and reported).
        let counts = Dictionary(before.blocks.compactMap(\.id).map { ($0, 1) }, uniquingKeysWith: +)
        let editable = Set(counts.filter { $0.value == 1 }.keys)
        #expect(leftAlone.count == before.blocks.filter { $0.annotation?.uri?.hasPrefix("vault:/") == true && !editable.contains($0.id ?? "") }.count)
        for (old, new) in zip(before.annotations, after.annotations) {
            let belongs = old.fingerprint == nil || old.fingerprint == before.fingerprint
            if belongs, editable.contains(old.id), let uri = old.uri, uri.hasPrefix("vault:/") {
                #expect(new.uri == "vault:/" + Self.newPath)
                #expect(new.targets.allSatisfy { $0.source == nil || $0.source == "vault:/" + Self.newPath })
            } else {
                #expect(new.uri == old.uri)
            }
            #expect(new.document.links.filter { $0.hasPrefix("urn:") } == old.document.links.filter { $0.hasPrefix("urn:") })
        }
    }

    @Test("vault:/ locations keep their %-encoding; file: URLs and relative paths are rebuilt")
    func forms() {
        let relinker = Relinker(vault: Vault(root: "/v"))
        #expect(relinker.location(like: "vault:/Papers/Old%20name.pdf", to: "archive/new name.pdf") == "vault:/archive/new%20name.pdf")
        #expect(relinker.location(like: "vault:/Papers/Old name.pdf", to: "archive/new name.pdf") == "vault:/archive/new name.pdf")
        #expect(relinker.location(like: "file:///v/Papers/old.pdf", to: "archive/new name.pdf") == "file:///v/archive/new%20name.pdf")
        #expect(relinker.location(like: "urn:x-pdf:abc", to: "archive/new.pdf") == "urn:x-pdf:abc")
        #expect(relinker.location(like: "https://arxiv.org/pdf/1702.08734.pdf", to: "x.pdf") == "https://arxiv.org/pdf/1702.08734.pdf")
        #expect(Relinker.relative(from: "/v/notes/deep", to: "/v/archive/x.pdf") == "../../archive/x.pdf")
        #expect(Relinker.relative(from: "/v/notes", to: "/v/notes/pdfs/x.pdf") == "./pdfs/x.pdf")
    }

    @Test("in a vault: only the moved note is relinked; written safely, it audits ok; a second run finds nothing")
    func vault() async throws {
        let vault = try AuditVault()
        let relinker = Relinker(vault: Vault(root: vault.root))
        let plan = try await relinker.plan()
        #expect(plan.changes.map(\.note) == ["notes/moved.md"])
        #expect(plan.changes.first?.pdf == "archive/2026/renamed.pdf")
        let change = try #require(plan.changes.first?.change)
        #expect(change.diff.hasPrefix("--- a/notes/moved.md\t\n+++ b/notes/moved.md\t\n@@ "))
        expectOnlyChangedLines(change)

        let writer = NoteWriter(vault: Vault(root: vault.root))
        let backup = try writer.write(change)
        #expect(backup.hasPrefix(vault.root + "/.pdfanchor/backups/"))
        #expect(FileManager.default.contents(atPath: backup) == change.original)
        #expect(FileManager.default.contents(atPath: change.path) == change.edited)

        let audit = try await Auditor(vault: Vault(root: vault.root)).run()
        #expect(audit.notes.first { $0.path == "notes/moved.md" }?.match == .ok)
        #expect(try await relinker.plan().changes.isEmpty)
    }
}

@Suite("Writing notes safely")
struct NoteWriterTests {
    func sampleChange() throws -> (vault: String, change: NoteChange) {
        let vault = try TestVault.vault("writer")
        let path = try TestVault.copy("notes/estuary-flocculation.md", to: vault + "/notes")
        var editor = NoteEditor(note: try AnnotationNote(contentsOf: path))
        let id = try #require(editor.original.annotations.first?.id)
        try editor.setFingerprint(id: id, "00112233445566778899aabbccddeeff")
        return (vault, NoteChange(path: path, editor: editor, label: "notes/estuary-flocculation.md"))
    }

    @Test("a note changed on disk since it was read is not written, and no backup is made")
    func changedOnDisk() throws {
        let (vault, change) = try sampleChange()
        let theirs = Data("the user's edit\n".utf8) + change.original
        try theirs.write(to: URL(fileURLWithPath: change.path))
        let writer = NoteWriter(vault: Vault(root: vault))
        #expect { try writer.write(change) } throws: { ($0 as? WriteError)?.changedOnDisk == true }
        #expect(FileManager.default.contents(atPath: change.path) == theirs)
        #expect(!FileManager.default.fileExists(atPath: writer.backupFolder))
    }

    @Test("an edit made while the new version is being written is not lost: the rename is refused")
    func raceBeforeRename() throws {
        let (vault, change) = try sampleChange()
        var writer = NoteWriter(vault: Vault(root: vault))
        let path = change.path
        writer.beforeRename = { try? Data("typed meanwhile\n".utf8).write(to: URL(fileURLWithPath: path)) }
        #expect { try writer.write(change) } throws: { ($0 as? WriteError)?.changedOnDisk == true }
        #expect(FileManager.default.contents(atPath: path) == Data("typed meanwhile\n".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: vault + "/notes").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("300 rounds of another program appending to the note while it is written: no append is ever lost")
    func appendsDuringWrites() throws {
        var lost = 0
        var refused = 0
        var random = SeededRandom(state: 15)
        let (vault, change) = try sampleChange()
        for round in 0..<300 {
            try change.original.write(to: URL(fileURLWithPath: change.path))
            let marker = "appended in round \(round)\n"
            // The append starts as the new version is complete, and lands
            // anywhere from before the last comparison to after the rename.
            let delay = UInt32.random(in: 0...400, using: &random)
            let path = change.path
            let started = DispatchSemaphore(value: 0)
            var writer = NoteWriter(vault: Vault(root: vault))
            writer.beforeRename = {
                Thread.detachNewThread { Self.append(marker, to: path, after: delay); started.signal() }
            }
            do {
                try writer.write(change)
            } catch {
                if error.changedOnDisk { refused += 1 } else { throw error }
            }
            started.wait()
            refused += writer.finish().count
            let final = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            if !final.contains(marker) { lost += 1 }
        }
        #expect(lost == 0, "appends lost: \(lost) of 300 (\(refused) writes refused because the note changed)")
    }

    /// Appends `text` to the file at `path` after `delay` µs, as another program would.
    static func append(_ text: String, to path: String, after delay: UInt32) {
        usleep(delay)
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(text.utf8))
    }

    @Test("a read-only note is refused unless asked; owner, group and mode are kept")
    func modeAndOwner() throws {
        let (vault, change) = try sampleChange()
        chmod(change.path, 0o444)
        var writer = NoteWriter(vault: Vault(root: vault))
        #expect { try writer.write(change) } throws: { ($0 as? WriteError)?.reason.contains("read-only (mode 444)") == true }
        #expect(FileManager.default.contents(atPath: change.path) == change.original)
        writer.overwriteReadOnly = true
        if geteuid() == 0 { chown(change.path, 65534, 65534) }
        try writer.write(change)
        #expect(FileManager.default.contents(atPath: change.path) == change.edited)
        var info = stat()
        stat(change.path, &info)
        #expect(info.st_mode & 0o7777 == 0o444)
        if geteuid() == 0 { #expect(info.st_uid == 65534 && info.st_gid == 65534) }
    }

    @Test("a symbolic link to a note is written through; two writes in one run keep both backups")
    func symlinkAndBackups() throws {
        let (vault, change) = try sampleChange()
        let link = vault + "/notes/link.md"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: change.path)
        var through = change
        through.path = link
        let writer = NoteWriter(vault: Vault(root: vault))
        let first = try writer.write(through)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == change.path)
        #expect(FileManager.default.contents(atPath: change.path) == change.edited)
        var again = change
        again.original = change.edited
        again.edited = change.original
        let second = try writer.write(again)
        #expect(first != second)
        #expect(FileManager.default.contents(atPath: first) == change.original)
        #expect(FileManager.default.contents(atPath: second) == change.edited)
    }
}

@Suite("Refreshing a note for a new version of its PDF")
struct RefreshTests {
    struct Truth: Decodable {
        struct Note: Decodable {
            var annotations: [Entry]
        }
        struct Entry: Decodable {
            var id: String
            var truth: Place?
        }
        struct Place: Decodable {
            var page: Int
            var text: String
        }
        var notes: [String: Note]
    }

    struct Reference: Decodable {
        struct Page: Decodable { var textLength: Int }
        var path: String
        var pages: [Page]?
    }

    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    @Test("quotes made on the earlier version (fuzzy ones among them) are rewritten to PDF.js's text of the new PDF, on its page; written, the note anchors exactly")
    func revised() async throws {
        let vault = try TestVault.vault("refresh")
        try TestVault.copy("papers/estuary-flocculation-revised.pdf", to: vault + "/papers")
        let note = try TestVault.copy("notes/estuary-flocculation-revised.md", to: vault + "/notes")
        let before = try await NoteChecker().check(notePath: note)
        let fuzzy = before.annotations.filter { $0.status == .fuzzy }.map(\.id)
        #expect(fuzzy.count == 4)

        let plan = try await Refresher().plan(notePath: note)
        // Every annotation names the earlier version's fingerprint: each is rewritten, the fuzzy ones among them.
        #expect(Set(fuzzy).isSubset(of: Set(plan.refreshed.map(\.id))))
        #expect(plan.refreshed.count == before.annotations.count)
        #expect(plan.orphans.isEmpty)
        #expect(plan.fingerprint == "d2eb773745d7429b7b4fa18183da505d")  // PDF.js's (Tests/Fixtures/pdfjs)
        expectOnlyChangedLines(plan.change)

        // Truth from PDF.js 2.14 (Scripts/pdfjs/make-vault.js): where each passage is in the revised PDF.
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: URL(fileURLWithPath: TestVault.root + "/Tests/Fixtures/vault/truth.json")))
        let places = Dictionary(uniqueKeysWithValues: (truth.notes["notes/estuary-flocculation-revised.md"]?.annotations ?? []).compactMap { e in e.truth.map { (e.id, $0) } })
        let references = try JSONDecoder().decode([Reference].self, from: Data(contentsOf: URL(fileURLWithPath: TestVault.root + "/Tests/Fixtures/pdfjs/samples.json")))
        let lengths = try #require(references.first { $0.path.hasSuffix("papers/estuary-flocculation-revised.pdf") }?.pages).map(\.textLength)
        let edited = AnnotationNote(bytes: [UInt8](plan.change.edited), path: note)
        for id in fuzzy {
            let annotation = try #require(edited.annotations.first { $0.id == id })
            let place = try #require(places[id])
            let quote = try #require(annotation.quote)
            // Hypothesis compares without white space.
            #expect(Self.squeezed(quote.exact) == Self.squeezed(place.text), "^\(id)")
            #expect(!quote.exact.contains("\n") && !quote.prefix.contains("\n") && !quote.suffix.contains("\n"))
            #expect(quote.prefix.utf16.count <= 32 && quote.suffix.utf16.count <= 32)
            #expect(annotation.fingerprint == "d2eb773745d7429b7b4fa18183da505d")
            // The position points into PDF.js's text of the right page.
            let start = try #require(annotation.position?.start)
            var page = 1
            var end = lengths[0]
            while end < start, page < lengths.count {
                end += lengths[page]
                page += 1
            }
            #expect(page == place.page, "^\(id) position \(start)")
        }

        try NoteWriter(vault: Vault(root: vault)).write(plan.change)
        let after = try await NoteChecker().check(notePath: note)
        #expect(after.annotations.filter { fuzzy.contains($0.id) }.allSatisfy { $0.status == .anchored && $0.errors == 0 })
        #expect(after.pdf.fingerprintMatches == true)
        #expect(after.summary.anchored == before.summary.anchored + before.summary.fuzzy)
        // Nothing left to do.
        #expect(try await Refresher().plan(notePath: note).change.isEmpty)
    }

    @Test("a Hypothesis JSON file is refused (refresh edits Markdown notes), code is-json")
    func json() async throws {
        let vault = try TestVault.vault("refreshjson")
        let pdf = try TestVault.copy("papers/estuary-flocculation.pdf", to: vault + "/papers")
        let json = vault + "/notes/export.json"
        try TestVault.write(
            #"[{"id": "h1", "target": [{"source": "x", "selector": [{"type": "TextQuoteSelector", "exact": "flocculation"}]}]}]"#, to: json)
        do {
            _ = try await Refresher().plan(notePath: json, pdf: pdf)
            Issue.record("planned")
        } catch .note(let error) {
            #expect(error.code.rawValue == "is-json")
            #expect(error.path == json)
            #expect(error.description == json + ": cannot be read: refresh edits annotation notes (Markdown), not JSON files")
        } catch {
            Issue.record("\(error)")
        }
    }
}

@Suite("Exporting highlights into a PDF")
struct PDFExportTests {
    @Test("every annotation found becomes a highlight with its id, page, regions and comment; the source is untouched")
    func export() async throws {
        let vault = try TestVault.vault("export")
        let (pdf, note) = try TestVault.paper("thesis-fine-sediment", into: vault)
        let before = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let output = vault + "/out/thesis highlighted.pdf"
        try FileManager.default.createDirectory(atPath: vault + "/out", withIntermediateDirectories: true)
        let result = try await PDFExporter().export(notePath: note, to: output)
        let check = try await NoteChecker().check(notePath: note)
        #expect(result.highlights == check.summary.anchored + check.summary.fuzzy)
        #expect(result.orphans.count == check.summary.orphaned)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == before)
        #expect(try PDFFingerprint.compute(path: output).primary == "81f4d8be990f73bec292528d878f904c")  // PDF.js's

        let document = try PDFDocument(path: output)
        var written: [String: (page: Int, highlight: PageHighlight)] = [:]
        for number in 1...document.pageCount {
            for highlight in try document.page(number).highlights { written[highlight.name ?? ""] = (number, highlight) }
        }
        let source = try AnnotationSource(path: note)
        for result in check.annotations where result.isFound {
            let found = try #require(written[result.id], "^\(result.id)")
            #expect(found.page == result.page)
            let comment = source.annotations.first { $0.id == result.id }?.comment ?? ""
            #expect(found.highlight.contents == (comment.isEmpty ? nil : comment))
            let rects = result.rects.filter { $0.page == result.page }.map(\.rect)
            #expect(found.highlight.rects.count == rects.count)
            for (a, b) in zip(found.highlight.rects, rects) {
                #expect(abs(a.minX - b.minX) < 0.05 && abs(a.minY - b.minY) < 0.05 && abs(a.maxX - b.maxX) < 0.05 && abs(a.maxY - b.maxY) < 0.05)
            }
        }
    }

    @Test("the PDF itself, a link to it or a hard link to it are refused as output, before anything is written")
    func neverOverTheSource() async throws {
        let vault = try TestVault.vault("exportsource")
        let (pdf, note) = try TestVault.paper("estuary-flocculation-revised", into: vault)
        let before = try Data(contentsOf: URL(fileURLWithPath: pdf))
        try FileManager.default.createSymbolicLink(atPath: vault + "/soft.pdf", withDestinationPath: pdf)
        try FileManager.default.linkItem(atPath: pdf, toPath: vault + "/hard.pdf")
        for output in [pdf, vault + "/papers/../papers/estuary-flocculation-revised.pdf", vault + "/soft.pdf", vault + "/hard.pdf"] {
            await #expect(throws: PDFExportError.self, "\(output)") { try await PDFExporter().export(notePath: note, to: output) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == before)
    }
}
