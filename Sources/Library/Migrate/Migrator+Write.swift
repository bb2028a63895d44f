import Foundation
import PDFCore

extension Migrator {
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
        let pdfs = plan.pdfs.filter { !$0.highlights.isEmpty }
        for (done, pdf) in pdfs.enumerated() {
            progress?(MigrationProgress(phase: .writing, done: done, total: pdfs.count, item: vault.vaultPath(of: pdf.pdf) ?? pdf.pdf))
            do {
                _ = try write(pdf, with: writer)
                result.written.append(pdf.pdf)
            } catch {
                result.refused.append(error)
            }
        }
        progress?(MigrationProgress(phase: .writing, done: pdfs.count, total: pdfs.count, item: nil))
        let putBack = writer.finish()
        let putBackPaths = Set(putBack.map(\.path))
        result.written.removeAll { putBackPaths.contains($0) }
        result.refused += putBack
        return result
    }
}
