/// A word as Poppler's text extraction finds it in the content stream: its
/// characters, one box each, and the font size and baseline they share.
struct ContentWord: Sendable, Equatable {
    /// The characters, in the order drawn.
    var scalars: [Unicode.Scalar]
    /// One box per character, top-left page space, points.
    var boxes: [Rect]
    /// The font size in points (as scaled on the page).
    var fontSize: Double
    /// The baseline's coordinate across the writing direction (y for
    /// rotations 0 and 2, x for 1 and 3), top-left page space.
    var baseline: Double
    /// The writing direction in quarter turns clockwise from left-to-right:
    /// 0 left to right, 1 top to bottom, 2 right to left (upside down),
    /// 3 bottom to top.
    var rotation: Int

    /// Where the word starts along its writing direction (the smaller x for
    /// rotation 0, the larger for 2; likewise y for 1 and 3).
    var leadingEdge: Double {
        guard let first = boxes.first else { return 0 }
        switch rotation {
        case 1: return first.minY
        case 2: return first.maxX
        case 3: return first.maxY
        default: return first.minX
        }
    }

    /// Where the word ends along its writing direction.
    var trailingEdge: Double {
        guard let last = boxes.last else { return 0 }
        switch rotation {
        case 1: return last.maxY
        case 2: return last.minX
        case 3: return last.minY
        default: return last.maxX
        }
    }

    /// The distance from this word's end to `next`'s start along the
    /// writing direction (negative when `next` starts before this one ends).
    func gap(to next: ContentWord) -> Double {
        switch rotation {
        case 2, 3: return trailingEdge - next.leadingEdge
        default: return next.leadingEdge - trailingEdge
        }
    }
}
