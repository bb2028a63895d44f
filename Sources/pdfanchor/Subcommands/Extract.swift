import ArgumentParser
import Foundation
import Library
import Notes
import PDFCore
import Reports

extension PDFAnchor {
    /// `pdfanchor extract NOTE.md`
    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a note's highlights with page numbers: Markdown, JSON, CSV or an HTML report.",
            discussion: """
                Each annotation is found in its PDF first (as `pdfanchor check` does), so \
                the export shows the PDF's own text, in page and reading order, with the \
                printed page label.

                md    Markdown for Obsidian (default): block quotes under the PDF's
                      section headings (page headings without an outline), a link
                      that opens the PDF at the page, a link back to the
                      annotation, comments and tags; what was not found in its own
                      section. --template FILE uses your Mustache template
                      (--print-template prints the built-in one to start from).
                json  W3C Web Annotation JSON-LD, with a page=N FragmentSelector
                      and PDFAnchor's result (status, page, regions).
                csv   RFC 4180: id, status, page, pageLabel, text, comment, tags,
                      created, section.
                html  One self-contained page with a picture of each highlight's
                      place on its page (--assets DIR writes them beside it).

                Several notes, or a vault's folder: --format csv makes one table
                with the note first; the other formats need -o DIR and write one
                file per note there. -o naming a folder takes the note's name.

                With -o the file is written atomically (a temporary file, then a \
                rename); without it the export goes to stdout.

                Examples:
                  pdfanchor extract "Papers/Smith 2021.md" -o "Papers/Smith 2021 highlights.md"
                  pdfanchor extract note.md --format html -o report.html
                  pdfanchor extract note.md --format csv > highlights.csv
                  pdfanchor extract ~/Obsidian/Research --format csv -o all-highlights.csv
                  pdfanchor extract ~/Obsidian/Research -o ~/highlights   # one .md per note
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case md, json, csv, html
        }

        @Argument(help: "The annotation note (or Hypothesis JSON file); or several notes, or a vault's folder (one CSV table, or with -o DIR one file per note).")
        var notes: [String] = []

        /// The one note of a single-note export.
        var note: String? { notes.count == 1 ? notes[0] : nil }

        @OptionGroup var options: PDFOptions

        @Option(help: "Output format: md, json, csv or html.")
        var format: Format = .md

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout; a folder: one file per note, named after it.")
        var output: String?

        @Option(help: "A Mustache template for the Markdown export.")
        var template: String?

        @Option(help: "For html: write the pictures to this folder instead of embedding them.")
        var assets: String?

        @Flag(help: "With -o: replace an annotation note or a PDF (a copy is kept first).")
        var force = false

        @Flag(help: "Print the built-in Markdown template and exit.")
        var printTemplate = false

        func validate() throws {
            // A missing note is said in run(), after ArgumentParser has
            // named any unknown option (validate() runs first and would hide it).
            if printTemplate { return }
            if template != nil, format != .md { throw ValidationError("--template applies to --format md only.") }
            if assets != nil, format != .html { throw ValidationError("--assets applies to --format html only.") }
        }

        func run() async throws {
            if printTemplate {
                print(MarkdownReport.defaultTemplate, terminator: "")
                return
            }
            if notes.isEmpty { throw ValidationError("Give the note to extract from: pdfanchor extract NOTE.md") }
            var isFolder: ObjCBool = false
            if notes.count > 1 || (FileManager.default.fileExists(atPath: notes[0], isDirectory: &isFolder) && isFolder.boolValue) {
                try await extractMany()
                return
            }
            guard let note else { return }
            // -o naming a folder (or ending in "/"): the file goes in it, named after the note.
            var output = self.output
            var outputIsFolder: ObjCBool = false
            if let folder = output, (FileManager.default.fileExists(atPath: folder, isDirectory: &outputIsFolder) && outputIsFolder.boolValue) || folder.hasSuffix("/") {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw ValidationError("-o \(folder): the folder cannot be made (read-only, or no permission)")
                }
                output = Self.joined(folder, Self.outputName((note as NSString).lastPathComponent, format: format))
            }
            // A new file's folder must exist: said before the anchoring, not after
            // (a device, a FIFO or an existing file is checked when written).
            if let output, AtomicFile.isPlainFilePath(output), !FileManager.default.fileExists(atPath: output) {
                let parent = (Vault.absolute(output) as NSString).deletingLastPathComponent
                var parentIsFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: parent, isDirectory: &parentIsFolder), parentIsFolder.boolValue else {
                    throw ValidationError("-o \(output): the folder \(parent) does not exist")
                }
            }
            let vaultRoot = options.vault(of: note)
            let checked = try await orExit {
                try await NoteChecker().checkKeeping(notePath: note, pdf: options.pdf, vault: vaultRoot, password: options.password)
            }
            let report = highlightReport(checked, vault: vaultRoot)
            // Markdown and HTML say it in the page; CSV and JSON have no place for it.
            if report.fingerprintMatches == false, format == .csv || format == .json {
                StandardError.write(
                    "pdfanchor: warning: \(note): its PDF is another version than the one the annotations were made on; "
                        + "pdfanchor refresh \(ShellWord.quoted(note)) shows how to bring the note up to date")
            }
            let text: String = try orExit { try render(report, assets: assets, output: output) }
            try emit(text, to: output, safety: OutputGuard(inputs: [note, checked.pdf.path], vault: vaultRoot, force: force))
            if let output {
                StandardError.write("wrote \(output): \(report.found.count) highlights, \(report.orphaned.count) not found")
            }
        }

        /// A report in the chosen format. `assets` (html): the pictures'
        /// folder, linked from `output`'s folder; nil embeds them.
        func render(_ report: HighlightReport, assets: String?, output: String?) throws -> String {
            switch format {
            case .md:
                let templateText = try template.map { path in
                    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                        throw ValidationError("--template \(path): no such file, or not UTF-8 text")
                    }
                    return text
                }
                return try MarkdownReport.render(report, template: templateText)
            case .csv:
                return CSVReport.render(report)
            case .json:
                return try WebAnnotationReport.render(report)
            case .html:
                var images = HTMLReport.Images.embedded
                if let assets {
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: assets, isDirectory: &isFolder), !isFolder.boolValue {
                        throw ValidationError("--assets \(assets): a file, not a folder")
                    }
                    do {
                        try FileManager.default.createDirectory(atPath: assets, withIntermediateDirectories: true)
                    } catch {
                        throw ValidationError("--assets \(assets): the folder cannot be made (read-only, or no permission)")
                    }
                    images = .folder(path: assets, href: Self.relativeHref(to: assets, from: output))
                }
                return try HTMLReport.render(report, images: images, password: options.password)
            }
        }

        /// A checked note's report, with the vault's colours by tag (when
        /// `colors`) and the PDF's sections from its outline (none when it
        /// cannot be opened again).
        func highlightReport(_ checked: NoteChecker.Checked, vault: Vault, colors: Bool = true) -> HighlightReport {
            var report = HighlightReport(checked, vault: vault)
            if colors { report.colors = tagColors(in: vault) }
            if let document = try? PDFDocument(path: report.pdfPath, password: options.password) {
                report.readLayout(of: document)
            }
            return report
        }

        /// Several notes, or every annotation note of a folder: as one CSV
        /// table with the note's vault path first, or — md, json, html — one
        /// file per note in the folder `-o` names, at the note's path within
        /// the folder given (its own name for a note given alone), with the
        /// format's extension. A note that cannot be checked is said on
        /// stderr and the others go on (exit 1).
        func extractMany() async throws {
            guard options.pdf == nil else { throw ValidationError("--pdf applies to one note") }
            guard format == .csv || output != nil else {
                throw ValidationError(
                    "Several notes as --format \(format.rawValue) make one file each: give the folder for them with -o DIR (or use --format csv for one table)")
            }
            guard assets == nil else { throw ValidationError("--assets applies to one note; several notes' reports embed their pictures") }
            if let output {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
                if format == .csv, exists, isFolder.boolValue {
                    throw ValidationError("-o \(output): a folder; --format csv makes one table of all the notes: give a file")
                }
                if format != .csv, exists, !isFolder.boolValue {
                    throw ValidationError("-o \(output): a file; several notes as --format \(format.rawValue) make one file each: give a folder")
                }
                if format == .csv, !exists, output.hasSuffix("/") {
                    throw ValidationError("-o \(output): a folder; --format csv makes one table of all the notes: give a file")
                }
                if format != .csv, !exists, (output as NSString).pathExtension.lowercased() == format.rawValue {
                    throw ValidationError("-o \(output): a file name; several notes as --format \(format.rawValue) make one file each: give a folder")
                }
            }
            // Each note with its name in the output folder.
            var paths: [(path: String, name: String)] = []
            var unreadable = 0
            for path in notes {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    let root = Vault.absolute(path)
                    let scan = Scanner().scan(vault: root)
                    paths += scan.notes.sorted().map { ($0, Vault(root: root).vaultPath(of: $0) ?? ($0 as NSString).lastPathComponent) }
                    // A file the scan could not read may be a note: said, and the run ends with 1.
                    for file in scan.unreadable {
                        StandardError.write("pdfanchor: \(file.path): not extracted: \(file.reason)")
                        unreadable += 1
                    }
                } else {
                    paths.append((path, (path as NSString).lastPathComponent))
                }
            }
            if paths.isEmpty, unreadable == 0 {
                StandardError.write("pdfanchor: no annotation notes in \(notes.joined(separator: ", ")) (a note holds the plugin's annotation-json blocks)")
                throw ExitCode(1)
            }
            // A note given twice (by itself and in its folder) is extracted once.
            var seen = Set<String>()
            paths = paths.filter { seen.insert(Vault.absolute($0.path)).inserted }
            let inputs = paths.map(\.path)
            let safety = OutputGuard(inputs: inputs, vault: options.vault(of: paths.first?.path ?? "."), force: force)
            var rows: [String] = []
            var failed = unreadable
            var written: [String: String] = [:]
            var done = 0
            for (path, name) in paths {
                let vaultRoot = options.vault(of: path)
                do {
                    let checked = try await NoteChecker().checkKeeping(notePath: path, pdf: nil, vault: vaultRoot, password: options.password)
                    if format == .csv {
                        let report = highlightReport(checked, vault: vaultRoot, colors: false)
                        rows += CSVReport.rows(report, note: report.noteVaultPath ?? path)
                        continue
                    }
                    let file = Self.joined(output!, Self.outputName(name, format: format))
                    if let other = written[file] {
                        StandardError.write("pdfanchor: \(path): not extracted: \(other) already goes to \(file) (extract it on its own with -o FILE)")
                        failed += 1
                        continue
                    }
                    written[file] = path
                    let report = highlightReport(checked, vault: vaultRoot)
                    let text = try render(report, assets: nil, output: file)
                    if let copy = try safety.prepare(file) { StandardError.write("pdfanchor: the previous \(file) is kept as \(copy)") }
                    let folder = (file as NSString).deletingLastPathComponent
                    do {
                        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    } catch {
                        throw WriteError(path: file, reason: "the folder \(folder) cannot be made (read-only, or no permission)")
                    }
                    try AtomicFile.write(text, to: file)
                    done += 1
                } catch {
                    StandardError.write("pdfanchor: \(error)")
                    failed += 1
                }
            }
            if format == .csv {
                let text = ([CSVReport.header(withNote: true)] + rows).joined(separator: "\r\n") + "\r\n"
                try emit(text, to: output, safety: safety)
                if let output {
                    let notes = paths.count - (failed - unreadable)
                    StandardError.write("wrote \(output): \(rows.count) annotations from \(notes) note\(notes == 1 ? "" : "s")")
                }
            } else {
                StandardError.write("wrote \(done) \(format.rawValue) file\(done == 1 ? "" : "s") in \(output!)")
            }
            if failed > 0 { throw ExitCode(1) }
        }

        /// `name` in `folder`, without a doubled "/".
        static func joined(_ folder: String, _ name: String) -> String {
            (folder.hasSuffix("/") ? folder : folder + "/") + name
        }

        /// A note's file name in the output folder: its path with the
        /// format's extension in place of its own, the name cut (whole
        /// characters) so that it stays within the 255 bytes a file name
        /// may have.
        static func outputName(_ name: String, format: Format) -> String {
            let stem = (name as NSString).pathExtension.isEmpty ? name : (name as NSString).deletingPathExtension
            let folder = (stem as NSString).deletingLastPathComponent
            let last = AtomicFile.shortened((stem as NSString).lastPathComponent, toBytes: 255 - 1 - format.rawValue.utf8.count)
            return (folder.isEmpty ? "" : folder + "/") + last + "." + format.rawValue
        }

        /// The folder `assets` as seen from the folder of `output` (for links in the page).
        static func relativeHref(to assets: String, from output: String?) -> String {
            let target = Vault.absolute(assets).split(separator: "/")
            let base = Vault.absolute(output.map { ($0 as NSString).deletingLastPathComponent } ?? ".").split(separator: "/")
            var common = 0
            while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
            let up = Array(repeating: "..", count: base.count - common)
            let path = (up + target[common...].map(String.init)).joined(separator: "/")
            return path.isEmpty ? "" : path + "/"
        }
    }
}
