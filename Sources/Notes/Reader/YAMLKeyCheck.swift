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
    /// Lines end as YAML ends them: LF, CRLF or a lone CR.
    public static func firstComplexKey(in text: String) -> Int? {
        var scanner = KeyScanner()
        var line: [UInt8] = []
        var number = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == lineFeed, previous == carriageReturn { continue }  // the LF of a CRLF
            if byte == lineFeed || byte == carriageReturn {
                if scanner.scan(line) { return number }
                line.removeAll(keepingCapacity: true)
                number += 1
            } else {
                line.append(byte)
            }
        }
        return scanner.scan(line) ? number : nil
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
    /// For the current line, where the flow collection opened at each index closes.
    var closings: [Int: Int] = [:]

    /// Scans one line; true when it holds a complex key.
    mutating func scan(_ line: [UInt8]) -> Bool {
        let indent = line.prefix { $0 == space }.count
        if let limit = blockIndent {
            if indent == line.count || indent > limit { return false }
            blockIndent = nil
        }
        var i = 0
        if let open = quote {
            guard let end = Self.closingQuote(open, in: line, from: 0) else { return false }
            quote = nil
            i = end + 1
        } else if flow == 0 {
            // Directives, and document markers (a document may start on the marker's line).
            if line.first == UInt8(ascii: "%") { return false }
            i = indent
            if line.starts(with: Array("---".utf8)) || line.starts(with: Array("...".utf8)), separated(line, after: 2) {
                i = 3
            }
            nodeNext = true
        }
        closings = Self.closings(of: line)
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
                    if let close = closings[i], isKeyColon(line, from: close + 1) { return true }
                    flow += 1
                    nodeNext = true
                    i += 1
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard let end = Self.closingQuote(start, in: line, from: i + 1) else {
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

    /// Where each flow collection opened on `line` closes on it (by the
    /// index of its opening bracket), found in one pass: quoted text
    /// skipped, brackets matched with a stack.
    static func closings(of line: [UInt8]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        var open: [Int] = []
        var i = 0
        while i < line.count {
            let c = line[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'"), i == 0 || !isPlainCharacter(line[i - 1]) {
                guard let end = Self.closingQuote(c, in: line, from: i + 1) else { break }
                i = end + 1
                continue
            }
            if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { open.append(i) }
            if c == UInt8(ascii: "]") || c == UInt8(ascii: "}"), let start = open.popLast() { found[start] = i }
            i += 1
        }
        return found
    }

    private static func isPlainCharacter(_ c: UInt8) -> Bool {
        c != space && c != tab && c != UInt8(ascii: "[") && c != UInt8(ascii: "{") && c != UInt8(ascii: ",") && c != UInt8(ascii: ":")
    }

    /// The index of the quote closing a scalar quoted with `quote`, from
    /// `start` (`''` inside single quotes, `\"` inside double quotes are
    /// not closings), or nil when it goes on past the line.
    private static func closingQuote(_ quote: UInt8, in line: [UInt8], from start: Int) -> Int? {
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
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let tab = UInt8(ascii: "\t")
