import ArgumentParser
import Reports

extension PDFAnchor.Extract {
    static let configuration = CommandConfiguration(
        abstract: "Export highlights with page numbers — a note's, or those inside a PDF: Markdown, JSON, CSV or an HTML report.",
        discussion: """
            Each annotation is found in its PDF first (as `pdfanchor check` does), so \
            the export shows the PDF's own text, in page and reading order, with the \
            printed page label.

            md    Markdown for Obsidian (default): a callout per highlight
                  under the PDF's section headings (page headings without an
                  outline), with a link that opens the PDF at the page, a link
                  back to the annotation, its comment and tags; what was not
                  found in its own section. --template FILE uses your Mustache template
                  (--print-template prints the built-in one to start from).
            json  W3C Web Annotation JSON-LD, with a page=N FragmentSelector
                  and PDFAnchor's result (status, page, regions).
            csv   RFC 4180: id, status, page, pageLabel, text, comment, tags,
                  created, section.
            html  One self-contained page with a picture of each highlight's
                  place on its page (--assets DIR writes them beside it).

            Several notes, or a vault's folder: --format csv makes one table
            with the note first; the other formats need -o DIR and write one
            file per note there, "<note> highlights.<format>" (never a
            note's own name). -o naming a folder takes that name too.

            With -o the file is written atomically (a temporary file, then a \
            rename); without it the export goes to stdout.

            A PDF (or several, or a folder with --pdfs): the annotations the PDF \
            holds itself — highlights, underlines, strike-outs, notes, drawings made \
            in Zotero, Acrobat, Preview, Skim, Okular — with the text under each, \
            page, section, author, comment and replies, in the same formats. \
            `pdfanchor import PAPER.pdf` brings them into an annotation note. \
            Their CSV columns: id, subtype, page, pageLabel, text, comment, author, \
            color, created, modified, section, replacement, replies. An annotation \
            that cannot be read is said and the others listed; the run then ends \
            with 1.

            Examples:
              pdfanchor extract "Papers/Smith 2021.md" -o "Papers/Smith 2021 highlights.md"
              pdfanchor extract note.md --format html -o report.html
              pdfanchor extract note.md --format csv > highlights.csv
              pdfanchor extract ~/Obsidian/Research --format csv -o all-highlights.csv
              pdfanchor extract ~/Obsidian/Research -o ~/highlights   # one .md per note
              pdfanchor extract paper.pdf                            # the PDF's own highlights
              pdfanchor extract ~/Papers --pdfs --format csv -o annotations.csv
            """ + "\n\n" + MarkdownReport.templateVariables
    )
}
