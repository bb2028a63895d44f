import Yams

/// A note's YAML front matter: what obsidian-annotator reads from it.
public struct FrontMatter: Sendable, Hashable {
    /// 0-based line indices from the opening `---` to the closing delimiter, inclusive.
    public var lines: Range<Int>
    /// `annotation-target` as written, its first element when it is a list
    /// (a vault path, a relative path, a bare file name, a `[[wiki link]]`
    /// or a URL; not yet resolved).
    public var target: String?
    /// `annotation-target-type` (pdf, epub, web, video), when given.
    public var targetType: String?
    /// Where the target's scalar is written, for editing in place.
    public var targetLocation: ScalarLocation?

    /// The position and style of a YAML scalar in the note.
    public struct ScalarLocation: Sendable, Hashable {
        /// 0-based line index in the note.
        public var line: Int
        /// 0-based column, in Unicode scalars.
        public var column: Int
        /// How the scalar is quoted.
        public var style: Style
        /// True when the value was written as a `[[wiki link]]` that YAML
        /// read as a nested list (unquoted brackets).
        public var bareWikiLink: Bool

        public enum Style: Sendable, Hashable {
            case plain, singleQuoted, doubleQuoted, other
        }
    }

    /// Reads the front matter at the top of `text`, if it has one.
    ///
    /// - Returns: nil when the note has no front matter; otherwise the
    ///   front matter and any diagnostics (bad YAML, no closing delimiter).
    static func read(_ text: NoteText) -> (FrontMatter?, [Diagnostic]) {
        guard !text.lines.isEmpty else { return (nil, []) }
        var first = text.content(0)
        if first.hasPrefix("\u{FEFF}") { first.removeFirst() }
        guard first.trimmingTrailingSpaces == "---" else { return (nil, []) }
        var close: Int?
        for index in 1..<text.lines.count {
            let line = text.content(index).trimmingTrailingSpaces
            if line == "---" || line == "..." {
                close = index
                break
            }
        }
        guard let close else {
            return (
                nil,
                [
                    Diagnostic(
                        line: 1, severity: .warning, code: .frontMatterUnclosed,
                        message: "the front matter has no closing '---'; it is read as ordinary text")
                ]
            )
        }
        var matter = FrontMatter(lines: 0..<(close + 1))
        let yaml = (1..<close).map { text.content($0) }.joined(separator: "\n")
        // A key Yams would hash whole (an alias, a collection) is refused unread: nested aliases make that exponential.
        if let line = YAMLKeyCheck.firstComplexKey(in: yaml) {
            return (
                matter,
                [
                    Diagnostic(
                        line: line + 1, severity: .error, code: .frontMatterYaml,
                        message: "the front matter uses an alias, a collection or an explicit '?' key as a key; it is not read — make every key plain text")
                ]
            )
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return (matter, [Self.diagnostic(for: error)])
        } catch {
            return (
                matter,
                [Diagnostic(line: 2, severity: .error, code: .frontMatterYaml, message: "the front matter is not valid YAML: \(error)")]
            )
        }
        guard let mapping = node?.mapping else { return (matter, []) }
        if let value = mapping["annotation-target"] {
            var scalarNode: Node? = value
            var bareWikiLink = false
            if let sequence = value.sequence {
                scalarNode = sequence.first
                // An unquoted [[link]] reads as a list holding a list.
                if let inner = scalarNode?.sequence, inner.count == 1, let only = inner.first, only.scalar != nil {
                    scalarNode = only
                    bareWikiLink = true
                }
            }
            if let scalar = scalarNode?.scalar {
                matter.target = bareWikiLink ? "[[\(scalar.string)]]" : scalar.string
                if let mark = scalarNode?.mark {
                    let style: ScalarLocation.Style
                    switch scalar.style {
                    case .plain: style = .plain
                    case .singleQuoted: style = .singleQuoted
                    case .doubleQuoted: style = .doubleQuoted
                    default: style = .other
                    }
                    matter.targetLocation = ScalarLocation(
                        line: mark.line, column: mark.column - 1, style: style, bareWikiLink: bareWikiLink)
                }
            }
        }
        matter.targetType = mapping["annotation-target-type"]?.scalar?.string
        return (matter, [])
    }

    private init(lines: Range<Int>) {
        self.lines = lines
    }

    private static func diagnostic(for error: YamlError) -> Diagnostic {
        var line = 2
        var problem = "\(error)"
        switch error {
        case .scanner(_, let message, let mark, _), .parser(_, let message, let mark, _),
            .composer(_, let message, let mark, _):
            line = mark.line + 1
            problem = message
        default:
            break
        }
        return Diagnostic(
            line: line, severity: .error, code: .frontMatterYaml,
            message: "the front matter is not valid YAML (\(problem)); annotation-target cannot be read")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while let last = copy.last, last == " " || last == "\t" { copy.removeLast() }
        return copy
    }
}
