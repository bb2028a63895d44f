import Anchoring
import Foundation
import Library
import Notes
public import PDFCore

/// One self-contained HTML page, readable offline: a summary by status,
/// then each highlight with a picture of its place on the page (rendered by
/// Poppler, the highlight marked, some context around it), its page label,
/// its text and comment; then what was not found. Everything that comes
/// from a note or a PDF is escaped.
public enum HTMLReport {
    /// The folder `assets` as seen from the folder of `output` (nil: the
    /// current folder), for the page's links to its pictures: `pics/`,
    /// `../assets/`, or "" for the same folder.
    public static func relativeHref(to assets: String, from output: String?) -> String {
        let target = Vault.absolute(assets).split(separator: "/")
        let base = Vault.absolute(output.map { ($0 as NSString).deletingLastPathComponent } ?? ".").split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let path = (up + target[common...].map(String.init)).joined(separator: "/")
        return path.isEmpty ? "" : path + "/"
    }

    /// Where the pictures go.
    public enum Images: Sendable {
        /// No pictures (the PDF is not opened).
        case none
        /// Inside the page, as `data:` URLs.
        case embedded
        /// As PNG files in `folder`; the page refers to them as `href` + name.
        case folder(path: String, href: String)
    }

    /// How pictures are framed and sized (see ``PictureFrame``).
    public typealias Layout = PictureFrame.Layout

    /// Renders the page.
    /// - Parameters:
    ///   - document: the report's PDF, already open (pictures are drawn
    ///     from it); nil opens it here.
    ///   - password: the PDF's password, if encrypted.
    /// - Throws: ``PDFError`` when the PDF cannot be opened or rendered,
    ///   ``WriteError`` when an image file cannot be written.
    public static func render(
        _ report: HighlightReport, images: Images = .embedded, layout: Layout = Layout(), document opened: PDFDocument? = nil,
        password: String? = nil
    ) throws -> String {
        var document: PDFDocument?
        if case .none = images {} else { document = try opened ?? PDFDocument(path: report.pdfPath, password: password) }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="PDFAnchor">
            <title>\(escape(report.title)) — highlights</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(report.title))</h1>
            \(header(of: report))
            </header>
            <main>

            """
        // Under one heading: the highlights of one section of the PDF (from
        // its outline), else of one page.
        var currentHeading: String?
        // The pages readLayout(of:) read already are not read again.
        var pageColumns = report.columns
        for entry in report.found {
            let r = entry.result
            let heading = report.heading(of: entry)
            if heading != currentHeading {
                if currentHeading != nil { html += "</section>\n" }
                currentHeading = heading
                html += "<section class=\"\(report.sections.isEmpty ? "page" : "part")\"><h2>\(escape(heading))</h2>\n"
            }
            // A colour from the highlight's tags marks its picture and its border.
            let color = report.color(of: entry)
            let style = color.map { " style=\"border-left-color:\($0.hex)\"" } ?? ""
            html += "<article class=\"highlight \(r.status.rawValue)\" id=\"\(escape("a-" + r.id))\"\(style)>\n"
            html += try figures(of: entry, in: document, columns: &pageColumns, color: color, images: images, layout: layout)
            html += "<blockquote>\(escape(entry.text))</blockquote>\n"
            html += meta(of: entry, in: report)
            html += entry.embedded.map(discussion) ?? commentAndTags(entry.annotation)
            html += "</article>\n"
        }
        if currentHeading != nil { html += "</section>\n" }
        html += orphans(of: report)
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// The line under the title: the note and its PDF; for a PDF's own
    /// annotations the PDF alone. Then the warning of a replaced PDF and the
    /// counts (by status; by kind for a PDF's own annotations).
    private static func header(of report: HighlightReport) -> String {
        let pdf = "<a href=\"\(escape(URL(fileURLWithPath: report.pdfPath).absoluteString))\">\(escape(report.pdfVaultPath ?? report.pdfPath))</a>"
            + (report.pageCount.map { " (\($0) page\($0 == 1 ? "" : "s"))" } ?? "")
        let s = report.summary
        if report.isEmbedded {
            var kinds: [String: Int] = [:]
            for entry in report.found + report.skipped { kinds[entry.embedded?.annotation.subtype ?? "", default: 0] += 1 }
            let sorted = kinds.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            return """
                <p class="source">Annotations inside \(pdf)</p>
                <table class="summary">
                <tr><th scope="col">annotations</th>\(sorted.map { "<th scope=\"col\">\(escape($0.key))</th>" }.joined())</tr>
                <tr><td>\(s.total)</td>\(sorted.map { "<td>\($0.value)</td>" }.joined())</tr>
                </table>

                """
        }
        let note = escape(report.noteVaultPath ?? report.notePath)
        var html = "<p class=\"source\">\(report.obsidianURL.map { "<a href=\"\(escape($0))\">\(note)</a>" } ?? note) → \(pdf)</p>\n"
        if report.fingerprintMatches == false {
            html += "<p class=\"warning\">This PDF is another version than the one the annotations were made on (fingerprint \(escape(report.fingerprint))). <code>pdfanchor refresh \(escape(ShellWord.quoted(report.notePath)))</code> shows how the note's quotes and fingerprint would be brought up to date with it (add <code>--write</code> to do it).</p>\n"
        }
        html += """
            <table class="summary">
            <tr><th scope="col">annotations</th><th scope="col">anchored</th><th scope="col">fuzzy</th><th scope="col">orphaned</th><th scope="col">skipped</th></tr>
            <tr><td>\(s.total)</td><td class="anchored">\(s.anchored)</td><td class="fuzzy">\(s.fuzzy)</td><td class="orphaned">\(s.orphaned)</td><td>\(s.skipped)</td></tr>
            </table>

            """
        return html
    }

    /// A highlight's line of facts: the page (opening the PDF there), then
    /// status and date with the id going back to the note in Obsidian; for a
    /// PDF's own annotation its kind, author and date.
    private static func meta(of entry: HighlightReport.Entry, in report: HighlightReport) -> String {
        let r = entry.result
        var meta = r.page.map { "<a href=\"\(escape(report.pdfURL(page: $0)))\">p. \(escape(r.pageLabel ?? String($0)))</a>" } ?? ""
        if let embedded = entry.embedded {
            meta += " · " + escape(embedded.annotation.subtype)
            if let author = embedded.annotation.author { meta += " · " + escape(author) }
            if let created = entry.annotation.created ?? entry.annotation.updated { meta += " · " + time(created) }
            return "<p class=\"meta\">\(meta)</p>\n"
        }
        meta += " · \(r.status.rawValue)"
        if r.status == .fuzzy, let errors = r.errors { meta += " (\(errors) edits from the stored quote)" }
        if let created = entry.annotation.created { meta += " · " + time(created) }
        let id = "<code>^\(escape(r.id))</code>"
        return "<p class=\"meta\">\(meta) · \(report.obsidianURL.map { "<a href=\"\(escape($0))\">\(id)</a>" } ?? id)</p>\n"
    }

    /// A PDF's own annotation's words: its comment, the text a Caret
    /// proposes instead, and its replies with their authors.
    private static func discussion(_ embedded: EmbeddedHighlight) -> String {
        var html = ""
        let own = embedded.comment ?? ""
        if !own.isEmpty { html += "<div class=\"comment\">\(lines(own))</div>\n" }
        if let replacement = embedded.replacement { html += "<p class=\"replacement\">→ \(escape(replacement.contents ?? ""))</p>\n" }
        for reply in embedded.replies {
            html += "<div class=\"reply\">\(reply.author.map { "<strong>\(escape($0))</strong>: " } ?? "")\(lines(reply.contents ?? ""))</div>\n"
        }
        return html
    }

    /// The pictures of a found highlight: one per page, and per column where
    /// the passage runs from one column into the next (`columns` caches each
    /// page's columns); none without a document (``Images/none``).
    private static func figures(
        of entry: HighlightReport.Entry, in document: PDFDocument?, columns pageColumns: inout [Int: PageColumns], color: RGBColor?,
        images: Images, layout: Layout
    ) throws -> String {
        let r = entry.result
        var html = ""
        // A picture per page, and per column where a passage runs from one column into the next.
        var pictures: [(page: Int, rects: [Rect])] = []
        for page in Set(r.rects.map(\.page)).sorted() {
            guard let document else { break }
            let rects = r.rects.filter { $0.page == page }.map(\.rect)
            let pdfPage = try document.page(page)
            if pageColumns[page] == nil { pageColumns[page] = PageColumns(text: pdfPage.text(), size: pdfPage.size) }
            let columns = pageColumns[page]!
            let sides = columns.side(of: rects) == 0 ? [-1, 0, 1].map { side in rects.filter { columns.side(of: [$0]) == side } } : [rects]
            for part in sides where !part.isEmpty { pictures.append((page, part)) }
        }
        for (k, picture) in pictures.enumerated() {
            guard let document else { break }
            let (page, rects) = picture
            let pdfPage = try document.page(page)
            let frame = PictureFrame(highlights: rects, columns: pageColumns[page]!, pageSize: pdfPage.size, layout: layout)
            let region = frame.region
            let bitmap = try pdfPage.render(region: region, scale: frame.renderScale, highlights: rects, color: color ?? .highlighterYellow)
            let png = bitmap.pngData()
            let source: String
            switch images {
            case .none:
                continue
            case .embedded:
                source = "data:image/png;base64," + png.base64EncodedString()
            case .folder(let path, let href):
                let name = "\(safeName(r.id))-\(k + 1).png"
                try AtomicFile.write(png, to: path + "/" + name)
                source = href + name
            }
            let region4 = [region.minX, region.minY, region.maxX, region.maxY].map { String(format: "%.2f", $0) }.joined(separator: " ")
            let (width, height) = frame.displaySize
            html += "<figure><img src=\"\(escape(source))\" width=\"\(width)\" height=\"\(height)\" data-page=\"\(page)\" data-region=\"\(region4)\" data-scale=\"\(String(format: "%.4f", frame.renderScale))\" alt=\"page \(page), highlighted passage\"></figure>\n"
        }
        return html
    }

    /// The annotations not found, each with its reason, the closest text
    /// seen and what to do.
    private static func orphans(of report: HighlightReport) -> String {
        guard !report.orphaned.isEmpty else { return "" }
        var html = ""
        let note = ShellWord.quoted(report.notePath)
        html += "<section class=\"orphans\"><h2>Orphaned: not found in this PDF</h2>\n"
        html += "<p class=\"advice\">For each: <code>pdfanchor check \(escape(note)) --explain ^ID</code> lists every place considered. If the PDF was replaced by a new version, <code>pdfanchor refresh \(escape(note))</code> shows the quotes it would rewrite to fit the new version (<code>--write</code> writes them); a quote from another document belongs in that document's note.</p>\n<ul>\n"
        for entry in report.orphaned {
            html += "<li id=\"\(escape("a-" + entry.result.id))\"><q>\(escape(entry.quote))</q> <span class=\"reason\">— \(escape(entry.result.reason ?? ""))</span> <code>^\(escape(entry.result.id))</code>"
            // The nearest text seen, with the page it is on.
            if let best = entry.result.bestCandidate {
                let page = "<a href=\"\(escape(report.pdfURL(page: best.page)))\">p. \(escape(best.pageLabel))</a>"
                html += "<p class=\"closest\">Closest: \(page), \(Int((best.score * 100).rounded()))% alike: <q>\(escape(HighlightReport.tidy(best.text)))</q></p>"
            }
            html += "\(commentAndTags(entry.annotation))</li>\n"
        }
        html += "</ul></section>\n"
        return html
    }

    /// A date from a note (ISO 8601) as a `<time>`: readable, in the time
    /// zone of the machine making the report (the report has no script to
    /// do it in the browser), the ISO value in its `title`. A value that is
    /// not ISO 8601 is shown as it is.
    static func time(_ iso: String, in zone: TimeZone = .current) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = parser.date(from: iso) ?? plain.date(from: iso) else { return escape(iso) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "d MMM yyyy, HH:mm zzz"
        return "<time datetime=\"\(escape(iso))\" title=\"\(escape(iso))\">\(formatter.string(from: date))</time>"
    }

    private static func commentAndTags(_ annotation: Annotation) -> String {
        var html = ""
        if !annotation.comment.isEmpty {
            html += "<div class=\"comment\">\(lines(annotation.comment))</div>\n"
        }
        if !annotation.tags.isEmpty {
            html += "<p class=\"tags\">" + annotation.tags.map { "<span class=\"tag\">#\(escape($0))</span>" }.joined(separator: " ") + "</p>\n"
        }
        return html
    }

    /// Text escaped, its line breaks kept (`<br>`).
    private static func lines(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: "<br>\n")
    }

    /// The characters ``escape(_:)`` replaces.
    static let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

    /// Text made safe inside HTML elements and quoted attributes.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = entities[scalar] { output += entity } else { output.unicodeScalars.append(scalar) }
        }
        return output
    }

    /// An id made safe as a file name.
    static func safeName(_ id: String) -> String {
        String(id.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") ? Character($0) : "_" })
    }

    static let style = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.1rem;border-bottom:1px solid #ddd;margin-top:2rem}
        .source{color:#666;font-size:.9rem;margin-top:0}.warning{background:#fff4e5;border-left:4px solid #f0a020;padding:.5rem 1rem}
        table.summary{border-collapse:collapse;margin:1rem 0}table.summary th,table.summary td{border:1px solid #ddd;padding:.3rem .8rem;text-align:center}
        td.anchored{color:#1a7f37}td.fuzzy{color:#9a6700}td.orphaned{color:#cf222e}
        article.highlight{margin:1.2rem 0;padding:.6rem 1rem;border-left:4px solid #f2c94c;background:#fffdf5}
        article.fuzzy{border-left-color:#d29922}
        figure{margin:.3rem 0}figure img{max-width:100%;height:auto;border:1px solid #e5e5e5}
        blockquote{margin:.4rem 0;font-family:Georgia,serif}.meta{color:#666;font-size:.85rem;margin:.2rem 0}
        .comment{background:#f6f8fa;padding:.4rem .6rem;border-radius:4px;white-space:normal}.tag{color:#0969da}
        .reply{margin:.3rem 0 .3rem 1.2rem;font-size:.95rem}.replacement{color:#1a7f37}
        .orphans li{margin:.5rem 0}.closest{color:#666;font-size:.9rem;margin:.2rem 0}.advice{font-size:.9rem}.reason{color:#cf222e;font-size:.9rem}code{font-size:.85em;color:#777}
        """
}
