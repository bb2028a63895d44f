import Anchoring
import Foundation
import PDFCore

/// What the audit keeps of the annotations a PDF holds itself (Zotero,
/// Acrobat, Preview, Skim, Okular, PDF++ after `migrate`): counts, and
/// where each markup annotation is — read from the annotation dictionaries
/// (``PDFCore/PDFDocument/annotations(pages:limit:)``), never from the
/// pages' text. Read by a ``PDFJob`` once per PDF file, cached by the file's
/// identity, and matched against the notes when the report is made
/// (``match(notes:)``).
struct EmbeddedInventory: Sendable, Codable, Equatable {
    /// The version of what an inventory holds: one cached by a build that
    /// read or counted otherwise is read again.
    static let format = "embedded1"

    /// See ``format``.
    var format = Self.format
    /// Why the annotations could not be read (the PDF does not open, or its
    /// worker failed); nothing else is known then.
    var error: String?
    /// How many annotations a reader lists, by kind
    /// (``PDFCore/PDFAnnotation/Kind`` raw values), replies not counted.
    var kinds: [String: Int] = [:]
    /// The same, by `/Subtype`.
    var subtypes: [String: Int] = [:]
    /// Replies (`/IRT` with `/RT /R`) to them.
    var replies = 0
    /// The markup annotations (highlight, underline, strike-out, squiggly), in the PDF's order.
    var markup: [Markup] = []

    /// One markup annotation: where it is and what names it.
    struct Markup: Sendable, Codable, Equatable {
        /// The 1-based page.
        var page: Int
        /// `/Subtype`.
        var subtype: String
        /// `/NM`, when it has one.
        var name: String?
        /// The id `pdfanchor import` gives it (``EmbeddedHighlight/id``).
        var id: String
        /// Its regions in top-left page space.
        var regions: [Rect]
    }

    /// An inventory that says why the annotations could not be read.
    init(error: String) {
        self.error = error
    }

    /// The inventory of `list`: replies and group members folded as a
    /// reader shows them (``EmbeddedReader/fold(_:problems:)``), each with
    /// the id `import` gives it (``EmbeddedReader/assignIDs(_:)``), links,
    /// widgets and pop-ups left out, and the later parts of a highlight
    /// PDFAnchor wrote over several pages (`id-2`, `id-3` beside `id`)
    /// counted with their first.
    init(_ list: PDFAnnotationList) {
        var ignored: [EmbeddedReading.Problem] = []
        var shown = EmbeddedReader.fold(list.annotations.filter { $0.kind != .other }, problems: &ignored)
        EmbeddedReader.assignIDs(&shown)
        let names = Set(shown.compactMap(\.annotation.name))
        for highlight in shown {
            let annotation = highlight.annotation
            if annotation.kind == .textMarkup, let name = annotation.name, PDFExporter.annotationID(of: name) != name,
                names.contains(PDFExporter.annotationID(of: name))
            {
                continue
            }
            kinds[annotation.kind.rawValue, default: 0] += 1
            subtypes[annotation.subtype, default: 0] += 1
            replies += highlight.replies.count
            if annotation.kind == .textMarkup {
                markup.append(Markup(page: annotation.page, subtype: annotation.subtype, name: annotation.name, id: highlight.id, regions: annotation.regions))
            }
        }
    }

    /// Reads the inventory of the PDF at `path` (opening it once, with
    /// Poppler's core API only, reading no page's text); one holding why,
    /// when it cannot be opened.
    static func read(_ path: String) -> EmbeddedInventory {
        do throws(PDFError) {
            let reader = try PageTextReader(path: path)
            return EmbeddedInventory(reader.annotations())
        } catch {
            if case .passwordRequired = error {
                return EmbeddedInventory(
                    error: "it needs a password, which the audit does not take; pdfanchor extract \(path) --password PASSWORD lists its annotations")
            }
            return EmbeddedInventory(error: error.reason)
        }
    }

    /// How many annotations a reader lists (replies not counted).
    var total: Int { kinds.values.reduce(0, +) }

    /// A note annotation matched against the PDF's: its id, and where it
    /// was found (empty when it was not, or when that is not known).
    struct NoteAnnotation: Sendable {
        var id: String
        var rects: [PageRect]
    }

    /// How the markup annotations stand against the notes that use the PDF:
    /// for each, in order, whether a note holds it — the same id (its `/NM`,
    /// the note id PDFAnchor wrote it from, or the id `import` gives it), or
    /// the same place: a note annotation found on its page whose regions
    /// overlap its own by at least half the smaller of the two areas.
    /// `ids` are the ids of the notes' annotations; `places` is asked for
    /// where they were found only when some markup is left after the ids
    /// (it may read the cache).
    func match(ids: Set<String>, places: () -> [NoteAnnotation]) -> [Presence] {
        var found = markup.map { mark -> Presence in
            ids.contains(mark.id) || mark.name.map { ids.contains($0) || ids.contains(PDFExporter.annotationID(of: $0)) } == true ? .sameID : .onlyInPDF
        }
        guard found.contains(.onlyInPDF) else { return found }
        var byPage: [Int: [[Rect]]] = [:]
        for annotation in places() {
            var pages: [Int: [Rect]] = [:]
            for rect in annotation.rects { pages[rect.page, default: []].append(rect.rect) }
            for (page, rects) in pages { byPage[page, default: []].append(rects) }
        }
        for (k, mark) in markup.enumerated() where found[k] == .onlyInPDF {
            if (byPage[mark.page] ?? []).contains(where: { Self.overlapHalf(mark.regions, $0) }) { found[k] = .samePlace }
        }
        return found
    }

    /// Whether one markup annotation is where a note annotation is.
    enum Presence: Sendable, Equatable {
        case sameID, samePlace, onlyInPDF
    }

    /// Whether regions `a` and `b` (one page's) overlap by at least half the
    /// smaller of their two areas.
    static func overlapHalf(_ a: [Rect], _ b: [Rect]) -> Bool {
        let (areaA, areaB) = (a.reduce(0) { $0 + $1.area }, b.reduce(0) { $0 + $1.area })
        guard areaA > 0, areaB > 0 else { return false }
        let common = a.reduce(0.0) { sum, x in b.reduce(sum) { $0 + (x.intersection($1)?.area ?? 0) } }
        return common >= min(areaA, areaB) / 2
    }
}
