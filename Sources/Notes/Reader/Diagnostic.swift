/// A problem found in a note, at a line.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// Something PDFAnchor could not read: a block is lost until it is fixed.
        case error
        /// Read, but something is off (the plugin may not read it, or data disagree).
        case warning
        /// Worth knowing; nothing is wrong.
        case info

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .info: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The kinds of problem, with stable names for scripts.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// A blank line between a block and its `^id` line.
        case blankBeforeId = "blank-before-id"
        /// A block's JSON cannot be read.
        case brokenJSON = "broken-json"
        /// CRLF line endings (the plugin reads none of the blocks).
        case crlf = "crlf"
        /// Two blocks with the same id.
        case duplicateId = "duplicate-id"
        /// The Markdown's prefix or suffix differs from the JSON's.
        case editedContext = "edited-context"
        /// The Markdown's quote differs from the JSON's.
        case editedQuote = "edited-quote"
        /// Front matter that never ends.
        case frontMatterUnclosed = "front-matter-unclosed"
        /// Front matter that is not valid YAML.
        case frontMatterYaml = "front-matter-yaml"
        /// An id that is not letters and digits.
        case idFormat = "id-format"
        /// The JSON's id differs from the block's.
        case idMismatch = "id-mismatch"
        /// Bytes that are not UTF-8.
        case invalidUTF8 = "invalid-utf8"
        /// U+2028 or U+2029 inside a block.
        case lineSeparator = "line-separator"
        /// A block without its code fence.
        case missingFence = "missing-fence"
        /// A block without its `^id` line.
        case missingId = "missing-id"
        /// A block without its `>%%` line.
        case missingOpener = "missing-opener"
        /// A block whose JSON has no closing fence.
        case unclosedFence = "unclosed-fence"
        /// A block without its TAGS section.
        case missingTags = "missing-tags"
        /// No blank line before a block.
        case noBlankLine = "no-blank-line"
        /// No newline at the end of the note.
        case noFinalNewline = "no-final-newline"
        /// A Hypothesis JSON file that holds no annotation.
        case notAnAnnotation = "not-an-annotation"
        /// `> ` quote markers (a Markdown formatter).
        case quoteSpace = "quote-space"
        /// The JSON's comment differs from the Markdown's.
        case staleComment = "stale-comment"
        /// The JSON's tags differ from the Markdown's.
        case staleTags = "stale-tags"

        /// What obsidian-annotator (0.2) then does not show: nil when it reads
        /// the note as PDFAnchor does. The one place that decides it, from the
        /// plugin's two regular expressions (docs/formats.md, "Annotation
        /// notes"): a block is found only as a blank line, `>` lines holding
        /// `>```annotation-json`, then `^id` and a newline; a block found is
        /// then parsed, and one that does not parse throws for the whole note.
        public var pluginLoss: PluginLoss? {
            switch self {
            // No line matches with a carriage return; and a found block
            // whose JSON, `%%` opener, closing fence or TAGS section is not
            // there throws.
            case .crlf, .brokenJSON, .missingOpener, .unclosedFence, .missingTags: return .note
            // The block alone is not found: '> ' lines, no blank line before
            // it or before its ^id, no ^id (or one with other characters), no
            // fence, no newline after its ^id, or a line the plugin's '.'
            // does not cross (U+2028/U+2029).
            case .quoteSpace, .noBlankLine, .blankBeforeId, .missingId, .idFormat, .missingFence, .noFinalNewline, .lineSeparator:
                return .block
            default: return nil
            }
        }

        /// Whether obsidian-annotator then shows none of the note's highlights.
        public var hidesEveryHighlight: Bool { pluginLoss == .note }
    }

    /// How much of a note obsidian-annotator fails to show because of a problem.
    public enum PluginLoss: String, Sendable, Hashable, Codable {
        /// The block the problem is in.
        case block
        /// Every block of the note.
        case note
    }

    /// The 1-based line of the note the problem is on.
    public var line: Int
    /// How serious it is.
    public var severity: Severity
    /// The kind of problem (its raw value, `broken-json`, `missing-id`, …, is stable).
    public var code: Code
    /// What is wrong and what it means, in a sentence.
    public var message: String
    /// The block id involved, when known.
    public var blockID: String?

    /// A problem of kind `code` on 1-based `line`.
    public init(line: Int, severity: Severity, code: Code, message: String, blockID: String? = nil) {
        self.line = line
        self.severity = severity
        self.code = code
        self.message = message
        self.blockID = blockID
    }

    /// `line N: severity: message`.
    public var description: String { "line \(line): \(severity.rawValue): \(message)" }
}
