import Foundation

/// Reads annotations from Hypothesis or W3C Web Annotation JSON: one
/// annotation, an array of them, a Hypothesis API search response
/// (`{"rows": […]}`), or a W3C annotation, collection or page
/// (`items`, `first.items`), with `target`, `selector` and `body` as an
/// object or an array.
public enum HypothesisImport {
    /// Whether `bytes` look like JSON rather than Markdown (first non-space
    /// character is `{` or `[`).
    public static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The annotations in a JSON text, and diagnostics for entries that are
    /// not annotations. Line numbers are 1 (JSON has no useful line).
    /// - Throws: ``JSONSyntaxError`` when the text is not JSON at all.
    public static func annotations(from text: String) throws(JSONSyntaxError) -> ([Annotation], [Diagnostic]) {
        let value = try JSONParser.parse(text)
        var diagnostics: [Diagnostic] = []
        var result: [Annotation] = []
        for (index, item) in entries(of: value).enumerated() {
            guard let object = item.objectValue else {
                diagnostics.append(
                    Diagnostic(
                        line: 1, severity: .error, code: .notAnAnnotation,
                        message: "entry \(index + 1) is not a JSON object"))
                continue
            }
            if isWebAnnotation(object) {
                result.append(webAnnotation(object, index: index))
            } else {
                result.append(Annotation(hypothesis: object, id: "annotation\(index + 1)"))
            }
        }
        return (result, diagnostics)
    }

    /// The annotation objects of the accepted containers.
    private static func entries(of value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let items):
            return items
        case .object(let object):
            if let rows = object["rows"]?.arrayValue { return rows }
            if let items = object["items"]?.arrayValue { return items }
            if let items = object["first"]?["items"]?.arrayValue { return items }
            return [value]
        default:
            return [value]
        }
    }

    private static func isWebAnnotation(_ object: JSONObject) -> Bool {
        object["@context"] != nil || object["type"]?.stringValue == "Annotation" || object["body"] != nil
            || object["target"]?.arrayValue == nil && object["target"] != nil
    }

    /// Maps a W3C Web Annotation to the model: `TextualBody` values become
    /// the comment (purpose `commenting`, or none) and tags (purpose
    /// `tagging`); `modified` becomes `updated`.
    private static func webAnnotation(_ object: JSONObject, index: Int) -> Annotation {
        let value = JSONValue.object(object)
        var comment: [String] = []
        var tags: [String] = []
        for body in list(value["body"]) {
            if let text = body.stringValue {
                comment.append(text)
                continue
            }
            guard let text = body["value"]?.stringValue else { continue }
            if body["purpose"]?.stringValue == "tagging" {
                tags.append(text)
            } else {
                comment.append(text)
            }
        }
        var targets: [AnnotationTarget] = []
        for target in list(value["target"]) {
            if let source = target.stringValue {
                targets.append(AnnotationTarget(source: source, selectors: []))
                continue
            }
            let selectors = list(target["selector"]).map(Selector.init(json:))
            targets.append(AnnotationTarget(source: target["source"]?.stringValue ?? target["id"]?.stringValue, selectors: selectors))
        }
        // The id is an IRI; it is kept whole.
        let id = value["id"]?.stringValue ?? "annotation\(index + 1)"
        return Annotation(
            id: id,
            created: value["created"]?.stringValue,
            updated: value["modified"]?.stringValue ?? value["updated"]?.stringValue,
            comment: comment.joined(separator: "\n\n"),
            tags: tags,
            document: DocumentInfo(title: nil, fingerprint: nil, links: []),
            uri: targets.first?.source,
            targets: targets,
            references: [],
            json: object)
    }

    private static func list(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case .array(let items)?: return items
        case nil, .null?: return []
        case let other?: return [other]
        }
    }
}
