// Finding the quote in pieces, where the PDF reading order differs or the quote crosses a page.

extension Anchorer {
    /// Covers the quote with the longest pieces found on a few pages around
    /// the likeliest place (the hint, the grams' votes), in whatever order
    /// the PDF has them; nearby pieces merge, their gaps counted as edits.
    func inPieces(_ query: Query, likely: [(start: Int, votes: Int)]) -> Placement? {
        let m = query.quote.count
        var centres: [Int] = []
        if let hint = query.hint { centres.append(index.pageIndex(at: hint)) }
        for likely in likely.prefix(3) {
            centres.append(index.pageIndex(at: max(0, min(index.text.count - 1, likely.start))))
        }
        var best: Placement?
        var tried = Set<Int>()
        for centre in centres where tried.insert(centre).inserted {
            let window = index.pageStarts[max(0, centre - 1)]..<index.pageStarts[min(index.pages.count, centre + 2)]
            guard let cover = cover(query.quote, in: window, hint: query.hint) else { continue }
            let covered = cover.pieces.reduce(0) { $0 + $1.count }
            guard Double(covered) >= options.minCoverage * Double(m) else { continue }
            let segments = cover.pieces.map { $0.document }
            var candidate = placement(segments, errors: cover.errors, method: .pieces, query: query)
            candidate.quoteRanges = cover.pieces.map(\.quote)
            candidate.cleanJumps = cover.cleanJumps
            if best == nil || candidate.score > best!.score { best = candidate }
        }
        return best
    }

    /// The longest stretch (matching characters) between two pieces that
    /// counts as replaced text rather than a jump: a few words.
    static let maxReplacedGap = 40

    struct Piece {
        var quote: Range<Int>
        var document: Range<Int>
        var count: Int { quote.count }
    }

    /// Covers `quote` with exact pieces of `window`.
    ///
    /// 1. Left to right, the longest piece found at each uncovered place
    ///    (at least ``AnchorOptions/minPieceLength`` characters).
    /// 2. The longest piece occurring once in the window is placed first
    ///    (else the longest, nearest the hint); the others follow it
    ///    outwards, each at the occurrence that best continues its neighbour.
    /// 3. What is still uncovered (a section heading, a table's cells read
    ///    column by column, a page number) is filled with shorter pieces
    ///    found close to the neighbouring pieces.
    /// 4. Pieces that follow each other in the PDF with small gaps merge, the
    ///    gaps counted as edits; uncovered characters count as edits too.
    func cover(_ quote: [UInt32], in window: Range<Int>, hint: Int?) -> (pieces: [Piece], errors: Int, cleanJumps: Int)? {
        let m = quote.count
        guard m >= GramIndex.length else { return nil }
        var pieces: [Piece] = []
        index.text.withUnsafeBufferPointer { text in
            quote.withUnsafeBufferPointer { q in
                // 1. Long pieces, with every place each occurs.
                let found = longPieces(q, text: text, in: window)
                guard let anchor = found.indices.max(by: { a, b in
                    (found[a].starts.count == 1 ? 1 : 0, found[a].quote.count, -found[a].starts.count)
                        < (found[b].starts.count == 1 ? 1 : 0, found[b].quote.count, -found[b].starts.count)
                }) else { return }
                // 2. Place the longest piece that occurs once (else the longest),
                // then the others outwards from it.
                pieces = placeOutwards(found, from: anchor, hint: hint)
                // 3. Fill what is left with shorter pieces near the neighbours.
                pieces = filled(pieces, q, text: text, in: window)
            }
        }
        guard !pieces.isEmpty else { return nil }
        // Jumps at the layout's breaks, before deciding what merges: text
        // the PDF has between two lines of the quote is a jump, not an edit.
        realignJumps(&pieces, quote: quote)
        // No character of the PDF serves twice.
        pieces = withoutOverlaps(pieces)
        guard !pieces.isEmpty else { return nil }
        // 4. Merge.
        let (merged, errors) = merge(pieces, quoteLength: m)
        // Many small pieces make a collage, not a quote — unless every
        // jump between them is a clean break in the layout (checked below),
        // as in a table read column by column.
        let maxPieces = max(2, m / 25 + 1)
        guard merged.count <= 2 * maxPieces else { return nil }
        // A quote never runs back to an earlier page, nor over a page not read.
        for k in 1..<merged.count {
            let previous = index.pageIndex(at: merged[k - 1].document.lowerBound)
            let next = index.pageIndex(at: merged[k].document.lowerBound)
            if next < previous || (previous..<next).contains(where: { !index.pages[$0].isLoaded }) { return nil }
        }
        guard let cleanJumps = countCleanJumps(between: merged) else { return nil }
        guard merged.count <= maxPieces || cleanJumps == merged.count - 1 else { return nil }
        return (merged, errors, cleanJumps)
    }

    /// Step 1 of ``cover(_:in:hint:)``: left to right, the longest piece of
    /// the quote `q` found at each uncovered place in `window` (at least
    /// ``AnchorOptions/minPieceLength`` characters), with every start it has
    /// there. Quote ranges and starts are in matching characters (of `q` and
    /// of `text`, the index's matching text).
    private func longPieces(
        _ q: UnsafeBufferPointer<UInt32>, text: UnsafeBufferPointer<UInt32>, in window: Range<Int>
    ) -> [(quote: Range<Int>, starts: [Int])] {
        let m = q.count
        var found: [(quote: Range<Int>, starts: [Int])] = []
        var i = 0
        while i + options.minPieceLength <= m {
            var bestLength = 0
            var bestStarts: [Int] = []
            for position in index.grams.bucket(for: q, at: i) {
                let p = Int(position)
                guard window.contains(p) else { continue }
                var length = 0
                while i + length < m, p + length < window.upperBound, text[p + length] == q[i + length] { length += 1 }
                if length > bestLength {
                    bestLength = length
                    bestStarts = [p]
                } else if length == bestLength, length > 0 {
                    bestStarts.append(p)
                }
            }
            if bestLength >= options.minPieceLength {
                found.append((i..<(i + bestLength), bestStarts))
                i += bestLength
            } else {
                i += 1
            }
        }
        return found
    }

    /// Step 2 of ``cover(_:in:hint:)``: the pieces `found`, each at one of
    /// its starts — `found[anchor]` at the start nearest `hint`, the others
    /// outwards from it, each at the start that best continues its
    /// neighbour. Offsets are in matching characters of `index.text`.
    private func placeOutwards(_ found: [(quote: Range<Int>, starts: [Int])], from anchor: Int, hint: Int?) -> [Piece] {
        var placed = [Int](repeating: 0, count: found.count)
        placed[anchor] = found[anchor].starts.min { abs($0 - (hint ?? $0)) < abs($1 - (hint ?? $1)) }!
        // Same page as the neighbour first, then the nearest in reading order.
        let pageOf = { (offset: Int) in self.index.pageIndex(at: offset) }
        if anchor + 1 < found.count {
            for k in (anchor + 1)..<found.count {
                let end = placed[k - 1] + found[k - 1].quote.count
                let page = pageOf(placed[k - 1])
                placed[k] = found[k].starts.min { a, b in
                    let da = (abs(pageOf(a) - page), a >= end ? a - end : 4 * (end - a))
                    let db = (abs(pageOf(b) - page), b >= end ? b - end : 4 * (end - b))
                    return da < db
                }!
            }
        }
        for k in stride(from: anchor - 1, through: 0, by: -1) {
            let nextStart = placed[k + 1]
            let page = pageOf(nextStart)
            let length = found[k].quote.count
            placed[k] = found[k].starts.min { a, b in
                let da = (abs(pageOf(a) - page), a + length <= nextStart ? nextStart - (a + length) : 4 * (a + length - nextStart))
                let db = (abs(pageOf(b) - page), b + length <= nextStart ? nextStart - (b + length) : 4 * (b + length - nextStart))
                return da < db
            }!
        }
        return found.indices.map { Piece(quote: found[$0].quote, document: placed[$0]..<(placed[$0] + found[$0].quote.count)) }
    }

    /// Step 3 of ``cover(_:in:hint:)``: `pieces` (placed, in quote order)
    /// with each gap of at least 4 characters of the quote `q` before,
    /// between and after them filled with shorter pieces found in `window`
    /// close to the neighbouring pieces; sorted by where they start in the
    /// quote. Offsets are in matching characters.
    private func filled(
        _ pieces: [Piece], _ q: UnsafeBufferPointer<UInt32>, text: UnsafeBufferPointer<UInt32>, in window: Range<Int>
    ) -> [Piece] {
        let m = q.count
        var filled: [Piece] = []
        for k in 0...pieces.count {
            let gapStart = k == 0 ? 0 : pieces[k - 1].quote.upperBound
            let gapEnd = k == pieces.count ? m : pieces[k].quote.lowerBound
            if gapEnd - gapStart >= 4 {
                let low = k == 0 ? pieces[0].document.lowerBound - 400 : pieces[k - 1].document.upperBound - 200
                let high = k == pieces.count ? pieces[k - 1].document.upperBound + 600 : pieces[k].document.lowerBound + 200
                let local = max(window.lowerBound, min(low, high))..<min(window.upperBound, max(low, high))
                filled += smallPieces(q, gapStart..<gapEnd, text: text, local: local)
            }
            if k < pieces.count { filled.append(pieces[k]) }
        }
        return filled.sorted { $0.quote.lowerBound < $1.quote.lowerBound }
    }

    /// Step 4 of ``cover(_:in:hint:)``: `pieces` (not empty, in quote order)
    /// with those that follow each other in the PDF across small gaps
    /// merged, and the edits counted: the gaps merged across, and the
    /// characters of a quote of `quoteLength` matching characters that no
    /// piece covers.
    private func merge(_ pieces: [Piece], quoteLength m: Int) -> (pieces: [Piece], errors: Int) {
        var merged: [Piece] = [pieces[0]]
        var errors = pieces[0].quote.lowerBound
        for piece in pieces.dropFirst() {
            let last = merged[merged.count - 1]
            let gapQuote = piece.quote.lowerBound - last.quote.upperBound
            let gapDocument = piece.document.lowerBound - last.document.upperBound
            // Merge across a few differing characters, and across a word or
            // two replaced on the same page (a stale quote: the text between
            // the pieces is an edit, not a jump in the layout); the edits
            // counted are the longer gap. Text the PDF has between two pieces
            // that follow each other in the quote, at a clean break in the
            // layout (a heading, a column of line numbers), stays a jump, so
            // it is not part of the match; so does anything longer.
            let samePage = index.pageIndex(at: last.document.upperBound - 1) == index.pageIndex(at: piece.document.lowerBound)
            let inserted = gapQuote <= 2 && index.endsLine(last.document.upperBound) && index.startsLine(piece.document.lowerBound)
            if gapDocument >= 0, gapQuote >= 0, index.isRead(last.document.lowerBound..<piece.document.upperBound),
                (gapDocument <= 8 && gapQuote <= 8 && abs(gapDocument - gapQuote) <= 2)
                    || (samePage && !inserted && gapDocument <= Self.maxReplacedGap && gapQuote <= Self.maxReplacedGap)
            {
                merged[merged.count - 1] = Piece(
                    quote: last.quote.lowerBound..<piece.quote.upperBound,
                    document: last.document.lowerBound..<piece.document.upperBound)
                errors += max(gapQuote, gapDocument)
            } else {
                merged.append(piece)
                errors += gapQuote
            }
        }
        errors += m - merged.last!.quote.upperBound
        return (merged, errors)
    }

    /// How many of the jumps between the `merged` pieces are clean breaks
    /// in the layout (the first piece ends a line and the next starts one),
    /// or nil when a jump falls inside a line.
    private func countCleanJumps(between merged: [Piece]) -> Int? {
        // The PDF's reading order breaks text between lines, never inside
        // one: where one piece stops and the next starts elsewhere, the first
        // must end a line and the second start one.
        // (Poppler sometimes runs two columns into one line: there a word
        // boundary must do, between pieces long enough not to be chance.)
        var cleanJumps = 0
        for k in 1..<merged.count {
            if index.endsLine(merged[k - 1].document.upperBound), index.startsLine(merged[k].document.lowerBound) {
                cleanJumps += 1
                continue
            }
            let long = merged[k - 1].count >= options.minPieceLength || merged[k].count >= options.minPieceLength
            guard long, index.endsLine(merged[k - 1].document.upperBound, orWord: true),
                index.startsLine(merged[k].document.lowerBound, orWord: true)
            else { return nil }
        }
        return cleanJumps
    }

    /// Moves each jump between two pieces that meet in the quote to where
    /// the layout breaks, when the same characters stand on both sides.
    ///
    /// Pieces are taken longest first, so the first of two runs on past a
    /// break in the layout while the text after the break starts the same
    /// way: lines skipped at a page break ("…LRElementInfo" then
    /// "_xsltStyleItemMessage", where the quote goes on with
    /// "_xsltStyleItemText") make the first piece end inside
    /// "_xsltStyleItem". Where the second piece's own text, read backwards
    /// from its start, repeats the first piece's last characters, the jump
    /// moves back over them to the nearest place where the first piece ends
    /// a line and the second starts one (at most ``maxReplacedGap``
    /// characters). Offsets are in matching characters of `index.text`.
    func realignJumps(_ pieces: inout [Piece], quote: [UInt32]) {
        guard pieces.count > 1 else { return }
        for k in 1..<pieces.count {
            let first = pieces[k - 1], second = pieces[k]
            guard first.quote.upperBound == second.quote.lowerBound,
                !(index.endsLine(first.document.upperBound) && index.startsLine(second.document.lowerBound))
            else { continue }
            let reach = min(Self.maxReplacedGap, first.count - 1, second.document.lowerBound)
            var shift = 1
            while shift <= reach, index.text[second.document.lowerBound - shift] == quote[second.quote.lowerBound - shift] {
                if index.endsLine(first.document.upperBound - shift), index.startsLine(second.document.lowerBound - shift) {
                    pieces[k - 1] = Piece(quote: first.quote.lowerBound..<(first.quote.upperBound - shift),
                                          document: first.document.lowerBound..<(first.document.upperBound - shift))
                    pieces[k] = Piece(quote: (second.quote.lowerBound - shift)..<second.quote.upperBound,
                                      document: (second.document.lowerBound - shift)..<second.document.upperBound)
                    break
                }
                shift += 1
            }
        }
    }

    /// `pieces` (in quote order) with each one cut where its text in the PDF
    /// overlaps a piece before it in the quote, and dropped when nothing is
    /// left: two pieces that meet in the quote may each have found the same
    /// character of the PDF (a stored ". 2722group" against the PDF's
    /// ". 272" then "group": ". 272" and "2group"), which would make a
    /// quote with an edit look exact. What is cut is uncovered, so it counts
    /// as an edit. Offsets are in matching characters.
    func withoutOverlaps(_ pieces: [Piece]) -> [Piece] {
        var kept: [Piece] = []
        for var piece in pieces {
            for earlier in kept where piece.document.overlaps(earlier.document) {
                if piece.document.lowerBound >= earlier.document.lowerBound {
                    // Starts inside the earlier piece: cut its front.
                    let cut = min(piece.count, earlier.document.upperBound - piece.document.lowerBound)
                    piece = Piece(quote: (piece.quote.lowerBound + cut)..<piece.quote.upperBound,
                                  document: (piece.document.lowerBound + cut)..<piece.document.upperBound)
                } else {
                    // Starts before it and runs into it: cut its end.
                    let cut = min(piece.count, piece.document.upperBound - earlier.document.lowerBound)
                    piece = Piece(quote: piece.quote.lowerBound..<(piece.quote.upperBound - cut),
                                  document: piece.document.lowerBound..<(piece.document.upperBound - cut))
                }
                if piece.count == 0 { break }
            }
            if piece.count > 0 { kept.append(piece) }
        }
        return kept
    }

    /// Covers `gap` of the quote with the longest pieces (at least 4
    /// characters) found in `local`, longest first.
    private func smallPieces(_ q: UnsafeBufferPointer<UInt32>, _ gap: Range<Int>, text: UnsafeBufferPointer<UInt32>, local: Range<Int>) -> [Piece] {
        guard gap.count >= 4, !local.isEmpty else { return [] }
        var best: (quote: Range<Int>, start: Int)?
        for i in gap {
            for p in local where text[p] == q[i] {
                var length = 0
                while i + length < gap.upperBound, p + length < local.upperBound, text[p + length] == q[i + length] { length += 1 }
                if length >= 4, length > (best?.quote.count ?? 0) { best = (i..<(i + length), p) }
            }
        }
        guard let best else { return [] }
        let piece = Piece(quote: best.quote, document: best.start..<(best.start + best.quote.count))
        // A short piece stands alone in the layout (a heading, a table cell, a
        // page number): it must begin or end a line, not sit inside a sentence.
        guard index.endsLine(piece.document.upperBound) || index.startsLine(piece.document.lowerBound) else {
            return smallPieces(q, gap.lowerBound..<best.quote.lowerBound, text: text, local: local)
                + smallPieces(q, best.quote.upperBound..<gap.upperBound, text: text, local: local)
        }
        return smallPieces(q, gap.lowerBound..<best.quote.lowerBound, text: text, local: local) + [piece]
            + smallPieces(q, best.quote.upperBound..<gap.upperBound, text: text, local: local)
    }

    /// The start among `starts` that best continues a piece ending at `end`
    /// (just after it; going backwards costs more).
    private func nearest(_ starts: [Int], after end: Int?) -> Int {
        starts.min { a, b in
            guard let end else { return a < b }
            let da = a >= end ? a - end : 4 * (end - a)
            let db = b >= end ? b - end : 4 * (end - b)
            return da < db
        }!
    }
}
