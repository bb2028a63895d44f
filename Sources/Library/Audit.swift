public import Anchoring
import Foundation
public import Notes
import PDFCore
import Synchronization

/// The version written into cache keys: results cached by another version
/// of the anchorer are not reused.
public let pdfAnchorVersion = "0.1.0"

/// What `pdfanchor audit` found in a vault. Property names are a contract
/// for `--format json`.
public struct AuditReport: Sendable, Codable {
    /// How a note relates to its PDF.
    public enum Match: String, Sendable, Codable, CaseIterable {
        /// The PDF the note names is there, with the note's fingerprint, once.
        case ok
        /// The note's PDF (by fingerprint) is at another path than the one it names.
        case moved
        /// A PDF is at the path the note names, but another version: its fingerprint differs.
        case replaced
        /// The note's PDF (by fingerprint) is at several paths.
        case duplicate
        /// No PDF with the note's fingerprint, none at the path it names.
        case missing
        /// The note's annotations belong to different documents.
        case mixed
        /// The note annotates an EPUB, a web page or a video: nothing to check here.
        case notPDF = "not-pdf"
    }

    /// One note: how it matches its PDF, and its annotations as `check` reports them.
    public struct NoteEntry: Sendable, Codable {
        /// The note's path, relative to the vault.
        public var path: String
        public var match: Match
        /// Why, in a sentence.
        public var reason: String
        /// The PDF the annotations were checked against (vault-relative when inside it).
        public var pdf: String?
        /// The PDF path the note names (its annotation-target, else its uri), as written.
        public var recorded: String?
        /// The fingerprint the note's annotations record.
        public var fingerprint: String?
        /// For duplicates: every path holding the note's PDF.
        public var copies: [String]?
        /// Counts by status.
        public var summary: CheckReport.Summary
        /// Each annotation as `pdfanchor check` reports it.
        public var annotations: [AnchorResult]
        /// Problems found reading the note.
        public var diagnostics: [Diagnostic]
        /// For mixed notes: each document the annotations name.
        public var documents: [Document]?
        /// When the PDF could not be used: why.
        public var error: String?

        /// One document of a mixed note.
        public struct Document: Sendable, Codable {
            public var fingerprint: String
            public var pdf: String?
            public var annotations: Int
        }

        /// Whether this note needs attention.
        public var hasProblem: Bool {
            (match != .ok && match != .notPDF) || summary.orphaned > 0 || error != nil
                || diagnostics.contains { $0.severity == .error }
        }
    }

    /// One PDF of the vault or the papers folders.
    public struct PDFEntry: Sendable, Codable {
        public var path: String
        public var fingerprint: String?
        /// Other fingerprint values notes may hold for it (PDF.js ≥ 4.8's).
        public var alternates: [String]?
        /// The notes that use it.
        public var referencedBy: [String]
        /// Its page count, when Poppler opens it.
        public var pages: Int?
        /// How many of its pages this audit read (nil: none, or its notes'
        /// results came from the cache).
        public var pagesRead: Int?
        /// True when it needs a password.
        public var encrypted: Bool?
        /// Why it cannot be used.
        public var error: String?
    }

    public struct Summary: Sendable, Codable {
        public var notes = 0
        public var pdfs = 0
        /// Notes per match.
        public var matches: [String: Int] = [:]
        public var annotations = CheckReport.Summary()
        /// Notes that need attention.
        public var problems = 0
        public var unreferencedPDFs = 0
        public var unreadable = 0
        /// Notes whose results came from the cache.
        public var cached = 0
        public var seconds = 0.0
    }

    /// The vault audited.
    public var vault: String
    /// The extra papers folders.
    public var papers: [String]
    public var summary: Summary
    public var notes: [NoteEntry]
    public var pdfs: [PDFEntry]
    public var unreadable: [ScanResult.Unreadable]
    /// Things worth knowing about the run itself (a cache that could not be opened…).
    public var warnings: [String]

    /// Whether anything needs attention.
    public var hasProblems: Bool { summary.problems > 0 || summary.unreadable > 0 }
}

/// Progress of an audit, for a progress bar.
public struct AuditProgress: Sendable {
    public var phase: String
    public var done: Int
    public var total: Int
    public var annotations: Int
    public var elapsed: Double
    /// Seconds left, estimated from the pace so far.
    public var remaining: Double? {
        guard done > 0, total > done else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }
}

/// Why an audit could not run at all.
public struct AuditError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Audits a vault: finds its notes and PDFs, matches them by fingerprint
/// and path, anchors every annotation, in parallel — one Poppler document
/// per worker, so memory stays bounded by the workers' documents whatever
/// the vault's size — and remembers what it can between runs.
public struct Auditor: Sendable {
    public var vault: Vault
    public var papers: [String]
    public var useCache = true
    public var jobs = PageExtractor.defaultWorkers
    public var options = AnchorOptions()
    /// Whether each note's entry lists its annotations' results. Without
    /// them (a summary is all the text report needs), results cached by an
    /// earlier audit are counted, not read: an unchanged vault is audited
    /// in a fraction of the time.
    public var detail = true
    /// Whether to anchor the annotations at all. Without (for `relink`,
    /// which needs only how notes match their PDFs), each note's summary
    /// counts its annotations as `total` and nothing else.
    public var anchoring = true
    /// Where Poppler runs: in this process, or in worker processes that a
    /// crash or a hang on one PDF cannot take down (`pdfanchor audit` uses
    /// workers).
    public var isolation = Isolation.inProcess
    /// Read every page of each PDF, rather than the pages its notes need.
    public var readAll = false

    public init(vault: Vault, papers: [String] = []) {
        self.vault = vault
        self.papers = papers
    }

    /// Runs the audit, reporting progress to `progress` (from any thread).
    public func run(progress: (@Sendable (AuditProgress) -> Void)? = nil) async throws(AuditError) -> AuditReport {
        let started = Date()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: vault.root, isDirectory: &isFolder), isFolder.boolValue else {
            throw AuditError(description: "\(vault.root): no such folder")
        }
        for folder in papers where !FileManager.default.fileExists(atPath: folder) {
            throw AuditError(description: "\(folder): no such papers folder")
        }
        var warnings: [String] = []
        var cache: AuditCache?
        if useCache {
            do {
                cache = try AuditCache(vault: vault)
            } catch {
                warnings.append("the cache in \(vault.root)/.pdfanchor cannot be used (\(error)); everything is read again")
            }
        }
        progress?(AuditProgress(phase: "scanning", done: 0, total: 0, annotations: 0, elapsed: 0))
        let scan = Scanner().scan(vault: vault.root, papers: papers)

        var pool: WorkerPool?
        if case .workers(let executable, let timeout, let memoryLimit) = isolation {
            pool = WorkerPool(executable: executable, timeout: timeout, memoryLimit: memoryLimit)
        }
        defer { pool?.shutdown() }

        // 1. Fingerprint every PDF (from the cache when the file has not changed).
        let statuses = await statusAll(scan.pdfs, cache: cache)
        let fingerprints = statuses.mapValues(\.fingerprint)
        cache?.prune(keeping: Set(scan.pdfs))
        var byFingerprint: [String: [String]] = [:]
        for (path, result) in fingerprints {
            if case .success(let value) = result {
                for key in value.documentFingerprints { byFingerprint[key, default: []].append(path) }
            }
        }
        for key in byFingerprint.keys { byFingerprint[key]!.sort { ($0.count, $0) < ($1.count, $1) } }

        // 2. Read the notes and decide which PDF each annotation is checked against.
        var plans: [NotePlan] = []
        var unreadable = scan.unreadable
        let state = Self.stateDigest(scan.pdfs, statuses: statuses)
        for (path, plan) in await planAll(scan.notes, fingerprints: fingerprints, byFingerprint: byFingerprint, cache: cache, state: state) {
            if let plan { plans.append(plan) } else { unreadable.append(.init(path: path, reason: "the note cannot be read")) }
        }

        // 3. Anchor, grouped by PDF, in parallel; reuse cached reports.
        let total = plans.reduce(0) { $0 + $1.groups.count }
        let counter = ProgressCounter(total: total, started: started, progress: progress)
        var jobsByPDF: [String: [Work]] = [:]
        var reports: [WorkKey: CheckReport] = [:]
        var summaries: [WorkKey: CheckReport.Summary] = [:]
        var cachedNotes = Set<Int>()
        var unusable: [WorkKey: [AnchorResult]] = [:]
        var failures: [WorkKey: String] = [:]
        for n in plans.indices {
            for g in plans[n].groups.indices {
                let key = WorkKey(note: n, group: g)
                let group = plans[n].groups[g]
                switch group.cached {
                case .summary(let summary)?:
                    summaries[key] = summary
                    cachedNotes.insert(n)
                    counter.advance(annotations: summary.total)
                case .report(let report)?:
                    reports[key] = report
                    cachedNotes.insert(n)
                    counter.advance(annotations: report.summary.total)
                case nil:
                    guard let pdf = group.pdf, let cacheKey = group.cacheKey else { continue }
                    jobsByPDF[pdf, default: []].append(
                        Work(
                            key: key, notePath: plans[n].path, members: group.members, source: group.source, located: group.located,
                            cacheKey: cacheKey, noteHash: plans[n].hash))
                    // The work holds the annotations now.
                    plans[n].groups[g].source = nil
                }
            }
        }
        if !anchoring { jobsByPDF = [:] }
        // A PDF that Poppler could not open gets its annotations marked without trying again.
        var known = fingerprints
        for (path, status) in statuses {
            if let error = status.openError { known[path] = .failure(error) }
        }
        let fresh = await anchorAll(jobsByPDF, fingerprints: known, counter: counter, cache: cache, pool: pool)
        jobsByPDF = [:]
        var pdfErrors: [String: String] = [:]
        var pagesRead: [String: Int] = [:]
        var opened: [String: (pages: Int?, error: PDFError?)] = [:]
        for outcome in fresh {
            if outcome.pages != nil || outcome.openError != nil { opened[outcome.pdf] = (outcome.pages, outcome.openError) }
            if let report = outcome.report {
                reports[outcome.key] = report
                if let read = report.pdf.pagesRead { pagesRead[outcome.pdf] = read }
            }
            if let error = outcome.error {
                if !outcome.noteError { pdfErrors[outcome.pdf] = error }
                unusable[outcome.key] = outcome.unusable
                failures[outcome.key] = error
            }
        }

        // 4. Assemble.
        var notes: [AuditReport.NoteEntry] = []
        var referenced: [String: [String]] = [:]
        for (n, plan) in plans.enumerated() {
            var entry = plan.entry
            if !anchoring {
                entry.summary.total = plan.order.count
                for group in plan.groups { if let pdf = group.pdf { referenced[pdf, default: []].append(vaultRelative(plan.path)) } }
                notes.append(entry)
                continue
            }
            var results: [AnchorResult] = []
            var counted = CheckReport.Summary()
            var errors: [String] = []
            for (g, group) in plan.groups.enumerated() {
                let key = WorkKey(note: n, group: g)
                if let summary = summaries[key] {
                    counted = counted + summary
                } else if let report = reports[key] {
                    counted = counted + report.summary
                    results += report.annotations
                } else if let failed = unusable[key] {
                    if let error = failures[key], !errors.contains(error) { errors.append(error) }
                    counted = counted + CheckReport.Summary(counting: failed)
                    results += failed
                } else {
                    let reason = group.pdf == nil ? entry.reason : "the PDF could not be read"
                    let failed = group.members.map { Self.unusable($0, reason: reason) }
                    counted = counted + CheckReport.Summary(counting: failed)
                    results += failed
                }
                if let pdf = group.pdf { referenced[pdf, default: []].append(vaultRelative(plan.path)) }
            }
            // Keep the note's own order.
            let order = Dictionary(plan.order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            entry.annotations = results.sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }
            entry.summary = counted
            if !detail { entry.annotations = [] }
            if !errors.isEmpty { entry.error = errors.joined(separator: "; ") }
            notes.append(entry)
        }
        var pdfs: [AuditReport.PDFEntry] = []
        for path in scan.pdfs {
            var entry = AuditReport.PDFEntry(path: vaultRelative(path), referencedBy: referenced[path] ?? [])
            switch fingerprints[path] {
            case .success(let value)?:
                entry.fingerprint = value.primary
                entry.alternates = value.modern.map { [$0] }
            case .failure(let error)?:
                entry.error = error.reason
            case nil:
                break
            }
            entry.pagesRead = pagesRead[path]
            // Whether Poppler opens it: from this audit, or from an earlier one.
            let open = opened[path] ?? statuses[path].map { ($0.pages, $0.openError) }
            entry.pages = open?.pages
            if let error = open?.error {
                if case .passwordRequired = error { entry.encrypted = true } else { entry.error = error.reason }
            }
            if let error = pdfErrors[path], entry.encrypted != true { entry.error = error }
            pdfs.append(entry)
        }
        var summary = AuditReport.Summary()
        summary.notes = notes.count
        summary.pdfs = pdfs.count
        for note in notes {
            summary.matches[note.match.rawValue, default: 0] += 1
            summary.annotations = summary.annotations + note.summary
        }
        summary.problems = notes.filter(\.hasProblem).count
        summary.unreferencedPDFs = pdfs.filter { $0.referencedBy.isEmpty && $0.error == nil }.count
        summary.unreadable = unreadable.count + pdfs.filter { $0.error != nil }.count
        summary.cached = cachedNotes.count
        summary.seconds = (Date().timeIntervalSince(started) * 100).rounded() / 100
        return AuditReport(
            vault: vault.root, papers: papers.map(Vault.absolute), summary: summary, notes: notes, pdfs: pdfs,
            unreadable: unreadable.map { .init(path: vaultRelative($0.path), reason: $0.reason) }, warnings: warnings)
    }

    // MARK: Matching

    /// Which annotations of a note go with which PDF.
    ///
    /// Plans are kept for the whole run, so they hold as little as they can:
    /// no note text, and no annotations once their results are known.
    ///
    /// A plan is cached (keyed by the note's bytes and the state of every
    /// PDF), so that an unchanged note in an unchanged vault is not even
    /// parsed again.
    struct NotePlan: Sendable, Codable {
        var path: String
        /// SHA-256 of the note's bytes as read.
        var hash = ""
        var entry: AuditReport.NoteEntry
        var groups: [Group]
        /// Annotation ids in note order.
        var order: [String]

        struct Group: Sendable, Codable {
            /// The group's annotations, until its results are known — and
            /// only when they are anchored in this process: workers read
            /// the note again, so the audit holds ids, not annotations.
            var source: AnnotationSource?
            /// The group's annotation ids, in note order, and which are highlights.
            var members: [Member]
            var pdf: String?
            var located: PDFLocator.Located
            /// Where its results are cached (when its PDF is there).
            var cacheKey: String?
            /// Its results from an earlier audit.
            var cached: Cached?

            enum CodingKeys: String, CodingKey {
                case members, pdf, located, cacheKey
            }
        }

        enum Cached: Sendable {
            /// Only the counts (``Auditor/detail`` is false).
            case summary(CheckReport.Summary)
            case report(CheckReport)
        }
    }

    func plan(
        for source: AnnotationSource, fingerprints: [String: Result<PDFFingerprint, PDFError>],
        byFingerprint: [String: [String]]
    ) -> NotePlan {
        let relative = vaultRelative(source.path)
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

        if documents.count > 1 {
            entry.match = .mixed
            var described: [AuditReport.NoteEntry.Document] = []
            for fingerprint in documents {
                let annotations = groups[fingerprint] ?? []
                let decision = decide(fingerprint: fingerprint, recorded: fingerprint == main ? recordedPath : nil, fingerprints: fingerprints, byFingerprint: byFingerprint)
                described.append(.init(fingerprint: fingerprint, pdf: decision.pdf.map(vaultRelative), annotations: annotations.count))
                plan.groups.append(.init(source: subSource(annotations), members: annotations.map(Member.init), pdf: decision.pdf, located: located(decision)))
                if fingerprint == main { entry.pdf = decision.pdf.map(vaultRelative) }
            }
            entry.documents = described
            entry.reason = "its annotations name \(documents.count) documents: " + described.map { "\($0.annotations) on \($0.pdf ?? "a missing PDF (\($0.fingerprint))")" }.joined(separator: ", ")
            plan.entry = entry
            return plan
        }
        let decision = decide(fingerprint: main, recorded: recordedPath, fingerprints: fingerprints, byFingerprint: byFingerprint)
        entry.match = decision.match
        entry.reason = decision.reason
        entry.pdf = decision.pdf.map(vaultRelative)
        entry.copies = decision.copies?.map(vaultRelative)
        plan.groups = [.init(source: subSource(source.annotations), members: source.annotations.map(Member.init), pdf: decision.pdf, located: located(decision))]
        plan.entry = entry
        return plan
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
    func decide(
        fingerprint: String?, recorded: String?, fingerprints: [String: Result<PDFFingerprint, PDFError>],
        byFingerprint: [String: [String]]
    ) -> Decision {
        let copies = fingerprint.map { byFingerprint[$0] ?? [] } ?? []
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
            let elsewhere = copies.isEmpty ? "" : "; the version it was made on is at \(copies.map(vaultRelative).joined(separator: ", "))"
            return Decision(
                match: .replaced, pdf: recorded,
                reason: "\(vaultRelative(recorded)) is another version of the PDF (fingerprint \(shortFingerprint(fingerprints[recorded])), the note has \(fingerprint.prefix(8))…); checked against it\(elsewhere)",
                source: .annotationTarget)
        }
        if copies.count > 1 {
            let chosen = recordedMatches == true ? recorded! : bestCopy(copies, like: recorded)
            let why = recordedMatches == true ? "the path the note names" : recorded == nil ? "the shortest path" : "the copy most like the path the note names"
            return Decision(
                match: .duplicate, pdf: chosen,
                reason: "its PDF is at \(copies.count) paths; using \(vaultRelative(chosen)) (\(why))", copies: copies,
                source: recordedMatches == true ? .annotationTarget : .fingerprint)
        }
        if let only = copies.first {
            if recordedMatches == true { return Decision(match: .ok, pdf: only, reason: "found where the note says", source: .annotationTarget) }
            return Decision(match: .moved, pdf: only, reason: "its PDF moved to \(vaultRelative(only))", source: .fingerprint)
        }
        if let recorded {
            // The recorded file is not a readable PDF.
            return Decision(match: .missing, pdf: nil, reason: "\(vaultRelative(recorded)) cannot be read as a PDF and no PDF has the note's fingerprint", source: .annotationTarget)
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

    // MARK: Work

    struct WorkKey: Hashable, Sendable {
        var note: Int
        var group: Int
    }

    /// An annotation as the audit remembers it while others are anchored.
    struct Member: Sendable, Codable {
        var id: String
        var isHighlight: Bool

        init(_ annotation: Annotation) {
            id = annotation.id
            isHighlight = annotation.kind == .highlight
        }
    }

    struct Work: Sendable {
        var key: WorkKey
        var notePath: String
        var members: [Member]
        /// The annotations, when they are anchored in this process.
        var source: AnnotationSource?
        var located: PDFLocator.Located
        var cacheKey: String
        var noteHash: String
    }

    struct Outcome: Sendable {
        var key: WorkKey
        var pdf: String
        /// The report, or why the PDF could not be used (and the
        /// annotations' results that say so).
        var report: CheckReport?
        var error: String?
        var unusable: [AnchorResult] = []
        /// True when the error is the note's, not the PDF's.
        var noteError = false
        /// The PDF's page count, when Poppler opened it.
        var pages: Int?
        /// Why Poppler cannot open the PDF.
        var openError: PDFError?
    }

    /// Reads and plans every note, in parallel; nil for a note that cannot be read.
    /// Looks up each group's cached results too.
    private func planAll(
        _ paths: [String], fingerprints: [String: Result<PDFFingerprint, PDFError>], byFingerprint: [String: [String]],
        cache: AuditCache?, state: String
    ) async -> [(String, NotePlan?)] {
        let isolated = isolation != .inProcess
        return await withTaskGroup(of: [(Int, String, NotePlan?)].self) { group in
            let workers = max(1, jobs)
            for worker in 0..<workers {
                group.addTask {
                    stride(from: worker, to: paths.count, by: workers).map { n in
                        let path = paths[n]
                        guard let data = FileManager.default.contents(atPath: path) else { return (n, path, nil) }
                        let hash = Checksum.sha256(data)
                        let planKey = hash + "|" + state + "|" + pdfAnchorVersion
                        var plan: NotePlan
                        var parsed = false
                        if let record = cache?.plan(note: path, key: planKey), var remembered = try? JSONDecoder().decode(NotePlan.self, from: record),
                            remembered.path == path
                        {
                            remembered.hash = hash
                            plan = remembered
                        } else {
                            plan = self.plan(for: AnnotationSource(path: path, bytes: [UInt8](data)), fingerprints: fingerprints, byFingerprint: byFingerprint)
                            plan.hash = hash
                            parsed = true
                            if let record = try? JSONEncoder().encode(plan) { cache?.store(plan: record, note: path, key: planKey) }
                        }
                        lookUp(&plan, hash: hash, cache: cache)
                        // Anchoring here needs the annotations: read the note after all.
                        if !parsed, anchoring, !isolated, plan.groups.contains(where: { $0.cached == nil && $0.cacheKey != nil }) {
                            plan = self.plan(for: AnnotationSource(path: path, bytes: [UInt8](data)), fingerprints: fingerprints, byFingerprint: byFingerprint)
                            plan.hash = hash
                            lookUp(&plan, hash: hash, cache: cache)
                        }
                        if isolated { for g in plan.groups.indices { plan.groups[g].source = nil } }
                        return (n, path, plan)
                    }
                }
            }
            var all: [(Int, String, NotePlan?)] = []
            for await part in group { all += part }
            return all.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        }
    }

    /// Fills in where each group's results are cached, and what is there.
    private func lookUp(_ plan: inout NotePlan, hash: String, cache: AuditCache?) {
        for g in plan.groups.indices where anchoring {
            guard let pdf = plan.groups[g].pdf, let identity = AuditCache.FileIdentity.of(pdf) else { continue }
            let key = AuditCache.reportKey(noteHash: hash, pdf: pdf, identity: identity, version: pdfAnchorVersion + "#\(g)")
            plan.groups[g].cacheKey = key
            if !detail, let summary = cache?.reportSummary(key: key) {
                plan.groups[g].cached = .summary(summary)
            } else if detail, let report = cache?.report(key: key) {
                plan.groups[g].cached = .report(report)
            }
            if plan.groups[g].cached != nil { plan.groups[g].source = nil }
        }
    }

    /// A digest of what every note's plan depends on besides the note: each
    /// PDF's path, file identity, fingerprints and whether it opens.
    static func stateDigest(_ pdfs: [String], statuses: [String: AuditCache.PDFStatus]) -> String {
        var text = ""
        for path in pdfs.sorted() {
            text += path + "\t" + (AuditCache.FileIdentity.of(path)?.key ?? "-") + "\t"
            switch statuses[path]?.fingerprint {
            case .success(let value)?: text += value.documentFingerprints.joined(separator: ",")
            case .failure(let error)?: text += "!" + error.code
            case nil: text += "?"
            }
            text += "\t" + (statuses[path]?.openError?.code ?? "") + "\n"
        }
        return Checksum.sha256(Data(text.utf8))
    }

    /// Fingerprints every PDF (reading its head, tail and newest
    /// cross-reference section, not its pages), from the cache when the file
    /// has not changed. Poppler opens a PDF only when a note needs it
    /// anchored; its page count and whether it opens are then remembered
    /// with its status.
    private func statusAll(_ paths: [String], cache: AuditCache?) async -> [String: AuditCache.PDFStatus] {
        await withTaskGroup(of: (String, AuditCache.PDFStatus).self) { group in
            var result: [String: AuditCache.PDFStatus] = [:]
            var next = 0
            func add() {
                guard next < paths.count else { return }
                let path = paths[next]
                next += 1
                group.addTask {
                    let identity = AuditCache.FileIdentity.of(path)
                    if let identity, let cached = cache?.status(path: path, identity: identity) { return (path, cached) }
                    let fingerprint: Result<PDFFingerprint, PDFError>
                    do throws(PDFError) {
                        fingerprint = .success(try PDFFingerprint.compute(path: path))
                    } catch {
                        fingerprint = .failure(error)
                    }
                    let status = AuditCache.PDFStatus(fingerprint: fingerprint, pages: nil, openError: nil)
                    if let identity { cache?.store(path: path, identity: identity, status: status) }
                    return (path, status)
                }
            }
            for _ in 0..<max(1, jobs * 2) { add() }
            for await (path, value) in group {
                result[path] = value
                add()
            }
            return result
        }
    }

    /// Anchors the work, one PDF per task and `jobs` tasks at a time.
    private func anchorAll(
        _ work: [String: [Work]], fingerprints: [String: Result<PDFFingerprint, PDFError>], counter: ProgressCounter,
        cache: AuditCache?, pool workers: WorkerPool?
    ) async -> [Outcome] {
        // Largest documents first, so that the last task is a short one.
        let pdfs = work.keys.sorted { (work[$0]?.count ?? 0, $0) > (work[$1]?.count ?? 0, $1) }
        return await withTaskGroup(of: [Outcome].self) { group in
            var outcomes: [Outcome] = []
            var next = 0
            func add() {
                guard next < pdfs.count else { return }
                let pdf = pdfs[next]
                next += 1
                let items = work[pdf] ?? []
                let fingerprint = fingerprints[pdf]
                group.addTask {
                    let outcomes: [Outcome]
                    guard case .success(let value)? = fingerprint else {
                        let reason: String
                        if case .failure(let error)? = fingerprint { reason = error.reason } else { reason = "no such file" }
                        outcomes = failed(items, pdf: pdf, reason: reason)
                        counter.advance(by: items.count, annotations: items.reduce(0) { $0 + $1.members.count })
                        return outcomes
                    }
                    outcomes = await anchor(items, pdf: pdf, fingerprint: value, pool: workers, cache: cache)
                    counter.advance(by: items.count, annotations: items.reduce(0) { $0 + $1.members.count })
                    return outcomes
                }
            }
            for _ in 0..<max(1, jobs) { add() }
            for await batch in group {
                outcomes += batch
                add()
            }
            return outcomes
        }
    }

    /// Anchors one PDF's work: one ``PDFJob``, run here or in a worker
    /// process (which stores the results in the cache itself).
    private func anchor(_ items: [Work], pdf: String, fingerprint: PDFFingerprint, pool: WorkerPool?, cache: AuditCache?) async -> [Outcome] {
        let job = PDFJob(
            pdf: pdf, fingerprint: fingerprint,
            items: items.map {
                .init(note: $0.notePath, noteHash: $0.noteHash, ids: $0.members.map(\.id), located: $0.located, cacheKey: $0.cacheKey)
            },
            cacheVault: cache == nil ? nil : vault.root, detail: detail, options: options, readAll: readAll)
        let result = pool == nil ? await job.run(sources: items.map(\.source), cache: cache) : await pool!.run(job)
        if let error = result.error {
            return failed(items, pdf: pdf, reason: error, pages: result.pages, openError: result.openError(path: pdf))
        }
        return items.enumerated().map { k, item in
            if k < result.reports.count, let report = result.reports[k] {
                return Outcome(key: item.key, pdf: pdf, report: report, error: nil, pages: result.pages)
            }
            let reason = (k < result.itemErrors.count ? result.itemErrors[k] : nil) ?? "the worker gave no result"
            return Outcome(
                key: item.key, pdf: pdf, report: nil, error: reason,
                unusable: item.members.map { Self.unusable($0, reason: reason) }, noteError: true, pages: result.pages)
        }
    }

    private func failed(_ items: [Work], pdf: String, reason: String, pages: Int? = nil, openError: PDFError? = nil) -> [Outcome] {
        items.map { item in
            Outcome(
                key: item.key, pdf: pdf, report: nil, error: reason,
                unusable: item.members.map { Self.unusable($0, reason: reason) }, pages: pages, openError: openError)
        }
    }

    private static func unusable(_ member: Member, reason: String) -> AnchorResult {
        var result = AnchorResult(id: member.id, status: member.isHighlight ? .orphaned : .skipped)
        result.reason = member.isHighlight ? "not checked: \(reason)" : "a page note or a reply: nothing to anchor"
        return result
    }

    /// A path relative to the vault when inside it, else absolute.
    func vaultRelative(_ path: String) -> String {
        vault.vaultPath(of: path) ?? path
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
