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
                folder, fingerprints the PDFs, and classifies each note, worst first, \
                with what fixes it:

                  plugin-cannot-read  the plugin misses blocks: pdfanchor notes NOTE
                  missing             no PDF has its fingerprint: put it back, or --papers DIR
                  stale               blocks name another path: pdfanchor relink NOTE --write
                  moved               its PDF is elsewhere: pdfanchor relink NOTE --write
                  replaced            a new version at its path: pdfanchor refresh NOTE --write
                  mixed               blocks name several PDFs: split it (pdfanchor notes NOTE)
                  duplicate           its PDF is at several paths: keep the one it names
                  ok                  its PDF is where it says, once: nothing to do
                  not-pdf             an EPUB, web page or video: nothing to check

                plugin-cannot-read comes first, whatever the PDF: obsidian-annotator \
                shows none or only some of the note's annotations ('> ' lines from a \
                Markdown formatter, CRLF line ends, no newline at the end, a block \
                without its blank line, ^id, fence or TAGS, broken JSON); the report \
                gives the lines.

                Then every annotation is checked as `pdfanchor check` does, in \
                parallel: anchored (found as highlighted), fuzzy (found with small \
                differences), orphaned (looked for and not found: pdfanchor check NOTE \
                --explain ^ID shows every place considered) or skipped (page notes and \
                replies). Problems are listed worst first, each with the commands that \
                fix it (in text naming the notes from the current folder; in md, html \
                and json from the vault's folder); notes fine but for orphaned \
                highlights are listed apart, each orphan by its ^id. Fingerprints and results are cached in .pdfanchor/ inside \
                the vault, keyed by the files' content, so an unchanged vault is \
                audited again in a moment.

                The annotations each PDF holds itself (made in Zotero, Acrobat, Preview, \
                Skim, Okular, or written by migrate and export-pdf) are counted too, as \
                a reader lists them (replies apart), and each highlight, underline, \
                strike-out and squiggly is said to be in a note of its document (the \
                same id, /NM, or the same place) or only in the PDF. A PDF holding \
                highlights only in it is listed with the command that brings them into \
                its note, first those no note uses: pdfanchor import PDF -o NOTE --write. \
                In json: each PDF's embedded (total, kinds, subtypes, replies, markup, \
                sameID, samePlace, onlyInPDF, onlyInPDFHighlights) and fixes, and \
                summary.embedded. Each PDF is opened for them once; what was read is \
                cached with its fingerprint.

                Each PDF is read in a worker process with a time limit (--timeout) and a \
                memory limit (--worker-memory): a PDF that crashes, hangs or exhausts \
                Poppler gets an error saying so, and the audit goes on.

                Exit codes: 0 all notes fine, 1 problems or orphaned highlights found, 2 \
                the audit could not run.

                Examples:
                  pdfanchor audit ~/Obsidian/Research
                  pdfanchor audit . --papers ~/Zotero/storage --format md -o "PDFAnchor audit.md"
                  pdfanchor audit --format json | jq '.notes[] | select(.match != "ok") | .path'
                  pdfanchor audit --format json | jq -r '.notes[].fixes[]?.command // empty | @sh'
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, md, html
        }

        @Argument(help: "The vault, or any folder in it (default: the current folder): the nearest folder above holding .obsidian/ is the vault.", completion: .directory)
        var vault: String = "."

        @Option(name: .customLong("papers"), help: "A folder of PDFs outside the vault (may be repeated).", completion: .directory)
        var papers: [String] = []

        @Option(help: "Output format: text, json, md or html.")
        var format: Format = .text

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.", completion: .file())
        var output: String?

        @Flag(help: "With -o: replace an annotation note or a PDF (a copy is kept first).")
        var force = false

        @Flag(help: "Read everything again; do not use or update the cache.")
        var noCache = false

        // Taken whatever it looks like, so that "-1" meets the range check below rather than the parser's "Missing value".
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(
                "The most the cache keeps of PDFs' page texts, in MiB (default 512; remembered for later runs; the PDFs used least recently go first).",
                valueName: "MiB"))
        var cacheLimit: Int?

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
            if let cacheLimit, cacheLimit < 0 || cacheLimit > 1 << 20 {
                throw ValidationError("--cache-limit must be from 0 (keep no page texts) to 1048576 (1 TiB), in MiB.")
            }
            if cacheLimit != nil, noCache { throw ValidationError("--cache-limit and --no-cache do not go together.") }
        }

        func run() async throws {
            let root = VaultChoice.ofFolder(vault)
            var auditor = Auditor(vault: root, papers: papers)
            auditor.useCache = !noCache
            auditor.readAll = readAll
            auditor.pageLimit = cacheLimit.map { $0 << 20 }
            if let jobs { auditor.jobs = jobs }
            auditor.detail = format == .json || format == .html
            // The HTML report's extracts need each note's comments and tags: kept from the one reading.
            auditor.keepAnnotations = format == .html && output != nil
            // Poppler runs in worker processes: a PDF that crashes or hangs it fails alone.
            if !inProcess {
                auditor.isolation = .workers(executable: currentExecutable(), timeout: timeout, memoryLimit: workerMemory << 20)
            }
            // Refused before the work, not after it.
            let safety = OutputGuard(inputs: [], vault: root, force: force)
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
            case .json:
                // The notes in the order of every report: worst first.
                var ordered = report
                ordered.notes = report.notesWorstFirst
                text = try encodeJSON(ordered) + "\n"
            case .md: text = AuditReports.markdown(report)
            case .text: text = AuditReports.text(report, unreferenced: unreferenced, from: FileManager.default.currentDirectoryPath)
            case .html: text = try orExit { try AuditReports.html(report, output: output, colors: tagColors(in: root)) }
            }
            try emit(text, to: output, safety: nil)
            if report.hasProblems { throw ExitCode(1) }
        }
    }
}
