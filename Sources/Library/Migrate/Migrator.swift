import Anchoring
import Foundation
public import PDFCore

/// Moves a vault's highlights out of obsidian-annotator's notes into their
/// PDFs, as real highlight annotations that Zotero and PDF++ read: each
/// note's highlights found in its PDF (fuzzy ones only when asked) are
/// added to the PDF itself — its fingerprint kept, so the notes still
/// match — through the same safe writer as notes (unchanged since read,
/// backup first, atomic). A highlight the PDF already holds (the same
/// `/NM`, the block id) is not added again: a second run adds nothing.
public struct Migrator: Sendable {
    public var vault: Vault
    /// Write fuzzy matches too (found with edits: the text may have changed).
    public var includeFuzzy = false
    public var password: String?
    /// Colours by tag; highlights without one are yellow.
    public var colors = ColorMap()
    /// The author (`/T`) of highlights whose annotation names no user.
    public var author: String?

    public init(vault: Vault) {
        self.vault = vault
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
        /// Fuzzy matches left out (see ``includeFuzzy``), by id.
        public var fuzzy: [String]
        /// Annotations not found in the PDF, by id, with why.
        public var orphans: [(id: String, reason: String)]
        /// Why nothing can be written into the PDF (it is encrypted), or nil.
        public var refusal: String?
    }

    /// The whole migration: a plan per PDF, and the notes that could not be
    /// checked (their PDF missing, replaced…), with why.
    public struct Plan: Sendable {
        public var pdfs: [PDFPlan] = []
        public var skipped: [(note: String, reason: String)] = []
    }

    /// Plans the migration of every annotation note of the vault.
    public func plan() async -> Plan {
        var plan = Plan()
        var byPDF: [String: Int] = [:]
        for note in Scanner().scan(vault: vault.root).notes.sorted() {
            let name = vault.vaultPath(of: note) ?? note
            let checked: NoteChecker.Checked
            do {
                checked = try await NoteChecker().checkKeeping(notePath: note, vault: vault, password: password)
            } catch {
                if case .pdf(let failure) = error, let refusal = HighlightExport.refusal(for: failure.path) {
                    // No password makes an encrypted PDF writable: said at once.
                    plan.skipped.append((name, "\(refusal); decrypt a copy (qpdf --decrypt) and put it in place of \(vault.vaultPath(of: failure.path) ?? failure.path)"))
                } else if case .pdfNotFound(let missing) = error {
                    // migrate has no --pdf: the PDF must be in the vault.
                    plan.skipped.append((name, missing.reason + "; put the PDF in the vault (pdfanchor audit shows what moved, pdfanchor relink repairs it)"))
                } else {
                    plan.skipped.append((name, "\(error)"))
                }
                continue
            }
            guard checked.report.pdf.fingerprintMatches != false else {
                plan.skipped.append((name, "its PDF is another version than the one it was made on; run pdfanchor refresh first"))
                continue
            }
            let pdf = checked.pdf.path
            guard vault.vaultPath(of: pdf) != nil else {
                plan.skipped.append((name, "its PDF \(pdf) is outside the vault; only the vault's PDFs are written"))
                continue
            }
            var fuzzy: [String] = []
            var ids: [String] = []
            let made = PDFExporter.highlights(of: checked, colors: colors, author: author) { result in
                if result.status == .fuzzy, !includeFuzzy { fuzzy.append(result.id) }
                let accepted = result.status == .anchored || includeFuzzy
                if accepted { ids.append(result.id) }
                return accepted
            }
            let k: Int
            if let known = byPDF[pdf] {
                k = known
            } else {
                k = plan.pdfs.count
                byPDF[pdf] = k
                plan.pdfs.append(PDFPlan(pdf: pdf, notes: [], highlights: [], annotations: 0, alreadyThere: 0, ids: [], fuzzy: [], orphans: []))
            }
            plan.pdfs[k].notes.append(name)
            plan.pdfs[k].highlights += made.highlights
            plan.pdfs[k].annotations += made.annotations
            plan.pdfs[k].ids += ids
            plan.pdfs[k].idsByNote[name, default: []] += ids
            plan.pdfs[k].fuzzy += fuzzy
            plan.pdfs[k].orphans += made.orphans
        }
        // What each PDF already holds is not added again.
        for k in plan.pdfs.indices {
            let pdf = plan.pdfs[k]
            plan.pdfs[k].identity = AuditCache.FileIdentity.of(pdf.pdf)
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
            plan.pdfs[k].highlights.removeAll { dropped.contains(idOf($0.name)) }
            plan.pdfs[k].ids.removeAll { dropped.contains($0) }
            for note in pdf.idsByNote.keys { plan.pdfs[k].idsByNote[note]?.removeAll { conflicts.contains($0) || duplicates.contains($0) } }
            plan.pdfs[k].alreadyThere = there.count
            // A PDF that cannot take annotations gets none; links go only to those already in it.
            if let refusal = HighlightExport.refusal(for: pdf.pdf) {
                plan.pdfs[k].refusal = refusal
                plan.pdfs[k].highlights = []
                plan.pdfs[k].ids.removeAll { !there.contains($0) }
                for note in pdf.idsByNote.keys { plan.pdfs[k].idsByNote[note]?.removeAll { !there.contains($0) } }
            }
            plan.pdfs[k].conflicts = conflicts.sorted()
            plan.pdfs[k].duplicates = duplicates.sorted()
            plan.pdfs[k].annotations = Set(plan.pdfs[k].ids).count
        }
        return plan
    }

    /// For each note migrated, where each of its highlights is now: the
    /// PDF++ link target (`papers/x.pdf#page=3&annotation=12R`), read back
    /// from the PDFs (after ``write(_:with:)``; before, `placeholder` for
    /// every highlight, to count the links a run would change).
    public func linkTargets(_ plan: Plan, placeholder: Bool = false) -> [LinkRewriter.Moved] {
        // Notes not migrated: their links stay, and are listed.
        var moved: [LinkRewriter.Moved] = plan.skipped.map { LinkRewriter.Moved(note: $0.note, targets: [:]) }
        for pdf in plan.pdfs {
            let ids = placeholder ? [:] : ((try? PDFDocument(path: pdf.pdf, password: password))?.annotationIDs() ?? [:])
            let path = vault.vaultPath(of: pdf.pdf) ?? pdf.pdf
            for (note, noteIDs) in pdf.idsByNote {
                var targets: [String: String] = [:]
                for id in noteIDs {
                    if placeholder {
                        targets[id] = path
                    } else if let at = ids[id] {
                        targets[id] = "\(path)#page=\(at.page)&annotation=\(at.pdfjsID)"
                    }
                }
                moved.append(LinkRewriter.Moved(note: note, targets: targets))
            }
        }
        return moved
    }

    /// The vault's Markdown files (hidden folders skipped), sorted.
    public func markdownFiles() -> [String] {
        var files: [String] = []
        Scanner().files(in: vault.root) { path, name in
            if name.lowercased().hasSuffix(".md") { files.append(path) }
        }
        return files.sorted()
    }

    /// Adds a PDF's planned highlights to it with `writer`, checking that
    /// its fingerprint is kept. The PDF is read once, and only if it is
    /// still the file that was planned (its identity before and after the
    /// read); the new version is made from those bytes and replaces the file
    /// only if the file still holds exactly them at the last moment. Another
    /// program's write meanwhile — an incremental update appended by a
    /// reader — is never merged into ours: its version is kept and this PDF
    /// is refused (``WriteError/changedOnDisk``), now or when the writer
    /// settles (``NoteWriter/finish()``).
    /// - Returns: the backup's path.
    public func write(_ plan: PDFPlan, with writer: NoteWriter) throws(WriteError) -> String {
        let changed = WriteError(
            path: plan.pdf, reason: "it changed on disk since its highlights were found; nothing was written — run migrate again", changedOnDisk: true)
        guard let identity = plan.identity, AuditCache.FileIdentity.of(plan.pdf) == identity else { throw changed }
        guard let original = FileManager.default.contents(atPath: plan.pdf) else {
            throw WriteError(path: plan.pdf, reason: "it cannot be read; nothing was written", code: .unreadable)
        }
        guard AuditCache.FileIdentity.of(plan.pdf) == identity else { throw changed }
        let edited: Data
        do {
            edited = try HighlightExport.pdf(from: plan.pdf, original: original, password: password, highlights: plan.highlights)
        } catch {
            throw WriteError(path: plan.pdf, reason: "its highlights cannot be added (\(error.reason)); nothing was written", code: .highlightsFailed)
        }
        let before = try? PDFFingerprint.compute(bytes: [UInt8](original), path: plan.pdf)
        let after = try? PDFFingerprint.compute(bytes: [UInt8](edited), path: plan.pdf)
        guard let before, before.primary == after?.primary else {
            throw WriteError(path: plan.pdf, reason: "adding the highlights would change its fingerprint, so the notes would no longer match it; nothing was written", code: .fingerprintWouldChange)
        }
        return try writer.write(path: plan.pdf, original: original, edited: edited, mergingAppends: false)
    }

    /// What writing the planned PDFs did, once every write settled.
    public struct PDFWrites: Sendable {
        /// The PDFs now holding their new highlights.
        public var written: [String] = []
        /// The PDFs not written, each with why (their links stay as they are).
        public var refused: [WriteError] = []
    }

    /// Writes every planned PDF that has highlights to add (see
    /// ``write(_:with:)``), then settles the writes (``NoteWriter/finish()``):
    /// a PDF another program wrote to meanwhile is put back as that program
    /// left it and counted as refused, never as written. Links are to be
    /// made only after this, from what the PDFs then hold
    /// (``linkTargets(_:placeholder:)``).
    public func writePDFs(_ plan: Plan, with writer: NoteWriter) -> PDFWrites {
        var result = PDFWrites()
        for pdf in plan.pdfs where !pdf.highlights.isEmpty {
            do {
                _ = try write(pdf, with: writer)
                result.written.append(pdf.pdf)
            } catch {
                result.refused.append(error)
            }
        }
        let putBack = writer.finish()
        let putBackPaths = Set(putBack.map(\.path))
        result.written.removeAll { putBackPaths.contains($0) }
        result.refused += putBack
        return result
    }
}
