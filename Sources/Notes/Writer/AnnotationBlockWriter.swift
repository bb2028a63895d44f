import Foundation

/// Writes new annotation blocks as obsidian-annotator writes them
/// (REFERENCE §1): an empty line, the `>`-prefixed JSON fence, the quote
/// line with all its sections, the link, comment and tags, then `^id`.
public enum AnnotationBlockWriter {
    /// The block of annotation `id` (letters and digits), ending with a line feed.
    /// - Parameters:
    ///   - json: the annotation's JSON object (written on one line).
    ///   - quote: its TextQuoteSelector, shown trimmed as the plugin shows it.
    ///   - comment: the comment (the plugin reads it from here); "" for none.
    ///   - tags: tags without `#`.
    public static func block(id: String, json: JSONObject, quote: TextQuoteSelector, comment: String, tags: [String]) -> String {
        var lines = ["", ">%%", ">```annotation-json", ">" + JSONWriter.string(.object(json)), ">```", ">%%"]
        let style = AnnotationBlock.Markdown(prefix: "", highlight: "", highlightMarkers: true, postfix: "")
        lines += NoteEditor.quoteLine(for: quote, style: style).map { ">" + $0 }
        lines.append(">%%LINK%%[[#^\(id)|show annotation]]")
        lines.append(">%%COMMENT%%")
        lines += comment.isEmpty ? [">"] : comment.split(separator: "\n", omittingEmptySubsequences: false).map { ">" + $0 }
        lines.append(">%%TAGS%%")
        lines.append(">" + tags.map { "#" + $0.replacingOccurrences(of: " ", with: "-") }.joined(separator: ", "))
        lines.append("^" + id)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` as a YAML scalar on one line: plain when it can be, else double-quoted.
    public static func yamlScalar(_ value: String) -> String {
        let plain = value.first.map { !"[]{}#&*!|>'\"%@`,?:- ".contains($0) } ?? false
        if plain, !value.hasSuffix(" "), !value.contains(": "), !value.contains(" #"), !value.contains(where: \.isNewline) { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
