import Anchoring
import Foundation
import Library
import Notes
import PDFCore

/// The highlights as a W3C Web Annotation collection (JSON-LD,
/// https://www.w3.org/TR/annotation-model/): one `Annotation` per
/// annotation, its target the PDF with the note's own selectors plus a
/// `FragmentSelector` for the page (`page=N`, RFC 8118) when it was found,
/// its comment and tags as `TextualBody`s, and PDFAnchor's result alongside
/// under `pdfanchor` (status, page, pageLabel, matchedText, rects, quads).
public enum WebAnnotationReport {
    static let context = "http://www.w3.org/ns/anno.jsonld"
    static let pdfFragment = "http://tools.ietf.org/rfc/rfc8118"

    struct Collection: Encodable {
        var context = WebAnnotationReport.context
        var id: String
        var type = "AnnotationCollection"
        var label: String
        var total: Int
        var generator = Generator()
        var first: Page

        enum CodingKeys: String, CodingKey {
            case context = "@context", id, type, label, total, generator, first
        }
    }

    struct Generator: Encodable {
        var id = "https://github.com/pdfanchor/pdfanchor"
        var type = "Software"
        var name = "PDFAnchor"
    }

    struct Page: Encodable {
        var type = "AnnotationPage"
        var items: [Item]
    }

    struct Item: Encodable {
        var id: String
        var type = "Annotation"
        var motivation: String
        var created: String?
        var modified: String?
        var body: [Body]?
        var target: Target
        var pdfanchor: Result
    }

    struct Body: Encodable {
        var type = "TextualBody"
        var value: String
        var format: String?
        var purpose: String
    }

    struct Target: Encodable {
        var source: String
        var selector: [JSONValue]
    }

    /// PDFAnchor's result for the annotation.
    struct Result: Encodable {
        /// anchored, fuzzy, orphaned or skipped.
        var status: String
        /// 1-based page number, and the printed label of that page.
        var page: Int?, pageLabel: String?
        /// The PDF's own text where the annotation was found.
        var matchedText: String?
        /// 0–1, how well quote and context fit (as `check --format json`).
        var score: Double?
        /// Edits between the quote and the text found.
        var errors: Int?
        /// Why the annotation was not found, or what was doubtful.
        var reason: String?
        /// The same as a stable code for scripts (see ``AnchorResult/ReasonCode``).
        var reasonCode: String?
        /// Regions in top-left page space; the same as quadrilaterals in PDF user space.
        var rects: [PageRect], quads: [PageQuad]
        /// The PDF's sections (from its outline) the highlight falls in, outermost first.
        var section: [String]?
        /// For a PDF's own annotations: its `/Subtype`, the text under it
        /// (tidied), author, colour (`#rrggbb`), `/NM`, object (`12 0 R`),
        /// the replacement text a Caret grouped with it proposes, its replies
        /// (`/IRT`, oldest first) and the other members of its group
        /// (`/RT /Group`, the Caret of a replacement included).
        var subtype: String?, text: String?, author: String?, color: String?, name: String?, object: String?
        var replacement: String?, replies: [Member]?, group: [Member]?
    }

    /// A reply to a PDF's own annotation, or a member of its group.
    struct Member: Encodable {
        var subtype: String
        var name: String?
        var object: String?
        var author: String?
        var created: String?
        var comment: String
    }

    public static func render(_ report: HighlightReport) throws -> String {
        let source = URL(fileURLWithPath: report.pdfPath).absoluteString
        let items = (report.found + report.orphaned + report.skipped).map { entry -> Item in
            let a = entry.annotation
            let r = entry.result
            var body: [Body] = []
            if !a.comment.isEmpty { body.append(Body(value: a.comment, format: "text/markdown", purpose: "commenting")) }
            body += a.tags.map { Body(value: $0, format: nil, purpose: "tagging") }
            var selectors = a.targets.first?.selectors.map(json) ?? []
            if let page = r.page {
                selectors.append(.object(JSONObject([
                    "type": .string("FragmentSelector"), "conformsTo": .string(pdfFragment), "value": .string("page=\(page)"),
                ])))
            }
            return Item(
                id: "urn:pdfanchor:annotation:\(a.id)",
                motivation: a.comment.isEmpty ? "highlighting" : "commenting",
                created: a.created, modified: a.updated, body: body.isEmpty ? nil : body,
                target: Target(source: source, selector: selectors),
                pdfanchor: Result(
                    status: r.status.rawValue, page: r.page, pageLabel: r.pageLabel, matchedText: r.matchedText,
                    score: r.score, errors: r.errors, reason: r.reason, reasonCode: r.reasonCode?.rawValue, rects: r.rects, quads: r.quads,
                    section: Optional(report.section(of: entry)).flatMap { $0.isEmpty ? nil : $0 }).adding(entry.embedded, color: report.color(of: entry)))
        }
        let collection = Collection(
            id: "urn:pdfanchor:collection:\(report.fingerprint)", label: report.title, total: items.count,
            first: Page(items: items))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(collection), as: UTF8.self) + "\n"
    }

    /// A selector as stored in the note (unknown ones kept as they were).
    static func json(_ selector: Selector) -> JSONValue {
        switch selector {
        case .textQuote(let q):
            return .object(JSONObject(["type": .string("TextQuoteSelector"), "exact": .string(q.exact), "prefix": .string(q.prefix), "suffix": .string(q.suffix)]))
        case .textPosition(let p):
            return .object(JSONObject(["type": .string("TextPositionSelector"), "start": .integer(p.start), "end": .integer(p.end)]))
        case .range(let r):
            return .object(JSONObject([
                "type": .string("RangeSelector"), "startContainer": .string(r.startContainer), "startOffset": .integer(r.startOffset),
                "endContainer": .string(r.endContainer), "endOffset": .integer(r.endOffset),
            ]))
        case .page(let p):
            var object = JSONObject(["type": .string("PageSelector")])
            if let index = p.index { object["index"] = .integer(index) }
            if let label = p.label { object["label"] = .string(label) }
            return .object(object)
        case .fragment(let f):
            var object = JSONObject(["type": .string("FragmentSelector"), "value": .string(f.value)])
            if let conformsTo = f.conformsTo { object["conformsTo"] = .string(conformsTo) }
            return .object(object)
        case .unknown(let value):
            return value
        }
    }
}

extension WebAnnotationReport.Result {
    /// The result with a PDF's own annotation's details, when there is one.
    func adding(_ embedded: EmbeddedHighlight?, color: RGBColor?) -> Self {
        guard let embedded else { return self }
        var result = self
        let annotation = embedded.annotation
        result.subtype = annotation.subtype
        result.text = embedded.text.map(HighlightReport.tidy)
        result.author = annotation.author
        result.color = color?.hex
        result.name = annotation.name
        result.object = annotation.reference?.description
        result.replacement = embedded.replacement.map { $0.contents ?? "" }
        let member = { (a: PDFAnnotation) in
            WebAnnotationReport.Member(
                subtype: a.subtype, name: a.name, object: a.reference?.description, author: a.author,
                created: (a.created ?? a.modified)?.formatted(.iso8601), comment: a.contents ?? "")
        }
        let replies = embedded.replies.map(member)
        let group = (embedded.replacement.map { [$0] } ?? []) + embedded.group
        result.replies = replies.isEmpty ? nil : replies
        result.group = group.isEmpty ? nil : group.map(member)
        return result
    }
}

