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
        lines += comment.isEmpty ? [">"] : commentLines(comment).map { ">" + $0 }
        lines.append(">%%TAGS%%")
        lines.append(">" + tags.map { "#" + $0.replacingOccurrences(of: " ", with: "-") }.joined(separator: ", "))
        lines.append("^" + id)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A comment's lines as a block holds them: any line break (CR LF, CR)
    /// ends a line, and a line the plugin would read as the block's own
    /// structure — a fence, a `%%` section marker, a `^id` line — gets a
    /// backslash first (Markdown shows it as written).
    static func commentLines(_ comment: String) -> [String] {
        let unified = comment.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return unified.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let text = String(line)
            let start = text.drop { $0 == " " || $0 == ">" }
            return start.hasPrefix("```") || start.hasPrefix("%%") || start.hasPrefix("^") ? "\\" + text : text
        }
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
