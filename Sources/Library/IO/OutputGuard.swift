import Foundation
import Notes

/// Keeps `-o` from destroying what the user owns. An output path that is
/// one of the command's inputs (the note, the PDF — through links, hard
/// links too) is always refused; one that is an annotation note, a file of
/// Hypothesis annotations, a PDF, a Markdown file PDFAnchor did not make
/// (no ``madeBy(_:)`` line) or — for a PDF output — any file that is not a
/// PDF is refused unless forced, and then its previous version is kept first
/// (under the vault's `.pdfanchor/backups/`, or beside it outside a vault).
/// Anything else — a new or empty file, an earlier export, a device such as
/// `/dev/stdout` — is written as asked.
public struct OutputGuard: Sendable {
    /// The files the command reads.
    public var inputs: [String]
    /// The vault whose backup folder keeps what a forced write replaces.
    public var vault: Vault?
    /// Replace a note or a PDF (after keeping a copy).
    public var force = false
    /// The output is a PDF: any file there that is not a PDF is the user's.
    public var writesPDF = false

    /// A guard for a command that reads `inputs`: what `force` lets it replace
    /// is kept first in `vault`'s backups (beside the file when nil).
    public init(inputs: [String], vault: Vault?, force: Bool = false, writesPDF: Bool = false) {
        self.inputs = inputs
        self.vault = vault
        self.force = force
        self.writesPDF = writesPDF
    }

    /// The line that marks a Markdown file as PDFAnchor's own output
    /// (`command` is `extract` or `audit`): an Obsidian comment, not shown
    /// in reading view. A file that holds such a line (`%% made by
    /// pdfanchor … %%`, on a line of its own) may be replaced by `-o`
    /// without `--force`; any other Markdown file is the user's.
    public static func madeBy(_ command: String) -> String {
        "%% made by pdfanchor \(command): running it again with -o here replaces this file; delete this line to keep it from being replaced without --force %%"
    }

    /// Whether `data` holds a ``madeBy(_:)`` line.
    static func isMadeByPDFAnchor(_ data: Data) -> Bool {
        String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).contains { line in
            let line = line.trimmingCharacters(in: .whitespaces)
            return line.hasPrefix("%% made by pdfanchor ") && line.hasSuffix("%%")
        }
    }

    /// Checks `output` before anything is written; with `force`, keeps a
    /// copy of a note or PDF it would replace.
    /// - Returns: where the copy was kept, if one was made.
    /// - Throws: a ``WriteError`` saying why `output` is refused.
    @discardableResult
    public func prepare(_ output: String) throws(WriteError) -> String? {
        var info = stat()
        guard stat(output, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        for input in inputs {
            var other = stat()
            if stat(input, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
                throw WriteError(path: output, reason: "it is \(input), which this command reads; choose another output file", code: .isInput)
            }
        }
        // What the name leads to (a link named .txt may point at a note).
        let resolved = AtomicFile.resolvingLink(output)
        guard let kind = Self.precious(resolved, markdown: Self.isMarkdownName(output) || Self.isMarkdownName(resolved), writesPDF: writesPDF)
        else { return nil }
        guard force else {
            throw WriteError(
                path: output,
                reason: "it is \(kind); nothing was written — choose another output file, or add --force to replace it (a copy is kept)", code: .protected)
        }
        let copy = backupPath(for: output)
        do {
            try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(try Data(contentsOf: URL(fileURLWithPath: output)), to: copy, permissions: info.st_mode & 0o777)
        } catch {
            throw WriteError(path: output, reason: "a copy of it cannot be kept (\(error)); nothing was written", code: .backupFailed)
        }
        return copy
    }

    /// "an annotation note", "a PDF", "a file of Hypothesis annotations",
    /// "a Markdown file PDFAnchor did not make" (when `markdown`: the output
    /// is named `.md`) or "a file that is not a PDF" (when `writesPDF`) when
    /// the file at `path` is one. An empty file is none: nothing is lost.
    static func precious(_ path: String, markdown: Bool = false, writesPDF: Bool = false) -> String? {
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            // PDF readers accept the header anywhere in the first 1024 bytes.
            let head = (try? handle.read(upToCount: 1024)) ?? Data()
            if head.range(of: Data("%PDF-".utf8)) != nil { return "a PDF" }
            if head.isEmpty { return nil }
        }
        if case .success(true) = Scanner.isAnnotationNote(path) { return "an annotation note" }
        if isHypothesisFile(path) { return "a file of Hypothesis annotations" }
        if writesPDF { return "a file that is not a PDF (the PDF would replace it)" }
        if markdown, !isMadeByPDFAnchor(FileManager.default.contents(atPath: path) ?? Data()) {
            return "a Markdown file PDFAnchor did not make (it has no '%% made by pdfanchor … %%' line)"
        }
        return nil
    }

    /// Whether `path` is named as Markdown (`.md`, `.markdown`, any case).
    static func isMarkdownName(_ path: String) -> Bool {
        let name = path.lowercased()
        return name.hasSuffix(".md") || name.hasSuffix(".markdown")
    }

    /// True when the file at `path` is JSON that holds annotations (Hypothesis
    /// or W3C, as `check` reads them) and was not written by PDFAnchor (an
    /// earlier `extract --format json`, whose generator is PDFAnchor, may be
    /// replaced).
    static func isHypothesisFile(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), HypothesisImport.looksLikeJSON([UInt8](data.prefix(64))) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        guard let (annotations, _) = try? HypothesisImport.annotations(from: text), !annotations.isEmpty else { return false }
        return !(text.contains("\"generator\"") && text.contains("\"PDFAnchor\""))
    }

    /// Where the copy of `path` goes: the vault's backup folder for this
    /// moment, or beside the file outside a vault.
    func backupPath(for path: String) -> String {
        if let vault, vault.vaultPath(of: path) != nil {
            return NoteWriter(vault: vault).backupPath(for: path)
        }
        return AtomicFile.unusedPath(path + ".pdfanchor-backup")
    }
}
