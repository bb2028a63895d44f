import Foundation
public import Library
public import PDFCore

/// `extract` of several notes, or of every annotation note of a folder: as
/// one CSV table with the note's vault path first, or as one file per note
/// in an output folder, at the note's path within the folder given (its own
/// name for a note given alone), with the format's extension. A note that
/// cannot be checked is an outcome of its own; the others go on.
public struct BatchExtractor: Sendable {
    /// A note to extract, and its name in the output folder.
    public struct Note: Sendable, Equatable {
        /// The note's path, as given or found.
        public var path: String
        /// Its path within the folder it was found in (its own name when given alone).
        public var name: String
    }

    /// The notes of the paths given, and what could not be read.
    public struct Collected: Sendable {
        /// The notes, each once, in the order given (a folder's sorted).
        public var notes: [Note] = []
        /// Files a folder's scan could not read (maybe notes): each with why.
        public var unreadable: [ScanResult.Unreadable] = []
    }

    /// What became of one note.
    public enum Outcome: Sendable {
        /// CSV: its rows (without the header).
        case rows([String])
        /// Its file was written.
        case written(file: String)
        /// Not extracted, with the message to show.
        case failed(String)
    }

    /// The outcomes of a batch, gathered: the CSV rows in order, how many
    /// files were written, and the messages of the notes not extracted.
    public struct Tally: Sendable {
        /// CSV: every note's rows, in order (without the header).
        public var rows: [String] = []
        /// How many files were written.
        public var written = 0
        /// The messages of the notes not extracted.
        public var failures: [String] = []

        /// The tally of `outcomes`.
        public init(_ outcomes: [Outcome]) {
            for outcome in outcomes {
                switch outcome {
                case .rows(let more): rows += more
                case .written: written += 1
                case .failed(let message): failures.append(message)
                }
            }
        }
    }

    /// The format's file extension (`md`, `json`, `html`), or nil for one CSV table.
    public var fileExtension: String?
    /// The output folder (one file per note), or nil for one CSV table.
    public var folder: String?
    /// The password of encrypted PDFs.
    public var password: String?
    /// The checker of the notes of a vault (by default one without a cache).
    public var checker: @Sendable (Vault) -> NoteChecker = { _ in NoteChecker() }

    /// A batch writing `fileExtension` files into `folder`, or one CSV table when both are nil.
    public init(fileExtension: String?, folder: String?, password: String?) {
        self.fileExtension = fileExtension
        self.folder = folder
        self.password = password
    }

    /// The notes of `paths`: a folder's annotation notes (by their path in
    /// it), a file as it is; a note given twice (by itself and in its
    /// folder) once.
    public static func collect(_ paths: [String]) -> Collected {
        var collected = Collected()
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let root = Vault.absolute(path)
                let scan = Scanner().scan(vault: root)
                collected.notes += scan.notes.sorted().map { Note(path: $0, name: Vault(root: root).vaultPath(of: $0) ?? ($0 as NSString).lastPathComponent) }
                collected.unreadable += scan.unreadable
            } else {
                collected.notes.append(Note(path: path, name: (path as NSString).lastPathComponent))
            }
        }
        var seen = Set<String>()
        collected.notes = collected.notes.filter { seen.insert(Vault.absolute($0.path)).inserted }
        return collected
    }

    /// Extracts each note: checks it in its vault (`vault(path)`), makes its
    /// report, and either gives its CSV rows or renders it (`render(report,
    /// its PDF opened once for the report and its pictures, file)`) into its file in ``folder``, through `safety` (a protected
    /// output refused, or kept first) and an atomic write. Two notes whose
    /// files would be the same: the second is not extracted.
    public func extract(
        _ notes: [Note], vault: (String) -> Vault, colors: (Vault) -> ColorMap, safety: OutputGuard,
        render: (HighlightReport, PDFDocument?, String) throws -> String, said: (String) -> Void = { _ in },
        progress: (_ done: Int, _ total: Int, _ note: Note) -> Void = { _, _, _ in }
    ) async -> [Outcome] {
        var outcomes: [Outcome] = []
        var written: [String: String] = [:]
        for (done, note) in notes.enumerated() {
            progress(done, notes.count, note)
            let root = vault(note.path)
            do {
                let checked = try await checker(root).checkKeeping(notePath: note.path, pdf: nil, vault: root, password: password)
                let document = try? PDFDocument(file: checked.file, password: password)
                guard let folder, let fileExtension else {
                    let report = HighlightReport.made(from: checked, vault: root, document: document)
                    outcomes.append(.rows(CSVReport.rows(report, note: report.noteVaultPath ?? note.path)))
                    continue
                }
                let file = Self.joined(folder, Self.outputName(note.name, extension: fileExtension))
                if let other = written[file] {
                    outcomes.append(.failed("\(note.path): not extracted: \(other) already goes to \(file) (extract it on its own with -o FILE)"))
                    continue
                }
                written[file] = note.path
                let report = HighlightReport.made(from: checked, vault: root, colors: colors(root), document: document)
                let text = try render(report, document, file)
                if let copy = try safety.prepare(file) { said("the previous \(file) is kept as \(copy)") }
                let parent = (file as NSString).deletingLastPathComponent
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    outcomes.append(.failed("\(file): cannot be written: the folder \(parent) cannot be made (read-only, or no permission)"))
                    continue
                }
                try AtomicFile.write(text, to: file)
                outcomes.append(.written(file: file))
            } catch {
                outcomes.append(.failed("\(error)"))
            }
        }
        return outcomes
    }

    /// Why `-o output` cannot take several notes in `format` (`csv`: one
    /// table, a file; the others: one file each, a folder), or nil.
    public static func problem(withOutput output: String, format: String) -> String? {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
        let table = format == "csv"
        if table, (exists && isFolder.boolValue) || (!exists && output.hasSuffix("/")) {
            return "-o \(output): a folder; --format csv makes one table of all the notes: give a file"
        }
        if !table, exists, !isFolder.boolValue {
            return "-o \(output): a file; several notes as --format \(format) make one file each: give a folder"
        }
        if !table, !exists, (output as NSString).pathExtension.lowercased() == format {
            return "-o \(output): a file name; several notes as --format \(format) make one file each: give a folder"
        }
        return nil
    }

    /// `name` in `folder`, without a doubled "/".
    public static func joined(_ folder: String, _ name: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + name
    }

    /// What an export's name adds to its note's (`Smith 2021 highlights.md`),
    /// so that it never takes the name of a note (Obsidian finds notes by name).
    public static let outputSuffix = " highlights"

    /// A note's file name in the output folder: its path with
    /// ``outputSuffix`` and `extension` in place of its own extension, the
    /// last part cut (whole characters) so that it stays within the 255
    /// bytes a file name may have.
    public static func outputName(_ name: String, extension: String) -> String {
        let stem = (name as NSString).pathExtension.isEmpty ? name : (name as NSString).deletingPathExtension
        // Split by hand: Foundation's deletingLastPathComponent traps on a
        // one-character name (swift-corelibs-foundation, Swift 6.3).
        let slash = stem.lastIndex(of: "/")
        let folder = slash.map { String(stem[..<$0]) } ?? ""
        let ending = outputSuffix + "." + `extension`
        let last = AtomicFile.shortened(slash.map { String(stem[stem.index(after: $0)...]) } ?? stem, toBytes: 255 - ending.utf8.count)
        return (folder.isEmpty ? "" : folder + "/") + last + ending
    }
}

extension BatchExtractor {
    /// The file a single note's export goes to with `-o output`: `output`
    /// itself, or — when it names a folder (or ends in "/") — the note's
    /// name with `extension` in it, the folder made. A new file's folder
    /// must exist: said before the anchoring, not after (a device, a FIFO
    /// or an existing file is checked when written).
    public static func outputFile(_ output: String, note: String, extension: String) throws(OutputPathError) -> String {
        var isFolder: ObjCBool = false
        if (FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) && isFolder.boolValue) || output.hasSuffix("/") {
            try OutputPathError.makeFolder(output, option: "-o")
            return joined(output, outputName((note as NSString).lastPathComponent, extension: `extension`))
        }
        if AtomicFile.isPlainFilePath(output), !FileManager.default.fileExists(atPath: output) {
            let parent = (Vault.absolute(output) as NSString).deletingLastPathComponent
            var parentIsFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &parentIsFolder), parentIsFolder.boolValue else {
                throw .noFolder(option: "-o", path: output, folder: parent)
            }
        }
        return output
    }
}

extension HighlightReport {
    /// A checked note's report, with the vault's colours by tag (`colors`),
    /// the PDF's sections from the outline of `document` (the PDF opened
    /// from ``NoteChecker/Checked/file``; none when it could not be) and its
    /// columns from the pages the check read.
    public static func made(from checked: NoteChecker.Checked, vault: Vault, colors: ColorMap? = nil, document: PDFDocument?) -> HighlightReport {
        var report = HighlightReport(checked, vault: vault)
        if let colors { report.colors = colors }
        report.readLayout(of: document, index: checked.index)
        return report
    }
}
