import Foundation

/// An obsidian-annotator note, read tolerantly: its front matter, its
/// annotation blocks, and every problem found, with line numbers.
///
/// Keeps the note's original bytes: ``NoteEditor`` rewrites only the lines
/// an edit must change and leaves every other byte as it was.
public struct AnnotationNote: Sendable {
    /// The file the note was read from, for messages (nil for in-memory text).
    public let path: String?
    /// The note exactly as read.
    public let bytes: [UInt8]
    let text: NoteText
    /// The YAML front matter; nil when the note has none (or it is not closed).
    public private(set) var frontMatter: FrontMatter?
    /// The annotation blocks, in note order (those that could not be read too).
    public private(set) var blocks: [AnnotationBlock] = []
    /// Every problem found, sorted by line.
    public private(set) var diagnostics: [Diagnostic] = []

    /// The number of lines.
    public var lineCount: Int { text.lines.count }

    /// Every annotation that could be read, in note order.
    public var annotations: [Annotation] { blocks.compactMap(\.annotation) }

    /// True when some block or the front matter could not be read.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Whether the note uses CRLF line endings (the plugin cannot read those).
    public var usesCRLF: Bool { text.lines.first?.hasCRLF ?? false }

    /// The fingerprint most blocks name (`documentFingerprint`), if any.
    public var fingerprint: String? { Annotation.majorityFingerprint(annotations) }

    /// Reads a note from a file.
    /// - Throws: ``NoteError`` when the file cannot be read (not when its
    ///   content is bad: that becomes ``diagnostics``).
    public init(contentsOf path: String) throws(NoteError) {
        self.init(bytes: try NoteFile.bytes(atPath: path), path: path)
    }

    /// Reads a note from its text.
    public init(string: String, path: String? = nil) {
        self.init(bytes: Array(string.utf8), path: path)
    }

    /// Reads a note from its bytes.
    public init(bytes: [UInt8], path: String? = nil) {
        self.path = path
        self.bytes = bytes
        text = NoteText(bytes: bytes)
        var reader = BlockReader(text: text)
        let (matter, matterDiagnostics) = FrontMatter.read(text)
        frontMatter = matter
        diagnostics = matterDiagnostics
        // Bad YAML may be a damaged delimiter swallowing blocks: then look everywhere.
        let yamlFailed = matterDiagnostics.contains { $0.severity == .error }
        reader.read(after: yamlFailed ? 0 : matter?.lines.upperBound ?? 0)
        blocks = reader.blocks
        diagnostics += reader.diagnostics
        diagnostics += noteLevelDiagnostics()
        diagnostics.sort { ($0.line, $0.severity) < ($1.line, $1.severity) }
    }

    /// The content of a line (0-based), without its terminator.
    public func line(_ index: Int) -> String { text.content(index) }

    private func noteLevelDiagnostics() -> [Diagnostic] {
        var found: [Diagnostic] = []
        if String(validating: bytes, as: UTF8.self) == nil {
            found.append(
                Diagnostic(
                    line: 1, severity: .warning, code: .invalidUTF8,
                    message: "the note is not valid UTF-8; invalid bytes read as U+FFFD"))
        }
        guard !blocks.isEmpty else { return found }
        let crlf = text.lines.filter(\.hasCRLF).count
        if crlf > 0 {
            found.append(
                Diagnostic(
                    line: (text.lines.firstIndex(where: \.hasCRLF) ?? 0) + 1, severity: .warning, code: .crlf,
                    message: crlf == text.lines.count || crlf == text.lines.count - 1
                        ? "the note has Windows (CRLF) line endings; obsidian-annotator reads no annotation from it"
                        : "the note mixes CRLF and LF line endings; obsidian-annotator cannot read blocks with CRLF"))
        }
        if let last = text.lines.last, !last.hasTerminator, let block = blocks.last, block.lines.upperBound == text.lines.count {
            found.append(
                Diagnostic(
                    line: text.lines.count, severity: .warning, code: .noFinalNewline,
                    message: "the note does not end with a newline; obsidian-annotator does not see its last block",
                    blockID: block.id))
        }
        var seen: [String: Int] = [:]
        for block in blocks {
            guard let id = block.id else { continue }
            if let first = seen[id] {
                found.append(
                    Diagnostic(
                        line: block.firstLine, severity: .warning, code: .duplicateId,
                        message: "block id ^\(id) is also used by the block at line \(first); links and the plugin find only the first",
                        blockID: id))
            } else {
                seen[id] = block.firstLine
            }
        }
        return found
    }
}
