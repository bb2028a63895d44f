public import Notes

extension Anchorer {
    /// Every place considered for an annotation, for explaining `verdict`
    /// (its result from ``anchor(_:)-([Annotation])``): method, page, text,
    /// edits, context similarities, score, whether it would be accepted on
    /// its own, and why it was not taken. Matches overlapping a better one
    /// are the same place and are left out.
    public func explain(_ annotation: Annotation, verdict: AnchorResult) -> Explanation {
        guard annotation.kind == .highlight, let quote = annotation.quote else {
            return Explanation(annotation: annotation, verdict: verdict, places: [])
        }
        let query = Query(quote, hint: hint(for: annotation.position))
        let m = query.quote.count
        guard m > 0 else { return Explanation(annotation: annotation, verdict: verdict, places: []) }
        var placements = index.occurrences(of: query.quote).map { start in
            placement([start..<(start + m)], errors: 0, method: .exact, query: query)
        }
        let likely = index.likelyStarts(of: query.quote)
        placements += approximate(query, maxErrors: max(1, Int(Double(m) * options.maxErrorRate)), likely: likely)
        if let pieces = inPieces(query, likely: likely) { placements.append(pieces) }
        // Each place once: its best match.
        var kept: [Placement] = []
        let ranked = placements.sorted { (a: Placement, b: Placement) -> Bool in
            a.score > b.score || (a.score == b.score && a.errors < b.errors)
        }
        for placement in ranked where !kept.contains(where: { sharePlace($0, placement) }) {
            kept.append(placement)
        }
        let taken = verdict.segments ?? []
        let takenPage = verdict.pageLabel.map { "p. \($0) (page \(verdict.page ?? 0))" }
        let places = kept.map { placement -> AnchorResult.Candidate in
            var place = candidate(placement)
            place.method = placement.method
            let short = m < options.shortQuoteLength
            let accepted =
                placement.errors == 0
                ? (short ? placement.contextConfirmsShortQuote(options) : placement.contextConfirms(options))
                : acceptable(placement, length: m, query: query)
            place.accepted = accepted
            if verdict.isFound, placement.segments.contains(where: { s in taken.contains { $0.overlaps(s) } }) {
                place.taken = true
            } else if !accepted {
                place.reason = whyNot(placement, length: m, query: query)
            } else if let takenPage {
                // A copy alike (as many edits, the same score): the position chose.
                let alike = placement.errors == verdict.errors && abs(placement.score - (verdict.score ?? -1)) < 0.001
                place.reason = alike ? "fits as well; the position points to the one taken: \(takenPage)" : "another place fits better: \(takenPage)"
            } else {
                place.reason = verdict.reason ?? "not taken"
            }
            return place
        }
        return Explanation(annotation: annotation, verdict: verdict, places: places)
    }

    /// Whether two matches are of one place (they overlap).
    private func sharePlace(_ a: Placement, _ b: Placement) -> Bool {
        a.segments.contains { x in b.segments.contains { y in x.overlaps(y) } }
    }

    /// Why a match is not acceptable on its own: the first of the checks of
    /// ``acceptable(_:length:query:)`` (and, for a verbatim match, of its
    /// context) that it fails.
    private func whyNot(_ placement: Placement, length m: Int, query: Query) -> String {
        let context = "prefix \(percent(placement.prefix)), suffix \(percent(placement.suffix)) alike"
        if placement.errors > 0, !editsWithinLimit(placement, length: m) {
            return "\(placement.errors) edits: more than \(percent(options.maxErrorRate)) of the quote"
        }
        if placement.errors > 0, !numbersAgree(query.numbers, all: query.allNumbers, placement) {
            return "a number in it is not the quote's"
        }
        if !placement.contextConfirms(options) {
            return "the text around it is not the stored context (\(context))"
        }
        if placement.score < options.minFuzzyScore {
            return "its score is below \(options.minFuzzyScore)"
        }
        return "not acceptable on its own (\(context))"
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
