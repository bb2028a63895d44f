import Anchoring
import Foundation
import Notes
import PDFCore

/// What `refresh` would change in a note, and what it leaves alone.
public struct RefreshPlan: Sendable {
    /// The note's path.
    public var note: String
    /// The PDF the note was refreshed against.
    public var pdf: String
    /// That PDF's fingerprint (PDF.js's, as notes record it).
    public var fingerprint: String
    /// The edit (empty when nothing needs changing).
    public var change: NoteChange
    /// Annotations whose quote and position were rewritten from the PDF.
    public var refreshed: [Refreshed] = []
    /// Annotations found as they are, whose fingerprint was updated.
    public var fingerprintUpdated: [String] = []
    /// Found annotations left as they are, with why.
    public var leftAlone: [(id: String, reason: String)] = []
    /// Annotations not found: untouched.
    public var orphans: [(id: String, reason: String)] = []

    /// One rewritten annotation.
    public struct Refreshed: Sendable {
        /// The annotation's id (its block id).
        public var id: String
        /// The 1-based page it is on.
        public var page: Int
        /// The quote the note had (`exact`).
        public var oldQuote: String
        /// The new `exact`: the PDF's text there now, in PDF.js's form.
        public var newQuote: String
    }
}

/// Brings a note up to date with a new version of its PDF: each annotation
/// found only with edits (`fuzzy`) gets a new TextQuoteSelector from the
/// PDF's text now — exact, 32 UTF-16 units of prefix and suffix, in
/// PDF.js's form — and an estimated TextPositionSelector; every annotation
/// found gets the PDF's fingerprint (`documentFingerprint` and the
/// `urn:x-pdf:` link). Orphans are left untouched, as are annotations found
/// in pieces (a new quote there would be a guess).
public struct Refresher: Sendable {
    /// How the note is checked against its PDF.
    public var checker: NoteChecker

    /// A refresher that checks notes with `checker`.
    public init(checker: NoteChecker = NoteChecker()) {
        self.checker = checker
    }

    /// Plans the refresh of the note at `notePath` against its PDF (or `pdf`;
    /// a PDF that moved is found by fingerprint in `vault`).
    public func plan(notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil) async throws(CheckError) -> RefreshPlan {
        let checked = try await checker.checkKeeping(notePath: notePath, pdf: pdf, vault: vault, password: password)
        guard let note = checked.source.note else {
            throw .note(NoteError(path: notePath, code: .isJSON, reason: "refresh edits annotation notes (Markdown), not JSON files"))
        }
        var editor = NoteEditor(note: note)
        let fingerprint = checked.fingerprint
        var plan = RefreshPlan(
            note: notePath, pdf: checked.pdf.path, fingerprint: fingerprint.primary,
            change: NoteChange(path: notePath, editor: editor, label: notePath))
        let annotations = Dictionary(checked.source.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let counts = Dictionary(note.blocks.compactMap(\.annotation?.id).map { ($0, 1) }, uniquingKeysWith: +)
        var maker: PDFjsQuoteMaker?
        for result in checked.report.annotations {
            guard let annotation = annotations[result.id], annotation.kind == .highlight else { continue }
            if result.status == .orphaned {
                plan.orphans.append((result.id, result.reason ?? "not found"))
                continue
            }
            guard result.isFound else { continue }
            guard counts[result.id] == 1 else {
                plan.leftAlone.append((result.id, "several blocks are ^\(result.id)"))
                continue
            }
            // Made on another version of the PDF: its selectors are that
            // version's text, even where the quote is found as it is (the
            // matching view ignores spaces and line-end hyphens; the plugin
            // compares PDF.js's text).
            let otherVersion = annotation.fingerprint.map { !fingerprint.matches($0) } ?? false
            do {
                if result.status == .fuzzy || otherVersion {
                    switch selectors(for: result, in: checked, maker: &maker, password: password) {
                    case .unavailable(let reason):
                        // Its fingerprint stays too: the note must not claim a version its selectors are not of.
                        plan.leftAlone.append((result.id, reason))
                        continue
                    case .selectors(let quote, let position):
                        if quote != annotation.quote || position != annotation.position {
                            try editor.setSelectors(id: result.id, quote: quote, position: position)
                            plan.refreshed.append(
                                .init(id: result.id, page: result.page ?? 0, oldQuote: annotation.quote?.exact ?? "", newQuote: quote.exact))
                        }
                    }
                }
                if let recorded = annotation.fingerprint, !fingerprint.matches(recorded) {
                    try editor.setFingerprint(id: result.id, fingerprint.primary)
                    if !plan.refreshed.contains(where: { $0.id == result.id }) { plan.fingerprintUpdated.append(result.id) }
                }
            } catch {
                plan.leftAlone.append((result.id, error.description))
            }
        }
        do {
            try editor.verify()
        } catch {
            // The edited note would not read back as intended: nothing is written.
            var failed = "?"
            if case .verificationFailed(let id, _) = error { failed = id }
            plan.leftAlone.append((failed, error.description + "; the note is left as it is"))
            plan.refreshed = []
            plan.fingerprintUpdated = []
            editor = NoteEditor(note: note)
        }
        // The diff's path: the note's within the vault the check used (so that patch -p1 applies it from the vault's root).
        let label = (vault ?? Vault.containing(note: notePath)).vaultPath(of: notePath) ?? (notePath as NSString).lastPathComponent
        plan.change = NoteChange(path: notePath, editor: editor, label: label)
        return plan
    }

    /// New selectors for `result`: PDF.js's text at the match (see
    /// ``PDFjsQuoteMaker``), opened on first use into `maker`; Poppler's text
    /// in PDF.js's form (``DocumentIndex/selectorRefresh(for:)``) where the
    /// PDF cannot be modelled so.
    func selectors(for result: AnchorResult, in checked: NoteChecker.Checked, maker: inout PDFjsQuoteMaker?, password: String?) -> SelectorRefresh {
        let span: MatchSpan
        switch MatchSpan.of(result, in: checked.index) {
        case .unavailable(let reason): return .unavailable(reason: reason)
        case .span(let found): span = found
        }
        if maker == nil { maker = try? PDFjsQuoteMaker(file: checked.file, password: password) }
        if let made = maker?.selectors(for: span) { return .selectors(quote: made.quote, position: made.position) }
        return checked.index.selectorRefresh(for: result)
    }
}
