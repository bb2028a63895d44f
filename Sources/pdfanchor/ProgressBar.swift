import Foundation
import Library
import Synchronization

/// A one-line progress bar on stderr (only used when stderr is a terminal).
final class ProgressBar: Sendable {
    func show(_ progress: AuditProgress) {
        var line = "\r\u{1B}[2K"
        if progress.total > 0 {
            let width = 24
            let filled = progress.total == 0 ? 0 : width * progress.done / progress.total
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(progress.done)/\(progress.total) notes · \(progress.annotations) annotations"
            if let remaining = progress.remaining { line += " · \(Int(remaining.rounded()))s left" }
        } else {
            line += progress.phase + "…"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
