import ArgumentParser
import Foundation
import Library
import Notes
import PDFCore
import Reports

extension PDFAnchor {
    /// `pdfanchor extract NOTE.md`
    struct Extract: AsyncParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case md, json, csv, html
        }

        @Argument(help: "The annotation note (or Hypothesis JSON file); or several notes, or a vault's folder (one CSV table, or with -o DIR one file per note).", completion: .file(extensions: ["md", "json"]))
        var notes: [String] = []

        /// The one note of a single-note export.
        var note: String? { notes.count == 1 ? notes[0] : nil }

        @OptionGroup var options: PDFOptions

        @Option(help: "Output format: md, json, csv or html.")
        var format: Format = .md

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout; a folder: one file per note, named after it.", completion: .file())
        var output: String?

        @Option(help: "A Mustache template for the Markdown export.", completion: .file())
        var template: String?

        @Option(help: "For html: write the pictures to this folder instead of embedding them.", completion: .directory)
        var assets: String?

        @Flag(help: "With -o: replace an annotation note or a PDF (a copy is kept first).")
        var force = false

        @Flag(help: "Print the built-in Markdown template and exit.")
        var printTemplate = false

        @Flag(help: "Extract the annotations inside PDFs (automatic when every argument is a PDF): a folder's PDFs instead of its notes.")
        var pdfs = false

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
            if pdfs || notes.allSatisfy(Self.isPDF) { return try extractPDFs() }
            var isFolder: ObjCBool = false
            if notes.count > 1 || (FileManager.default.fileExists(atPath: notes[0], isDirectory: &isFolder) && isFolder.boolValue) {
                try await extractMany()
                return
            }
            guard let note else { return }
            // -o naming a folder: the file goes in it, named after the note.
            let output: String?
            do {
                output = try self.output.map { try BatchExtractor.outputFile($0, note: note, extension: format.rawValue) }
            } catch {
                throw ValidationError("\(error)")
            }
            let vaultRoot = options.vault(of: note)
            let checked = try await orExit {
                try await options.checker(vault: vaultRoot).checkKeeping(notePath: note, pdf: options.pdf, vault: vaultRoot, password: options.password)
            }
            let document = try? PDFDocument(file: checked.file, password: options.password)
            let report = HighlightReport.made(from: checked, vault: vaultRoot, colors: tagColors(in: vaultRoot), document: document)
            // Markdown and HTML say it in the page; CSV and JSON have no place for it.
            if report.fingerprintMatches == false, format == .csv || format == .json {
                StandardError.write(
                    "pdfanchor: warning: \(note): its PDF is another version than the one the annotations were made on; "
                        + "pdfanchor refresh \(ShellWord.quoted(note)) shows how to bring the note up to date")
            }
            let text: String = try orExit { try render(report, document: document, assets: assets, output: output) }
            try emit(text, to: output, safety: OutputGuard(inputs: [note, checked.pdf.path], vault: vaultRoot, force: force))
            if let output {
                StandardError.write("wrote \(output): \(report.found.count) highlights, \(report.orphaned.count) orphaned")
            }
        }

        /// A report in the chosen format. `assets` (html): the pictures'
        /// folder, linked from `output`'s folder; nil embeds them.
        func render(_ report: HighlightReport, document: PDFDocument?, assets: String?, output: String?) throws -> String {
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
                    do {
                        try OutputPathError.makeFolder(assets, option: "--assets")
                    } catch {
                        throw ValidationError(error.description)
                    }
                    images = .folder(path: assets, href: HTMLReport.relativeHref(to: assets, from: output))
                }
                return try HTMLReport.render(report, images: images, document: document, password: options.password)
            }
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
            if let output, let problem = BatchExtractor.problem(withOutput: output, format: format.rawValue) { throw ValidationError(problem) }
            let collected = BatchExtractor.collect(notes)
            // A file the scan could not read may be a note: said, and the run ends with 1.
            for file in collected.unreadable { StandardError.write("pdfanchor: \(file.path): not extracted: \(file.reason)") }
            if collected.notes.isEmpty, collected.unreadable.isEmpty {
                StandardError.write("pdfanchor: no annotation notes in \(notes.joined(separator: ", ")) (a note holds the plugin's annotation-json blocks)")
                throw ExitCode(1)
            }
            let safety = OutputGuard(inputs: collected.notes.map(\.path), vault: options.vault(of: collected.notes.first?.path ?? "."), force: force)
            var batch = BatchExtractor(fileExtension: format == .csv ? nil : format.rawValue, folder: format == .csv ? nil : output, password: options.password)
            batch.checker = { options.checker(vault: $0) }
            let bar = ProgressBar.onTerminal()
            let outcomes = await batch.extract(
                collected.notes, vault: { options.vault(of: $0) }, colors: { tagColors(in: $0) }, safety: safety,
                render: { report, document, file in try render(report, document: document, assets: nil, output: file) },
                said: { bar?.finish(); StandardError.write("pdfanchor: " + $0) }, progress: { bar?.show($0, of: $1, $2.name) })
            bar?.finish()
            let tally = BatchExtractor.Tally(outcomes)
            for message in tally.failures { StandardError.write("pdfanchor: " + message) }
            let failed = collected.unreadable.count + tally.failures.count
            if format == .csv {
                let text = ([CSVReport.header(withNote: true)] + tally.rows).joined(separator: "\r\n") + "\r\n"
                try emit(text, to: output, safety: safety)
                if let output {
                    let extracted = collected.notes.count - tally.failures.count
                    StandardError.write("wrote \(output): \(tally.rows.count) annotations from \(count(extracted, "note"))")
                }
            } else {
                StandardError.write("wrote \(count(tally.written, "\(format.rawValue) file")) in \(output!)")
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
