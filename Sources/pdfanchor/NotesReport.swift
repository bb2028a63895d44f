import Notes

/// The `--format json` shape of `pdfanchor notes`.
struct NotesReport: Encodable {
    struct Entry: Encodable {
        var id: String
        var line: Int?
        var kind: String
        var exact: String?
        var prefix: String?
        var suffix: String?
        var comment: String
        var tags: [String]
        var fingerprint: String?
        var uri: String?
        var source: String?
        /// The TextPositionSelector: UTF-16 offsets into PDF.js text.
        var position: TextPositionSelector?
        var created: String?
        var updated: String?
    }

    struct DiagnosticEntry: Encodable {
        var line: Int
        var severity: String
        var code: String
        var message: String
        var blockID: String?
    }

    var note: String
    var target: String?
    var targetType: String?
    var fingerprint: String?
    var annotations: [Entry]
    var diagnostics: [DiagnosticEntry]

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
        diagnostics = source.diagnostics.map {
            DiagnosticEntry(line: $0.line, severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message, blockID: $0.blockID)
        }
    }
}
