import ArgumentParser
import Foundation
import Library
import PDFCore
import Reports

extension PDFAnchor.Extract {
    /// Whether `path` names a PDF: a `.pdf` name, or a file starting with `%PDF-`.
    static func isPDF(_ path: String) -> Bool {
        if path.lowercased().hasSuffix(".pdf") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 5)).map { Array($0) == Array("%PDF-".utf8) } ?? false
    }

    /// The annotations inside PDFs: one PDF to stdout or `-o`; several
    /// (or folders' PDFs) as one CSV table with the PDF first, or one file
    /// per PDF in the folder `-o` names. A PDF that cannot be read is said
    /// and the others go on (exit 1); one PDF alone that cannot be read ends
    /// with 2. A PDF some of whose annotations could not be read at all is
    /// extracted, and the run ends with 1.
    func extractPDFs() throws {
        guard options.pdf == nil else { throw ValidationError("--pdf applies to a note; give the PDFs themselves") }
        guard template == nil || format == .md else { throw ValidationError("--template applies to --format md only.") }
        let files = Self.pdfs(in: notes)
        if notes.count == 1, let missing = files.missing.first {
            StandardError.write("pdfanchor: \(missing): no such file or folder")
            throw ExitCode(2)
        }
        for missing in files.missing { StandardError.write("pdfanchor: \(missing): no such file or folder") }
        let single = files.pdfs.count == 1 && files.missing.isEmpty && !notes.contains(where: Self.isFolder)
        if !single, format != .csv {
            guard let output else {
                throw ValidationError("Several PDFs as --format \(format.rawValue) make one file each: give the folder for them with -o DIR (or use --format csv for one table)")
            }
            if let problem = BatchExtractor.problem(withOutput: output, format: format.rawValue) { throw ValidationError(problem.replacingOccurrences(of: "notes", with: "PDFs")) }
            do {
                try OutputPathError.makeFolder(output, option: "-o")
            } catch {
                throw ValidationError(error.description)
            }
        } else if !single, let output, let problem = BatchExtractor.problem(withOutput: output, format: "csv") {
            throw ValidationError(problem.replacingOccurrences(of: "notes", with: "PDFs"))
        }
        let safety = OutputGuard(inputs: files.pdfs, vault: vault(ofPDF: files.pdfs.first ?? "."), force: force)
        var failed = files.missing.count
        var incomplete = 0
        var rows: [String] = []
        var written = 0
        var targets: Set<String> = []
        let bar = single ? nil : ProgressBar.onTerminal()
        for (k, path) in files.pdfs.enumerated() {
            bar?.show(k, of: files.pdfs.count, (path as NSString).lastPathComponent)
            do {
                let (report, document, readInPart) = try reportOfPDF(path)
                if readInPart { incomplete += 1 }
                if !single, format == .csv {
                    rows += CSVReport.rows(report, note: report.pdfVaultPath ?? path)
                    continue
                }
                var target = try output.map { folder in
                    single
                        ? try BatchExtractor.outputFile(folder, note: path, extension: format.rawValue)
                        : BatchExtractor.joined(folder, BatchExtractor.outputName((path as NSString).lastPathComponent, extension: format.rawValue))
                }
                // Two PDFs of one name (in different folders): the second gets " 2" before its extension.
                if !single, let first = target {
                    var n = 2
                    while targets.contains(target!) {
                        target = (first as NSString).deletingPathExtension + " \(n)." + format.rawValue
                        n += 1
                    }
                    targets.insert(target!)
                }
                let text = try render(report, document: document, assets: single ? assets : nil, output: target)
                try emit(text, to: target, safety: safety)
                written += 1
                if let target, single { StandardError.write("wrote \(target): \(count(report.found.count + report.skipped.count, "annotation"))") }
            } catch let error as ExitCode {
                throw error
            } catch {
                bar?.finish()
                // PDFAnchor's errors name the file; others get its name first.
                let message = "\(error)"
                StandardError.write("pdfanchor: " + (message.hasPrefix(path) ? message : "\(path): \(message)"))
                // One PDF that cannot be used: the job could not run (2), as for one note.
                if single { throw ExitCode(2) }
                failed += 1
            }
        }
        bar?.finish()
        if !single, format == .csv {
            try emit(([CSVReport.header(withNote: true, embedded: true)] + rows).joined(separator: "\r\n") + "\r\n", to: output, safety: safety)
            if let output { StandardError.write("wrote \(output): \(count(rows.count, "annotation")) from \(count(files.pdfs.count - failed + files.missing.count, "PDF"))") }
        } else if !single {
            StandardError.write("wrote \(count(written, "\(format.rawValue) file")) in \(output!)")
        }
        if failed > 0 || incomplete > 0 { throw ExitCode(1) }
    }

    /// The report of the annotations `path` holds, with its sections and
    /// reading order, and the PDF opened for pictures; its problems said on stderr.
    private func reportOfPDF(_ path: String) throws -> (HighlightReport, PDFDocument, incomplete: Bool) {
        let file = try PDFFile(path: path)
        // One open document for the annotations, the outline and the pictures.
        let document = try PDFDocument(file: file, password: options.password)
        let reading = EmbeddedReader.read(document, file: file)
        for problem in reading.problems {
            StandardError.write("pdfanchor: warning: \(path): \(problem)")
        }
        let vault = vault(ofPDF: path)
        var report = HighlightReport(embedded: reading, vault: vault)
        report.colors = tagColors(in: vault)
        report.readLayout(of: document, texts: reading.texts)
        if reading.highlights.isEmpty {
            StandardError.write("pdfanchor: \(path): " + (reading.leftSomeOut ? "none of its annotations could be read (see the warnings above)" : "the PDF holds no annotations"))
        }
        return (report, document, reading.leftSomeOut)
    }

    /// The PDFs the arguments name: files as given, folders' PDFs (hidden
    /// folders skipped) in name order; and the arguments that name nothing.
    static func pdfs(in arguments: [String]) -> (pdfs: [String], missing: [String]) {
        var pdfs: [String] = []
        var missing: [String] = []
        for argument in arguments {
            if isFolder(argument) {
                Scanner().files(in: argument) { path, name in if name.lowercased().hasSuffix(".pdf") { pdfs.append(path) } }
            } else if FileManager.default.fileExists(atPath: argument) {
                pdfs.append(argument)
            } else {
                missing.append(argument)
            }
        }
        return (pdfs, missing)
    }

    /// The vault of a PDF by the one rule, said only when `.obsidian/` was
    /// found or `--vault` given: a PDF outside any vault needs none (its
    /// report links it by its path from its folder).
    private func vault(ofPDF path: String) -> Vault {
        guard let choice = try? VaultChoice.of(note: path, given: options.vault) else { return options.vault(of: path) }
        return choice.source == .noObsidian ? choice.vault : choice.announced()
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
