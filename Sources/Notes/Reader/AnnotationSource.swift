import Foundation

/// The annotations of one input file — an annotation note or a Hypothesis /
/// W3C JSON file — and the problems found reading it.
public struct AnnotationSource: Sendable {
    /// The file read.
    public var path: String
    /// The note, when the file is a Markdown note (nil for JSON input).
    public var note: AnnotationNote?
    /// Every annotation that could be read, in file order.
    public var annotations: [Annotation]
    /// Problems found, sorted by line.
    public var diagnostics: [Diagnostic]

    /// True when part of the file could not be read.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Annotations already read (a subset of a note's, for instance).
    public init(path: String, note: AnnotationNote?, annotations: [Annotation], diagnostics: [Diagnostic]) {
        self.path = path
        self.note = note
        self.annotations = annotations
        self.diagnostics = diagnostics
    }

    /// Reads a file's bytes: JSON when they start with `{` or `[`, a note otherwise.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        if HypothesisImport.looksLikeJSON(bytes) {
            note = nil
            do {
                (annotations, diagnostics) = try HypothesisImport.annotations(from: String(decoding: bytes, as: UTF8.self))
            } catch {
                annotations = []
                diagnostics = [
                    Diagnostic(
                        line: 1, severity: .error, code: .brokenJSON,
                        message: "the file looks like JSON but is not valid JSON (\(error))")
                ]
            }
        } else {
            let note = AnnotationNote(bytes: bytes, path: path)
            self.note = note
            annotations = note.annotations
            diagnostics = note.diagnostics
        }
    }

    /// Reads `path`: JSON when it starts with `{` or `[`, a note otherwise.
    /// - Throws: ``NoteError`` when the file cannot be read at all.
    public init(path: String) throws(NoteError) {
        self.init(path: path, bytes: try NoteFile.bytes(atPath: path))
    }
}
