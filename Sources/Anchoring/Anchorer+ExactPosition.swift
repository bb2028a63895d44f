import Notes

// Repeated text: which copy a position that is exact points to.

extension Anchorer {
    /// An annotation found for sure (``isSure(_:query:)``): where its match
    /// starts and where its position says it starts.
    struct Witness: Sendable, Hashable {
        /// Matching-text offset of the match's first character.
        var match: Int
        /// Its TextPositionSelector's start (UTF-16 units of PDF.js's text).
        var pdfjs: Int

        /// The witnesses among `annotations` anchored as `decided`: each
        /// found as it is, sure of its place, with a position; sorted by
        /// place.
        static func sure(annotations: [Annotation], decided: [(result: AnchorResult, final: Bool, sure: Bool)]) -> [Witness] {
            zip(annotations, decided).compactMap { annotation, decision -> Witness? in
                guard decision.sure, decision.result.status == .anchored, let match = decision.result.matchStart,
                    let position = annotation.position
                else { return nil }
                return Witness(match: match, pdfjs: position.start)
            }.sorted { $0.match < $1.match }
        }
    }

    /// Of `places` — copies of the quote that fit it and its context alike —
    /// the one where the position points exactly, or nil.
    ///
    /// The rule: the position model (``DocumentIndex/pdfjsDistance(from:to:)``,
    /// PDF.js's text as estimated from Poppler's) is exact around a place
    /// when two witnesses — the nearest before it (or the document's start)
    /// and the nearest after it, every page between them read — are as far
    /// apart in the model as their positions say, to the UTF-16 unit. A
    /// place whose start then falls exactly where the annotation's position
    /// starts, counted from the witness before it, is taken, when it is the
    /// only one. A position shifted against the text (another PDF.js
    /// version, a replaced PDF) breaks the witnesses' agreement and picks
    /// nothing: the copies stay ambiguous.
    func exactlyAtPosition(_ places: [Placement], query: Query) -> Placement? {
        guard let position = query.position, !witnesses.isEmpty else { return nil }
        let start: [Witness] = index.pages.first?.isLoaded == true ? [Witness(match: 0, pdfjs: 0)] : []
        let all = start + witnesses
        let exact = places.filter { place in
            guard let before = all.last(where: { $0.match <= place.start }),
                let after = all.first(where: { $0.match >= place.end }),
                index.pdfjsDistance(from: before.match, to: after.match) == after.pdfjs - before.pdfjs,
                let into = index.pdfjsDistance(from: before.match, to: place.start)
            else { return false }
            return before.pdfjs + into == position.start
        }
        return exact.count == 1 ? exact[0] : nil
    }
}
