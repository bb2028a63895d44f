import Foundation
import Library
import Synchronization

/// A one-line progress bar on stderr (only used when stderr is a terminal).
final class ProgressBar: Sendable {
    func show(_ progress: AuditProgress) {
        guard progress.total > 0 else { return write(progress.phase + "…") }
        var line = "\(progress.done)/\(progress.total) notes · \(progress.annotations) annotations"
        if let remaining = progress.remaining { line += " · \(Int(remaining.rounded()))s left" }
        show(progress.done, of: progress.total, line)
    }

    /// A migration's progress: the notes planned, the PDFs written, the
    /// Markdown files read for links.
    func show(_ progress: MigrationProgress) {
        let what: String
        switch progress.phase {
        case .planning: what = "notes checked"
        case .writing: what = "PDFs written"
        case .linking: what = "files read for links"
        }
        show(progress.done, of: progress.total, "\(progress.done)/\(progress.total) \(what)" + (progress.item.map { " · " + ($0.count > 48 ? "…" + $0.suffix(47) : $0) } ?? ""))
    }

    /// A bar of `done` out of `total`, then `text`.
    func show(_ done: Int, of total: Int, _ text: String) {
        let width = 24
        let filled = total == 0 ? 0 : width * min(done, total) / total
        write("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + text)
    }

    /// The bar's line, in place of the one before.
    private func write(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    /// A bar on stderr when it is a terminal, else nil (nothing is shown).
    static func onTerminal() -> ProgressBar? { isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
