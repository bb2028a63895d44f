public import Notes

/// The annotations of a note that obsidian-annotator does not show, and the
/// lines that hide them.
///
/// Which problems hide what is decided in one place,
/// ``Notes/Diagnostic/Code/pluginLoss``, from the problems the note reader
/// found; this summarises them for the audit, with what to do about each.
public struct HiddenAnnotations: Sendable, Codable, Hashable {
    /// True when the plugin shows none of the note's annotations (it gives
    /// up on the whole note, or misses every block).
    public var all: Bool
    /// How many of the note's annotation blocks it does not show.
    public var count: Int
    /// How many annotation blocks the note has.
    public var blocks: Int
    /// The ids of the blocks it does not show, in note order (blocks
    /// without an id are counted, not listed; none are listed when ``all``).
    public var ids: [String]
    /// Each kind of problem that hides them, in the order of its first line.
    public var problems: [Problem]

    /// One kind of problem, where it is, and what to do about it.
    public struct Problem: Sendable, Codable, Hashable {
        /// The reader's code for it (`quote-space`, `crlf`, …: as `pdfanchor notes` gives it).
        public var code: Diagnostic.Code
        /// The 1-based lines where it is.
        public var lines: [Int]
        /// What it is, in a few words.
        public var what: String
        /// What to do about it.
        public var fix: String
    }

    /// What obsidian-annotator does not show of `source`, or nil when it shows every block.
    public init?(_ source: AnnotationSource) {
        // The plugin reads notes, not Hypothesis JSON files.
        guard let note = source.note else { return nil }
        let losses = source.diagnostics.filter { $0.code.pluginLoss != nil }
        guard !losses.isEmpty else { return nil }
        let blocks = note.blocks
        self.blocks = blocks.count
        all = losses.contains { $0.code.pluginLoss == .note }
        // Each block hidden once, whatever the number of its problems; a
        // problem outside every block counts as one block.
        var hidden = Set<Int>()
        var outside = Set<Int>()
        for diagnostic in losses where diagnostic.code.pluginLoss == .block {
            // The last block starting at or before the line (blocks are in note order).
            var (low, high) = (0, blocks.count)
            while low < high {
                let middle = (low + high) / 2
                if blocks[middle].lines.lowerBound <= diagnostic.line - 1 { low = middle + 1 } else { high = middle }
            }
            if low > 0, blocks[low - 1].lines.contains(diagnostic.line - 1) {
                hidden.insert(low - 1)
            } else {
                outside.insert(diagnostic.line)
            }
        }
        count = all ? blocks.count : min(blocks.count, hidden.count + outside.count)
        // Every block missed, one by one ('> ' on every line): none shown.
        if count == blocks.count { all = true }
        ids = all ? [] : hidden.sorted().compactMap { blocks[$0].id }
        var problems: [Problem] = []
        for diagnostic in losses {
            if let k = problems.firstIndex(where: { $0.code == diagnostic.code }) {
                if problems[k].lines.last != diagnostic.line { problems[k].lines.append(diagnostic.line) }
            } else {
                let words = Self.words(diagnostic.code)
                problems.append(Problem(code: diagnostic.code, lines: [diagnostic.line], what: words.what, fix: words.fix))
            }
        }
        self.problems = problems
    }

    /// In a sentence: how much the plugin does not show, and each problem
    /// with its lines and what to do (`obsidian-annotator shows none of its
    /// 92 annotations: lines 5, 19, 33 and 89 more: …`).
    public var reason: String {
        let noun = blocks == 1 ? "annotation" : "annotations"
        let head = all
            ? "obsidian-annotator shows none of its \(blocks) \(noun)" : "obsidian-annotator does not show \(count) of its \(blocks) \(noun)"
        return head + ": " + problems.map { "\(Self.lines($0.lines)): \($0.what) — \($0.fix)" }.joined(separator: "; ")
    }

    /// `line 7`, `lines 5, 19, 33`, `lines 5, 19, 33 and 89 more`.
    public static func lines(_ lines: [Int], shown: Int = 3) -> String {
        let listed = lines.prefix(shown).map(String.init).joined(separator: ", ")
        let more = lines.count > shown ? " and \(lines.count - shown) more" : ""
        return (lines.count == 1 ? "line " : "lines ") + listed + more
    }

    /// What each problem is, and what to do about it, in the words of a
    /// note's author (`pdfanchor notes` gives the reader's own message).
    static func words(_ code: Diagnostic.Code) -> (what: String, fix: String) {
        switch code {
        case .crlf: return ("Windows (CRLF) line ends", "save the note with LF line ends")
        case .brokenJSON: return ("a block's JSON is broken", "repair it, or delete the block")
        case .missingOpener: return ("a block does not start with '>%%'", "add that line before its '>```annotation-json'")
        case .unclosedFence: return ("a block's JSON has no closing '>```'", "add that line after the JSON")
        case .missingTags: return ("a block has no %%TAGS%% section", "add '>%%TAGS%%' and a '>' line before its ^id")
        case .quoteSpace: return ("block lines start with '> ', as a Markdown formatter writes them", "remove the space after '>', and keep the formatter off annotation notes")
        case .noBlankLine: return ("no empty line before a block", "add one")
        case .blankBeforeId: return ("an empty line before a block's ^id", "remove it")
        case .missingId: return ("a block has no ^id line", "add one (letters and digits) right after its last '>' line")
        case .idFormat: return ("a ^id with characters other than letters and digits", "rename it, and the links to it")
        case .missingFence: return ("a block has no '>```annotation-json' line", "add it, or make it an ordinary quote")
        case .noFinalNewline: return ("no newline at the end of the note", "end the note with a newline")
        case .lineSeparator: return ("U+2028/U+2029 line separators in a block", "replace them with spaces")
        default: return (code.rawValue, "see pdfanchor notes")
        }
    }
}
