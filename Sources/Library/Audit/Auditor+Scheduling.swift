import Anchoring
import Foundation
import Notes
import PDFCore

// The audit's work in parallel: fingerprinting the PDFs, planning the notes,
// anchoring one PDF per task (in this process or in workers).

extension Auditor {
    typealias Member = NotePlan.Member

    struct WorkKey: Hashable, Sendable {
        var note: Int
        var group: Int
    }

    struct Work: Sendable {
        var key: WorkKey
        var notePath: String
        var members: [Member]
        /// The annotations, when they are anchored in this process.
        var source: AnnotationSource?
        var located: PDFLocator.Located
        var cacheKey: CacheKey
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
    func planAll(_ paths: [String], matcher: NoteMatcher, cache: AuditCache?, state: String) async -> [(String, NotePlan?)] {
        let isolated = isolation != .inProcess
        return await withTaskGroup(of: [(Int, String, NotePlan?)].self) { group in
            let workers = max(1, jobs)
            for worker in 0..<workers {
                group.addTask {
                    stride(from: worker, to: paths.count, by: workers).map { n in
                        let path = paths[n]
                        guard NoteFile.fits(path), let data = FileManager.default.contents(atPath: path) else { return (n, path, nil) }
                        let hash = Checksum.sha256(data)
                        let planKey = CacheKey.plan(noteHash: hash, state: state, version: pdfAnchorVersion + "/" + NotePlan.format)
                        var plan: NotePlan
                        var parsed = false
                        let keep = keepAnnotations && (keepOnly?.contains(path) ?? true)
                        if !keep, let record = cache?.plan(note: path, key: planKey),
                            var remembered = try? JSONDecoder().decode(NotePlan.self, from: record), remembered.path == path
                        {
                            remembered.hash = hash
                            plan = remembered
                        } else {
                            let source = AnnotationSource(path: path, bytes: [UInt8](data))
                            plan = matcher.plan(for: source)
                            plan.hash = hash
                            parsed = true
                            if let record = try? JSONEncoder().encode(plan) { cache?.store(plan: record, note: path, key: planKey) }
                            if keep { plan.entry.source = source }
                        }
                        lookUp(&plan, hash: hash, cache: cache)
                        // Anchoring here needs the annotations: read the note after all.
                        if !parsed, anchoring, !isolated, plan.groups.contains(where: { $0.cached == nil && $0.cacheKey != nil }) {
                            plan = matcher.plan(for: AnnotationSource(path: path, bytes: [UInt8](data)))
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
            let key = CacheKey.report(noteHash: hash, pdf: pdf, identity: identity, version: pdfAnchorVersion + "#\(g)")
            plan.groups[g].cacheKey = key.rawValue
            if !detail, let counts = cache?.reportCounts(key: key) {
                plan.groups[g].cached = .summary(counts.summary, orphans: counts.orphans)
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
            text += path + "\t" + (AuditCache.FileIdentity.of(path)?.key.rawValue ?? "-") + "\t"
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
    func statusAll(_ paths: [String], cache: AuditCache?) async -> [String: AuditCache.PDFStatus] {
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

    /// Anchors the work, one PDF per task and `jobs` tasks at a time, and
    /// reads the annotations of the PDFs in `embedded` that it says to
    /// read (a PDF with no work: a task of its own).
    func anchorAll(
        _ work: [String: [Work]], fingerprints: [String: Result<PDFFingerprint, PDFError>], embedded: EmbeddedWork,
        counter: ProgressCounter, cache: AuditCache?, pool workers: WorkerPool?
    ) async -> (outcomes: [Outcome], inventories: [String: EmbeddedInventory]) {
        // Largest documents first (by bytes: a 1,600-page manual takes as
        // long as dozens of papers), so that the last task is a short one
        // and no core waits on one long PDF at the end; the PDFs only read
        // for their own annotations (quick) last.
        var bytes: [String: Int] = [:]
        for pdf in work.keys {
            var info = stat()
            bytes[pdf] = stat(pdf, &info) == 0 ? Int(info.st_size) : 0
        }
        func order(_ pdf: String) -> (Int, Int, Int, String) {
            let count = work[pdf]?.count ?? 0
            return (count > 0 ? 1 : 0, bytes[pdf] ?? 0, count, pdf)
        }
        let pdfs = work.keys.sorted { order($0) > order($1) }
        let keepPlaces = embedded.keepPlaces
        return await withTaskGroup(of: (outcomes: [Outcome], inventory: EmbeddedInventory?, pdf: String).self) { group in
            var outcomes: [Outcome] = []
            var inventories: [String: EmbeddedInventory] = [:]
            var next = 0
            func add() {
                guard next < pdfs.count else { return }
                let pdf = pdfs[next]
                next += 1
                let items = work[pdf] ?? []
                let fingerprint = fingerprints[pdf]
                let reads = embedded.read.contains(pdf)
                let places = keepPlaces.contains(pdf)
                group.addTask {
                    guard case .success(let value)? = fingerprint else {
                        let reason: String
                        if case .failure(let error)? = fingerprint { reason = error.reason } else { reason = "no such file" }
                        let outcomes = failed(items, pdf: pdf, reason: reason)
                        counter.advance(by: items.count, annotations: items.reduce(0) { $0 + $1.members.count })
                        return (outcomes, nil, pdf)
                    }
                    let done = await anchor(items, pdf: pdf, fingerprint: value, readEmbedded: reads, keepPlaces: places, pool: workers, cache: cache)
                    counter.advance(by: items.count, annotations: items.reduce(0) { $0 + $1.members.count })
                    return (done.outcomes, done.inventory, pdf)
                }
            }
            for _ in 0..<max(1, jobs) { add() }
            for await batch in group {
                outcomes += batch.outcomes
                if let inventory = batch.inventory { inventories[batch.pdf] = inventory }
                add()
            }
            return (outcomes, inventories)
        }
    }

    /// Anchors one PDF's work: one ``PDFJob``, run here or in a worker
    /// process (which stores the results in the cache itself); with
    /// `readEmbedded`, the annotations the PDF holds itself are read too.
    private func anchor(
        _ items: [Work], pdf: String, fingerprint: PDFFingerprint, readEmbedded: Bool, keepPlaces: Bool, pool: WorkerPool?, cache: AuditCache?
    ) async -> (outcomes: [Outcome], inventory: EmbeddedInventory?) {
        let job = PDFJob(
            pdf: pdf, fingerprint: fingerprint,
            items: items.map {
                .init(note: $0.notePath, noteHash: $0.noteHash, ids: $0.members.map(\.id), located: $0.located, cacheKey: $0.cacheKey)
            },
            cacheVault: cache == nil ? nil : vault.root, detail: detail, options: options, readAll: readAll, readEmbedded: readEmbedded,
            keepPlaces: keepPlaces)
        let result = pool == nil ? await job.run(sources: items.map(\.source), cache: cache) : await pool!.run(job)
        var inventory = result.embedded
        if readEmbedded, inventory == nil, items.isEmpty {
            // The worker crashed or overran its time on this PDF: remembered, not tried at every audit.
            let failure = EmbeddedInventory(error: result.error ?? "the worker gave no result")
            if let identity = AuditCache.FileIdentity.of(pdf) { cache?.store(embedded: failure, path: pdf, identity: identity) }
            inventory = failure
        }
        return (outcomes(of: result, items: items, pdf: pdf), inventory)
    }

    /// Each item's outcome from the job's result.
    private func outcomes(of result: PDFJob.Result, items: [Work], pdf: String) -> [Outcome] {
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

    static func unusable(_ member: Member, reason: String) -> AnchorResult {
        var result = AnchorResult(id: member.id, status: member.isHighlight ? .orphaned : .skipped)
        if member.isHighlight {
            result.explain(.notChecked, "not checked: \(reason)")
        } else {
            result.explain(.noPassage, "a page note or a reply: nothing to anchor")
        }
        return result
    }
}
