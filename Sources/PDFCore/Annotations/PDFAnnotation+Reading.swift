import Foundation

/// Makes ``PDFAnnotation`` values from the raw entries of a page's
/// `/Annots` (``CoreAnnotationEntry``, PDF user space), converting
/// coordinates to top-left page space and saying what was wrong.
struct AnnotationReader {
    /// The largest coordinate taken, in points (about 3.5 km): larger ones
    /// are damage, not places on a page.
    static let maxCoordinate = 1e7
    /// Strings are cut at this many bytes (1 MiB).
    static let maxStringBytes = 1 << 20
    /// Arrays are read up to this many numbers (10,000 quadrilaterals).
    static let maxNumbers = 80_000

    /// The 1-based page.
    let page: Int
    /// The page's mapping from PDF user space to top-left page space.
    let geometry: PageGeometry

    /// The annotation of `entry`, the `index`-th (0-based) of the page's
    /// `/Annots`, or why it could not be read.
    func annotation(_ entry: CoreAnnotationEntry, index: Int) -> Result<PDFAnnotation, PDFAnnotationProblem> {
        let named = "Entry \(index + 1) of the page's /Annots" + (entry.reference.map { " (\($0))" } ?? "")
        switch entry.status {
        case .notADictionary:
            return .failure(problem(.notADictionary, entry, "\(named) is not a dictionary: left out."))
        case .noSubtype:
            return .failure(problem(.noSubtype, entry, "\(named) has no /Subtype name: left out."))
        case .annotation:
            break
        }
        var problems: [String] = []
        var annotation = PDFAnnotation(page: page, reference: entry.reference, subtype: entry.subtype)
        annotation.rect = rect(entry.rect, problems: &problems)
        if annotation.kind == .textMarkup {
            let known = problems.count
            defer { annotation.placeRepaired = problems.count > known }
            annotation.quads = quads(entry.quadPoints, problems: &problems)
            if annotation.quads.isEmpty, annotation.rect != nil {
                if case .missing = entry.quadPoints {
                    problems.append("It has no /QuadPoints: its /Rect is used instead.")
                } else {
                    problems.append("No quadrilateral of its /QuadPoints is usable: its /Rect is used instead.")
                }
            }
        }
        if annotation.quads.isEmpty, annotation.rect == nil {
            let why = problems.isEmpty ? "" : " " + problems.joined(separator: " ")
            return .failure(problem(.noPlace, entry, "\(named) (\(entry.subtype)) has neither usable /QuadPoints nor a usable /Rect: left out.\(why)"))
        }
        annotation.contents = text(entry.contents, key: "Contents", problems: &problems)
        annotation.author = text(entry.author, key: "T", problems: &problems)
        annotation.subject = text(entry.subject, key: "Subj", problems: &problems)
        annotation.name = text(entry.name, key: "NM", problems: &problems)
        annotation.created = date(entry.created)
        annotation.modified = date(entry.modified)
        annotation.color = color(entry.color, problems: &problems)
        switch entry.opacity {
        case .present(let value) where value.isFinite: annotation.opacity = min(1, max(0, value))
        case .present, .wrongType: problems.append("Its /CA is not a usable opacity: left out.")
        case .missing: break
        }
        switch entry.inReplyTo {
        case .present(let reference): annotation.inReplyTo = reference
        case .wrongType: problems.append("Its /IRT is not a reference to an annotation: left out.")
        case .missing: break
        }
        switch entry.replyType {
        case .present("Group"): annotation.replyType = .group
        case .present("R"), .missing: annotation.replyType = .reply
        case .present(let name): problems.append("Its /RT /\(name) is neither /R nor /Group: taken as /R.")
        case .wrongType: problems.append("Its /RT is not a name: taken as /R.")
        }
        annotation.problems = problems
        return .success(annotation)
    }

    private func problem(_ code: PDFAnnotationProblem.Code, _ entry: CoreAnnotationEntry, _ message: String) -> PDFAnnotationProblem {
        PDFAnnotationProblem(code: code, page: page, reference: entry.reference, message: message)
    }

    /// Whether `value` is a usable coordinate: finite and within ``maxCoordinate``.
    private static func usable(_ value: Double) -> Bool {
        value.isFinite && abs(value) <= maxCoordinate
    }

    /// `/Rect` in top-left page space, normalized (any two opposite corners
    /// may be given); nil when missing or unusable.
    private func rect(_ entry: CoreAnnotationEntry.Presence<CoreAnnotationEntry.Numbers>, problems: inout [String]) -> Rect? {
        switch entry {
        case .missing:
            problems.append("It has no /Rect.")
            return nil
        case .wrongType:
            problems.append("Its /Rect is not an array: left out.")
            return nil
        case .present(let numbers):
            guard numbers.fullCount == 4, numbers.values.count == 4 else {
                problems.append("Its /Rect has \(numbers.fullCount) elements, not 4: left out.")
                return nil
            }
            if numbers.values.contains(where: \.isNaN) {
                problems.append("Its /Rect holds something that is not a number: left out.")
                return nil
            }
            guard numbers.values.allSatisfy(Self.usable) else {
                problems.append("Its /Rect has a coordinate beyond ±\(Int(Self.maxCoordinate)) points: left out.")
                return nil
            }
            let v = numbers.values
            let a = geometry.pageSpace(Point(x: v[0], y: v[1]))
            let b = geometry.pageSpace(Point(x: v[2], y: v[3]))
            return Rect(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
        }
    }

    /// The usable quadrilaterals of `/QuadPoints` in top-left page space,
    /// in the PDF's order.
    private func quads(_ entry: CoreAnnotationEntry.Presence<CoreAnnotationEntry.Numbers>, problems: inout [String]) -> [Quad] {
        let numbers: CoreAnnotationEntry.Numbers
        switch entry {
        case .missing:
            return []
        case .wrongType:
            problems.append("Its /QuadPoints is not an array.")
            return []
        case .present(let value):
            numbers = value
        }
        if numbers.values.count < numbers.fullCount {
            problems.append(
                "Its /QuadPoints has \(numbers.fullCount) numbers: only the first \(numbers.values.count) (\(numbers.values.count / 8) quadrilaterals) were read.")
        } else if numbers.fullCount % 8 != 0 {
            problems.append(
                "Its /QuadPoints has \(numbers.fullCount) numbers, not a multiple of 8: the last \(numbers.fullCount % 8) are left out.")
        }
        var quads: [Quad] = []
        let values = numbers.values
        for start in stride(from: 0, to: values.count - values.count % 8, by: 8) {
            let eight = values[start..<start + 8]
            let ordinal = start / 8 + 1
            if eight.contains(where: \.isNaN) {
                problems.append("Quadrilateral \(ordinal) of its /QuadPoints holds something that is not a number: left out.")
                continue
            }
            guard eight.allSatisfy(Self.usable) else {
                problems.append(
                    "Quadrilateral \(ordinal) of its /QuadPoints has a coordinate beyond ±\(Int(Self.maxCoordinate)) points: left out.")
                continue
            }
            let corners = stride(from: start, to: start + 8, by: 2).map {
                geometry.pageSpace(Point(x: values[$0], y: values[$0 + 1]))
            }
            quads.append(Self.quad(corners))
        }
        return quads
    }

    /// The quadrilateral of four corners in top-left page space, in the
    /// order written, named as the text is read whichever order that was.
    ///
    /// Writers give the corners as the standard says (upper left, upper
    /// right, lower left, lower right) or counter-clockwise (lower left,
    /// lower right, upper right, upper left): in both, the first two and
    /// the last two are the edges along the text, and the first runs in
    /// reading direction. For text running across the page as displayed,
    /// the upper edge is the one of smaller y, and left is smaller x. For
    /// text running down the page (turned a quarter clockwise), the upper
    /// edge is the one on the right and left is smaller y; running up, the
    /// upper edge is on the left and left is larger y.
    static func quad(_ corners: [Point]) -> Quad {
        let first = (corners[0], corners[1])
        let second = (corners[2], corners[3])
        let dx = corners[1].x - corners[0].x
        let dy = corners[1].y - corners[0].y
        // Where "up" for the text points, and which way "left" is.
        let upper: ((Point, Point)) -> Double  // smaller is more upper
        let leftFirst: (Point, Point) -> Bool
        if abs(dx) >= abs(dy) {
            upper = { ($0.0.y + $0.1.y) / 2 }
            leftFirst = { $0.x <= $1.x }
        } else if dy > 0 {
            upper = { -($0.0.x + $0.1.x) / 2 }
            leftFirst = { $0.y <= $1.y }
        } else {
            upper = { ($0.0.x + $0.1.x) / 2 }
            leftFirst = { $0.y >= $1.y }
        }
        let (top, bottom) = upper(first) <= upper(second) ? (first, second) : (second, first)
        let (upperLeft, upperRight) = leftFirst(top.0, top.1) ? (top.0, top.1) : (top.1, top.0)
        let (lowerLeft, lowerRight) = leftFirst(bottom.0, bottom.1) ? (bottom.0, bottom.1) : (bottom.1, bottom.0)
        return Quad(upperLeft: upperLeft, upperRight: upperRight, lowerLeft: lowerLeft, lowerRight: lowerRight)
    }

    /// A text string entry, decoded; nil when missing, empty or not a string.
    private func text(_ entry: CoreAnnotationEntry.Presence<CoreAnnotationEntry.Bytes>, key: String, problems: inout [String]) -> String? {
        switch entry {
        case .missing:
            return nil
        case .wrongType:
            problems.append("Its /\(key) is not a string: left out.")
            return nil
        case .present(let string):
            let cut = string.bytes.count < string.fullLength
            if cut {
                problems.append("Its /\(key) has \(string.fullLength) bytes: only the first \(string.bytes.count) were read.")
            }
            let text = PDFTextString.decode(string.bytes, cut: cut)
            return text.isEmpty ? nil : text
        }
    }

    /// A date entry; nil when missing or not a date (not a problem: readers
    /// write free text there).
    private func date(_ entry: CoreAnnotationEntry.Presence<CoreAnnotationEntry.Bytes>) -> Date? {
        guard case .present(let string) = entry else { return nil }
        return PDFDate.parse(PDFTextString.decode(string.bytes, cut: string.bytes.count < string.fullLength))
    }

    /// `/C` as RGB: no components is transparent (nil); 1 is grey, 3 RGB, 4
    /// CMYK (converted naively: each of red, green, blue is (1 − C/M/Y) ×
    /// (1 − K)); each component clamped to 0…1.
    private func color(_ entry: CoreAnnotationEntry.Presence<CoreAnnotationEntry.Numbers>, problems: inout [String]) -> RGBColor? {
        switch entry {
        case .missing:
            return nil
        case .wrongType:
            problems.append("Its /C is not an array: left out.")
            return nil
        case .present(let numbers):
            guard numbers.values.count == numbers.fullCount, [0, 1, 3, 4].contains(numbers.fullCount) else {
                problems.append("Its /C has \(numbers.fullCount) components, not 0, 1, 3 or 4: left out.")
                return nil
            }
            guard numbers.values.allSatisfy(\.isFinite) else {
                problems.append("Its /C holds something that is not a number: left out.")
                return nil
            }
            let c = numbers.values.map { min(1, max(0, $0)) }
            switch c.count {
            case 1: return RGBColor(red: c[0], green: c[0], blue: c[0])
            case 3: return RGBColor(red: c[0], green: c[1], blue: c[2])
            case 4: return RGBColor(red: (1 - c[0]) * (1 - c[3]), green: (1 - c[1]) * (1 - c[3]), blue: (1 - c[2]) * (1 - c[3]))
            default: return nil
            }
        }
    }
}
