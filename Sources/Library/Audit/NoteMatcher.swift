import Foundation
import Notes
import PDFCore

/// How a vault's notes match its PDFs: by the fingerprint their annotations
/// record first, by the path they name second (see the README's table of
/// matches). It reads the annotations and the PDFs' fingerprints it is
/// given, and asks the file system only whether the paths a note names exist.
struct NoteMatcher: Sendable {
    let vault: Vault
    /// Every PDF's fingerprints (or why it has none), by path.
    let fingerprints: [String: Result<PDFFingerprint, PDFError>]
    /// The paths holding each fingerprint value, shortest first.
    let byFingerprint: [String: [String]]

    init(vault: Vault, fingerprints: [String: Result<PDFFingerprint, PDFError>]) {
        self.vault = vault
        self.fingerprints = fingerprints
        var byFingerprint: [String: [String]] = [:]
        for (path, result) in fingerprints {
            if case .success(let value) = result {
                for key in value.documentFingerprints { byFingerprint[key, default: []].append(path) }
            }
        }
        for key in byFingerprint.keys { byFingerprint[key]!.sort { ($0.count, $0) < ($1.count, $1) } }
        self.byFingerprint = byFingerprint
    }

    /// The plan of a note: how its annotations match the vault's PDFs.
    func plan(for source: AnnotationSource) -> NotePlan {
        let relative = vault.relative(source.path)
        var entry = AuditReport.NoteEntry(
            path: relative, match: .missing, reason: "", summary: CheckReport.Summary(), annotations: [],
            diagnostics: source.diagnostics)
        let note = source.note
        var plan = NotePlan(path: source.path, entry: entry, groups: [], order: source.annotations.map(\.id))
        let type = note?.frontMatter?.targetType?.lowercased()
        let target = note?.frontMatter?.target
        if let type, type != "pdf" {
            entry.match = .notPDF
            entry.reason = "annotates a \(type), not a PDF"
            plan.entry = entry
            return plan
        }
        if type == nil, let target, let ext = target.split(separator: ".").last?.lowercased().prefix(while: { $0.isLetter }),
            ["epub", "html", "htm"].contains(String(ext)) || target.contains("youtube.com")
        {
            entry.match = .notPDF
            entry.reason = "annotates \(target), not a PDF"
            plan.entry = entry
            return plan
        }
        // What the note names: its annotation-target, else its annotations' uri.
        let named = target ?? source.annotations.lazy.compactMap { $0.uri ?? $0.source }.first
        entry.recorded = named
        let recordedPath = named.flatMap { FileReference($0).candidates(in: vault, note: source.path).first(where: { $0.lowercased().hasSuffix(".pdf") || fingerprints[$0] != nil }) }
        // A path that names the file but for letter case or Windows
        // separators: found on macOS and Windows, not on Linux or Android.
        let loose = recordedPath == nil ? named.map { FileReference($0).looseCandidates(in: vault) } ?? [] : []

        // Annotations grouped by the document they name.
        var groups: [String?: [Annotation]] = [:]
        var keys: [String?] = []
        for annotation in source.annotations {
            let key = annotation.kind == .highlight ? annotation.fingerprint : nil
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(annotation)
        }
        // Replies and page notes follow the main document.
        let documents = keys.compactMap { $0 }
        let main = documents.max { (groups[$0]?.count ?? 0) < (groups[$1]?.count ?? 0) }
        if let orphans = groups[nil], let main {
            groups[main, default: []] += orphans
            groups[nil] = nil
        }
        entry.fingerprint = main
        func subSource(_ annotations: [Annotation]) -> AnnotationSource {
            // Without the note: the check needs only the annotations.
            AnnotationSource(path: source.path, note: nil, annotations: annotations, diagnostics: [])
        }

        let hidden = HiddenAnnotations(source)
        if documents.count > 1 {
            entry.match = .mixed
            var described: [AuditReport.NoteEntry.Document] = []
            for fingerprint in documents {
                let annotations = groups[fingerprint] ?? []
                let decision = decide(fingerprint: fingerprint, recorded: fingerprint == main ? recordedPath : nil)
                described.append(.init(fingerprint: fingerprint, pdf: decision.pdf.map(vault.relative), annotations: annotations.count))
                plan.groups.append(.init(source: subSource(annotations), members: annotations.map(NotePlan.Member.init), pdf: decision.pdf, located: located(decision)))
                if fingerprint == main { entry.pdf = decision.pdf.map(vault.relative) }
            }
            entry.documents = described
            entry.reason = "its annotations name \(documents.count) documents: " + described.map { "\($0.annotations) on \($0.pdf ?? "a missing PDF (\($0.fingerprint))")" }.joined(separator: ", ")
            entry.fixes = [.notes(relative, "lists each annotation's document: move those of the other documents to notes of their own")]
            plan.entry = Self.hiding(entry, hidden)
            return plan
        }
        var decision = decide(fingerprint: main, recorded: recordedPath, loosely: loose, named: named)
        if decision.match == .ok, let pdf = decision.pdf {
            let stale = staleBlocks(source, pdf: pdf)
            if stale.count > 0 {
                decision.match = .stale
                decision.reason = "its PDF is where annotation-target says, but \(stale.count) block\(stale.count == 1 ? "" : "s") name\(stale.count == 1 ? "s" : "") another path (\(stale.example)); the plugin will not show \(stale.count == 1 ? "that highlight" : "those highlights")"
            }
        }
        entry.match = decision.match
        entry.reason = decision.reason
        entry.pdf = decision.pdf.map(vault.relative)
        entry.copies = decision.copies?.map(vault.relative)
        entry.fixes = fixes(decision, note: relative, recorded: named)
        plan.groups = [.init(source: subSource(source.annotations), members: source.annotations.map(NotePlan.Member.init), pdf: decision.pdf, located: located(decision))]
        plan.entry = Self.hiding(entry, hidden)
        return plan
    }

    /// The entry of a note the plugin does not show all of: plugin-cannot-read
    /// (worse than wherever the PDF is), its reason and fix first, then
    /// those of its PDF.
    static func hiding(_ entry: AuditReport.NoteEntry, _ hidden: HiddenAnnotations?) -> AuditReport.NoteEntry {
        guard let hidden else { return entry }
        var entry = entry
        entry.pdfMatch = entry.match
        entry.match = .pluginCannotRead
        entry.pluginHides = hidden
        entry.reason = hidden.reason + "; as for its PDF: " + entry.reason
        let what = hidden.problems.count == 1 && hidden.problems[0].lines.count == 1
            ? "shows line \(hidden.problems[0].lines[0]) and what is wrong there"
            : "lists each line to fix, with what is wrong there"
        entry.fixes = [.notes(entry.path, what)] + (entry.fixes ?? [])
        return entry
    }

    /// What to do about a note matched as `decision` says (nil: nothing).
    func fixes(_ decision: Decision, note: String, recorded: String?) -> [AuditFix]? {
        switch decision.match {
        case .moved, .stale:
            if let pdf = decision.pdf, vault.vaultPath(of: pdf) == nil {
                return [.relink(note, first: "move \(pdf) into the vault: the plugin opens only PDFs in the vault")]
            }
            return [.relink(note)]
        case .replaced:
            return [.refresh(note)]
        case .duplicate where decision.source == .annotationTarget:
            let others = (decision.copies ?? []).filter { $0 != decision.pdf }.map(vault.relative)
            return [AuditFix("the plugin opens \(decision.pdf.map(vault.relative) ?? "the copy the note names"), the copy the note names; delete the others if you do not need them: \(others.joined(separator: ", "))")]
        case .duplicate:
            return [.relink(note, first: "keep one of the copies, moving or deleting the others")]
        case .missing:
            let place = recorded.map { " at \($0)" } ?? " in the vault"
            return [AuditFix("put the PDF back\(place), or audit with --papers FOLDER naming the folder it is in")]
        default:
            return nil
        }
    }

    /// The highlights whose `uri` or `target[].source` does not lead to
    /// `pdf` (a vault path or absolute path that names another file, or
    /// none), and one such value.
    func staleBlocks(_ source: AnnotationSource, pdf: String) -> (count: Int, example: String) {
        var leads: [String: Bool] = [:]
        func leadsToPDF(_ value: String) -> Bool {
            if let known = leads[value] { return known }
            let reference = FileReference(value)
            let answer: Bool
            switch reference {
            case .vaultPath, .absolute:
                answer = reference.candidates(in: vault, note: source.path).contains(pdf)
            default:
                answer = true  // web addresses and bare names: not the plugin's way of finding the file
            }
            leads[value] = answer
            return answer
        }
        var count = 0
        var example = ""
        for annotation in source.annotations where annotation.kind == .highlight {
            if let bad = [annotation.uri, annotation.source].compactMap({ $0 }).first(where: { !leadsToPDF($0) }) {
                count += 1
                if example.isEmpty { example = bad }
            }
        }
        return (count, example)
    }

    struct Decision {
        var match: AuditReport.Match
        var pdf: String?
        var reason: String
        var copies: [String]?
        var source: PDFLocator.Source
    }

    private func located(_ decision: Decision) -> PDFLocator.Located {
        PDFLocator.Located(path: decision.pdf ?? "", source: decision.source, reference: nil)
    }

    /// Classifies a document: by fingerprint first, by the recorded path second.
    func decide(fingerprint: String?, recorded: String?, loosely candidates: [String] = [], named: String? = nil) -> Decision {
        let copies = fingerprint.map { byFingerprint[$0] ?? [] } ?? []
        // The note names this PDF but for case, separators or escapes: a
        // move to where it is, whatever other copies there are — the copy
        // with the note's fingerprint, or, for a note that records none,
        // the only file so named.
        let loosely = fingerprint == nil ? (candidates.count == 1 ? candidates.first : nil) : candidates.first { copies.contains($0) }
        if recorded == nil, let loosely, let named {
            var ways: [String] = []
            if named.contains("%") { ways.append("URL escapes") }
            if named.contains("\\") { ways.append("Windows separators") }
            let path = vault.relative(loosely)
            let plain = (named.removingPercentEncoding ?? named).replacingOccurrences(of: "\\", with: "/")
            if !plain.hasSuffix(path), !path.hasSuffix(plain) { ways.append("letter case (found on macOS and Windows, not on Linux or Android)") }
            return Decision(
                match: .moved, pdf: loosely,
                reason: "the note names \(named), which differs from \(path) only in \(ways.joined(separator: " and "))",
                source: fingerprint == nil ? .annotationTarget : .fingerprint)
        }
        let recordedMatches = recorded.flatMap { path -> Bool? in
            guard case .success(let value)? = fingerprints[path] else { return nil }
            return fingerprint.map { value.matches($0) }
        }
        guard let fingerprint else {
            if let recorded {
                return Decision(match: .ok, pdf: recorded, reason: "the note records no fingerprint; its PDF is at the path it names", source: .annotationTarget)
            }
            return Decision(match: .missing, pdf: nil, reason: "the note records neither a fingerprint nor a PDF that exists", source: .annotationTarget)
        }
        if recordedMatches == false, let recorded {
            let elsewhere = copies.isEmpty ? "" : "; the version it was made on is at \(copies.map(vault.relative).joined(separator: ", "))"
            return Decision(
                match: .replaced, pdf: recorded,
                reason: "\(vault.relative(recorded)) is another version of the PDF (fingerprint \(shortFingerprint(fingerprints[recorded])), the note has \(fingerprint.prefix(8))…); checked against it\(elsewhere)",
                source: .annotationTarget)
        }
        // Found where the note says, the other copies in --papers folders (a
        // Zotero storage folder): nothing for the user to sort out.
        if copies.count > 1, recordedMatches == true, let recorded, copies.allSatisfy({ $0 == recorded || vault.vaultPath(of: $0) == nil }) {
            let others = copies.filter { $0 != recorded }
            return Decision(
                match: .ok, pdf: recorded, reason: "found where the note says (also at \(others.joined(separator: ", ")), outside the vault)",
                source: .annotationTarget)
        }
        if copies.count > 1 {
            let chosen = recordedMatches == true ? recorded! : bestCopy(copies, like: recorded)
            let why = recordedMatches == true ? "the path the note names" : recorded == nil ? "the shortest path" : "the copy most like the path the note names"
            return Decision(
                match: .duplicate, pdf: chosen,
                reason: "its PDF is at \(copies.count) paths; using \(vault.relative(chosen)) (\(why))", copies: copies,
                source: recordedMatches == true ? .annotationTarget : .fingerprint)
        }
        if let only = copies.first {
            if recordedMatches == true { return Decision(match: .ok, pdf: only, reason: "found where the note says", source: .annotationTarget) }
            return Decision(match: .moved, pdf: only, reason: "its PDF moved to \(vault.relative(only))", source: .fingerprint)
        }
        if let recorded {
            // The recorded file is not a readable PDF.
            return Decision(match: .missing, pdf: nil, reason: "\(vault.relative(recorded)) cannot be read as a PDF and no PDF has the note's fingerprint", source: .annotationTarget)
        }
        return Decision(match: .missing, pdf: nil, reason: "no PDF has the note's fingerprint \(fingerprint.prefix(8))… and none is at the path it names", source: .fingerprint)
    }

    private func shortFingerprint(_ result: Result<PDFFingerprint, PDFError>?) -> String {
        if case .success(let value)? = result { return String(value.primary.prefix(8)) + "…" }
        return "unknown"
    }

    /// The copy whose path ends most like `recorded`'s (same file name, same folders), else the shortest.
    private func bestCopy(_ copies: [String], like recorded: String?) -> String {
        guard let recorded else { return copies[0] }
        let target = recorded.split(separator: "/").reversed()
        return copies.max { a, b in
            let sa = zip(a.split(separator: "/").reversed(), target).prefix { $0 == $1 }.count
            let sb = zip(b.split(separator: "/").reversed(), target).prefix { $0 == $1 }.count
            return sa < sb || (sa == sb && a.count > b.count)
        }!
    }
}
