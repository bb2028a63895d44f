/// Finds mapping keys that are not plain or quoted text — an alias
/// (`*name: …`), a flow collection (`[a, b]: …`, `{a: 1}: …`) or an explicit
/// complex key (`? …`) — before the YAML is handed to Yams.
///
/// Yams compares every mapping's keys for duplicates by hashing them whole;
/// an alias used as a key stands for its anchor's whole tree, and nested
/// aliases make that tree's size (and the hashing) grow ninefold per level:
/// a 660-byte file would take hours. Neither a note's front matter nor
/// PDFAnchor's config has a use for such keys, so a file with one is refused
/// (with the key's line) without being parsed. Everything else — aliases as
/// values included — parses in time linear in the text.
///
/// The check reads the text lexically: quoted scalars, comments and block
/// scalars (`|`, `>`) are skipped; flow collections are followed across
/// lines. It may refuse a file libyaml would read otherwise (a plain
/// scalar's continuation line that starts `*word:`), never pass one with
/// such a key.
public enum YAMLKeyCheck {
    /// The 1-based line of the first key that is not plain or quoted text,
    /// or nil when there is none.
    public static func firstComplexKey(in text: String) -> Int? {
        var scanner = KeyScanner()
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if scanner.scan(Array(line.utf8)) { return k + 1 }
        }
        return nil
    }
}

/// The state carried from line to line.
private struct KeyScanner {
    /// Depth of `[` / `{` nesting (0: block context).
    var flow = 0
    /// Inside a quoted scalar that goes on to the next line: its quote.
    var quote: UInt8?
    /// Inside a block scalar: the indentation its content must exceed.
    var blockIndent: Int?
    /// In flow context, whether the next token starts a node (after `[`, `{`, `,`, `:`).
    var nodeNext = true

    /// Scans one line; true when it holds a complex key.
    mutating func scan(_ line: [UInt8]) -> Bool {
        let indent = line.prefix { $0 == space }.count
        if let limit = blockIndent {
            if indent == line.count || indent > limit { return false }
            blockIndent = nil
        }
        var i = 0
        if let open = quote {
            guard let end = closingQuote(open, in: line, from: 0) else { return false }
            quote = nil
            i = end + 1
        } else if flow == 0 {
            // Directives and document markers.
            if line.first == UInt8(ascii: "%") || line.starts(with: Array("---".utf8)) || line.starts(with: Array("...".utf8)) {
                return false
            }
            i = indent
            nodeNext = true
        }
        while i < line.count {
            let c = line[i]
            if c == space || c == tab {
                i += 1
                continue
            }
            if c == UInt8(ascii: "#"), i == 0 || line[i - 1] == space || line[i - 1] == tab { return false }
            if nodeNext {
                // Block sequence entries: `- - key: value`.
                if flow == 0, c == UInt8(ascii: "-"), separated(line, after: i) {
                    i += 1
                    continue
                }
                i = skipProperties(line, from: i)
                // Properties alone: the node goes on on the next line.
                guard i < line.count else { return false }
                nodeNext = false
                let start = line[i]
                switch start {
                case UInt8(ascii: "?") where separated(line, after: i):
                    return true
                case UInt8(ascii: "*"):
                    var end = i + 1
                    while end < line.count, isAnchorCharacter(line[end]) { end += 1 }
                    if isKeyColon(line, from: end) { return true }
                    i = end
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if let close = matchingClose(line, from: i), isKeyColon(line, from: close + 1) { return true }
                    flow += 1
                    nodeNext = true
                    i += 1
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard let end = closingQuote(start, in: line, from: i + 1) else {
                        quote = start
                        return false
                    }
                    i = end + 1
                    continue
                case UInt8(ascii: "|") where flow == 0, UInt8(ascii: ">") where flow == 0:
                    blockIndent = indent
                    return false
                default:
                    break  // a plain scalar: read on below
                }
            }
            // Inside a plain scalar, or after a node: only indicators matter
            // (quotes and brackets inside block plain text are text).
            switch line[i] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if flow > 0 {
                    flow += 1
                    nodeNext = true
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if flow > 0 { flow -= 1 }
            case UInt8(ascii: ","):
                if flow > 0 { nodeNext = true }
            case UInt8(ascii: ":"):
                if separated(line, after: i) || (flow > 0 && isFlowIndicator(line[i + 1])) { nodeNext = true }
            default:
                break
            }
            i += 1
        }
        if flow > 0 { nodeNext = nodeNext || line.last == UInt8(ascii: ",") }
        return false
    }

    /// Past a node's anchor (`&name`) and tag (`!tag`), and the spaces after them.
    private func skipProperties(_ line: [UInt8], from start: Int) -> Int {
        var i = start
        while i < line.count, line[i] == UInt8(ascii: "&") || line[i] == UInt8(ascii: "!") {
            while i < line.count, line[i] != space, line[i] != tab { i += 1 }
            while i < line.count, line[i] == space || line[i] == tab { i += 1 }
        }
        return i
    }

    /// Whether, after optional spaces from `start`, a `:` follows that
    /// makes what precedes it a key (then a space, the line's end, or in
    /// flow context a flow indicator).
    private func isKeyColon(_ line: [UInt8], from start: Int) -> Bool {
        var i = start
        while i < line.count, line[i] == space || line[i] == tab { i += 1 }
        guard i < line.count, line[i] == UInt8(ascii: ":") else { return false }
        return separated(line, after: i) || (flow > 0 && isFlowIndicator(line[i + 1]))
    }

    private func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
    }

    /// Whether the character at `i` is followed by a space, a tab or the line's end.
    private func separated(_ line: [UInt8], after i: Int) -> Bool {
        i + 1 >= line.count || line[i + 1] == space || line[i + 1] == tab
    }

    /// The index of the bracket closing the flow collection opened at
    /// `start`, on the same line, or nil.
    private func matchingClose(_ line: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var i = start
        while i < line.count {
            let c = line[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let end = closingQuote(c, in: line, from: i + 1) else { return nil }
                i = end + 1
                continue
            }
            if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
            if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// The index of the quote closing a scalar quoted with `quote`, from
    /// `start` (`''` inside single quotes, `\"` inside double quotes are
    /// not closings), or nil when it goes on past the line.
    private func closingQuote(_ quote: UInt8, in line: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < line.count {
            if quote == UInt8(ascii: "\""), line[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if line[i] == quote {
                if quote == UInt8(ascii: "'"), i + 1 < line.count, line[i + 1] == quote {
                    i += 2
                    continue
                }
                return i
            }
            i += 1
        }
        return nil
    }

    private func isAnchorCharacter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80
    }
}

private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
