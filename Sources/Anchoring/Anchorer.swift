public import Notes
import PDFCore

/// The thresholds of the anchorer. The defaults were calibrated on the
/// sample vault (`SamplePDFs/`, ground truth from PDF.js), where they give
/// no false anchor; see the README for the figures.
public struct AnchorOptions: Sendable, Hashable, Codable {
    /// A fuzzy match may edit at most this fraction of the quote's matching characters.
    public var maxErrorRate = 0.25
    /// Quotes with fewer matching characters than this are "short" (one to
    /// three words): they are accepted only where their context agrees.
    public var shortQuoteLength = 24
    /// A match is confirmed by its context when one side (prefix or suffix,
    /// similarity 0…1) reaches ``strongContext`` and the other
    /// ``weakContext``, or both reach ``minContext``. A side with nothing
    /// stored counts 0.5.
    public var strongContext = 0.85
    /// The similarity, 0…1, the other side of the context must reach beside a strong one.
    public var weakContext = 0.5
    /// The similarity, 0…1, both sides of the context reaching it confirm a place on their own.
    public var minContext = 0.7
    /// Quotes at least this long that occur once, verbatim, are accepted
    /// without a confirming context when nothing better is found.
    public var verbatimLength = 120
    /// An approximate or split match scoring below this is rejected.
    public var minFuzzyScore = 0.72
    /// Quotes at least this long (matching characters) found exactly are
    /// accepted without a confirming context; shorter ones — a phrase that
    /// may well occur in another paper too — need one. A quote this long
    /// with no context stored at all may also be found with few edits.
    public var trustedLength = 60

    /// Pieces of a split quote must be at least this long (matching characters).
    public var minPieceLength = 12
    /// A quote found in pieces must have this fraction of its characters covered.
    public var minCoverage = 0.9

    /// The options PDFAnchor uses (the values above).
    public init() {}
}

/// Finds annotations in a PDF: the heart of `pdfanchor check`.
///
/// Uses the TextPositionSelector only as a hint of where to look; finds the
/// TextQuoteSelector's quote exactly, then approximately (Myers), then in
/// pieces (when the PDF's reading order differs from PDF.js's, or the quote
/// runs across a page break); scores every candidate with the quote, its
/// prefix and suffix and the position hint like Hypothesis does, but accepts
/// only what clears calibrated thresholds and reports ties as ambiguous. A
/// wrong anchor is worse than an orphan.
public struct Anchorer: Sendable {
    /// The pages searched.
    public let index: DocumentIndex
    /// How strict the search is.
    public var options: AnchorOptions
    /// Other annotations' places, sure ones, with their positions (sorted by
    /// place): where the position model is exact (see
    /// ``exactlyAtPosition(_:query:)``).
    var witnesses: [Witness] = []

    /// An anchorer searching `index` with `options`.
    public init(index: DocumentIndex, options: AnchorOptions = AnchorOptions()) {
        self.index = index
        self.options = options
    }

    /// A place considered for an annotation.
    struct Placement {
        /// Matching-text ranges, in quote order.
        var segments: [Range<Int>]
        /// For pieces: the quote ranges (matching characters) they cover.
        var quoteRanges: [Range<Int>]? = nil
        /// For pieces: how many jumps join pieces at a clear break in the
        /// layout (a line end, another column) rather than a mere word end.
        var cleanJumps = 0
        var errors: Int
        /// Of ``errors``, those a match gained when stretched to meet its
        /// stored context (``Anchorer/snapToContext(_:query:maxErrors:)``):
        /// the reworded edge of a quote, not counted against the limit.
        var stretch = 0
        var method: AnchorResult.Method
        var quote: Double
        var prefix: Double
        var suffix: Double
        var position: Double
        var score: Double { (50 * quote + 20 * prefix + 20 * suffix + 2 * position) / 92 }
        /// Stored context lengths, to turn similarities back into edits.
        var prefixLength = 0
        var suffixLength = 0
        /// Edits (and distance) between the stored context and the text
        /// around this place: what tells places of the same quote apart.
        var contextDistance: Double {
            (1 - prefix) * Double(prefixLength) + (1 - suffix) * Double(suffixLength)
        }
        var start: Int { segments.first!.lowerBound }
        var end: Int { segments.last!.upperBound }
        /// The context's verdict: one side matches closely and the other
        /// roughly, or both match well.
        func contextConfirms(_ options: AnchorOptions) -> Bool {
            let strong = max(prefix, suffix)
            let weak = min(prefix, suffix)
            return (strong >= options.strongContext && weak >= options.weakContext) || weak >= options.minContext
        }
        /// The verdict for a quote of one to three words, which says almost
        /// nothing itself: one side of its context must match closely.
        func contextConfirmsShortQuote(_ options: AnchorOptions) -> Bool {
            max(prefix, suffix) >= options.strongContext && min(prefix, suffix) >= options.weakContext
        }
        /// True when neither a prefix nor a suffix was stored.
        var hasNoContext: Bool { prefix == Anchorer.noContext && suffix == Anchorer.noContext }
    }

    /// The normalized selectors of one annotation, and its position hint.
    struct Query {
        var quote: [UInt32]
        /// The numbers of the quote that stand alone (runs of digits not
        /// touching a letter, read from its text with its spaces, which the
        /// matching view drops), with where they are in ``quote``: each must
        /// be in the match.
        var numbers: [NumberSpan] = []
        /// Every run of digits of the quote, letters beside it or not: what
        /// a number in the match may be without having been changed.
        var allNumbers: [NumberSpan] = []
        var prefix: [UInt32]
        var suffix: [UInt32]
        /// Where the position selector suggests the quote starts, in matching-text offsets.
        var hint: Int?
        /// The position selector itself (UTF-16 units of PDF.js's text), for
        /// ``Anchorer/exactlyAtPosition(_:query:)``.
        var position: TextPositionSelector?

        init(quote: [UInt32], numbers: [NumberSpan] = [], allNumbers: [NumberSpan] = [], prefix: [UInt32], suffix: [UInt32], hint: Int?) {
            self.quote = quote
            self.numbers = numbers
            self.allNumbers = allNumbers
            self.prefix = prefix
            self.suffix = suffix
            self.hint = hint
        }

        /// The query for a TextQuoteSelector.
        init(_ selector: TextQuoteSelector, hint: Int?) {
            var builder = MatchTextBuilder()
            let quote = builder.build(selector.exact)
            self.init(
                quote: quote.characters,
                numbers: Anchorer.numberSpans(in: selector.exact, standalone: true, match: quote),
                allNumbers: Anchorer.numberSpans(in: selector.exact, match: quote),
                prefix: builder.build(selector.prefix).characters, suffix: builder.build(selector.suffix).characters, hint: hint)
        }
    }

    /// Anchors one annotation, with user-space quadrilaterals.
    public func anchor(_ annotation: Annotation) -> AnchorResult {
        anchor(annotation, hint: hint(for: annotation.position))
    }

    /// Anchors one annotation with a given position hint (matching-text offset).
    func anchor(_ annotation: Annotation, hint: Int?) -> AnchorResult {
        anchorDeciding(annotation, hint: hint).result
    }

    /// Anchors one annotation with a given position hint, and says whether
    /// reading more of the document could change the result (see
    /// ``isFinal(_:query:)``) and whether the match is sure enough to place
    /// its page (see ``isSure(_:query:)``).
    func anchorDeciding(_ annotation: Annotation, hint: Int?) -> (result: AnchorResult, final: Bool, sure: Bool) {
        var result = AnchorResult(id: annotation.id, status: .orphaned)
        switch annotation.kind {
        case .pageNote:
            result.status = .skipped
            result.explain(.pageNote, "a page note: it has no passage to find")
            return (result, true, false)
        case .reply:
            result.status = .skipped
            result.explain(.reply, "a reply to another annotation: it has no passage of its own")
            return (result, true, false)
        case .highlight:
            break
        }
        guard let quote = annotation.quote else {
            result.explain(.noQuote, "no TextQuoteSelector: there is no quote to look for")
            return (result, true, false)
        }
        var query = Query(quote, hint: hint)
        query.position = annotation.position
        result.positionPage = query.hint.map { index.pageIndex(at: $0) + 1 }
        guard !query.quote.isEmpty else {
            result.explain(.quoteWithoutText, "the quote has no letters, digits or symbols to match")
            return (result, true, false)
        }
        switch locate(query) {
        case .found(let found):
            let placement = trimmedAtPageBreaks(found, query: query)
            fill(&result, with: placement)
            result.quads = index.quads(of: result.rects)
            result.status = placement.errors == 0 ? .anchored : .fuzzy
            return (result, isFinal(placement, query: query), isSure(placement, query: query))
        case .rejected(let code, let reason, let best):
            result.explain(code, reason)
            if let best { result.bestCandidate = candidate(best) }
            return (result, false, false)
        }
    }

    /// Anchors many annotations, with user-space quadrilaterals.
    ///
    /// Position hints drift over long documents (PDF.js's offsets are not
    /// Poppler's). So annotations found at one place with certainty calibrate
    /// the others: those left orphaned are tried again with hints
    /// interpolated between the nearest calibrated positions.
    public func anchor(_ annotations: [Annotation]) -> [AnchorResult] {
        let decided = annotations.map { anchorDeciding($0, hint: hint(for: $0.position)) }
        var results = decided.map(\.result)
        let calibration = Calibration(annotations: annotations, results: results, index: index)
        if !calibration.points.isEmpty {
            for k in results.indices where results[k].status == .orphaned {
                guard let position = annotations[k].position, let corrected = calibration.hint(for: position.start) else { continue }
                let retry = anchor(annotations[k], hint: corrected)
                if retry.isFound { results[k] = retry }
            }
        }
        // Copies alike that the position did not tell apart: told apart where
        // the position model is exact, by the sure places of the others.
        let ambiguous = results.indices.filter { results[$0].reasonCode == .ambiguous && annotations[$0].position != nil }
        if !ambiguous.isEmpty {
            var witnessed = self
            witnessed.witnesses = Witness.sure(annotations: annotations, decided: decided)
            for k in ambiguous where !witnessed.witnesses.isEmpty {
                let retry = witnessed.anchor(annotations[k], hint: hint(for: annotations[k].position))
                if retry.isFound { results[k] = retry }
            }
        }
        return results
    }

    // MARK: Where to look

    /// Pairs of (PDF.js offset, matching-text offset) from annotations found
    /// exactly at one place, to correct position hints.
    struct Calibration {
        var points: [(pdfjs: Int, match: Int)] = []

        init(annotations: [Annotation], results: [AnchorResult], index: DocumentIndex) {
            for (annotation, result) in zip(annotations, results) {
                guard result.status == .anchored, result.pieces == 1, let position = annotation.position,
                    let start = result.matchStart
                else { continue }
                points.append((position.start, start))
            }
            points.sort { $0.pdfjs < $1.pdfjs }
        }

        /// The matching-text offset for PDF.js offset `start`, interpolated
        /// between the nearest points (shifted from the nearest one at the ends).
        func hint(for start: Int) -> Int? {
            guard let first = points.first else { return nil }
            guard let upper = points.firstIndex(where: { $0.pdfjs >= start }) else {
                let last = points.last!
                return last.match + (start - last.pdfjs)
            }
            if upper == 0 { return max(0, first.match - (first.pdfjs - start)) }
            let a = points[upper - 1]
            let b = points[upper]
            guard b.pdfjs > a.pdfjs else { return a.match }
            let fraction = Double(start - a.pdfjs) / Double(b.pdfjs - a.pdfjs)
            return a.match + Int(fraction * Double(b.match - a.match))
        }
    }

    /// The matching-text offset a TextPositionSelector points at (see
    /// ``DocumentIndex/matchOffset(forPDFjsOffset:)``).
    func hint(for position: TextPositionSelector?) -> Int? {
        guard let position else { return nil }
        return index.matchOffset(forPDFjsOffset: position.start)
    }

    enum Outcome {
        case found(Placement)
        case rejected(AnchorResult.ReasonCode, String, Placement?)
    }

    /// Finds `query`'s quote: as it is, confirmed by its context; else with
    /// edits or in pieces; else a long quote found verbatim once. Says why
    /// not when none is accepted.
    func locate(_ query: Query) -> Outcome {
        let m = query.quote.count
        let short = m < options.shortQuoteLength

        // 1. The quote as it is, confirmed by its context.
        let exact = placements(index.occurrences(of: query.quote), length: m, method: .exact, query: query)
        if let outcome = confirmedExact(exact, query: query, short: short) { return outcome }

        // 2. The quote with edits, and the quote in pieces (the PDF's reading
        // order differs, or it runs across a page break): the fewer edits win.
        let maxErrors = max(1, Int(Double(m) * options.maxErrorRate))
        let likely = index.likelyStarts(of: query.quote)
        let fuzzy = approximate(query, maxErrors: maxErrors, likely: likely)
        let pieces = inPieces(query, likely: likely)
        let accepted = (fuzzy + (pieces.map { [$0] } ?? [])).filter { acceptable($0, length: m, query: query) }
        if let outcome = fewestEdits(accepted, query: query) { return outcome }

        // 3. A long quote found verbatim once, its context lost (the PDF's
        // reading order scatters it): accepted.
        if exact.count == 1, m >= options.verbatimLength {
            return .found(exact[0])
        }
        return rejection(exact: exact, others: fuzzy + (pieces.map { [$0] } ?? []), length: m)
    }

    /// Step 1 of ``locate(_:)``: the best of the `exact` places (the quote
    /// as it is) that their context confirms; for a `short` quote (one to
    /// three words) that none is confirmed, why it is rejected; else nil.
    private func confirmedExact(_ exact: [Placement], query: Query, short: Bool) -> Outcome? {
        let m = query.quote.count
        // A verbatim quote with one side of its context verbatim too is confirmed.
        let confirmedExact = exact.filter {
            (short ? $0.contextConfirmsShortQuote(options) : $0.contextConfirms(options))
                || ($0.hasNoContext && m >= options.trustedLength) || (!short && max($0.prefix, $0.suffix) >= 0.95)
        }
        if !confirmedExact.isEmpty {
            return choose(confirmedExact, all: exact, query: query)
        }
        if short {
            if exact.isEmpty {
                return .rejected(.notFound, "the quote is too short to find with edits, and it is not in the PDF as it is", nil)
            }
            let pages = Set(exact.map { index.pageIndex(at: $0.start) + 1 }).sorted()
            return .rejected(
                .contextMismatch,
                "a short quote found \(exact.count) time\(exact.count == 1 ? "" : "s") (page\(pages.count == 1 ? "" : "s") \(pages.prefix(6).map(String.init).joined(separator: ", "))), but its context confirms none of them",
                exact.max { $0.score < $1.score })
        }
        return nil
    }

    /// Step 2 of ``locate(_:)``: of the `accepted` approximate and split
    /// matches, the one with the fewest edits (a jump between pieces costs
    /// a few), unless the position points to another that fits too; nil
    /// when none was accepted.
    private func fewestEdits(_ accepted: [Placement], query: Query) -> Outcome? {
        // A jump between pieces costs like a few edits when ranking against
        // an approximate match of the whole quote: two at a clear break in
        // the layout, eight at a mere word end.
        let jumps = { (p: Placement) in p.errors + 2 * p.cleanJumps + 8 * (p.segments.count - 1 - p.cleanJumps) }
        // Rule: of two matches of the same place, the one with its context
        // verbatim right beside it on both sides spans the whole quote; one
        // without may have dropped the quote's end (an edit-distance match
        // that stops short costs fewer edits than one that spans text PDF.js
        // left out). The whole one wins when within 16 edits.
        let hugs = { (p: Placement) -> Bool in
            let beside = self.verbatimContext(query, start: p.start, end: p.end)
            return beside.prefix >= min(8, query.prefix.count) && beside.suffix >= min(8, query.suffix.count)
                && !query.prefix.isEmpty && !query.suffix.isEmpty
        }
        let hugging = Set(accepted.indices.filter { hugs(accepted[$0]) })
        let cost = { (k: Int) -> Int in
            let p = accepted[k]
            guard hugging.contains(k) else { return jumps(p) }
            let sharesPlace = accepted.indices.contains { j in !hugging.contains(j) && self.overlaps(accepted[j], p) }
            return sharesPlace ? jumps(p) - 16 : jumps(p)
        }
        let costs = accepted.indices.map(cost)
        guard let fewest = costs.min() else { return nil }
        let contenders = accepted.indices.filter { costs[$0] <= fewest + max(1, fewest / 10) }.map { accepted[$0] }
        let outcome = choose(contenders, all: accepted, query: query)
        // Another place that fits too, less closely, where the position
        // says the highlight was made: the closer text is not enough to
        // say which one was meant (a stale quote of a passage printed
        // twice).
        if case .found(let best) = outcome, let hint = query.hint,
            let there = nearestToPosition(distinct(accepted, preferring: best), hint: hint), !overlaps(there, best)
        {
            let pages = [best, there].map { String(index.pageIndex(at: $0.start) + 1) }
            return .rejected(
                .ambiguous,
                "ambiguous: the quote fits page \(pages[0]) best, but the annotation was made where it also fits, on page \(pages[1])",
                best)
        }
        return outcome
    }

    /// Why ``locate(_:)`` found nothing, with the best-scoring place
    /// considered: the `exact` places (the quote as it is) and the `others`
    /// (approximate and split matches), for a quote of `m` matching
    /// characters.
    private func rejection(exact: [Placement], others: [Placement], length m: Int) -> Outcome {
        let rejectedBest = (exact + others).max { $0.score < $1.score }
        if let best = rejectedBest {
            if best.errors == 0, best.segments.count > 1 {
                return .rejected(
                    .contextMismatch,
                    "found in \(best.segments.count) pieces (the PDF's reading order differs), but the text around them does not match the annotation's context",
                    best)
            }
            if best.errors == 0 {
                return .rejected(
                    .contextMismatch,
                    "found \(exact.count) time\(exact.count == 1 ? "" : "s") as it is, but the text around it does not match the annotation's context",
                    best)
            }
            let percent = Int((Double(best.errors) / Double(m) * 100).rounded())
            return .rejected(
                .notFound,
                "not found: the closest text differs by \(best.errors) edit\(best.errors == 1 ? "" : "s") (\(percent)% of the quote) and its context does not confirm it",
                best)
        }
        return .rejected(.notFound, "not found: no text in the PDF resembles the quote", nil)
    }

    /// Whether an approximate or split match may be accepted: few enough
    /// edits, and a context that confirms it (only a long, nearly intact
    /// quote with no context stored at all is taken on its own).
    func acceptable(_ placement: Placement, length: Int, query: Query) -> Bool {
        guard editsWithinLimit(placement, length: length) else { return false }
        // Edits may fix a typo or an OCR slip, not turn 3545 into 700.
        if let ranges = placement.quoteRanges {
            // Pieces match exactly; what they leave out is missing, not
            // different — but a number a piece covers only in part is checked
            // whole: its other digits were changed, not lost.
            let touched = { (span: NumberSpan) in ranges.contains { $0.overlaps(span.match) } }
            guard numbersAgree(query.numbers.filter(touched), all: query.allNumbers.filter(touched), placement) else { return false }
        } else {
            guard numbersAgree(query.numbers, all: query.allNumbers, placement) else { return false }
        }
        if placement.contextConfirms(options) { return placement.score >= options.minFuzzyScore }
        // A long quote found nearly whole, one side of its context verbatim:
        // the other side is lost to the layout (a table read by columns).
        if length >= options.trustedLength, placement.quote >= 0.95, max(placement.prefix, placement.suffix) >= 0.95 { return true }
        return placement.hasNoContext && length >= options.trustedLength && placement.quote >= 0.9
    }

    /// Whether a match of a quote of `length` matching characters has few
    /// enough edits (``AnchorOptions/maxErrorRate``), those gained by
    /// stretching it to its context aside.
    func editsWithinLimit(_ placement: Placement, length: Int) -> Bool {
        placement.quote + Double(placement.stretch) / Double(max(1, length)) >= 1 - options.maxErrorRate
    }

    /// Picks the best of several acceptable candidates. Candidates that
    /// overlap the best one are the same place. Another place scoring alike
    /// makes the annotation ambiguous — unless the position hint tells them
    /// apart (one within a page of it, the others not).
    func choose(_ candidates: [Placement], all: [Placement], query: Query) -> Outcome {
        let sorted = candidates.sorted { $0.score > $1.score || ($0.score == $1.score && $0.errors < $1.errors) }
        guard var best = sorted.first else { return .rejected(.notFound, "not found", nil) }
        // Places alike: as many quote edits, and contexts about as far (within
        // half an edit of a perfect one; within half again of an imperfect one).
        var alike = all.filter {
            !overlaps($0, best) && $0.errors <= best.errors && $0.contextDistance < 1.5 * best.contextDistance + 0.5
        }
        // A context found whole but only after skipping a line or two of
        // other text costs little (for columns read across), so a word that
        // recurs a line below its first use fits its context almost as well
        // there. Where the best place has far more of its context standing
        // right next to it, that place is not in doubt.
        if !alike.isEmpty {
            let adjacent = { (p: Placement) -> Int in
                let runs = self.verbatimContext(query, start: p.start, end: p.end)
                return runs.prefix + runs.suffix
            }
            let context = query.prefix.count + query.suffix.count
            let ours = adjacent(best)
            if ours * 4 >= context * 3 {
                alike.removeAll { ours - adjacent($0) >= max(8, context / 4) }
            }
        }
        if !alike.isEmpty, let hint = query.hint, let nearest = nearestToPosition([best] + alike, hint: hint) {
            best = nearest
            alike = []
        }
        if !alike.isEmpty, let exact = exactlyAtPosition([best] + alike, query: query) {
            best = exact
            alike = []
        }
        if !alike.isEmpty {
            let pages = Set(([best] + alike).map { index.pageIndex(at: $0.start) + 1 }).sorted()
            let listed = (pages.count == 1 ? "page " : "pages ") + pages.prefix(6).map(String.init).joined(separator: ", ") + (pages.count > 6 ? ", …" : "")
            let position = query.position == nil ? "it has no position" : "its position singles out none of them"
            return .rejected(
                .ambiguous,
                "ambiguous: the quote and its context fit \(alike.count + 1) places equally well (\(listed)); \(position)",
                best)
        }
        return .found(best)
    }

    /// How much nearer the position the nearest of several places alike
    /// must be than the next: its distance times this, plus
    /// ``positionSlack`` matching characters.
    static let positionRatio = 3
    static let positionSlack = 100
    /// How far from the position the nearest place may be, in pages' worth
    /// of matching characters (positions drift over long documents).
    static let positionReach = 10

    /// The place the position singles out among places that fit the quote
    /// and its context equally well, or nil when it singles out none.
    ///
    /// The rule: the nearest place (in matching characters from the
    /// position's estimated offset) is taken when it is within
    /// ``positionReach`` pages of it and the next nearest is at least
    /// ``positionRatio`` times as far, plus ``positionSlack`` characters —
    /// as Hypothesis takes the candidate nearest the position, but only
    /// where the position is clearly nearer to one place than to any other.
    func nearestToPosition(_ places: [Placement], hint: Int) -> Placement? {
        guard places.count > 1 else { return places.first }
        let sorted = places.sorted { abs($0.start - hint) < abs($1.start - hint) }
        let nearest = abs(sorted[0].start - hint)
        let next = abs(sorted[1].start - hint)
        guard nearest <= Self.positionReach * index.averagePageLength, next >= Self.positionRatio * nearest + Self.positionSlack else { return nil }
        return sorted[0]
    }

    /// One placement per place: `first` for its own, the best-scoring of
    /// the others for theirs.
    private func distinct(_ placements: [Placement], preferring first: Placement) -> [Placement] {
        var places = [first]
        for placement in placements.sorted(by: { $0.score > $1.score }) where !places.contains(where: { overlaps($0, placement) }) {
            places.append(placement)
        }
        return places
    }

    private func overlaps(_ a: Placement, _ b: Placement) -> Bool {
        a.segments.contains { x in b.segments.contains { y in x.overlaps(y) } }
    }

    // MARK: Results

    func fill(_ result: inout AnchorResult, with placement: Placement) {
        let region = index.region(for: placement.segments)
        result.page = region.pages.first
        result.pageLabel = region.pages.first.map { index.pages[$0 - 1].label }
        result.pages = region.pages.count > 1 ? region.pages : nil
        result.matchedText = region.text
        result.rects = region.rects
        result.score = (placement.score * 1000).rounded() / 1000
        result.errors = placement.errors
        result.prefixMatch = (placement.prefix * 100).rounded() / 100
        result.suffixMatch = (placement.suffix * 100).rounded() / 100
        result.method = placement.method
        result.pieces = placement.segments.count
        result.matchStart = placement.start
        result.segments = placement.segments
    }

    func candidate(_ placement: Placement) -> AnchorResult.Candidate {
        let region = index.region(for: placement.segments)
        let page = region.pages.first ?? 1
        return AnchorResult.Candidate(
            page: page, pageLabel: index.pages[page - 1].label, text: region.text,
            score: (placement.score * 1000).rounded() / 1000, errors: placement.errors,
            prefixMatch: (placement.prefix * 100).rounded() / 100, suffixMatch: (placement.suffix * 100).rounded() / 100)
    }
}
