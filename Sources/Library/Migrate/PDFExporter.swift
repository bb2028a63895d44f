import Anchoring
import Foundation
import Notes
public import PDFCore

/// What `export-pdf` wrote.
public struct PDFExportResult: Sendable {
    /// The PDF the highlights were found in.
    public var source: String
    /// The copy written.
    public var output: String
    /// How many annotations became highlights.
    public var highlights: Int
    /// Annotations not found in the PDF (not written), with why.
    public var orphans: [(id: String, reason: String)]
    /// The fingerprint both files have.
    public var fingerprint: String
    /// Where the note or PDF that `output` replaced (forced) was kept.
    public var replacedKeptAt: String?
    /// Annotations the PDF already held (same `/NM`, page and place): not written again.
    public var alreadyThere = 0
}

/// Why `export-pdf` wrote nothing.
public enum PDFExportError: Error, Sendable, CustomStringConvertible {
    case check(CheckError)
    case pdf(PDFError)
    case write(WriteError)
    /// The output is the source PDF itself.
    case outputIsSource(output: String, source: String)

    public var description: String {
        switch self {
        case .check(let error): return error.description
        case .pdf(let error): return error.description
        case .write(let error): return error.description
        case .outputIsSource(let output, let source):
            return "\(output): this is the PDF itself (\(source)); PDFAnchor never writes over it — choose another output file"
        }
    }
}

/// Writes a note's highlights into a copy of its PDF as PDF highlight
/// annotations: one per annotation found (one per page when it runs over a
/// page break), with its regions as `/QuadPoints`, its comment as
/// `/Contents`, its tags as `/Subj`, its block id as `/NM`, its dates, and a
/// colour. The copy keeps the PDF's fingerprint, so the plugin still
/// recognises it. The source PDF is never written.
public struct PDFExporter: Sendable {
    public var checker: NoteChecker
    public var color: RGBColor
    /// Colours by tag (``ColorMap``): a highlight with a tag that has one
    /// takes it instead of `color`.
    public var colors = ColorMap()
    /// The author (`/T`) of highlights whose annotation names no user.
    public var author: String?
    /// Replace an annotation note or another PDF given as the output (a copy
    /// is kept first); without it they are refused (see ``OutputGuard``).
    public var force = false

    public init(checker: NoteChecker = NoteChecker(), color: RGBColor = .highlighterYellow) {
        self.checker = checker
        self.color = color
    }

    /// Exports the highlights of the note at `notePath` (into a copy of its
    /// PDF, or of `pdf`; a PDF that moved is found by fingerprint in `vault`)
    /// to `output`.
    public func export(notePath: String, pdf: String? = nil, vault: Vault? = nil, password: String? = nil, to output: String) async throws(PDFExportError) -> PDFExportResult {
        // Refuse before any work: the output must not be the PDF.
        if let pdf, Self.sameFile(output, pdf) { throw .outputIsSource(output: output, source: pdf) }
        let checked: NoteChecker.Checked
        do {
            checked = try await checker.checkKeeping(notePath: notePath, pdf: pdf, vault: vault, password: password)
        } catch {
            // An encrypted PDF cannot take annotations, password or not: said first.
            if case .pdf(let failure) = error, let refusal = HighlightExport.refusal(for: failure.path) {
                throw .pdf(.writeFailed(path: failure.path, reason: refusal + "; export from a decrypted copy (qpdf --decrypt)"))
            }
            throw .check(error)
        }
        let source = checked.pdf.path
        if let refusal = HighlightExport.refusal(for: source) {
            throw .pdf(.writeFailed(path: source, reason: refusal + "; export from a decrypted copy (qpdf --decrypt)"))
        }
        if Self.sameFile(output, source) { throw .outputIsSource(output: output, source: source) }
        var (highlights, written, orphans) = Self.highlights(of: checked, color: color, colors: colors, author: author)
        // Highlights the PDF holds already (a migrated PDF) are not written twice.
        let present = Self.named(in: source, password: password)
        let there = Set(highlights.filter { Self.holds(present, $0) }.map { Self.annotationID(of: $0.name) })
        if !there.isEmpty {
            highlights.removeAll { there.contains(Self.annotationID(of: $0.name)) }
            written -= there.count
        }
        let data: Data
        do {
            data = try HighlightExport.pdf(from: source, password: password, highlights: highlights)
        } catch {
            throw .pdf(error)
        }
        // Checked again just before writing: the output may have become a link to the source.
        if Self.sameFile(output, source) { throw .outputIsSource(output: output, source: source) }
        let kept: String?
        do {
            // A PDF with the source's fingerprint is an earlier export (or a copy) of it: replaced
            // as asked, the source itself untouched. Any other PDF or a note is refused unless forced.
            let earlierExport = (try? PDFFingerprint.compute(path: output))?.primary == checked.fingerprint.primary
            kept = earlierExport ? nil : try OutputGuard(inputs: [notePath, source], vault: vault ?? Vault.containing(note: notePath), force: force, writesPDF: true).prepare(output)
            try AtomicFile.write(data, to: output)
        } catch {
            throw .write(error)
        }
        return PDFExportResult(
            source: source, output: output, highlights: written, orphans: orphans, fingerprint: checked.fingerprint.primary,
            replacedKeptAt: kept, alreadyThere: there.count)
    }

    /// The highlight annotations of a checked note: one per found
    /// annotation and page (the block id as `/NM`, `-2`, `-3` for its later
    /// pages), its comment, tags, colour (by tag from `colors`, else `color`),
    /// author (the annotation's Hypothesis user, else `author`) and dates; how many annotations they are; the ones not found, with
    /// why. `accept` decides which found ones are written (all by default).
    static func highlights(
        of checked: NoteChecker.Checked, color: RGBColor = .highlighterYellow, colors: ColorMap = ColorMap(), author: String? = nil,
        accept: (AnchorResult) -> Bool = { _ in true }
    ) -> (highlights: [HighlightAnnotation], annotations: Int, orphans: [(id: String, reason: String)]) {
        let annotations = Dictionary(checked.source.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var highlights: [HighlightAnnotation] = []
        var orphans: [(id: String, reason: String)] = []
        var written = 0
        for result in checked.report.annotations {
            guard let annotation = annotations[result.id], annotation.kind == .highlight else { continue }
            guard result.isFound, !result.rects.isEmpty else {
                orphans.append((result.id, result.reason ?? "not found"))
                continue
            }
            guard accept(result) else { continue }
            written += 1
            let pages = result.rects.reduce(into: [Int]()) { if !$0.contains($1.page) { $0.append($1.page) } }
            for (k, page) in pages.enumerated() {
                highlights.append(
                    HighlightAnnotation(
                        page: page, rects: result.rects.filter { $0.page == page }.map(\.rect),
                        name: k == 0 ? result.id : result.id + "-\(k + 1)",
                        contents: annotation.comment.isEmpty ? nil : annotation.comment, author: annotation.author ?? author,
                        subject: annotation.tags.isEmpty ? nil : annotation.tags.map { "#" + $0 }.joined(separator: ", "),
                        color: colors.color(for: annotation.tags) ?? color, created: Self.date(annotation.created),
                        modified: Self.date(annotation.updated)))
            }
        }
        return (highlights, written, orphans)
    }

    /// The highlight annotations a PDF holds, by `/NM` name: page and
    /// regions (top-left page space) of the first one so named.
    static func named(in path: String, password: String?) -> [String: (page: Int, rects: [Rect])] {
        guard let document = try? PDFDocument(path: path, password: password) else { return [:] }
        var found: [String: (page: Int, rects: [Rect])] = [:]
        for number in 1...max(1, document.pageCount) {
            for highlight in (try? document.page(number).highlights) ?? [] {
                if let name = highlight.name, found[name] == nil { found[name] = (number, highlight.rects) }
            }
        }
        return found
    }

    /// Whether `present` (``named(in:password:)``) holds `highlight`: one
    /// of its name on the same page, over the same place.
    static func holds(_ present: [String: (page: Int, rects: [Rect])], _ highlight: HighlightAnnotation) -> Bool {
        guard let existing = present[highlight.name], existing.page == highlight.page else { return false }
        return existing.rects.contains { rect in highlight.rects.contains { $0.intersection(rect) != nil } }
    }

    /// The annotation id of a highlight's name: `id` for its first page,
    /// `id-2`, `id-3` for the later ones.
    static func annotationID(of name: String) -> String {
        guard let dash = name.lastIndex(of: "-"), Int(name[name.index(after: dash)...]) != nil else { return name }
        return String(name[..<dash])
    }

    /// Whether two paths name the same file: the same path once symbolic
    /// links are resolved, or the same device and inode (a hard link).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        if Vault.absolute(AtomicFile.resolvingLink(a)) == Vault.absolute(AtomicFile.resolvingLink(b)) { return true }
        var infoA = stat()
        var infoB = stat()
        guard stat(a, &infoA) == 0, stat(b, &infoB) == 0 else { return false }
        return infoA.st_dev == infoB.st_dev && infoA.st_ino == infoB.st_ino
    }

    /// An ISO 8601 date as the plugin writes them (`2026-01-01T00:00:00.000Z`).
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
