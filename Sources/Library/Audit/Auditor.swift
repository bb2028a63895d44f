public import Anchoring
import Foundation
import Notes
import PDFCore

/// Audits a vault: finds its notes and PDFs, matches them by fingerprint
/// and path, anchors every annotation, in parallel — one Poppler document
/// per worker, so memory stays bounded by the workers' documents whatever
/// the vault's size — and remembers what it can between runs.
public struct Auditor: Sendable {
    /// The vault audited.
    public var vault: Vault
    /// Folders of PDFs outside the vault (`--papers`), where notes' PDFs are looked for too.
    public var papers: [String]
    /// Whether to use and update the cache in the vault's `.pdfanchor/`.
    public var useCache = true
    /// How many PDFs to work on at once (default: one per core).
    public var jobs = PageExtractor.defaultWorkers
    /// How annotations are anchored (the thresholds of ``AnchorOptions``).
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
    /// Whether each note's entry keeps the annotations read from it
    /// (``AuditReport/NoteEntry/read``), for a report of highlights. Every
    /// note is then parsed, its plan cached or not.
    public var keepAnnotations = false
    /// With ``keepAnnotations``: only these notes (absolute paths) are kept.
    public var keepOnly: Set<String>?
    /// Whether to read the annotations each PDF holds itself (Zotero's,
    /// Acrobat's, `migrate`'s…) and say which of its highlights are in a
    /// note (``AuditReport/PDFEntry/embedded``); only when ``anchoring``.
    /// Each PDF is opened for them once; what was read is cached with the
    /// PDF's fingerprint.
    public var readsEmbedded = true
    /// The most the cache keeps of PDFs' page texts, in bytes, when given
    /// (remembered in the cache for every later run: ``AuditCache/pageLimit``).
    public var pageLimit: Int?

    /// An audit of `vault`, its notes' PDFs also looked for in `papers`.
    public init(vault: Vault, papers: [String] = []) {
        self.vault = vault
        self.papers = papers
    }

    /// Runs the audit, reporting progress to `progress` (from any thread):
    /// scan the vault, fingerprint every PDF, plan every note (which PDF each
    /// annotation is checked against), anchor (one job per PDF, results from
    /// the cache where nothing changed), assemble the report.
    public func run(progress: (@Sendable (AuditProgress) -> Void)? = nil) async throws(AuditError) -> AuditReport {
        let started = Date()
        let (cache, cacheWarnings) = try openCache()
        var warnings = cacheWarnings
        progress?(AuditProgress(phase: "scanning", done: 0, total: 0, annotations: 0, elapsed: 0))
        let scan = Scanner().scan(vault: vault.root, papers: papers)
        warnings += scan.nestedVaults.map { folder in
            "\(vault.relative(folder)) is a vault of its own (it holds .obsidian/): its notes are left to it; audit it there (pdfanchor audit \(ShellWord.quoted(folder)))"
        }
        var pool: WorkerPool?
        if case .workers(let executable, let timeout, let memoryLimit) = isolation {
            pool = WorkerPool(executable: executable, timeout: timeout, memoryLimit: memoryLimit)
        }
        defer { pool?.shutdown() }

        // 1. Fingerprint every PDF (from the cache when the file has not changed).
        let statuses = await statusAll(scan.pdfs, cache: cache)
        cache?.prune(keeping: Set(scan.pdfs))
        let matcher = NoteMatcher(vault: vault, fingerprints: statuses.mapValues(\.fingerprint))

        // 2. Read the notes and decide which PDF each annotation is checked against.
        var plans: [NotePlan] = []
        var unreadable = scan.unreadable
        let state = Self.stateDigest(scan.pdfs, statuses: statuses)
        for (path, plan) in await planAll(scan.notes, matcher: matcher, cache: cache, state: state) {
            if let plan {
                plans.append(plan)
            } else {
                var info = stat()
                let reason = NoteFile.fits(path) || stat(path, &info) != 0
                    ? "the note cannot be read"
                    : NoteFile.tooLargeReason(size: Int(info.st_size))
                unreadable.append(.init(path: path, reason: reason))
            }
        }

        // 3. Anchor, grouped by PDF, in parallel; reuse cached results.
        // The annotations each PDF holds itself are read in the same jobs.
        let results = await anchorPlans(
            &plans, pdfs: scan.pdfs, statuses: statuses, cache: cache, pool: pool, started: started, progress: progress)

        // 4. Assemble.
        return assemble(
            plans: plans, results: results, scan: scan, statuses: statuses, unreadable: unreadable, warnings: warnings,
            started: started, cache: cache)
    }

    /// The cache, or why it cannot be used (then nothing is cached).
    private func openCache() throws(AuditError) -> (AuditCache?, [String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: vault.root, isDirectory: &isFolder) else {
            throw AuditError(code: .noSuchVault, description: "\(vault.root): no such folder")
        }
        guard isFolder.boolValue else {
            throw AuditError(code: .vaultNotAFolder, description: "\(vault.root): a file, not a folder; audit takes a vault (a folder) — to check one note, run `pdfanchor check \(vault.root)`")
        }
        for folder in papers {
            var isPapersFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isPapersFolder) else {
                throw AuditError(code: .noSuchPapers, description: "\(folder): no such papers folder")
            }
            guard isPapersFolder.boolValue else {
                throw AuditError(code: .papersNotAFolder, description: "\(folder): a file, not a folder; --papers takes a folder of PDFs")
            }
        }
        guard useCache else { return (nil, []) }
        do {
            let cache = try AuditCache(vault: vault)
            if let pageLimit { cache.pageLimit = pageLimit }
            return (cache, [])
        } catch {
            return (nil, ["results are not cached: \(AuditCache.explain(error)); everything is read again (nothing is lost)"])
        }
    }

    /// What anchoring gave: each group's report or counts (from the cache,
    /// or anchored now), or why it could not be anchored; and what was
    /// learnt of the PDFs.
    struct Results {
        var reports: [WorkKey: CheckReport] = [:]
        var summaries: [WorkKey: (summary: CheckReport.Summary, orphans: [String])] = [:]
        var unusable: [WorkKey: [AnchorResult]] = [:]
        var failures: [WorkKey: String] = [:]
        var cachedNotes = Set<Int>()
        var pdfErrors: [String: String] = [:]
        var pagesRead: [String: Int] = [:]
        var opened: [String: (pages: Int?, error: PDFError?)] = [:]
        /// The annotations each PDF holds itself (cached, or read now).
        var inventories: [String: EmbeddedInventory] = [:]
    }

    /// Anchors what the cache does not hold, one job per PDF.
    private func anchorPlans(
        _ plans: inout [NotePlan], pdfs: [String], statuses: [String: AuditCache.PDFStatus], cache: AuditCache?, pool: WorkerPool?,
        started: Date,
        progress: (@Sendable (AuditProgress) -> Void)?
    ) async -> Results {
        let total = plans.reduce(0) { $0 + $1.groups.count }
        let counter = ProgressCounter(total: total, started: started, progress: progress)
        var results = Results()
        var jobsByPDF: [String: [Work]] = [:]
        for n in plans.indices {
            for g in plans[n].groups.indices {
                let key = WorkKey(note: n, group: g)
                let group = plans[n].groups[g]
                switch group.cached {
                case .summary(let summary, let orphans)?:
                    results.summaries[key] = (summary, orphans)
                    results.cachedNotes.insert(n)
                    counter.advance(annotations: summary.total)
                case .report(let report)?:
                    results.reports[key] = report
                    results.cachedNotes.insert(n)
                    counter.advance(annotations: report.summary.total)
                case nil:
                    guard let pdf = group.pdf, let cacheKey = group.cacheKey else { continue }
                    jobsByPDF[pdf, default: []].append(
                        Work(
                            key: key, notePath: plans[n].path, members: group.members, source: group.source, located: group.located,
                            cacheKey: CacheKey(rawValue: cacheKey), noteHash: plans[n].hash))
                    // The work holds the annotations now.
                    plans[n].groups[g].source = nil
                }
            }
        }
        if !anchoring { jobsByPDF = [:] }
        // A PDF whose annotations are to be read and that has no work gets a job of its own.
        let embedded = embeddedWork(pdfs, statuses: statuses, cache: cache)
        results.inventories = embedded.known
        for pdf in embedded.read where jobsByPDF[pdf] == nil { jobsByPDF[pdf] = [] }
        // A PDF that Poppler could not open gets its annotations marked without trying again.
        var known = statuses.mapValues(\.fingerprint)
        for (path, status) in statuses {
            if let error = status.openError { known[path] = .failure(error) }
        }
        let done = await anchorAll(jobsByPDF, fingerprints: known, embedded: embedded, counter: counter, cache: cache, pool: pool)
        results.inventories.merge(done.inventories) { _, read in read }
        for outcome in done.outcomes {
            if outcome.pages != nil || outcome.openError != nil { results.opened[outcome.pdf] = (outcome.pages, outcome.openError) }
            if let report = outcome.report {
                results.reports[outcome.key] = report
                if let read = report.pdf.pagesRead { results.pagesRead[outcome.pdf] = read }
            }
            if let error = outcome.error {
                if !outcome.noteError { results.pdfErrors[outcome.pdf] = error }
                results.unusable[outcome.key] = outcome.unusable
                results.failures[outcome.key] = error
            }
        }
        return results
    }

    /// The report: each note with its results in its own order, each PDF
    /// with who uses it and whether it opens, and the counts.
    private func assemble(
        plans: [NotePlan], results: Results, scan: ScanResult, statuses: [String: AuditCache.PDFStatus],
        unreadable: [ScanResult.Unreadable], warnings: [String], started: Date, cache: AuditCache?
    ) -> AuditReport {
        var notes: [AuditReport.NoteEntry] = []
        var referenced: [String: [String]] = [:]
        for (n, plan) in plans.enumerated() {
            for group in plan.groups { if let pdf = group.pdf { referenced[pdf, default: []].append(vault.relative(plan.path)) } }
            notes.append(anchoring ? entry(n, of: plan, results: results) : plan.entry.counted(plan.order.count))
        }
        var pdfs: [AuditReport.PDFEntry] = []
        for path in scan.pdfs {
            var entry = AuditReport.PDFEntry(path: vault.relative(path), referencedBy: referenced[path] ?? [])
            switch statuses[path]?.fingerprint {
            case .success(let value)?:
                entry.fingerprint = value.primary
                entry.alternates = value.modern.map { [$0] }
            case .failure(let error)?:
                entry.error = error.reason
            case nil:
                break
            }
            entry.pagesRead = results.pagesRead[path]
            // Whether Poppler opens it: from this audit, or from an earlier one.
            let open = results.opened[path] ?? statuses[path].map { ($0.pages, $0.openError) }
            entry.pages = open?.pages
            if let error = open?.error {
                if case .passwordRequired = error { entry.encrypted = true } else { entry.error = error.reason }
            }
            if let error = results.pdfErrors[path], entry.encrypted != true { entry.error = error }
            pdfs.append(entry)
        }
        var summary = AuditReport.Summary()
        summary.embedded = embedded(&pdfs, paths: scan.pdfs, plans: plans, results: results, statuses: statuses, cache: cache)
        summary.notes = notes.count
        summary.pdfs = pdfs.count
        for note in notes {
            summary.matches[note.match, default: 0] += 1
            summary.annotations = summary.annotations + note.summary
            summary.notChecked += note.notChecked ?? 0
            summary.notShownByPlugin += note.pluginHides?.count ?? 0
        }
        summary.problems = notes.filter(\.hasProblem).count
        summary.broken = notes.filter(\.isBroken).count
        summary.withOrphans = notes.filter(\.hasOrphansOnly).count
        summary.unreferencedPDFs = pdfs.filter { $0.referencedBy.isEmpty && $0.error == nil }.count
        summary.unreadable = unreadable.count + pdfs.filter { $0.error != nil }.count
        summary.cached = results.cachedNotes.count
        summary.seconds = (Date().timeIntervalSince(started) * 100).rounded() / 100
        return AuditReport(
            vault: vault.root, papers: papers.map(Vault.absolute), summary: summary, notes: notes, pdfs: pdfs,
            unreadable: unreadable.map { .init(path: vault.relative($0.path), reason: $0.reason) }, warnings: warnings)
    }

    /// A note's entry with its groups' results: its annotations in its own
    /// order, their counts, its orphans (those looked for), those not looked
    /// for, and what to do about them.
    private func entry(_ n: Int, of plan: NotePlan, results: Results) -> AuditReport.NoteEntry {
        var entry = plan.entry
        var annotations: [AnchorResult] = []
        var counted = CheckReport.Summary()
        var orphans = Set<String>()
        var notChecked = 0
        var errors: [String] = []
        for (g, group) in plan.groups.enumerated() {
            let key = WorkKey(note: n, group: g)
            if let cached = results.summaries[key] {
                counted = counted + cached.summary
                orphans.formUnion(cached.orphans)
            } else if let report = results.reports[key] {
                counted = counted + report.summary
                annotations += report.annotations
                orphans.formUnion(AuditCache.orphans(of: report))
            } else {
                let failed: [AnchorResult]
                if let unusable = results.unusable[key] {
                    if let error = results.failures[key], !errors.contains(error) { errors.append(error) }
                    failed = unusable
                } else {
                    let reason = group.pdf == nil ? entry.reason : "the PDF could not be read"
                    failed = group.members.map { Self.unusable($0, reason: reason) }
                }
                counted = counted + CheckReport.Summary(counting: failed)
                notChecked += failed.filter { $0.status == .orphaned }.count
                annotations += failed
            }
        }
        // Keep the note's own order.
        let order = Dictionary(plan.order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        entry.annotations = detail ? annotations.sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) } : []
        entry.summary = counted
        if !errors.isEmpty { entry.error = errors.joined(separator: "; ") }
        var listed = Set<String>()
        let orphaned = plan.order.filter { orphans.contains($0) && listed.insert($0).inserted }
        entry.orphans = orphaned.isEmpty ? nil : orphaned
        entry.notChecked = notChecked > 0 ? notChecked : nil
        var fixes = entry.fixes ?? []
        if entry.error != nil { fixes.append(.check(entry.path)) }
        if !orphaned.isEmpty { fixes.append(.explain(entry.path, orphans: orphaned)) }
        entry.fixes = fixes.isEmpty ? nil : fixes
        return entry
    }
}

extension AuditReport.NoteEntry {
    /// The entry of a note whose annotations were not anchored: `total` of them.
    fileprivate func counted(_ total: Int) -> AuditReport.NoteEntry {
        var entry = self
        entry.summary.total = total
        return entry
    }
}
