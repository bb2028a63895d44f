import Foundation
public import Library
import Notes
import PDFCore

extension AuditReports {
    /// The HTML page, with each note's extract (without pictures) in a
    /// folder beside `output` (`NAME-extracts/`), each extract with the
    /// vault's `colors`, sections and reading order, as extract gives them;
    /// no extracts beside standard output or a FIFO.
    public static func html(_ report: AuditReport, output: String?, colors: ColorMap) throws -> String {
        // Extracts go in a folder beside a file; not beside /dev/stdout or a FIFO.
        guard let output, AtomicFile.isPlainFilePath(output) else { return html(report, extracts: [:]) }
        let base = (output as NSString).deletingPathExtension
        let folder = base + "-extracts"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var links: [String: String] = [:]
        let vaultRoot = Vault(root: report.vault)
        for note in report.notes where note.pdf != nil {
            guard let annotations = note.source?.annotations else { continue }
            var highlights = HighlightReport(note: note, annotations: annotations, vault: vaultRoot)
            highlights.colors = colors
            // Sections and reading order, as extract gives them.
            if let document = try? PDFDocument(path: highlights.pdfPath) {
                highlights.readLayout(of: document)
            }
            // The note's name (short) and a hash of its whole path: unique, and never too long a file name.
            let stem = ((note.path as NSString).lastPathComponent as NSString).deletingPathExtension
            let readable = String(stem.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" }.prefix(40))
            let name = readable + "-" + Checksum.sha256(Data(note.path.utf8)).prefix(10) + ".html"
            try AtomicFile.write(try HTMLReport.render(highlights, images: .none), to: folder + "/" + name)
            let href = (folder as NSString).lastPathComponent.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? ""
            links[note.path] = href + "/" + name
        }
        return html(report, extracts: links)
    }

    /// The terminal's summary: counts, then the notes with problems (worst
    /// first), what cannot be read, what needs a password and, when
    /// `unreferenced`, the PDFs no note uses.
    public static func text(_ report: AuditReport, unreferenced: Bool = false) -> String {
        let s = report.summary
        var text = "Audit of \(report.vault): \(s.notes) notes, \(s.pdfs) PDFs in \(String(format: "%.1f", s.seconds)) s"
        text += s.cached > 0 ? " (\(s.cached) notes from the cache)\n" : "\n"
        let matches = AuditReport.Match.allCases.compactMap { m in s.matches[m].map { "\($0) \(m.rawValue)" } }
        text += "Notes: \(matches.joined(separator: ", "))\n"
        let a = s.annotations
        text += "Annotations: \(a.total) — \(a.anchored) anchored, \(a.fuzzy) fuzzy, \(a.orphaned) orphaned, \(a.skipped) skipped\n"
        // Worst first: what the plugin cannot show at all, then what it cannot find, then the rest.
        let order: [AuditReport.Match] = [.pluginCannotRead, .missing, .stale, .moved, .replaced, .mixed, .duplicate, .ok, .notPDF]
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let problems = report.notes.filter(\.hasProblem).enumerated().sorted { a, b in
            (rank[a.element.match] ?? 0, -a.element.summary.orphaned, a.offset) < (rank[b.element.match] ?? 0, -b.element.summary.orphaned, b.offset)
        }.map(\.element)
        if !problems.isEmpty {
            text += "\nProblems (\(problems.count) note\(problems.count == 1 ? "" : "s"), worst first):\n"
            let width = problems.map(\.match.rawValue.count).max() ?? 10
            for note in problems {
                var line = "  \(note.match.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)) \(note.path) — \(note.reason)"
                if note.summary.orphaned > 0 { line += "; \(note.summary.orphaned) of \(note.summary.total) annotations not found" }
                if let error = note.error { line += "; \(error)" }
                let errors = note.diagnostics.filter { $0.severity == .error }.count
                if errors > 0 { line += "; \(errors) unreadable block\(errors == 1 ? "" : "s") (see pdfanchor notes)" }
                text += line + "\n"
            }
        }
        let unreadable = report.unreadable.map { ($0.path, $0.reason) }
            + report.pdfs.filter { $0.encrypted != true }.compactMap { p in p.error.map { (p.path, $0) } }
        if !unreadable.isEmpty {
            text += "\nCannot be read (\(unreadable.count)):\n"
            for (path, reason) in unreadable { text += "  \(path) — \(reason)\n" }
        }
        let locked = report.pdfs.filter { $0.encrypted == true }
        if !locked.isEmpty {
            text += "\nNeed a password (\(locked.count)):\n"
            for pdf in locked { text += "  \(pdf.path)\n" }
        }
        if unreferenced {
            let unused = report.pdfs.filter { $0.referencedBy.isEmpty && $0.error == nil }
            text += "\nPDFs no note uses (\(unused.count)):\n"
            for pdf in unused { text += "  \(pdf.path)\n" }
        }
        return text
    }
}
