import Anchoring
import ArgumentParser
import Foundation
import Library
import PDFCore
import Notes
import Reports

extension PDFAnchor {
    /// `pdfanchor audit [VAULT]`
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Audit a vault: match every note to its PDF and check every annotation.",
            discussion: """
                Finds the annotation notes of the vault (hidden folders such as .obsidian \
                and .trash skipped) and the PDFs of the vault and of every --papers \
                folder, fingerprints the PDFs, and classifies each note:

                  ok         its PDF is where it says, once
                  moved      its PDF (same fingerprint) is at another path (pdfanchor relink fixes it)
                  replaced   another version of the PDF is at its path (checked against it)
                  duplicate  its PDF is at several paths (the one used is named)
                  missing    no PDF with its fingerprint, none at its path
                  mixed      its annotations name several documents
                  not-pdf    it annotates an EPUB, a web page or a video

                Then every annotation is checked as `pdfanchor check` does, in \
                parallel. Fingerprints and results are cached in .pdfanchor/ inside \
                the vault, keyed by the files' content, so an unchanged vault is \
                audited again in a moment.

                Each PDF is read in a worker process with a time limit (--timeout) and a \
                memory limit (--worker-memory): a PDF that crashes, hangs or exhausts \
                Poppler gets an error saying so, and the audit goes on.

                Exit codes: 0 all notes fine, 1 problems found, 2 the audit could not run.

                Examples:
                  pdfanchor audit ~/Obsidian/Research
                  pdfanchor audit . --papers ~/Zotero/storage --format md -o "Audit.md"
                  pdfanchor audit --format json | jq '.notes[] | select(.match != "ok") | .path'
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, md, html
        }

        @Argument(help: "The vault (default: the current folder).")
        var vault: String = "."

        @Option(name: .customLong("papers"), help: "A folder of PDFs outside the vault (may be repeated).")
        var papers: [String] = []

        @Option(help: "Output format: text, json, md or html.")
        var format: Format = .text

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
        var output: String?

        @Flag(help: "With -o: replace an annotation note or a PDF (a copy is kept first).")
        var force = false

        @Flag(help: "Read everything again; do not use or update the cache.")
        var noCache = false

        @Option(help: "How many PDFs to work on at once (default: one per core).")
        var jobs: Int?

        @Flag(help: "List the PDFs that no note uses.")
        var unreferenced = false

        @Option(help: "Give up on a PDF after this many seconds.")
        var timeout: Double = 120

        @Option(help: ArgumentHelp("Memory limit of each worker process, in MiB.", valueName: "MiB"))
        var workerMemory: Int = 4096

        @Flag(help: "Read every page of each PDF, not only the pages its notes point to (slower; the same results, save where a position settles a tie).")
        var readAll = false

        @Flag(help: "Read the PDFs in this process, without workers (a PDF that crashes Poppler then ends the audit).")
        var inProcess = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
            if timeout <= 0 { throw ValidationError("--timeout must be positive.") }
            if workerMemory < 256 { throw ValidationError("--worker-memory must be at least 256 (MiB).") }
        }

        func run() async throws {
            var auditor = Auditor(vault: Vault(root: vault), papers: papers)
            auditor.useCache = !noCache
            auditor.readAll = readAll
            if let jobs { auditor.jobs = jobs }
            auditor.detail = format == .json || format == .html
            // The HTML report's extracts need each note's comments and tags: kept from the one reading.
            auditor.keepAnnotations = format == .html && output != nil
            // Poppler runs in worker processes: a PDF that crashes or hangs it fails alone.
            if !inProcess {
                auditor.isolation = .workers(executable: currentExecutable(), timeout: timeout, memoryLimit: workerMemory << 20)
            }
            // Refused before the work, not after it.
            let safety = OutputGuard(inputs: [], vault: Vault(root: vault), force: force)
            if let output {
                try orExit {
                    if let copy = try safety.prepare(output) { StandardError.write("pdfanchor: the previous \(output) is kept as \(copy)") }
                }
            }
            let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
            var progress: (@Sendable (AuditProgress) -> Void)?
            if let bar { progress = { bar.show($0) } }
            let report = try await orExit {
                defer { bar?.finish() }
                return try await auditor.run(progress: progress)
            }
            for warning in report.warnings { StandardError.write("pdfanchor: warning: \(warning)") }
            let text: String
            switch format {
            case .json: text = try encodeJSON(report) + "\n"
            case .md: text = AuditReports.markdown(report)
            case .text: text = plainText(report)
            case .html: text = try orExit { try html(report) }
            }
            try emit(text, to: output, safety: nil)
            if report.hasProblems { throw ExitCode(1) }
        }

        /// The HTML page, with each note's extract (without pictures) in a folder beside it.
        private func html(_ report: AuditReport) throws -> String {
            // Extracts go in a folder beside a file; not beside /dev/stdout or a FIFO.
            guard let output, AtomicFile.isPlainFilePath(output) else { return AuditReports.html(report, extracts: [:]) }
            let base = (output as NSString).deletingPathExtension
            let folder = base + "-extracts"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var links: [String: String] = [:]
            let vaultRoot = Vault(root: vault)
            let colors = tagColors(in: vaultRoot)
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
            return AuditReports.html(report, extracts: links)
        }

        private func plainText(_ report: AuditReport) -> String {
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
}
