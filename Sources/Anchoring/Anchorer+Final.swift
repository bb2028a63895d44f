// When a match found among some of a document's pages is the one a search of every page would give.

extension Anchorer {
    /// How much text around a match its context may be read from (the
    /// context's own length, plus ``contextReach``), in matching characters.
    static let contextSpan = 48 + contextReach

    /// Whether reading the pages not read yet could change this match —
    /// the rule that lets ``PageReader`` stop reading early. A match is
    /// final when:
    ///
    /// 1. the quote is found as it is (no edits) in one piece;
    /// 2. its prefix and its suffix stand right beside it, verbatim (or the
    ///    annotation stored none on that side): no other place can fit the
    ///    quote and its context better, only as well;
    /// 3. the text its context is read from was read (so its context was
    ///    judged as a search of every page judges it);
    /// 4. the position is clearly nearer to it than to any page not read:
    ///    the distance from the position to the nearest text not read is at
    ///    least ``positionRatio`` times its distance to the match, plus
    ///    ``positionSlack`` — so that a place fitting as well on a page not
    ///    read could never be chosen over it (``nearestToPosition(_:hint:)``).
    ///
    /// A search of every page then gives the same page, text and regions,
    /// unless another page holds the same quote with the same context
    /// farther from the position, where that search may call the
    /// annotation ambiguous (when the position there is not clearly nearer
    /// to one of them) and this one takes the place at the position.
    ///
    /// A match with edits is final on rules 3 and 4 when it
    /// ``settlesWithEdits(_:query:)`` instead of rules 1 and 2.
    func isFinal(_ placement: Placement, query: Query) -> Bool {
        guard isSure(placement, query: query) || settlesWithEdits(placement, query: query), let hint = query.hint else { return false }
        let start = placement.start
        let end = placement.end
        guard index.isRead(max(0, start - Self.contextSpan)..<min(index.text.count, end + Self.contextSpan)) else { return false }
        let distance = abs(start - hint)
        return Self.positionRatio * distance + Self.positionSlack <= distanceToUnread(from: hint)
    }

    /// Whether a match is the quote as it is, in one piece, with its prefix
    /// and suffix verbatim beside it (rules 1 and 2 of
    /// ``isFinal(_:query:)``): sure enough to say where its page starts in
    /// PDF.js's text, for placing the other annotations' positions, even
    /// before it is final.
    func isSure(_ placement: Placement, query: Query) -> Bool {
        placement.errors == 0 && placement.segments.count == 1 && placement.method == .exact
            && (placement.prefix == 1 || query.prefix.isEmpty) && (placement.suffix == 1 || query.suffix.isEmpty)
    }

    /// Whether a match with edits is sure of its place where the position
    /// points (rules 1 and 2 of ``isFinal(_:query:)`` for a quote PDF.js
    /// read otherwise than Poppler — a ligature, a letter, a symbol — or
    /// changed a little since):
    ///
    /// 1. the quote is found in one piece with at most one edit in
    ///    ``settlingEditRate`` of its characters (at least one);
    /// 2. its context was stored on both sides and stands right beside it,
    ///    verbatim for ``settlingContext`` characters (or all of it, when
    ///    shorter) on each side.
    ///
    /// ``PageReader`` takes such a match only between two annotations of
    /// the note settled as they are: a stale position (pages put in before
    /// it in a replaced PDF) may point to a changed copy of a passage whose
    /// copy as it is lies on a page not read. With that and rules 3 and 4,
    /// a search of every page may take another place only where a page not
    /// read holds the quote again with its context — a passage printed
    /// twice — as well or better: there reading on demand keeps the copy
    /// the position points to, and a search of every page takes the copy as
    /// it is, however far. These are the only cases where the two may
    /// differ; `Scripts/trial --compare-read-all` lists them.
    func settlesWithEdits(_ placement: Placement, query: Query) -> Bool {
        guard placement.method == .fuzzy, placement.segments.count == 1, placement.errors > 0,
            placement.errors <= max(1, query.quote.count / Self.settlingEditRate),
            !query.prefix.isEmpty, !query.suffix.isEmpty
        else { return false }
        let beside = verbatimContext(query, start: placement.start, end: placement.end)
        return beside.prefix >= min(Self.settlingContext, query.prefix.count)
            && beside.suffix >= min(Self.settlingContext, query.suffix.count)
    }

    /// A match with edits settles with at most one edit in this many of the
    /// quote's matching characters (``settlesWithEdits(_:query:)``).
    static let settlingEditRate = 10
    /// A match with edits settles with this many characters of its context
    /// verbatim on each side (``settlesWithEdits(_:query:)``).
    static let settlingContext = 16

    /// How far (matching characters) from `offset` the nearest character
    /// standing for a page not read is; `Int.max` when every page was read.
    func distanceToUnread(from offset: Int) -> Int {
        let page = index.pageIndex(at: offset)
        var nearest = Int.max
        var before = page
        while before >= 0, index.pages[before].isLoaded { before -= 1 }
        if before >= 0 { nearest = offset - (index.pageStarts[before + 1] - 1) }
        var after = page
        while after < index.pages.count, index.pages[after].isLoaded { after += 1 }
        if after < index.pages.count { nearest = min(nearest, index.pageStarts[after] - offset) }
        return nearest
    }
}
