public import PDFCore

/// An annotation a PDF holds itself (written by Zotero, Acrobat, Preview,
/// Skim, Okular, PDF++ after a migration…), with what a reader needs: the
/// text under it, its printed page label, its discussion.
public struct EmbeddedHighlight: Sendable {
    /// The annotation as the PDF's dictionary says it.
    public var annotation: PDFAnnotation
    /// The printed label of its page (`xi`, `101`), the page number when the PDF has none.
    public var pageLabel: String
    /// The text under a markup annotation (its QuadPoints, else its
    /// `/Rect`), in the page's content order, as drawn: line breaks kept
    /// (reports tidy it); nil for kinds that mark no text, and "" for a
    /// markup over no text.
    public var text: String?
    /// Where ``text`` lies: **Unicode scalar** ranges into its page's
    /// content-order text (``PDFPage/text()``), in order.
    public var runs: [Range<Int>]
    /// Up to about forty characters of the page's text before the marked
    /// text, and after it (raw, like ``text``).
    public var before: String
    /// See ``before``.
    public var after: String
    /// The replies (`/IRT` with `/RT /R`, at any depth), oldest first.
    public var replies: [PDFAnnotation]
    /// For a StrikeOut grouped with a Caret (`/RT /Group`): the Caret,
    /// whose `/Contents` is the text proposed instead (a replacement).
    public var replacement: PDFAnnotation?
    /// The other members of its group (`/RT /Group`), if any.
    public var group: [PDFAnnotation]

    /// A highlight of `annotation` on a page labelled `pageLabel`, with no text yet.
    public init(annotation: PDFAnnotation, pageLabel: String) {
        self.annotation = annotation
        self.pageLabel = pageLabel
        text = nil
        runs = []
        before = ""
        after = ""
        replies = []
        replacement = nil
        group = []
    }

    /// Its comment: `/Contents`, then its group's other members'; nil when
    /// none. (A replacement's proposed text is ``replacement``'s, apart.)
    public var comment: String? {
        let parts = ([annotation.contents] + group.map(\.contents)).compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// Whether it can become a text highlight in a note: a markup
    /// annotation with text under it.
    public var isTextual: Bool { annotation.kind == .textMarkup && !(text ?? "").isEmpty && !runs.isEmpty }

    /// Its id, fit for an Obsidian block id and the plugin (`^id`, letters
    /// and digits only): its `/NM` when that is made of letters and digits
    /// (at most 64) and no other annotation of the PDF has it — as the block
    /// ids `migrate` writes — else ``hashedID``. Set by ``EmbeddedReader``,
    /// which makes the ids of one PDF unique.
    public var id: String = ""

    /// `p` and a hash of its page, object, kind and place, in base 36: the
    /// same for the same annotation at every reading.
    public var hashedID: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var key = "\(annotation.page)|\(annotation.reference?.description ?? "")|\(annotation.subtype)|\(annotation.name ?? "")"
        for region in annotation.regions { key += "|\(Int(region.minX)),\(Int(region.minY)),\(Int(region.maxX)),\(Int(region.maxY))" }
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "p" + String(hash % 2_821_109_907_456, radix: 36)
    }

    /// Whether `name` can be a block id as it is: letters and digits, at most 64.
    static func isBlockID(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
