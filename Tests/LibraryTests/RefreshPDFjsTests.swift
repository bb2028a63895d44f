import Foundation
import Testing
import TestSupport
import Anchoring
@testable import Library
import Notes
import PDFCore

/// What PDF.js 2.14 reads in the re-typeset papers (Tests/Fixtures/retypeset/truth.json,
/// made by Scripts/pdfjs/make-retypeset.js from the PDFs of Scripts/samples/retypeset.py).
struct RetypesetTruth: Decodable {
    struct Annotation: Decodable {
        var id: String
        var category: String
        var quote: String
        /// Where the quote (with the revision's edits) is in the revision's
        /// PDF.js text: [start, end) in UTF-16 units of all pages' texts
        /// joined; nil when it is not there once.
        var revised: [Int]?
    }
    struct Paper: Decodable {
        var note: String
        var pdf: String
        var madeOn: String
        /// PDF.js's text of each page of the revision (items' `str` joined
        /// with "", each run of white space one space).
        var pages: [String]
        /// The same of the first version.
        var firstPages: [String]
        var annotations: [Annotation]
    }
    var papers: [String: Paper]
    /// PDF.js's text of each page of the sample papers and the other fixtures' PDFs, by path.
    var samples: [String: [String]]

    static let root = Repository.path("Tests/Fixtures/retypeset")
    static let shared: RetypesetTruth = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: root + "/truth.json"))
        return try! JSONDecoder().decode(RetypesetTruth.self, from: data)
    }()
}

/// Selectors compared with PDF.js's text of the whole document.
struct PDFjsComparison {
    /// The document's PDF.js text, as UTF-16 units.
    let text: [UInt16]

    init(pages: [String]) {
        text = Array(pages.joined().utf16)
    }

    /// Where `exact` stands in the text: the occurrence overlapping
    /// `place` (UTF-16 offsets) if given, else the one nearest `near`.
    func occurrence(of exact: String, overlapping place: [Int]?, near: Int) -> Int? {
        let needle = Array(exact.utf16)
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        var best: Int?
        for o in 0...(text.count - needle.count) where text[o] == needle[0] && text[o..<(o + needle.count)].elementsEqual(needle) {
            if let place {
                if o < place[1] && o + needle.count > place[0] { return o }
            } else if best == nil || abs(o - near) < abs(best! - near) {
                best = o
            }
        }
        return best
    }

    /// The text of [start, end), clamped, whole surrogate pairs only.
    func string(_ start: Int, _ end: Int) -> String {
        var units = Array(text[max(0, start)..<min(text.count, max(0, end))])
        if let first = units.first, UTF16.isTrailSurrogate(first) { units.removeFirst() }
        if let last = units.last, UTF16.isLeadSurrogate(last) { units.removeLast() }
        return String(decoding: units, as: UTF16.self)
    }

    /// How new selectors compare with PDF.js's text: the quote as it is at
    /// its place, the context beside it, the position on it.
    struct Verdict {
        var quote = false
        var context = false
        var position = false
        var why = ""
    }

    func verdict(_ quote: TextQuoteSelector, _ position: TextPositionSelector?, truth place: [Int]?) -> Verdict {
        var verdict = Verdict()
        let length = quote.exact.utf16.count
        guard let o = occurrence(of: quote.exact, overlapping: place, near: position?.start ?? 0) else {
            let around = place.map { string($0[0] - 10, $0[1] + 10) } ?? "?"
            verdict.why = "quote «\(quote.exact)» is not PDF.js's text; PDF.js has «\(around)»"
            return verdict
        }
        verdict.quote = true
        let prefix = string(o - 32, o)
        let suffix = string(o + length, o + length + 32)
        verdict.context = prefix == quote.prefix && suffix == quote.suffix
        if !verdict.context { verdict.why = "context «\(quote.prefix)»/«\(quote.suffix)»; PDF.js has «\(prefix)»/«\(suffix)»" }
        verdict.position = position?.start == o && position?.end == o + length
        if verdict.context && !verdict.position { verdict.why = "position \(position?.start ?? -1), PDF.js \(o)" }
        return verdict
    }
}

@Suite("Refresh writes PDF.js's text")
struct RefreshPDFjsTests {
    /// The selectors of each block of a note as its JSON holds them (the
    /// note's Markdown has prefix and suffix trimmed), by block id.
    static func selectors(in note: Data) -> [String: (TextQuoteSelector, TextPositionSelector?)] {
        var found: [String: (TextQuoteSelector, TextPositionSelector?)] = [:]
        var json: [String: Any]?
        for line in String(decoding: note, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix(">{"), let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst().utf8)) as? [String: Any] {
                json = object
            } else if line.hasPrefix("^"), let object = json {
                let target = (object["target"] as? [[String: Any]])?.first
                let list = target?["selector"] as? [[String: Any]] ?? []
                if let q = list.first(where: { $0["type"] as? String == "TextQuoteSelector" }) {
                    let p = list.first { $0["type"] as? String == "TextPositionSelector" }
                    found[String(line.dropFirst())] = (
                        TextQuoteSelector(exact: q["exact"] as? String ?? "", prefix: q["prefix"] as? String ?? "", suffix: q["suffix"] as? String ?? ""),
                        p.map { TextPositionSelector(start: $0["start"] as? Int ?? -1, end: $0["end"] as? Int ?? -1) })
                }
                json = nil
            }
        }
        return found
    }

    /// Every PDF of the fixtures with PDF.js's text of its pages.
    static var documents: [(path: String, pages: [String])] {
        let truth = RetypesetTruth.shared
        return truth.papers.values.flatMap { paper in
            [(RetypesetTruth.root + "/" + paper.pdf, paper.pages), (RetypesetTruth.root + "/" + paper.madeOn, paper.firstPages)]
        } + truth.samples.map { (Repository.path($0.key), $0.value) }
    }

    @Test("the modelled text of every page of the papers (both versions), the sample papers and the fixtures' other PDFs is PDF.js's")
    func pages() throws {
        var pages = 0
        for (path, truth) in Self.documents {
            let document = try PDFDocument(path: path)
            #expect(document.pageCount == truth.count, "\(path)")
            for (k, expected) in truth.enumerated() {
                let model = try #require(try document.page(k + 1).pdfjsText(), "\(path) p. \(k + 1)")
                #expect(model.string == expected, "\(path) p. \(k + 1)")
                #expect(model.ranges.count == model.scalars.count)
                pages += 1
            }
        }
        #expect(pages == 62)
    }

    /// Rewritten quotes that are not PDF.js's text, with why (none on these papers).
    static let knownMisses: [String: String] = [:]

    @Test("rewritten quotes, their context and position are PDF.js's text of the revision (re-typeset papers)")
    func retypeset() async throws {
        var total = 0, quotes = 0, contexts = 0, positions = 0, before = 0
        for (name, paper) in RetypesetTruth.shared.papers.sorted(by: { $0.key < $1.key }) {
            let root = RetypesetTruth.root
            let notePath = root + "/" + paper.note
            let comparison = PDFjsComparison(pages: paper.pages)
            let truth = Dictionary(uniqueKeysWithValues: paper.annotations.map { ($0.id, $0) })
            let plan = try await Refresher().plan(notePath: notePath, vault: Vault(root: root))
            let written = Self.selectors(in: plan.change.edited)
            for refreshed in plan.refreshed {
                let (quote, position) = try #require(written[refreshed.id])
                let verdict = comparison.verdict(quote, position, truth: truth[refreshed.id]?.revised)
                total += 1
                quotes += verdict.quote ? 1 : 0
                contexts += verdict.quote && verdict.context ? 1 : 0
                positions += verdict.position ? 1 : 0
                if let reason = Self.knownMisses[refreshed.id] {
                    #expect(!verdict.quote, "^\(refreshed.id) is PDF.js's text now; it was a known miss: \(reason)")
                } else {
                    #expect(verdict.quote && verdict.context && verdict.position, "\(name) ^\(refreshed.id): \(verdict.why)")
                }
            }
            // What Poppler's text in PDF.js's form (refresh's text before the model) gives for the same annotations.
            let checked = try await NoteChecker().checkKeeping(notePath: notePath, vault: Vault(root: root))
            for result in checked.report.annotations where result.status == .fuzzy {
                if case .selectors(let quote, let position) = checked.index.selectorRefresh(for: result),
                    comparison.verdict(quote, position, truth: truth[result.id]?.revised).quote
                {
                    before += 1
                }
            }
        }
        print("Refresh on re-typeset papers: \(quotes) of \(total) rewritten quotes are PDF.js's text (\(contexts) with their context, \(positions) positions exact); Poppler's text in PDF.js's form: \(before)")
        #expect(total >= 70)
        #expect(Double(quotes) >= 0.95 * Double(total))
    }

    @Test("every annotation found in the re-typeset papers gets PDF.js's text as its quote, context and position")
    func everyFound() async throws {
        var found = 0
        for (name, paper) in RetypesetTruth.shared.papers.sorted(by: { $0.key < $1.key }) {
            let root = RetypesetTruth.root
            let comparison = PDFjsComparison(pages: paper.pages)
            let truth = Dictionary(uniqueKeysWithValues: paper.annotations.map { ($0.id, $0) })
            let checked = try await NoteChecker().checkKeeping(notePath: root + "/" + paper.note, vault: Vault(root: root))
            let maker = try PDFjsQuoteMaker(file: checked.file, password: nil)
            for result in checked.report.annotations where result.isFound {
                guard case .span(let span) = MatchSpan.of(result, in: checked.index) else { continue }
                let made = try #require(maker.selectors(for: span))
                let verdict = comparison.verdict(made.quote, made.position, truth: truth[result.id]?.revised)
                #expect(verdict.quote && verdict.context && verdict.position, "\(name) ^\(result.id): \(verdict.why)")
                found += 1
            }
        }
        #expect(found >= 180)
    }

    @Test("the sample vault's note on a replaced PDF: every annotation (all made on the earlier version, found exactly or with edits) gets PDF.js's text of the new one")
    func sampleVault() async throws {
        let vault = try TestVault.vault("refreshpdfjs")
        try TestVault.copy("papers/estuary-flocculation-revised.pdf", to: vault + "/papers")
        let note = try TestVault.copy("notes/estuary-flocculation-revised.md", to: vault + "/notes")
        let pages = try #require(RetypesetTruth.shared.samples["SamplePDFs/papers/estuary-flocculation-revised.pdf"])
        let comparison = PDFjsComparison(pages: pages)
        let plan = try await Refresher().plan(notePath: note)
        let written = Self.selectors(in: plan.change.edited)
        #expect(plan.refreshed.count == 60)
        #expect(plan.leftAlone.isEmpty)
        for refreshed in plan.refreshed {
            let (quote, position) = try #require(written[refreshed.id])
            let verdict = comparison.verdict(quote, position, truth: nil)
            #expect(verdict.quote && verdict.context && verdict.position, "^\(refreshed.id): \(verdict.why)")
        }
    }
}
