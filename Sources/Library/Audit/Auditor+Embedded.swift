import Anchoring
import Foundation
import PDFCore

// The annotations the PDFs hold themselves: which PDFs' are read (those no
// earlier audit read as the file is), and how they stand against the notes.

extension Auditor {
    /// What is known of the PDFs' own annotations before anchoring, and
    /// what is to be read: every PDF with a fingerprint that Poppler is not
    /// known to fail on, read by its job (one without items for a PDF whose
    /// notes' results are all cached, or that no note uses).
    struct EmbeddedWork {
        /// Inventories cached by an earlier audit of the file as it is.
        var known: [String: EmbeddedInventory] = [:]
        /// The PDFs whose annotations are read now.
        var read = Set<String>()
        /// The PDFs whose cached inventory holds markup: their jobs keep where
        /// the notes' annotations were found.
        var keepPlaces: Set<String> {
            Set(known.filter { !$0.value.markup.isEmpty }.keys)
        }
    }

    /// Which PDFs' own annotations are cached, and which are to be read.
    func embeddedWork(_ pdfs: [String], statuses: [String: AuditCache.PDFStatus], cache: AuditCache?) -> EmbeddedWork {
        var work = EmbeddedWork()
        guard anchoring, readsEmbedded else { return work }
        for path in pdfs {
            guard case .success? = statuses[path]?.fingerprint, statuses[path]?.openError == nil else { continue }
            if let identity = AuditCache.FileIdentity.of(path), let inventory = cache?.embedded(path: path, identity: identity) {
                work.known[path] = inventory
            } else {
                work.read.insert(path)
            }
        }
        return work
    }

    /// Fills in each PDF entry's own annotations (which of its highlights
    /// the notes of its document hold: those matched to it or to a copy of
    /// it with its fingerprint) and its fix, and counts them.
    func embedded(
        _ pdfs: inout [AuditReport.PDFEntry], paths: [String], plans: [NotePlan], results: Results, statuses: [String: AuditCache.PDFStatus],
        cache: AuditCache?
    ) -> AuditReport.EmbeddedSummary? {
        guard anchoring, readsEmbedded else { return nil }
        // The groups of each document (by fingerprint), wherever its copies are.
        func document(_ path: String) -> String? {
            if case .success(let value)? = statuses[path]?.fingerprint { return value.primary }
            return nil
        }
        var groups: [String: [WorkKey]] = [:]
        for (n, plan) in plans.enumerated() {
            for (g, group) in plan.groups.enumerated() {
                if let pdf = group.pdf, let key = document(pdf) { groups[key, default: []].append(WorkKey(note: n, group: g)) }
            }
        }
        var summary = AuditReport.EmbeddedSummary()
        for (k, path) in paths.enumerated() {
            guard let inventory = results.inventories[path] else { continue }
            if let error = inventory.error {
                pdfs[k].embedded = AuditReport.Embedded()
                pdfs[k].embedded?.error = error
                summary.unreadable += 1
                continue
            }
            guard inventory.total > 0 else { continue }
            let keys = document(path).flatMap { groups[$0] } ?? []
            let ids = Set(keys.flatMap { plans[$0.note].groups[$0.group].members.map(\.id) })
            let presence = inventory.match(ids: ids) { keys.flatMap { places(of: $0, plans: plans, results: results, cache: cache) } }
            var entry = AuditReport.Embedded()
            entry.total = inventory.total
            entry.kinds = inventory.kinds
            entry.subtypes = inventory.subtypes
            entry.replies = inventory.replies
            entry.markup = inventory.markup.count
            entry.sameID = presence.filter { $0 == .sameID }.count
            entry.samePlace = presence.filter { $0 == .samePlace }.count
            let only = zip(inventory.markup, presence).filter { $0.1 == .onlyInPDF }.map(\.0)
            entry.onlyInPDF = only.count
            if !only.isEmpty {
                entry.onlyInPDFHighlights = only.map { .init(page: $0.page, subtype: $0.subtype, id: $0.id, name: $0.name) }
                pdfs[k].fixes = (pdfs[k].fixes ?? []) + [.importHighlights(pdfs[k].path, count: only.count, into: pdfs[k].referencedBy.first)]
                summary.pdfsToImport += 1
                if pdfs[k].referencedBy.isEmpty { summary.unreferencedWithHighlights += 1 }
            }
            pdfs[k].embedded = entry
            summary.pdfs += 1
            summary.annotations += entry.total
            summary.replies += entry.replies
            summary.markup += entry.markup
            summary.inNotes += entry.inNotes
            summary.onlyInPDF += entry.onlyInPDF
        }
        return summary
    }

    /// Where the annotations of one group were found: from its results of
    /// this audit, else (a report of counts from the cache) from its cached report.
    private func places(of key: WorkKey, plans: [NotePlan], results: Results, cache: AuditCache?) -> [EmbeddedInventory.NoteAnnotation] {
        var found = results.reports[key]?.annotations
        if found == nil, results.summaries[key] != nil, let cacheKey = plans[key.note].groups[key.group].cacheKey {
            found = cache?.report(key: CacheKey(rawValue: cacheKey))?.annotations
        }
        return (found ?? []).filter { !$0.rects.isEmpty }.map { EmbeddedInventory.NoteAnnotation(id: $0.id, rects: $0.rects) }
    }
}
