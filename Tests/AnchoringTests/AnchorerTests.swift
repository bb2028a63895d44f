import Testing
@testable import Anchoring
import Notes
import PDFCore

@Suite("The anchorer on marked texts")
struct AnchorerTests {
    let filler = "Nothing of interest happens in this sentence at all. "

    @Test("an exact quote: page, Poppler's text, one rect per line")
    func exact() throws {
        let marked = Synthetic.marked([
            "Intro text here.\nThe ⟦quick brown fox jumps\nover the lazy⟧ dog today.\n",
            "Second page.\n",
        ])
        let index = Synthetic.index(marked.pages)
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("quick brown fox jumpsover the lazy", prefix: "xt here.The ", suffix: " dog today."))
        #expect(result.status == .anchored)
        #expect(result.page == 1 && result.pageLabel == "p1")
        #expect(result.matchedText == "quick brown fox jumps\nover the lazy")
        // Line 1 columns 4…24 ("quick … jumps"), line 2 columns 0…12 ("over the lazy").
        #expect(result.rects.map(\.rect) == [
            Synthetic.box(line: 1, column: 4).union(Synthetic.box(line: 1, column: 24)),
            Synthetic.box(line: 2, column: 0).union(Synthetic.box(line: 2, column: 12)),
        ])
        #expect(result.errors == 0 && result.method == "exact")
    }

    @Test("a short quote found several times: the context decides")
    func shortByContext() {
        let pages = [
            "The flow rate was high. We measured the flow near the bed.\n",
            "In the lab, the flow was slow. Later the flow was measured again.\n",
        ]
        let index = Synthetic.index(pages)
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("the flow", prefix: "In the lab, ", suffix: " was slow. Later"))
        #expect(result.status == .anchored)
        #expect(result.page == 2)
        #expect(result.rects.first?.rect == Synthetic.box(line: 0, column: 12).union(Synthetic.box(line: 0, column: 19)))
    }

    @Test("a short quote whose context matches no occurrence is orphaned, not guessed")
    func shortWithoutContext() {
        let index = Synthetic.index(["The flow rate was high. We measured the flow near the bed.\n"])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("the flow", prefix: "completely different words ", suffix: " and nothing alike here"))
        #expect(result.status == .orphaned)
        #expect(result.reason?.contains("context") == true)
    }

    @Test("two places with the same quote and context are ambiguous — unless the position hint tells them apart")
    func ambiguity() {
        let sentence = "Table 3 lists the characteristic values for each deployment."
        let pages = [filler + sentence + " " + filler, filler + filler, filler + sentence + " " + filler]
        let index = Synthetic.index(pages)
        let anchorer = Anchorer(index: index)
        let quote = Synthetic.annotation(sentence, prefix: "in this sentence at all. ", suffix: " Nothing of interest")
        let result = anchorer.anchor(quote)
        #expect(result.status == .orphaned)
        #expect(result.reason?.hasPrefix("ambiguous") == true)
        // A position selector pointing into page 3 (UTF-16 offsets of PDF.js text).
        let start = index.estimatedStarts[2] + filler.utf16.count
        let hinted = anchorer.anchor(
            Synthetic.annotation(sentence, prefix: "in this sentence at all. ", suffix: " Nothing of interest",
                                 position: TextPositionSelector(start: start, end: start + sentence.utf16.count)))
        #expect(hinted.status == .anchored)
        #expect(hinted.page == 3)
    }

    @Test("a quote with a few edits is fuzzy, with its edit count")
    func fuzzy() {
        let index = Synthetic.index([filler + "The sediment flux increases with the near-bed concentration during spring tides. " + filler])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("The sediment flux increases wiht the near-bed concentraton during spring tides.",
                                 prefix: "sentence at all. ", suffix: " Nothing of"))
        #expect(result.status == .fuzzy)
        #expect(result.errors == 3)
        #expect(result.matchedText == "The sediment flux increases with the near-bed concentration during spring tides.")
    }

    @Test("a quote whose numbers differ is not a match, however close the text")
    func numbers() {
        let index = Synthetic.index([filler + "A total of 3124 profiles were collected, of which 74.5% passed the criteria. " + filler])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("A total of 3128 profiles were collected, of which 74.5% passed the criteria.",
                                 prefix: "sentence at all. ", suffix: " Nothing of"))
        #expect(result.status == .orphaned)
    }

    @Test("a footnote mark or listing line number that Poppler puts elsewhere may be missing; a changed one may not")
    func missingMark() {
        // PDF.js text has a code listing's line number "1" inline; Poppler
        // reads the line numbers as a column of their own, further on.
        let text = filler + "Determination of the vertical jump between letters.\n\\dim_gset:Nn \\g_between_letters_dim\nand more text here.\n" + filler + "\n1\n2\n"
        let index = Synthetic.index([text])
        let missing = Anchorer(index: index).anchor(
            Synthetic.annotation("Determination of the vertical jump between letters.1 \\dim_gset:Nn \\g_between_letters_dim",
                                 prefix: "sentence at all. ", suffix: " and more text here."))
        #expect(missing.status == .fuzzy)
        #expect(missing.errors == 1)
        // The match may have numbers of its own, as long as each is one of the
        // quote's: here a line break splits "latex3", so "3" stands alone there.
        let split = Synthetic.index([
            filler + "For this, we generate a variant (see https://github.com/latex\n3/latex3/issues/947).\n\\cs_generate_variant:Nn\nand more text here.\n" + filler + "\n1\n"
        ])
        let listing = Anchorer(index: split).anchor(
            Synthetic.annotation("For this, we generate a variant (see https://github.com/latex3/latex3/issues/947).1 \\cs_generate_variant:Nn",
                                 prefix: "sentence at all. ", suffix: " and more text here."))
        #expect(listing.status == .fuzzy)
        // The same quote where the PDF has another number in its place: a different text.
        let changed = Synthetic.index([filler + "Determination of the vertical jump between letters.4 \\dim_gset:Nn \\g_between_letters_dim\nand more text here.\n" + filler])
        let result = Anchorer(index: changed).anchor(
            Synthetic.annotation("Determination of the vertical jump between letters.1 \\dim_gset:Nn \\g_between_letters_dim",
                                 prefix: "sentence at all. ", suffix: " and more text here."))
        #expect(result.status == .orphaned)
    }

    @Test("a word that recurs a line below: the place with its context right beside it wins, not 'ambiguous'")
    func recurringWord() {
        // The prefix is also within reach of the second "allowing" (a line up),
        // so both places fit the context nearly as well; only the first has it adjacent.
        let index = Synthetic.index([
            filler + "\nan explicit hyphen sign, allowing hyphenation in the\nrest of the word.\nlike the old \\-, but allowing hyphenation in the rest\nof the word.\n" + filler
        ])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("allowing", prefix: "ion.\"- an explicit hyphen sign, ", suffix: " hyphenation in therest of the w"))
        #expect(result.status == .anchored)
        // Line 0 is the filler; the first "allowing" is on line 1, column 25.
        #expect(result.rects.map(\.rect) == [Synthetic.box(line: 1, column: 25).union(Synthetic.box(line: 1, column: 32))])
    }

    @Test("a one-word quote needs one side of its context to match closely, not both sides roughly")
    func shortQuoteContext() {
        // The word occurs here in a code listing; the annotation was made on
        // a table elsewhere (ifplatform.pdf: "\macosxname → ‘Mac OS X’").
        // Both sides of the context match only roughly (about 0.8 and 0.7).
        let index = Synthetic.index([
            filler + "\n11 \\newcommand\\linuxname{Linux}\n12 \\newcommand\\macosxname{Mac\\,OS\\,X}\n13 \\newcommand\\cygwinname{Cygwin}\n14 \\newcommand\\unknownplatform{[Unknown]}\n" + filler
        ])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("Mac", prefix: "nuxname → ‘Linux’\\macosxname → ‘", suffix: " OS X’\\cygwinname → ‘Cygwin’\\unk"))
        #expect(result.status == .orphaned)
        #expect((result.bestCandidate?.prefixMatch ?? 0) >= 0.7 && (result.bestCandidate?.suffixMatch ?? 0) >= 0.7, "both sides roughly alike")
    }

    @Test("a table Poppler reads column by column: many pieces, found when every jump is a clean line break")
    func tableByColumns() {
        // PDF.js reads the table row by row; Poppler column by column, one cell a line.
        let quote = "The turbulent kinetic energy was calibrated against the offshore wind field. Station Depth (m) Flux S01 14.6 0.31"
        let columns = Synthetic.index([
            filler + "\nThe turbulent kinetic energy was calibrated against the offshore wind field.\n"
                + "Station\nS01\nS02\nDepth (m)\n14.6\n12.1\nFlux\n0.31\n0.27\n" + filler
        ])
        let found = Anchorer(index: columns).anchor(Synthetic.annotation(quote, prefix: "sentence at all. ", suffix: " S02 12.1 0.27 Nothing of"))
        #expect(found.isFound)
        #expect(found.method == "pieces")
        #expect((found.pieces ?? 0) > max(2, 95 / 25 + 1), "more pieces than a quote of this length may have at unclean breaks")
        #expect(found.matchedText?.hasPrefix("The turbulent kinetic energy") == true)
        // The same words scattered inside lines of prose: a collage, not a quote.
        let prose = Synthetic.index([
            filler + "\nThe turbulent kinetic energy was calibrated against the offshore wind field. Every Station\n"
                + "had its Depth (m) logged, and its Flux and S01 were kept, a 14.6 here and 0.31 there.\n" + filler
        ])
        let scattered = Anchorer(index: prose).anchor(Synthetic.annotation(quote, prefix: "sentence at all. ", suffix: " S02 12.1 0.27 Nothing of"))
        #expect(scattered.status == .orphaned)
    }

    @Test("Poppler's reading order differs (a heading between two lines): found in pieces, one region each")
    func pieces() {
        // PDF.js order: "…the charac-teristic timescale…"; Poppler puts a heading between the lines.
        let marked = Synthetic.marked([
            filler + "\nIn contrast, ⟦the charac-⟧\n3 Methods\n⟦teristic timescale increases with the buoyancy⟧\nfrequency and more.\n"
        ])
        let index = Synthetic.index(marked.pages)
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("the charac-teristic timescale increases with the buoyancy", prefix: "this sentence at all. In contrast, ", suffix: " frequency and more."))
        #expect(result.status == .anchored)
        #expect(result.method == "pieces")
        #expect(result.pieces == 2)
        #expect(result.matchedText == "the charac- … teristic timescale increases with the buoyancy")
        #expect(result.rects.count == 2)
        #expect(result.rects.map(\.minY) == [12, 36])
    }

    @Test("a quote across a page break: both pages, a region on each")
    func crossPage() {
        let index = Synthetic.index([
            filler + "The last sentence of the first page runs on\nFooter 1\n",
            "Header 2\ninto the second page and ends there. " + filler,
        ])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("The last sentence of the first page runs on into the second page and ends there.",
                                 prefix: "sentence at all. ", suffix: " Nothing of interest"))
        #expect(result.isFound)
        #expect(result.page == 1)
        #expect(result.pages == [1, 2])
        #expect(Set(result.rects.map(\.page)) == [1, 2])
    }

    @Test("a quote from another document is orphaned, with the best rejected candidate")
    func foreign() {
        let index = Synthetic.index([filler + "The boundary layer reflects the tidal phase within experimental uncertainty. " + filler])
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("The bed roughness offsets the effect of the inflow temperature after filtering.",
                                 prefix: "A different sentence here. ", suffix: " And something else."))
        #expect(result.status == .orphaned)
        #expect(result.rects.isEmpty)
    }

    @Test("page notes and replies are skipped; a highlight without a quote is orphaned")
    func nothingToAnchor() {
        let index = Synthetic.index([filler])
        let anchorer = Anchorer(index: index)
        #expect(anchorer.anchor(Annotation(id: "n", targets: [AnnotationTarget(source: "x", selectors: [])])).status == .skipped)
        #expect(anchorer.anchor(Annotation(id: "r", targets: [], references: ["n"])).status == .skipped)
        let positionOnly = Annotation(id: "p", targets: [AnnotationTarget(source: "x", selectors: [.textPosition(TextPositionSelector(start: 1, end: 5))])])
        #expect(anchorer.anchor(positionOnly).status == .orphaned)
        #expect(anchorer.anchor(Synthetic.annotation(" \n\t ")).status == .orphaned)
    }
}
