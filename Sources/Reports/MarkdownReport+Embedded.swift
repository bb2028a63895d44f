import Foundation
public import Library
import PDFCore

extension MarkdownReport {
    /// The built-in template for the annotations a PDF holds itself: a
    /// callout per annotation under the PDF's sections, its type and author,
    /// a link that opens the PDF at the page and one that opens the
    /// annotation itself (PDF++'s `#page=N&annotation=12R`), comment,
    /// replacement and replies.
    public static let embeddedTemplate = """
        {{% CONTENT_TYPE: TEXT}}
        # {{title}}

        Annotations in {{pdf.link}} · {{counts.total}} annotations{{#hasSkipped}}, {{counts.skipped}} without a place{{/hasSkipped}}
        {{#groups}}

        ## {{heading}}
        {{#highlights}}

        > [!quote] {{pdfLink}} · {{subtype}}{{#hasAuthor}} · {{author}}{{/hasAuthor}}{{#hasAnnotationLink}} · {{annotationLink}}{{/hasAnnotationLink}}
        {{#hasText}}
        > {{text}}
        {{/hasText}}
        {{#hasReplacement}}
        > → {{replacement}}
        {{/hasReplacement}}
        {{#hasComment}}
        >
        {{calloutComment}}
        {{/hasComment}}
        {{#replies}}
        >
        > ↳ {{#hasAuthor}}**{{author}}**: {{/hasAuthor}}{{comment}}
        {{/replies}}
        {{/highlights}}
        {{/groups}}
        {{#hasSkipped}}

        ## Without a place on the page

        {{/hasSkipped}}
        {{#skipped}}
        - p. {{pageLabel}} · {{subtype}}{{#hasAuthor}} · {{author}}{{/hasAuthor}}{{#hasComment}}: {{comment}}{{/hasComment}}
        {{/skipped}}

        \(OutputGuard.madeBy("extract"))

        """

    /// The template variables of a PDF's own annotation: `subtype`,
    /// `author`/`hasAuthor`, `text`/`hasText` (the text under it),
    /// `replacement`/`hasReplacement`, `replies` [{`author`, `hasAuthor`,
    /// `comment`}], `annotationLink`/`hasAnnotationLink` (PDF++'s link to
    /// the annotation, in a vault), and the callout's comment with the
    /// comment's own line breaks.
    static func embeddedContext(_ embedded: EmbeddedHighlight, in report: HighlightReport) -> [String: Any] {
        let annotation = embedded.annotation
        var d: [String: Any] = [
            "subtype": annotation.subtype, "author": escape(annotation.author ?? ""), "hasAuthor": annotation.author != nil,
            "hasText": !(embedded.text ?? "").isEmpty, "text": escape(HighlightReport.tidy(embedded.text ?? "")),
            "replacement": escape(embedded.replacement?.contents ?? ""), "hasReplacement": embedded.replacement != nil,
            "replies": embedded.replies.map { reply -> [String: Any] in
                ["author": escape(reply.author ?? ""), "hasAuthor": reply.author != nil,
                 "comment": prefixedLines(escape(reply.contents ?? ""), "> ", blank: ">").dropFirst(2)]
            },
            "pageLabel": embedded.pageLabel,
        ]
        if let link = report.annotationLink(embedded) {
            d["annotationLink"] = link
            d["hasAnnotationLink"] = true
        } else {
            d["hasAnnotationLink"] = false
        }
        // The replacement has its own line: the comment is what the annotations say besides.
        // A PDF's comments are plain text: escaped, so that `%%`, `[[`, a fence or `#tag` stay words.
        let own = Self.blockIDSafe(escape(embedded.comment ?? ""))
        d["comment"] = own
        d["hasComment"] = !own.isEmpty
        d["calloutComment"] = prefixedLines(own, "> ", blank: ">")
        d["listComment"] = prefixedLines(own, "  ", blank: "")
        return d
    }
}

extension MarkdownReport {
    /// `text` with a backslash before a `^` that starts a line: Obsidian
    /// takes a last line `^abc` for a block id and hides it.
    static func blockIDSafe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("^") ? "\\" + $0 : String($0) }.joined(separator: "\n")
    }
}

extension HighlightReport {
    /// A link that opens a PDF's own annotation in Obsidian with PDF++
    /// (`[[papers/x.pdf#page=3&annotation=12R|✎]]`), for a PDF in the vault
    /// and an annotation that is an object; nil otherwise.
    public func annotationLink(_ embedded: EmbeddedHighlight) -> String? {
        guard let vaultPath = pdfVaultPath, let reference = embedded.annotation.reference else { return nil }
        let id = "\(reference.number)R" + (reference.generation == 0 ? "" : String(reference.generation))
        return "[[\(vaultPath)#page=\(embedded.annotation.page)&annotation=\(id)|✎ annotation]]"
    }
}
