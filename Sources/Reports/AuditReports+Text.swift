import Foundation
public import Library
import Notes

extension AuditReports {
    /// The terminal's summary: counts, then the broken notes (worst first)
    /// and the notes with orphans, each with the commands that fix it, the
    /// PDFs holding highlights no note has (with the command that brings
    /// them in), what cannot be read, what needs a password and, when
    /// `unreferenced`, the PDFs no note uses.
    ///
    /// The commands name the notes as seen from `folder` (the current
    /// folder), so that they run where they are printed; nil: from the vault.
    public static func text(_ report: AuditReport, unreferenced: Bool = false, from folder: String? = nil) -> String {
        let s = report.summary
        var text = "Audit of \(report.vault): \(s.notes) notes, \(s.pdfs) PDFs in \(String(format: "%.1f", s.seconds)) s"
        text += s.cached > 0 ? " (\(s.cached) notes from the cache)\n" : "\n"
        text += "Notes: \(matchLine(report))\n"
        text += "Annotations: \(annotationLine(s))\n"
        if let line = embeddedLine(s) { text += "In the PDFs: \(line)\n" }
        let base = folder.map { CommandPaths(vault: report.vault, folder: $0) }
        let ordered = report.notesWorstFirst
        let broken = ordered.filter(\.isBroken)
        if !broken.isEmpty {
            text += "\n\(Heading.problems) \(notes(broken.count, worstFirst: true)):\n"
            let width = broken.map(\.match.rawValue.count).max() ?? 10
            for note in broken {
                text += "  \(note.match.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)) \(note.path) — \(problem(note))\n"
                text += fixLines(note, base: base)
            }
        }
        let withOrphans = ordered.filter(\.hasOrphansOnly)
        if !withOrphans.isEmpty {
            text += "\n\(Heading.orphans) \(notes(withOrphans.count)); \(Heading.orphansNote):\n"
            for note in withOrphans {
                let ids = note.orphans ?? []
                let listed = ids.prefix(10).map { "^" + $0 }.joined(separator: ", ") + (ids.count > 10 ? " and \(ids.count - 10) more" : "")
                text += "  \(note.path) — \(orphaned(note.summary.orphaned, of: note)): \(listed)\n"
                text += fixLines(note, base: base)
            }
        }
        let importable = toImport(report)
        if !importable.isEmpty {
            text += "\n\(Heading.onlyInPDF) (\(count(importable.count, "PDF"))); \(Heading.onlyInPDFNote):\n"
            for pdf in importable {
                text += "  \(pdf.path) — \(onlyInPDF(pdf))\n"
                text += fixLines(pdf.fixes, paths: Set([pdf.path] + pdf.referencedBy), base: base)
            }
        }
        text += listed(Heading.unreadable, unreadable(report).map { "\($0.path) — \($0.reason)" }, markdown: false)
        text += listed(Heading.locked, locked(report).map(\.path), markdown: false)
        if unreferenced { text += listed(Heading.unused, unused(report).map { unusedLine($0, path: $0.path) }, markdown: false, evenEmpty: true) }
        return text
    }

    /// A PDF's fixes, one a line, its vault `paths` (its own, its notes')
    /// in their commands written as seen from the current folder.
    static func fixLines(_ fixes: [AuditFix]?, paths: Set<String>, base: CommandPaths?) -> String {
        (fixes ?? []).map { fix in
            if let command = fix.shellCommand(rewriting: { paths.contains($0) ? base?.path($0) ?? $0 : $0 }) {
                return "      → \(command) — \(fix.action)\n"
            }
            return "      → \(fix.action)\n"
        }.joined()
    }

    /// A note's fixes, one a line: `→ COMMAND — what it does`, or `→ what to do`.
    static func fixLines(_ note: AuditReport.NoteEntry, base: CommandPaths?) -> String {
        (note.fixes ?? []).map { fix in
            if let command = fix.shellCommand(replacing: note.path, with: base?.path(note.path)) {
                return "      → \(command) — \(fix.action)\n"
            }
            return "      → \(fix.action)\n"
        }.joined()
    }

    /// A vault's paths as seen from a folder: relative inside the vault (as
    /// git shows them), absolute from elsewhere.
    struct CommandPaths {
        let vault: String
        let folder: String

        init(vault: String, folder: String) {
            self.vault = Self.canonical(vault)
            self.folder = Self.canonical(folder)
        }

        static func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }

        /// The vault path `path` written from ``folder``.
        func path(_ path: String) -> String {
            guard !path.hasPrefix("/") else { return path }
            if folder == vault { return path }
            guard folder.hasPrefix(vault + "/") else { return vault + "/" + path }
            let down = folder.dropFirst(vault.count + 1).split(separator: "/")
            var target = path.split(separator: "/", omittingEmptySubsequences: false)
            var common = 0
            while common < down.count, common < target.count - 1, down[common] == target[common] { common += 1 }
            target.removeFirst(common)
            return (Array(repeating: "..", count: down.count - common) + target.map(String.init)).joined(separator: "/")
        }
    }
}
