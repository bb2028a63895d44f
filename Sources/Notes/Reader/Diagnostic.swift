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

    /// The 1-based line of the note the problem is on.
    public var line: Int
    public var severity: Severity
    /// A stable name for the kind of problem (`broken-json`, `missing-id`, …).
    public var code: String
    /// What is wrong and what it means, in a sentence.
    public var message: String
    /// The block id involved, when known.
    public var blockID: String?

    public init(line: Int, severity: Severity, code: String, message: String, blockID: String? = nil) {
        self.line = line
        self.severity = severity
        self.code = code
        self.message = message
        self.blockID = blockID
    }

    /// `line N: severity: message`.
    public var description: String { "line \(line): \(severity.rawValue): \(message)" }
}
