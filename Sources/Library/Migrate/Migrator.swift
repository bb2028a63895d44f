public import Anchoring
import Foundation
public import PDFCore

/// Moves a vault's highlights out of obsidian-annotator's notes into their
/// PDFs, as real highlight annotations that Zotero and PDF++ read: each
/// note's highlights found in its PDF — as they are, or with edits (fuzzy)
/// where their context confirms the place (``contextConfirms(_:)``) — are
/// added to the PDF itself — its fingerprint kept, so the notes still
/// match — through the same safe writer as notes (unchanged since read,
/// backup first, atomic). A highlight the PDF already holds (the same
/// `/NM`, the block id) is not added again: a second run adds nothing.
/// Every highlight not written is accounted for, with why (``Left``).
public struct Migrator: Sendable {
    public var vault: Vault
    /// Write only the highlights found as they are: no fuzzy ones, even
    /// those their context confirms.
    public var exactOnly = false
    public var password: String?
    /// Colours by tag; highlights without one are yellow.
    public var colors = ColorMap()
    /// The author (`/T`) of highlights whose annotation names no user.
    public var author: String?
    /// Told how planning, writing the PDFs and rewriting the links go (the
    /// Migrator prints nothing itself).
    public var progress: (@Sendable (MigrationProgress) -> Void)?

    /// What checks each note (with the vault's page cache, when given one).
    public var checker: NoteChecker

    /// A migration of `vault`'s notes, each checked by `checker`.
    public init(vault: Vault, checker: NoteChecker = NoteChecker()) {
        self.vault = vault
        self.checker = checker
    }

    /// How closely each side of a fuzzy match's stored context (prefix and
    /// suffix, similarity 0…1) must match the text beside it for the match
    /// to be migrated: the anchorer's strong context (``AnchorOptions/strongContext``),
    /// asked of both sides instead of one.
    public static let confirmingContext = 0.85

    /// Whether a highlight found only with edits (fuzzy) is confirmed in
    /// its place by its context: the text before it matches the stored
    /// prefix and the text after it the stored suffix, each at
    /// ``confirmingContext`` or better, so its start and end are both
    /// pinned by text the note recorded beside them. A side the note stored
    /// nothing for counts 0.5: not confirmed. Measured (docs/exporting.md):
    /// every fuzzy highlight of the sample vault (22) and of three trial
    /// vaults (226 of 227) is confirmed, each where PDF.js had it; of 14,442
    /// fuzzy matches of quotes edited on purpose, 12 were wrong and 9 of
    /// them are not confirmed — the other 3 are placed as their unedited
    /// quote would be, or on the right place cut short.
    public static func contextConfirms(_ result: AnchorResult) -> Bool {
        guard result.status == .fuzzy || result.status == .anchored else { return false }
        return (result.prefixMatch ?? 0) >= confirmingContext && (result.suffixMatch ?? 0) >= confirmingContext
    }

    /// What migrating one PDF adds.
    public struct PDFPlan: Sendable {
        /// The PDF (absolute path).
        public var pdf: String
        /// The notes whose highlights go into it (vault paths).
        public var notes: [String]
        /// Highlight annotations to add (one per found annotation and page).
        public var highlights: [HighlightAnnotation]
        /// How many annotations they are.
        public var annotations: Int
        /// Annotations the PDF already holds (by `/NM`).
        public var alreadyThere: Int
        /// The ids of the annotations whose highlights are added.
        public var ids: [String]
        /// Every highlight written or already there, by note (vault path): the ids links may point at.
        public var idsByNote: [String: [String]] = [:]
        /// Ids another annotation of the PDF already has, elsewhere: not written, no link.
        public var conflicts: [String] = []
        /// Ids two highlights share (two notes on one PDF, or a note's repeated id): not written, no link.
        public var duplicates: [String] = []
        /// The PDF's identity when it was planned (size, times, inode, a hash
        /// of its head and tail — as the audit cache keys it): a PDF changed
        /// since is not written.
        public var identity: AuditCache.FileIdentity?
        /// Fuzzy matches left out (their context does not confirm them, or
        /// ``Migrator/exactOnly``), by id.
        public var fuzzy: [String]
        /// Fuzzy matches written (their context confirms them), by id: some of ``ids``.
        public var fuzzyTaken: [String] = []
        /// Annotations not found in the PDF, by id, with why.
        public var orphans: [(id: String, reason: String)]
        /// Why nothing can be written into the PDF (it is encrypted), or nil.
        public var refusal: String?
        /// Every highlight of its notes not written into it, with why.
        public var left: [Left] = []

        /// The PDF's size in bytes when it was planned (what its backup takes).
        public var size: Int64 { identity?.size ?? 0 }
    }

    /// The whole migration: a plan per PDF, and the notes that could not be
    /// checked (their PDF missing, replaced…), with why.
    public struct Plan: Sendable {
        public var pdfs: [PDFPlan] = []
        public var skipped: [Skipped] = []
    }

    /// Plans the migration of every annotation note of the vault.
    public func plan() async -> Plan {
        var plan = Plan()
        var byPDF: [String: Int] = [:]
        let notes = Scanner().scan(vault: vault.root).notes.sorted()
        for (done, note) in notes.enumerated() {
            let name = vault.vaultPath(of: note) ?? note
            progress?(MigrationProgress(phase: .planning, done: done, total: notes.count, item: name))
            let part: PDFPlan
            switch await planNote(note, name: name) {
            case .skipped(let skipped):
                plan.skipped.append(skipped)
                continue
            case .planned(let planned):
                part = planned
            }
            guard let k = byPDF[part.pdf] else {
                byPDF[part.pdf] = plan.pdfs.count
                plan.pdfs.append(part)
                continue
            }
            plan.pdfs[k].notes += part.notes
            plan.pdfs[k].highlights += part.highlights
            plan.pdfs[k].annotations += part.annotations
            plan.pdfs[k].ids += part.ids
            plan.pdfs[k].idsByNote.merge(part.idsByNote, uniquingKeysWith: +)
            plan.pdfs[k].fuzzy += part.fuzzy
            plan.pdfs[k].fuzzyTaken += part.fuzzyTaken
            plan.pdfs[k].orphans += part.orphans
            plan.pdfs[k].left += part.left
        }
        // What each PDF already holds is not added again.
        for k in plan.pdfs.indices { settle(&plan.pdfs[k]) }
        progress?(MigrationProgress(phase: .planning, done: notes.count, total: notes.count, item: nil))
        return plan
    }

    /// What one note adds to its PDF, or why it cannot be migrated.
    private enum NotePlan {
        case planned(PDFPlan)
        case skipped(Skipped)
    }

    /// What the note at `note` (vault path `name`) adds to its PDF, or why it cannot be migrated.
    private func planNote(_ note: String, name: String) async -> NotePlan {
        let checked: NoteChecker.Checked
        do {
            checked = try await checker.checkKeeping(notePath: note, vault: vault, password: password)
        } catch {
            if case .pdf(let failure) = error, let refusal = HighlightExport.refusal(for: failure.path) {
                // No password makes an encrypted PDF writable: said at once.
                return .skipped(Skipped(note: name, reason: "\(refusal); decrypt a copy (qpdf --decrypt) and put it in place of \(vault.vaultPath(of: failure.path) ?? failure.path)", code: .encrypted))
            } else if case .pdfNotFound(let missing) = error {
                // migrate has no --pdf: the PDF must be in the vault.
                return .skipped(Skipped(note: name, reason: missing.reason + "; put the PDF in the vault (pdfanchor audit shows what moved, pdfanchor relink repairs it)", code: .pdfMissing))
            }
            return .skipped(Skipped(note: name, reason: "\(error)", code: .unreadable))
        }
        guard checked.report.pdf.fingerprintMatches != false else {
            return .skipped(Skipped(note: name, reason: "its PDF is another version than the one it was made on; run pdfanchor refresh first", code: .pdfReplaced))
        }
        let pdf = checked.pdf.path
        guard vault.vaultPath(of: pdf) != nil else {
            return .skipped(Skipped(note: name, reason: "its PDF \(pdf) is outside the vault; only the vault's PDFs are written", code: .outsideVault))
        }
        var part = PDFPlan(pdf: pdf, notes: [name], highlights: [], annotations: 0, alreadyThere: 0, ids: [], fuzzy: [], orphans: [])
        let made = PDFExporter.highlights(of: checked, colors: colors, author: author) { result in
            if result.status == .anchored {
                part.ids.append(result.id)
            } else if exactOnly || !Self.contextConfirms(result) {
                part.fuzzy.append(result.id)
                part.left.append(Left(note: name, id: result.id, reason: exactOnly ? .fuzzyExcluded : .fuzzyUnconfirmed))
                return false
            } else {
                part.ids.append(result.id)
                part.fuzzyTaken.append(result.id)
            }
            return true
        }
        part.highlights = made.highlights
        part.annotations = made.annotations
        part.idsByNote[name] = part.ids
        part.orphans = made.orphans
        part.left += made.orphans.map { Left(note: name, id: $0.id, reason: .notFound, detail: $0.reason) }
        return .planned(part)
    }

    /// Leaves out of `pdf` what it already holds (the same id, page and
    /// place), ids another of its annotations has elsewhere (conflicts) and
    /// ids two highlights share (duplicates); all of it when the PDF cannot
    /// take annotations (encrypted). Records its identity.
    private func settle(_ plan: inout PDFPlan) {
        let pdf = plan
        plan.identity = AuditCache.FileIdentity.of(pdf.pdf)
        // An id two highlights share cannot name one annotation.
        let counts = Dictionary(pdf.ids.map { ($0, 1) }, uniquingKeysWith: +)
        let duplicates = Set(counts.filter { $0.value > 1 }.keys)
        // An annotation is there when its first highlight (named by its
        // id) is, on the same page over the same place; one so named
        // elsewhere is another annotation.
        let present = PDFExporter.named(in: pdf.pdf, password: password)
        var there = Set<String>()
        var conflicts = Set<String>()
        for id in Set(pdf.ids).subtracting(duplicates) {
            guard present[id] != nil else { continue }
            let same = pdf.highlights.first { $0.name == id }.map { PDFExporter.holds(present, $0) } ?? false
            if same { there.insert(id) } else { conflicts.insert(id) }
        }
        let dropped = there.union(conflicts).union(duplicates)
        let idOf = { (name: String) -> String in dropped.contains(name) ? name : (dropped.first { name.hasPrefix($0 + "-") } ?? name) }
        plan.highlights.removeAll { dropped.contains(idOf($0.name)) }
        plan.ids.removeAll { dropped.contains($0) }
        for note in pdf.idsByNote.keys { plan.idsByNote[note]?.removeAll { conflicts.contains($0) || duplicates.contains($0) } }
        plan.alreadyThere = there.count
        // A PDF that cannot take annotations gets none; links go only to those already in it.
        var refused: Set<String> = []
        if let refusal = HighlightExport.refusal(for: pdf.pdf) {
            plan.refusal = refusal
            plan.highlights = []
            refused = Set(plan.ids)
            plan.ids = []
            for note in pdf.idsByNote.keys { plan.idsByNote[note]?.removeAll { !there.contains($0) } }
        }
        for (note, ids) in pdf.idsByNote {
            for id in Set(ids) {
                let reason: LeftReason? =
                    duplicates.contains(id) ? .duplicate : conflicts.contains(id) ? .conflict : refused.contains(id) ? .encrypted : nil
                if let reason { plan.left.append(Left(note: note, id: id, reason: reason, detail: reason == .encrypted ? plan.refusal : nil)) }
            }
        }
        plan.conflicts = conflicts.sorted()
        plan.duplicates = duplicates.sorted()
        plan.fuzzyTaken.removeAll { !plan.ids.contains($0) }
        plan.annotations = Set(plan.ids).count
    }
}
