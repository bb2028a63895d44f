/// How far a migration is, as ``Migrator`` tells its
/// ``Migrator/progress`` callback: after each note planned, PDF written and
/// Markdown file read for links.
public struct MigrationProgress: Sendable, Hashable {
    /// What the migration is doing.
    public enum Phase: String, Sendable, Hashable {
        /// Finding each note's highlights in its PDF.
        case planning
        /// Adding the highlights to the PDFs.
        case writing
        /// Pointing the vault's links at the annotations.
        case linking
    }

    /// What it is doing.
    public var phase: Phase
    /// How many items (notes, PDFs, Markdown files) of the phase are done.
    public var done: Int
    /// How many there are.
    public var total: Int
    /// The item being worked on (vault path), or nil at the end of a phase.
    public var item: String?

    public init(phase: Phase, done: Int, total: Int, item: String?) {
        self.phase = phase
        self.done = done
        self.total = total
        self.item = item
    }
}
