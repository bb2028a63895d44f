import Notes

/// The `--format json` shape of `pdfanchor notes`.
struct NotesReport: Encodable {
    /// One annotation as the note holds it.
    struct Entry: Encodable {
        /// The block's `^id`.
        var id: String
        /// The 1-based line of the block's first line in the note.
        var line: Int?
        /// highlight, pageNote or reply.
        var kind: String
        /// The TextQuoteSelector: the quote and up to 32 UTF-16 units around it.
        var exact, prefix, suffix: String?
        /// From the Markdown, as the plugin reads them.
        var comment: String
        var tags: [String]
        /// The PDF.js fingerprint the annotation was made on.
        var fingerprint: String?
        /// The document, as `uri` and `target[0].source` name it.
        var uri, source: String?
        /// The TextPositionSelector: UTF-16 offsets into PDF.js text.
        var position: TextPositionSelector?
        /// ISO 8601, as the note holds them.
        var created, updated: String?
    }

    var note: String
    var target: String?
    var targetType: String?
    var fingerprint: String?
    var annotations: [Entry]
    var diagnostics: [Diagnostic]

    init(source: AnnotationSource) {
        note = source.path
        target = source.note?.frontMatter?.target
        targetType = source.note?.frontMatter?.targetType
        fingerprint = source.note?.fingerprint
        let lines = Dictionary(
            (source.note?.blocks ?? []).compactMap { block in block.annotation.map { ($0.id, block.firstLine) } },
            uniquingKeysWith: { first, _ in first })
        annotations = source.annotations.map { annotation in
            Entry(
                id: annotation.id, line: lines[annotation.id], kind: annotation.kind.rawValue,
                exact: annotation.quote?.exact, prefix: annotation.quote?.prefix, suffix: annotation.quote?.suffix,
                comment: annotation.comment, tags: annotation.tags, fingerprint: annotation.fingerprint,
                uri: annotation.uri, source: annotation.source, position: annotation.position,
                created: annotation.created, updated: annotation.updated)
        }
        diagnostics = source.diagnostics
    }
}
