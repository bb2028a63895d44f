import Foundation
public import PDFCore

/// Reads the annotations a PDF holds into what a reader shows
/// (``EmbeddedReading``): the text under each markup annotation, page
/// labels, replies and groups folded, damaged entries said and skipped.
public enum EmbeddedReader {
    /// How many characters of context are kept on each side of a marked text.
    static let contextLength = 40

    /// Reads the annotations of `file`; only the pages holding markup are
    /// read for their text.
    /// - Throws: ``PDFError`` when the PDF cannot be opened.
    public static func read(_ file: PDFFile, password: String?) throws(PDFError) -> EmbeddedReading {
        read(try PDFDocument(file: file, password: password), file: file)
    }

    /// Reads the annotations of `document`, the PDF `file` already open
    /// (a report then draws its pictures from the same document).
    public static func read(_ document: PDFDocument, file: PDFFile) -> EmbeddedReading {
        let list = document.annotations()
        var problems = list.problems.map {
            EmbeddedReading.Problem(page: $0.page, object: $0.reference?.description, code: $0.code.rawValue, message: $0.message)
        }
        let shown = list.annotations.filter { $0.kind != .other }.map(cleaned)
        for annotation in shown {
            for message in annotation.problems {
                problems.append(.init(page: annotation.page, object: annotation.reference?.description, code: "bad-entry", message: message))
            }
        }
        var labels: [Int: String] = [:]
        var texts: [Int: PageText] = [:]
        var highlights: [EmbeddedHighlight] = []
        for var highlight in fold(shown, problems: &problems) {
            let number = highlight.annotation.page
            if labels[number] == nil { labels[number] = (try? document.page(number))?.label ?? String(number) }
            highlight.pageLabel = labels[number] ?? String(number)
            if highlight.annotation.kind == .textMarkup {
                if texts[number] == nil, let page = try? document.page(number) { texts[number] = page.text() }
                if let text = texts[number] { mark(&highlight, in: text) }
            }
            highlights.append(highlight)
        }
        assignIDs(&highlights)
        return EmbeddedReading(
            file: file, pageCount: document.pageCount, title: document.title, highlights: highlights, problems: problems, texts: texts)
    }

    /// Gives each highlight its id: its `/NM` when that can be a block id
    /// and is the PDF's only one of that name (PyMuPDF starts `fitz-A0`
    /// again on every page), else its hash — made unique by a suffix.
    static func assignIDs(_ highlights: inout [EmbeddedHighlight]) {
        var names: [String: Int] = [:]
        for highlight in highlights { if let name = highlight.annotation.name { names[name, default: 0] += 1 } }
        var used: Set<String> = []
        for k in highlights.indices {
            let name = highlights[k].annotation.name ?? ""
            var id = EmbeddedHighlight.isBlockID(name) && names[name] == 1 ? name : highlights[k].hashedID
            var n = 2
            while used.contains(id) {
                id = highlights[k].hashedID + "x\(n)"
                n += 1
            }
            used.insert(id)
            highlights[k].id = id
        }
    }

    /// `annotation` with its words fit for notes and reports: line breaks
    /// of any convention (CR LF, CR: Acrobat's, Windows') one line feed,
    /// control characters (NUL…) gone; the author and subject on one line.
    static func cleaned(_ annotation: PDFAnnotation) -> PDFAnnotation {
        var annotation = annotation
        annotation.contents = annotation.contents.map { lines($0) }.flatMap { $0.isEmpty ? nil : $0 }
        annotation.author = annotation.author.map { oneLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
        annotation.subject = annotation.subject.map { oneLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
        return annotation
    }

    /// `text` with LF line ends and no control characters but tabs.
    static func lines(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\r": view.append("\n")
            case "\n" where previous == "\r": continue
            case "\n", "\t": view.append(scalar)
            default: if scalar.properties.generalCategory != .control { view.append(scalar) }
            }
        }
        return String(view).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `text` on one line: white space and control characters runs of one space.
    static func oneLine(_ text: String) -> String {
        text.unicodeScalars.split { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }

    /// Sets the text under `highlight` and its context from its page's text.
    static func mark(_ highlight: inout EmbeddedHighlight, in text: PageText) {
        let runs = text.runs(markedBy: highlight.annotation.regions)
        highlight.runs = runs
        highlight.text = runs.map { text.string(in: $0) }.joined(separator: " ")
        guard let first = runs.first, let last = runs.last else { return }
        highlight.before = wordAligned(text.string(in: max(0, first.lowerBound - contextLength)..<first.lowerBound), fromEnd: true)
        highlight.after = wordAligned(text.string(in: last.upperBound..<min(text.scalars.count, last.upperBound + contextLength)), fromEnd: false)
    }

    /// `context` without the word cut at its far end (kept when it is the only word).
    private static func wordAligned(_ context: String, fromEnd: Bool) -> String {
        let scalars = Array(context.unicodeScalars)
        guard scalars.count >= contextLength else { return context }
        let cut = fromEnd ? scalars.firstIndex { $0.properties.isWhitespace } : scalars.lastIndex { $0.properties.isWhitespace }
        guard let cut else { return context }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: fromEnd ? scalars[(cut + 1)...] : scalars[..<cut])
        return String(view)
    }

    /// The annotations a reader lists: replies (`/RT /R`) folded into the
    /// annotation their chain starts at, group members (`/RT /Group`) into
    /// the one they name, a Caret grouped with a StrikeOut as one
    /// replacement. A reply to nothing, or in a cycle, is listed on its own
    /// and said.
    static func fold(_ annotations: [PDFAnnotation], problems: inout [EmbeddedReading.Problem]) -> [EmbeddedHighlight] {
        var index: [PDFAnnotation.Reference: Int] = [:]
        for (k, annotation) in annotations.enumerated() {
            if let reference = annotation.reference, index[reference] == nil { index[reference] = k }
        }
        func parent(of k: Int) -> Int? {
            guard let target = annotations[k].inReplyTo, let j = index[target], j != k else { return nil }
            return j
        }
        // Where each annotation's chain of /IRT ends; nil in a cycle. Each
        // chain is walked once: what it meets keeps its answer.
        var roots: [Int: Int?] = [:]
        func root(of k: Int) -> Int? {
            var path: [Int] = []
            var onPath: Set<Int> = []
            var current = k
            var found: Int??
            while found == nil {
                if let known = roots[current] {
                    found = known
                } else if !onPath.insert(current).inserted {
                    found = .some(nil)
                } else {
                    path.append(current)
                    if let next = parent(of: current) { current = next } else { found = current }
                }
            }
            let answer = found ?? nil
            for step in path { roots[step] = answer }
            return answer
        }
        var tops: [Int] = []
        var replies: [Int: [Int]] = [:]
        var members: [Int: [Int]] = [:]
        for (k, annotation) in annotations.enumerated() {
            let object = annotation.reference?.description
            guard let target = annotation.inReplyTo else {
                tops.append(k)
                continue
            }
            if index[target] == nil || index[target] == k {
                problems.append(.init(page: annotation.page, object: object, code: "reply-to-nothing", message: "it answers \(target), which is not an annotation of this PDF: listed on its own"))
                tops.append(k)
            } else if let top = root(of: k) {
                if annotation.replyType == .group { members[parent(of: k)!, default: []].append(k) } else { replies[top, default: []].append(k) }
            } else {
                problems.append(.init(page: annotation.page, object: object, code: "reply-cycle", message: "its /IRT chain comes back to itself: listed on its own"))
                tops.append(k)
            }
        }
        return tops.map { k in
            var highlight = EmbeddedHighlight(annotation: annotations[k], pageLabel: String(annotations[k].page))
            for member in members[k] ?? [] {
                let pair = Set([annotations[k].subtype, annotations[member].subtype])
                if pair == ["Caret", "StrikeOut"], highlight.replacement == nil {
                    // The StrikeOut marks the text; the Caret says what comes instead.
                    let struck = annotations[k].subtype == "StrikeOut" ? annotations[k] : annotations[member]
                    highlight.replacement = annotations[k].subtype == "Caret" ? annotations[k] : annotations[member]
                    highlight.annotation = struck
                } else {
                    highlight.group.append(annotations[member])
                }
            }
            let answers = (replies[k] ?? []).map { annotations[$0] }
            highlight.replies = answers.enumerated().sorted { a, b in
                let (x, y) = (a.element.created ?? a.element.modified, b.element.created ?? b.element.modified)
                if let x, let y, x != y { return x < y }
                return a.offset < b.offset
            }.map(\.element)
            return highlight
        }
    }
}
