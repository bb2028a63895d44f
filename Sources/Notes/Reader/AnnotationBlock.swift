/// One annotation block of a note, where it is and what its Markdown says.
public struct AnnotationBlock: Sendable, Hashable {
    /// What the block holds.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A Hypothesis annotation (PDF, EPUB or web).
        case annotation
        /// An annotate.tv video annotation (`**title** %%TIMESTAMP: n%%`).
        case video
    }

    /// The Markdown sections of a block, as written (quote marker removed).
    public struct Markdown: Sendable, Hashable {
        /// `%%PREFIX%%` text, when the section exists.
        public var prefix: String?
        /// `%%HIGHLIGHT%%` text without the ` ==`…`== ` markers.
        public var highlight: String?
        /// Whether the highlight had the ` ==`…`== ` markers.
        public var highlightMarkers = false
        /// `%%POSTFIX%%` text, when the section exists.
        public var postfix: String?
        /// The `%%LINK%%` line's text, when present.
        public var link: String?
        /// The `%%COMMENT%%` section (lines joined with LF), when present.
        public var comment: String?
        /// The `%%TAGS%%` section as written (`#a, #b`), when present.
        public var tags: String?
    }

    /// What the block holds.
    public var kind: Kind
    /// The block id from its `^id` line; nil when that line is missing.
    public var id: String?
    /// 0-based indices of the block's lines, from its first `>` line to its
    /// `^id` line inclusive.
    public var lines: Range<Int>
    /// 0-based indices of the JSON lines (inside the fences).
    public var jsonLines: Range<Int>?
    /// 0-based indices of the quote line(s) (`*%%PREFIX%%…*`).
    public var quoteLines: Range<Int>?
    /// 0-based index of the `^id` line.
    public var idLine: Int?
    /// The quote marker every line starts with: `>` or, after a Markdown
    /// formatter, `> `.
    public var marker: String
    /// Its Markdown sections, as written.
    public var markdown: Markdown
    /// The annotation, when the block could be read.
    public var annotation: Annotation?

    /// The 1-based line number of the block's first line.
    public var firstLine: Int { lines.lowerBound + 1 }
}
