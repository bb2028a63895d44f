import Anchoring
import Library
import Notes
import Foundation
import PDFCore
import Mustache

/// Why a report could not be produced.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the template, and where.
    public var message: String
    public var description: String { message }
}

/// Markdown for Obsidian: the highlights under page headings, each a block
/// quote of the PDF's text with a link that opens the PDF at its page and a
/// link back to the annotation, then comments and tags; what was not found
/// in its own section. Rendered through a Mustache template — the built-in
/// one, or the user's (`--template`), which gets the same data (see
/// ``context(for:)``).
public enum MarkdownReport {
    /// The built-in template.
    public static let defaultTemplate = """
        {{% CONTENT_TYPE: TEXT}}
        # {{title}}

        Highlights from {{pdf.link}} · {{counts.total}} annotations: {{counts.anchored}} anchored, {{counts.fuzzy}} fuzzy, {{counts.orphaned}} orphaned{{#hasSkipped}}, {{counts.skipped}} skipped{{/hasSkipped}}
        {{#fingerprintDiffers}}

        > [!warning] This PDF is another version than the one the annotations were made on: its fingerprint is {{pdf.fingerprint}}, the annotations name {{noteFingerprint}}.
        {{/fingerprintDiffers}}
        {{#groups}}

        ## {{heading}}
        {{#highlights}}

        > [!quote] {{pdfLink}} · {{noteLink}}{{#fuzzy}} · {{edits}} from the stored quote{{/fuzzy}}
        > {{text}}
        {{#hasComment}}
        >
        {{calloutComment}}
        {{/hasComment}}
        {{#hasTags}}
        >
        > {{tagLine}}
        {{/hasTags}}
        {{/highlights}}
        {{/groups}}
        {{#hasOrphans}}

        ## Orphaned: not found in this PDF

        {{/hasOrphans}}
        {{#orphans}}
        - {{noteLink}} “{{quote}}” — {{reason}}
        {{#hasComment}}
        {{listComment}}
        {{/hasComment}}
        {{#hasTags}}
          {{tagLine}}
        {{/hasTags}}
        {{/orphans}}

        \(OutputGuard.madeBy("extract"))

        """

    /// Renders `report` with the built-in template or `template`.
    /// - Throws: ``ReportError`` when the template does not parse.
    public static func render(_ report: HighlightReport, template: String? = nil) throws(ReportError) -> String {
        let source = template.map { text in
            // User templates render text as is unless they ask for HTML escaping.
            text.contains("CONTENT_TYPE") ? text : "{{% CONTENT_TYPE: TEXT}}\n" + text
        } ?? (report.isEmbedded ? embeddedTemplate : defaultTemplate)
        let parsed: MustacheTemplate
        do {
            parsed = try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            let what: String
            switch error.error as? MustacheTemplate.Error {
            case .sectionCloseNameIncorrect?: what = "a section is closed with another name than it was opened with"
            case .unfinishedName?: what = "a tag is not closed with }}"
            case .expectedSectionEnd?: what = "a section ({{#name}} or {{^name}}) is never closed with {{/name}}"
            case .invalidSetDelimiter?: what = "a {{=  =}} delimiter change is malformed"
            default: what = "it is not valid Mustache"
            }
            // The built-in CONTENT_TYPE line added before a user template shifts its lines by one.
            let line = error.context.lineNumber - (template?.contains("CONTENT_TYPE") == false ? 1 : 0)
            throw ReportError(message: "the template is not valid at line \(line), column \(error.context.columnNumber): \(what)")
        } catch {
            throw ReportError(message: "the template is not valid Mustache")
        }
        return parsed.render(context(for: report))
    }

    /// What a template can use, as `help extract` shows it (the one list; the
    /// README repeats it).
    public static let templateVariables = """
        Template variables (Mustache: {{name}}, {{#list}}…{{/list}}, {{#flag}}…{{/flag}}):
          title, noteFingerprint, fingerprintDiffers
          note.path, note.link, pdf.path, pdf.link, pdf.fingerprint, pdf.pages
          counts.total, counts.anchored, counts.fuzzy, counts.orphaned, counts.skipped
          groups: heading, highlights (by section of the PDF's outline, else by page)
          pages: number, label, highlights
          highlights (each): id, page, pageLabel, text (the PDF's), quote (the
            note's), comment, calloutComment (each line quoted with "> "),
            tags, tagLine (#a #b), created, status, fuzzy, errors, edits
            ("2 edits"), score, pdfLink, noteLink, hasComment, hasTags, color
            (#rrggbb from the vault's tag colours), hasColor, section, hasSection
          orphans, skipped (each): id, quote, reason, comment, listComment (each
            line indented two spaces, to stay in a list item), tags, tagLine,
            noteLink; hasOrphans, hasSkipped
        A section renders for any text, even empty: test the has… flags.
        """

    /// `text` with `prefix` before each line (an empty line gets `blank`):
    /// `"> "` keeps it inside the callout it follows, two spaces inside the
    /// list item.
    static func prefixedLines(_ text: String, _ prefix: String, blank: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? blank : prefix + $0 }
            .joined(separator: "\n")
    }

    /// The data templates see (listed for users in ``templateVariables``). Text values are escaped for Markdown where
    /// they come from the PDF or a quote; comments are Markdown already.
    ///
    /// - `title`, `noteFingerprint`, `fingerprintDiffers`
    /// - `note` {`path`, `link`}, `pdf` {`path`, `link`, `fingerprint`, `pages`}
    /// - `counts` {`total`, `anchored`, `fuzzy`, `orphaned`, `skipped`}
    /// - `pages`: [{`label`, `number`, `highlights`}]
    /// - `groups`: [{`heading`, `highlights`}] — by section when the PDF has
    ///   an outline ("Part I › 2 Methods"), else by page ("p. 12"); the
    ///   default template's headings
    /// - `highlights` (also at the top level, flat): [{`id`, `page`,
    ///   `pageLabel`, `text`, `quote`, `comment`, `calloutComment` (the
    ///   comment with each line quoted, `> `, to stand inside a callout),
    ///   `tags`, `tagLine`, `created`, `status`, `fuzzy`, `errors`, `edits`
    ///   ("1 edit", "3 edits"), `score`, `pdfLink`, `noteLink` (to the
    ///   annotation's block, labelled "↩ note"), `hasComment`, `hasTags`,
    ///   `color` (`#rrggbb` from the tags, see `ColorMap`; empty without
    ///   one), `hasColor`, `section` (the PDF's sections it falls in, from the
    ///   outline, joined by " › "), `hasSection`}]
    /// - `orphans`, `skipped`: [{`id`, `quote`, `reason`, `comment`, `listComment`, `tags`, `tagLine`, `noteLink`}],
    ///   `hasOrphans`, `hasSkipped`
    ///
    /// (Mustache sections render for any string, even an empty one: test the
    /// `has…` flags.)
    public static func context(for report: HighlightReport) -> [String: Any] {
        func entry(_ e: HighlightReport.Entry) -> [String: Any] {
            let r = e.result
            let color = report.color(of: e)
            let section = report.section(of: e)
            var d: [String: Any] = [
                "id": r.id, "status": r.status.rawValue, "quote": escape(e.quote), "comment": e.annotation.comment,
                "tags": e.annotation.tags, "tagLine": e.annotation.tags.map { "#" + $0.replacingOccurrences(of: " ", with: "-") }.joined(separator: " "),
                "created": e.annotation.created ?? "", "noteLink": report.noteLink(id: r.id),
                "fuzzy": r.status == .fuzzy, "errors": r.errors ?? 0, "edits": (r.errors ?? 0) == 1 ? "1 edit" : "\(r.errors ?? 0) edits",
                "calloutComment": prefixedLines(e.annotation.comment, "> ", blank: ">"),
                "listComment": prefixedLines(e.annotation.comment, "  ", blank: ""),
                "hasComment": !e.annotation.comment.isEmpty, "hasTags": !e.annotation.tags.isEmpty,
                "color": color?.hex ?? "", "hasColor": color != nil,
                "section": escape(section.joined(separator: " › ")), "hasSection": !section.isEmpty,
            ]
            if let page = r.page, let label = r.pageLabel {
                d["page"] = page
                d["pageLabel"] = label
                d["pdfLink"] = report.pdfLink(page: page, label: "p. \(label)")
                d["text"] = escape(e.text)
            }
            if let score = r.score { d["score"] = score }
            if let reason = r.reason { d["reason"] = reason }
            if let embedded = e.embedded { d.merge(embeddedContext(embedded, in: report), uniquingKeysWith: { _, new in new }) }
            return d
        }
        var pages: [[String: Any]] = []
        for e in report.found {
            let page = e.result.page ?? 0
            if let last = pages.last, last["number"] as? Int == page {
                pages[pages.count - 1]["highlights"] = (last["highlights"] as! [[String: Any]]) + [entry(e)]
            } else {
                pages.append(["number": page, "label": e.result.pageLabel ?? String(page), "highlights": [entry(e)]])
            }
        }
        // Under one heading: the highlights of one section of the PDF (from
        // its outline), else of one page.
        var groups: [[String: Any]] = []
        for e in report.found {
            let heading = report.heading(of: e)
            if let last = groups.last, last["heading"] as? String == escape(heading) {
                groups[groups.count - 1]["highlights"] = (last["highlights"] as! [[String: Any]]) + [entry(e)]
            } else {
                groups.append(["heading": escape(heading), "highlights": [entry(e)]])
            }
        }
        let noteFingerprint = report.fingerprintMatches == false ? report.found.first?.annotation.fingerprint ?? report.orphaned.first?.annotation.fingerprint : nil
        return [
            "title": escape(report.title),
            "note": ["path": report.noteVaultPath ?? report.notePath, "link": "[[\(report.noteLinkTarget)]]"],
            "pdf": [
                "path": report.pdfVaultPath ?? report.pdfPath,
                "link": report.pdfVaultPath.map { "[[\($0)]]" } ?? "[\((report.pdfPath as NSString).lastPathComponent)](\(URL(fileURLWithPath: report.pdfPath).absoluteString))",
                "fingerprint": report.fingerprint, "pages": report.pageCount as Any,
            ],
            "fingerprintDiffers": report.fingerprintMatches == false,
            "noteFingerprint": noteFingerprint ?? "",
            "counts": [
                "total": report.summary.total, "anchored": report.summary.anchored, "fuzzy": report.summary.fuzzy,
                "orphaned": report.summary.orphaned, "skipped": report.summary.skipped,
            ],
            "pages": pages,
            "groups": groups,
            "highlights": report.found.map(entry),
            "orphans": report.orphaned.map(entry),
            "hasOrphans": !report.orphaned.isEmpty,
            "hasSkipped": report.summary.skipped > 0,
            "skipped": report.skipped.map(entry),
        ]
    }

    /// Escapes what Obsidian would read as markup in text taken from a PDF:
    /// tags (`#word`), links (`[[`), highlights (`==`), comments (`%%`),
    /// emphasis, code and HTML.
    public static func escape(_ text: String) -> String {
        var output = ""
        var previous: Character = " "
        for character in text {
            switch character {
            case "\\", "*", "_", "`", "<", ">", "[", "]", "|":
                output += "\\" + String(character)
            case "#" where previous == " " || previous == "(":
                output += "\\#"
            case "=" where previous == "=", "%" where previous == "%", "~" where previous == "~":
                output += "\\" + String(character)
            default:
                output.append(character)
            }
            previous = character
        }
        return output
    }
}
