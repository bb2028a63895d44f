import Foundation
import Synchronization

/// Progress of an audit, for a progress bar.
public struct AuditProgress: Sendable {
    /// What the audit is doing: `scanning` (the vault), then `anchoring`.
    public var phase: String
    /// The work done: a note's annotations of one document, checked against it.
    public var done: Int
    /// All the work there is, in the same units (0 while scanning).
    public var total: Int
    /// The annotations checked so far.
    public var annotations: Int
    /// Seconds since the audit started.
    public var elapsed: Double
    /// Seconds left, estimated from the pace so far.
    public var remaining: Double? {
        guard done > 0, total > done else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }
}

/// Counts finished work across tasks and reports progress.
final class ProgressCounter: Sendable {
    private struct State {
        var done = 0
        var annotations = 0
        var lastReport = Date.distantPast
    }

    private let state = Mutex(State())
    private let total: Int
    private let started: Date
    private let progress: (@Sendable (AuditProgress) -> Void)?

    init(total: Int, started: Date, progress: (@Sendable (AuditProgress) -> Void)?) {
        self.total = total
        self.started = started
        self.progress = progress
    }

    func advance(by count: Int = 1, annotations: Int) {
        let snapshot: AuditProgress? = state.withLock { state in
            state.done += count
            state.annotations += annotations
            let now = Date()
            guard state.done == total || now.timeIntervalSince(state.lastReport) > 0.1 else { return nil }
            state.lastReport = now
            return AuditProgress(
                phase: "anchoring", done: state.done, total: total, annotations: state.annotations,
                elapsed: now.timeIntervalSince(started))
        }
        if let snapshot { progress?(snapshot) }
    }
}
