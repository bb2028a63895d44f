import Testing
@testable import Anchoring
import Notes
import PDFCore

@Suite("The anchorer on marked texts")
struct AnchorerTests {
    let filler = "Nothing of interest happens in this sentence at all. "

    /// The anchoring of `quote` in `pages`, its context `prefix` (by default
    /// the end of ``filler``) and `suffix`.
    func anchor(_ quote: String, in pages: [String], prefix: String = "sentence at all. ", suffix: String) -> AnchorResult {
        Anchorer(index: Synthetic.index(pages)).anchor(Synthetic.annotation(quote, prefix: prefix, suffix: suffix))
    }

    /// ``anchor(_:in:prefix:suffix:)`` on one page: `text` between two fillers.
    func anchor(_ quote: String, amid text: String, prefix: String = "sentence at all. ", suffix: String) -> AnchorResult {
        anchor(quote, in: [filler + text + filler], prefix: prefix, suffix: suffix)
    }

    @Test("an exact quote: page, Poppler's text, one rect per line")
    func exact() throws {
        let marked = Synthetic.marked([
            "Intro text here.\nThe ⟦quick brown fox jumps\nover the lazy⟧ dog today.\n",
            "Second page.\n",
        ])
        let result = anchor("quick brown fox jumpsover the lazy", in: marked.pages, prefix: "xt here.The ", suffix: " dog today.")
        #expect(result.status == .anchored)
        #expect(result.page == 1 && result.pageLabel == "p1")
        #expect(result.matchedText == "quick brown fox jumps\nover the lazy")
        // Line 1 columns 4…24 ("quick … jumps"), line 2 columns 0…12 ("over the lazy").
        #expect(result.rects.map(\.rect) == [
            Synthetic.box(line: 1, column: 4).union(Synthetic.box(line: 1, column: 24)),
            Synthetic.box(line: 2, column: 0).union(Synthetic.box(line: 2, column: 12)),
        ])
        #expect(result.errors == 0 && result.method == .exact)
    }

    @Test("a short quote found several times: the context decides")
    func shortByContext() {
        let pages = [
            "The flow rate was high. We measured the flow near the bed.\n",
            "In the lab, the flow was slow. Later the flow was measured again.\n",
        ]
        let result = anchor("the flow", in: pages, prefix: "In the lab, ", suffix: " was slow. Later")
        #expect(result.status == .anchored)
        #expect(result.page == 2)
        #expect(result.rects.first?.rect == Synthetic.box(line: 0, column: 12).union(Synthetic.box(line: 0, column: 19)))
    }

    @Test("a short quote whose context matches no occurrence is orphaned, not guessed")
    func shortWithoutContext() {
        let result = anchor(
            "the flow", in: ["The flow rate was high. We measured the flow near the bed.\n"],
            prefix: "completely different words ", suffix: " and nothing alike here")
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

    @Test("a stale quote that fits one copy of a passage best and another where the position points: not guessed")
    func positionContradicts() {
        // The passage is printed twice; the copy on page 3 has a margin note
        // run into it. The reader highlighted page 3's copy, and the quote was
        // later edited so that it now reads closer to page 1's.
        let plain = "Every file of the document must either include an info or a keyword statement for this to work."
        let noted = "Every file of the MinRevision document must either include an info or a keyword statement for this to work."
        let pages = [filler + plain + " " + filler, filler + filler, filler + noted + " " + filler]
        let index = Synthetic.index(pages)
        let start = index.estimatedStarts[2] + filler.utf16.count
        let result = Anchorer(index: index).anchor(
            Synthetic.annotation("Every file of the recent document must either include an info or a keyword statement for this to work.",
                                 prefix: "in this sentence at all. ", suffix: " Nothing of interest",
                                 position: TextPositionSelector(start: start, end: start + noted.utf16.count)))
        #expect(result.status == .orphaned)
        #expect(result.reason?.hasPrefix("ambiguous") == true)
    }

    @Test("a quote with a few edits is fuzzy, with its edit count")
    func fuzzy() {
        let text = "The sediment flux increases with the near-bed concentration during spring tides. "
        let result = anchor("The sediment flux increases wiht the near-bed concentraton during spring tides.", amid: text, suffix: " Nothing of")
        #expect(result.status == .fuzzy)
        #expect(result.errors == 3)
        #expect(result.matchedText == "The sediment flux increases with the near-bed concentration during spring tides.")
    }

    @Test("a stale quote with a word replaced: one match over the PDF's words, not pieces around them")
    func replacedWord() {
        let sentence = "The diffusion coefficient scales linearly with the buoyancy frequency over the full record."
        // The reader's copy said "heat" where the PDF now says "buoyancy frequency":
        // the pieces around it would need fewer edits than replacing it.
        let result = anchor("The diffusion coefficient scales linearly with the heat over the full record.", amid: sentence + " ", suffix: " Nothing of")
        #expect(result.status == .fuzzy)
        #expect(result.pieces == 1)
        #expect(result.matchedText == sentence)
    }

    @Test("a word replaced at the quote's end: the match reaches the context, not a shorter alignment")
    func replacedLastWords() {
        // Dropping "{les propositions" aligns with fewer edits than replacing it;
        // the stored suffix says the highlight ran to "then".
        let text = "As an example: \\crefname{proposition}{la proposition}{les propositions}then when one writes it."
        let result = anchor("As an example: \\crefname{proposition}{la similar propositions}then", amid: text + " ", suffix: " when one writes it. Nothing")
        #expect(result.isFound)
        #expect(result.matchedText == "As an example: \\crefname{proposition}{la proposition}{les propositions}then")
    }

    @Test("a quote whose numbers differ is not a match, however close the text")
    func numbers() {
        let text = "A total of 3124 profiles were collected, of which 74.5% passed the criteria. "
        let result = anchor("A total of 3128 profiles were collected, of which 74.5% passed the criteria.", amid: text, suffix: " Nothing of")
        #expect(result.status == .orphaned)
    }

    @Test("numbers PDF.js ran together from a table's cells are the PDF's numbers, not changed ones")
    func joinedNumbers() {
        // PDF.js joins its items with nothing between them: the column
        // numbers 1 to 7 and 1 to 3 come out as "1234567123" in a quote.
        let table = "Periods of the table\n1 2 3 4 5 6 7\n1 2 3\nhydrogen 1.008 helium 4.0026 lithium 6.94\n"
        let result = anchor("Periods of the table 1234567123 hydrogen 1.008 helium 4.0026 lithium 6.94", amid: table, suffix: "Nothing of interest")
        #expect(result.status == .anchored)
        // A number that is not there stays a changed number.
        let changed = anchor("Periods of the table 1234567123 hydrogen 1.008 helium 4.0026 lithium 6.95", amid: table, suffix: "Nothing of interest")
        #expect(!changed.isFound)
    }

    @Test("a footnote mark or listing line number that Poppler puts elsewhere may be missing; a changed one may not")
    func missingMark() {
        // PDF.js text has a code listing's line number "1" inline; Poppler
        // reads the line numbers as a column of their own, further on.
        let text = filler + "Determination of the vertical jump between letters.\n\\dim_gset:Nn \\g_between_letters_dim\nand more text here.\n" + filler + "\n1\n2\n"
        let quote = "Determination of the vertical jump between letters.1 \\dim_gset:Nn \\g_between_letters_dim"
        let missing = anchor(quote, in: [text], suffix: " and more text here.")
        #expect(missing.status == .fuzzy)
        #expect(missing.errors == 1)
        // The match may have numbers of its own, as long as each is one of the
        // quote's: here a line break splits "latex3", so "3" stands alone there.
        let listing = anchor(
            "For this, we generate a variant (see https://github.com/latex3/latex3/issues/947).1 \\cs_generate_variant:Nn",
            in: [filler + "For this, we generate a variant (see https://github.com/latex\n3/latex3/issues/947).\n\\cs_generate_variant:Nn\nand more text here.\n" + filler + "\n1\n"],
            suffix: " and more text here.")
        #expect(listing.status == .fuzzy)
        // The same quote where the PDF has another number in its place: a different text.
        let changed = "Determination of the vertical jump between letters.4 \\dim_gset:Nn \\g_between_letters_dim\nand more text here.\n"
        let result = anchor(quote, amid: changed, suffix: " and more text here.")
        #expect(result.status == .orphaned)
    }

    @Test("a quote whose middle Poppler reads inline and PDF.js elsewhere (a margin label): the match spans the whole quote, not an edit-distance match that drops its tail")
    func wholeQuoteOverTruncated() {
        // As tex-locale.pdf p. 138: PDF.js's text lacks "\\LocaleStandaloneDayName{", which Poppler's
        // content order keeps inline; dropping the quote's last 20 characters costs fewer edits than
        // spanning those 25, but leaves the match short of the quote.
        let line = "For most languages they will be the same as the above.\n\\LocaleStandaloneDayName{〈dialect 〉}{〈n 〉}\nGets the day of week name identified by the index."
        let result = anchor(
            "These are provided with the commands defined below. For most languages they will be the same as the above. 〈dialect 〉}{〈n 〉} Gets the day of",
            amid: "\nSome languages have a different form. These are provided with the commands defined below. " + line + "\n",
            prefix: "Some languages have a different form. ", suffix: " week name identified by the ind")
        #expect(result.isFound)
        #expect(result.matchedText?.hasSuffix("Gets the day of") == true, "\(result.matchedText ?? "-")")
    }

    @Test("a word that recurs a line below: the place with its context right beside it wins, not 'ambiguous'")
    func recurringWord() {
        // The prefix is also within reach of the second "allowing" (a line up),
        // so both places fit the context nearly as well; only the first has it adjacent.
        let text = "\nan explicit hyphen sign, allowing hyphenation in the\nrest of the word.\nlike the old \\-, but allowing hyphenation in the rest\nof the word.\n"
        let result = anchor("allowing", amid: text, prefix: "ion.\"- an explicit hyphen sign, ", suffix: " hyphenation in therest of the w")
        #expect(result.status == .anchored)
        // Line 0 is the filler; the first "allowing" is on line 1, column 25.
        #expect(result.rects.map(\.rect) == [Synthetic.box(line: 1, column: 25).union(Synthetic.box(line: 1, column: 32))])
    }

    @Test("a one-word quote needs one side of its context to match closely, not both sides roughly")
    func shortQuoteContext() {
        // The word occurs here in a code listing; the annotation was made on
        // a table elsewhere (ifplatform.pdf: "\macosxname → ‘Mac OS X’").
        // Both sides of the context match only roughly (about 0.8 and 0.7).
        let listing = "\n11 \\newcommand\\linuxname{Linux}\n12 \\newcommand\\macosxname{Mac\\,OS\\,X}\n13 \\newcommand\\cygwinname{Cygwin}\n14 \\newcommand\\unknownplatform{[Unknown]}\n"
        let result = anchor("Mac", amid: listing, prefix: "nuxname → ‘Linux’\\macosxname → ‘", suffix: " OS X’\\cygwinname → ‘Cygwin’\\unk")
        #expect(result.status == .orphaned)
        #expect((result.bestCandidate?.prefixMatch ?? 0) >= 0.7 && (result.bestCandidate?.suffixMatch ?? 0) >= 0.7, "both sides roughly alike")
    }

    @Test("a table Poppler reads column by column: many pieces, found when every jump is a clean line break")
    func tableByColumns() {
        // PDF.js reads the table row by row; Poppler column by column, one cell a line.
        let quote = "The turbulent kinetic energy was calibrated against the offshore wind field. Station Depth (m) Flux S01 14.6 0.31"
        let columns = "\nThe turbulent kinetic energy was calibrated against the offshore wind field.\n"
            + "Station\nS01\nS02\nDepth (m)\n14.6\n12.1\nFlux\n0.31\n0.27\n"
        let found = anchor(quote, amid: columns, suffix: " S02 12.1 0.27 Nothing of")
        #expect(found.isFound)
        #expect(found.method == .pieces)
        #expect((found.pieces ?? 0) > max(2, 95 / 25 + 1), "more pieces than a quote of this length may have at unclean breaks")
        #expect(found.matchedText?.hasPrefix("The turbulent kinetic energy") == true)
        // The same words scattered inside lines of prose: a collage, not a quote.
        let prose = "\nThe turbulent kinetic energy was calibrated against the offshore wind field. Every Station\n"
            + "had its Depth (m) logged, and its Flux and S01 were kept, a 14.6 here and 0.31 there.\n"
        let scattered = anchor(quote, amid: prose, suffix: " S02 12.1 0.27 Nothing of")
        #expect(scattered.status == .orphaned)
    }

    @Test("Poppler's reading order differs (a heading between two lines): found in pieces, one region each")
    func pieces() {
        // PDF.js order: "…the charac-teristic timescale…"; Poppler puts a heading between the lines.
        let marked = Synthetic.marked([
            filler + "\nIn contrast, ⟦the charac-⟧\n3 Methods\n⟦teristic timescale increases with the buoyancy⟧\nfrequency and more.\n"
        ])
        let result = anchor(
            "the charac-teristic timescale increases with the buoyancy", in: marked.pages, prefix: "this sentence at all. In contrast, ",
            suffix: " frequency and more.")
        #expect(result.status == .anchored)
        #expect(result.method == .pieces)
        #expect(result.pieces == 2)
        #expect(result.matchedText == "the charac- … teristic timescale increases with the buoyancy")
        #expect(result.rects.count == 2)
        #expect(result.rects.map(\.minY) == [12, 36])
    }

    @Test("a quote with a character doubled where two lines meet: fuzzy with one edit, no character of the PDF used twice")
    func noCharacterTwice() {
        // As in R's manual's contents: the stored quote has "2722group"
        // where the PDF has "272" ending a line and "group" starting the
        // next. The pieces ". 272" and "2group…" would both end and start on
        // the PDF's last "2" and make the quote look exact.
        let contents = "\ngetMethod . . . . . . . . . . . 272\ngroupGeneric . . . . . . . . . . . 273\nhasArg . . . . . . . . . . 274\n"
        let result = anchor(". 2722groupGeneric . . . . . . . . . . .", amid: contents, prefix: "getMethod . . . . . . . . . . ", suffix: " 273hasArg . . . . .")
        #expect(result.status == .fuzzy)
        #expect(result.errors == 1)
        #expect(result.matchedText == ". 272\ngroupGeneric . . . . . . . . . . .")
        let boxes = result.rects.sorted { ($0.minY, $0.minX) < ($1.minY, $1.minX) }
        for (a, b) in zip(boxes, boxes.dropFirst()) where a.minY == b.minY {
            #expect(a.maxX <= b.minX, "regions overlap: \(a) and \(b)")
        }
    }

    @Test("a quote across a page break: both pages, a region on each")
    func crossPage() {
        let pages = [
            filler + "The last sentence of the first page runs on\nFooter 1\n",
            "Header 2\ninto the second page and ends there. " + filler,
        ]
        let result = anchor("The last sentence of the first page runs on into the second page and ends there.", in: pages, suffix: " Nothing of interest")
        #expect(result.isFound)
        #expect(result.page == 1)
        #expect(result.pages == [1, 2])
        #expect(Set(result.rects.map(\.page)) == [1, 2])
    }

    @Test("a quote across a page break that skips lines starting like the next one: the jump is at the line break, not inside a word")
    func crossPageSkippedLines() {
        // As Chromium's libxslt symbol list: the quote ends page 1 at
        // "…LRElementInfo" and goes on at "_xsltStyleItemText" on page 2;
        // the lines between (printed at the page's edges) are not in it.
        // The longest first piece runs on into "_xsltStyleItem" of the
        // skipped line, so the jump falls inside a word unless moved back.
        let listed = ["CompMatch", "CompilerCtxt", "DecimalFormat", "Document", "ElemPreComp", "KeyDef", "KeyTable", "NsAlias", "LRElementInfo"]
        let skipped = ["Message", "Number", "Otherwise", "PI", "Param"]
        let after = ["Text", "Uknown", "ValueOf", "When", "PreComp"]
        let lines = { (names: [String]) in names.map { "_xsltStyleItem" + $0 }.joined(separator: "\n") }
        let pages = [
            filler + "\nLetter _:\n" + lines(listed) + "\n" + lines(Array(skipped.prefix(3))) + "\n",
            lines(Array(skipped.dropFirst(3))) + "\n" + lines(after) + "\nLetter x:\n" + filler,
        ]
        let quote = "_: " + listed.map { "_xsltStyleItem" + $0 }.joined() + " " + after.map { "_xsltStyleItem" + $0 }.joined()
        let result = anchor(quote, in: pages, prefix: "f interest in this sentence at all. Letter ", suffix: " Letter x: Nothing of interest he")
        #expect(result.status == .anchored)
        #expect(result.method == .pieces)
        #expect(result.pages == [1, 2])
        #expect(result.matchedText?.hasSuffix("_xsltStyleItemPreComp") == true, "\(result.matchedText ?? "-")")
        #expect(result.matchedText?.contains("Message") == false)
    }

    @Test("margin labels that repeat the start of the next line, inline in Poppler's order and left out by PDF.js: jumps at the line breaks, not edits")
    func marginLabelsRepeatingTheLine() {
        // As tex-locale.pdf p. 16: each command's name is printed in the
        // margin beside its definition; Poppler's content order puts the
        // label on a line of its own just before the definition's line.
        let text = "\nSome information may be stored. These are set using:\n\\LocaleSetAttribute\n\\LocaleSetAttribute{〈label 〉}{〈attribute 〉}{〈value 〉}\n"
            + "and accessed using\n\\LocaleGetAttribute\n\\LocaleGetAttribute{〈label 〉}{〈attribute 〉}\nThe 〈label〉 identifies the type of information.\n"
        let result = anchor(
            "These are set using:\\LocaleSetAttribute{〈label 〉}{〈attribute 〉}{〈value 〉}and accessed using\\LocaleGetAttribute{〈label 〉}{〈attribute 〉}The",
            amid: text, prefix: "Some information may be stored. ", suffix: " 〈label〉 identifies the type of ")
        #expect(result.status == .anchored, "\(result.reason ?? "")")
        #expect(result.method == .pieces)
        #expect(result.matchedText?.hasPrefix("These are set using:") == true, "\(result.matchedText ?? "-")")
        #expect(result.matchedText?.hasSuffix("The") == true)
    }

    @Test("a quote from another document is orphaned, with the best rejected candidate")
    func foreign() {
        let text = "The boundary layer reflects the tidal phase within experimental uncertainty. "
        let result = anchor(
            "The bed roughness offsets the effect of the inflow temperature after filtering.", amid: text, prefix: "A different sentence here. ",
            suffix: " And something else.")
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
