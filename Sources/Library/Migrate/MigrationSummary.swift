import Foundation

/// The totals of a migration, or of a dry run: the highlights written (or
/// to write) and into how many PDFs, every highlight left behind counted
/// by why, the notes not migrated, the links changed and left, and the
/// backups it takes.
public struct MigrationSummary: Sendable {
    /// Whether the PDFs and links were written (else: a dry run).
    public var wrote: Bool
    /// PDFs written, or to write.
    public var pdfs = 0
    /// Highlights (annotations) written, or to write: the fuzzy ones among them in ``fuzzy``.
    public var highlights = 0
    /// Of ``highlights``, those found with edits that their context confirms.
    public var fuzzy = 0
    /// Highlights the PDFs already held.
    public var alreadyThere = 0
    /// Highlights left behind, by why.
    public var left: [Migrator.LeftReason: Int] = [:]
    /// Notes not migrated at all, by why.
    public var skipped: [Migrator.Skipped.Code: Int] = [:]
    /// Whether links were to be pointed at the annotations (PDF++).
    public var linking = false
    /// Links changed (or to change), and in how many files.
    public var links = 0
    public var linkFiles = 0
    /// Links to moved notes that stay, by why.
    public var linksLeft: [LinkRewriter.Left.Reason: Int] = [:]
    /// The files whose previous versions are (or would be) kept as backups: PDFs and Markdown files.
    public var backupPDFs = 0
    public var backupMarkdown = 0
    /// The bytes those backups take.
    public var backupBytes: Int64 = 0
    /// The bytes free where the vault is, or nil when unknown.
    public var freeBytes: Int64?

    /// The totals of `result`, a migration of the vault at `root`.
    public init(_ result: MigrationResult, vault root: String) {
        wrote = result.wrote
        let written = Set(result.pdfs.written)
        let refused = Set(result.pdfs.refused.map(\.path))
        for pdf in result.plan.pdfs {
            alreadyThere += pdf.alreadyThere
            for item in pdf.left { left[item.reason, default: 0] += 1 }
            guard !pdf.highlights.isEmpty else { continue }
            if wrote, refused.contains(pdf.pdf) || !written.contains(pdf.pdf) {
                left[.notWritten, default: 0] += pdf.annotations
                continue
            }
            pdfs += 1
            highlights += pdf.annotations
            fuzzy += pdf.fuzzyTaken.count
            backupPDFs += 1
            backupBytes += pdf.size
        }
        for note in result.plan.skipped { skipped[note.code, default: 0] += 1 }
        if let rewrites = result.links {
            linking = true
            let files = wrote ? rewrites.written : rewrites.files.filter { $0.links > 0 }
            links = files.reduce(0) { $0 + $1.links }
            linkFiles = files.count
            backupMarkdown = files.count
            backupBytes += Int64(files.reduce(0) { $0 + $1.size })
            for file in rewrites.files { for link in file.left { linksLeft[link.reason, default: 0] += 1 } }
        }
        let free = try? FileManager.default.attributesOfFileSystem(forPath: root)[.systemFreeSize] as? NSNumber
        freeBytes = free.map { $0.int64Value }
    }

    /// Whether anything is left behind: a highlight not written, a note not
    /// migrated, a link to a moved note that stays.
    public var leavesSomething: Bool {
        left.values.contains { $0 > 0 } || skipped.values.contains { $0 > 0 } || linksLeft.values.contains { $0 > 0 }
    }

    /// The free space a run needs: the backups, and the new versions
    /// written while the old ones are still held (until the run settles).
    public var bytesNeeded: Int64 { 2 * backupBytes }

    /// The totals in words, a line each: written (or to write), left
    /// behind, links (PDF++), backups (a dry run; after a run the command
    /// says where they are).
    public var lines: [String] {
        var lines: [String] = []
        let exact = highlights - fuzzy
        var write = "\(wrote ? "Written" : "To write"): \(Self.count(highlights, "highlight")) into \(Self.count(pdfs, "PDF"))"
        if highlights > 0 { write += " (\(exact) found as \(exact == 1 ? "it is" : "they are"), \(fuzzy) fuzzy, confirmed by \(fuzzy == 1 ? "its" : "their") context)" }
        if alreadyThere > 0 { write += "; \(alreadyThere) already in \(alreadyThere == 1 ? "its PDF" : "their PDFs")" }
        lines.append(write)
        let leftCount = left.values.reduce(0, +)
        var behind = Migrator.LeftReason.allCases.compactMap { reason in left[reason].map { "\($0) \(reason.words)" } }
        if leftCount > 0 { behind[0] = "\(Self.count(leftCount, "highlight")) — " + behind[0] }
        let notes = skipped.values.reduce(0, +)
        if notes > 0 {
            let why = Migrator.Skipped.Code.allCases.compactMap { code in skipped[code].map { "\($0) \(Self.words(code))" } }
            behind.append("\(Self.count(notes, "note")) not migrated (\(why.joined(separator: ", ")))")
        }
        lines.append("Left behind: " + (behind.isEmpty ? "nothing" : behind.joined(separator: "; ")))
        if linking {
            var line = "Links: \(links) in \(Self.count(linkFiles, "file")) \(wrote ? "now point" : "to point") at their annotations"
            if let stay = linksLeft[.notMoved] { line += "; \(stay) stay as they are (their highlight is not migrated)" }
            if let ambiguous = linksLeft[.ambiguous] { line += "; \(ambiguous) name more than one file (write the note's path)" }
            lines.append(line)
        }
        if !wrote, backupPDFs + backupMarkdown == 0 {
            lines.append("Backups: none needed (nothing to write)")
        } else if !wrote {
            var files = Self.count(backupPDFs, "PDF")
            if backupMarkdown > 0 { files += " and " + Self.count(backupMarkdown, "Markdown file") }
            var line = "Backups: \(files), \(Self.size(backupBytes)), into .pdfanchor/backups/"
            if let freeBytes, backupBytes > 0 {
                let enough = freeBytes >= bytesNeeded
                line += "; the run needs about \(Self.size(bytesNeeded, exact: false)) free while it runs (\(Self.size(freeBytes, exact: false)) free\(enough ? "" : " — not enough: free some space first"))"
            }
            lines.append(line)
        }
        return lines
    }

    /// Why notes with `code` were not migrated, in words.
    static func words(_ code: Migrator.Skipped.Code) -> String {
        switch code {
        case .encrypted: return "whose PDF is encrypted"
        case .pdfMissing: return "whose PDF is not in the vault"
        case .pdfReplaced: return "whose PDF was replaced by another version: pdfanchor refresh first"
        case .outsideVault: return "whose PDF is outside the vault"
        case .unreadable: return "that cannot be read"
        }
    }

    /// `n` and `noun`, in the plural unless n is 1.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// A size for people: `3.2 MiB (3,356,112 bytes)`; without `exact`, `3.2 MiB`.
    public static func size(_ bytes: Int64, exact: Bool = true) -> String {
        let grouped = String(bytes).reversed().enumerated().reduce(into: "") { text, item in
            if item.offset > 0, item.offset % 3 == 0 { text.append(",") }
            text.append(item.element)
        }
        let plain = String(grouped.reversed()) + " byte" + (bytes == 1 ? "" : "s")
        guard bytes >= 1024 else { return plain }
        var value = Double(bytes)
        var unit = 0
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let human = String(format: "%.1f", value) + " " + units[unit]
        return exact ? "\(human) (\(plain))" : human
    }
}
