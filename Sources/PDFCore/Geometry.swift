/// A point in page space.
public struct Point: Sendable, Hashable, Codable {
    /// The horizontal coordinate in points, growing rightwards.
    public var x: Double
    /// The vertical coordinate in points: growing downwards in top-left page
    /// space, upwards in PDF user space (a ``Quad``'s corners).
    public var y: Double

    /// The point (`x`, `y`).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in PDF points (1/72 inch).
///
/// Unless a doc comment says otherwise, rectangles are in **top-left page
/// space**: the origin is the top-left corner of the page as displayed
/// (crop box, after `/Rotate`), x grows rightwards and y grows downwards.
/// This is the space of Poppler's text layout and of rendering.
public struct Rect: Sendable, Hashable, Codable {
    /// The left edge, points.
    public var minX: Double
    /// The top edge in top-left page space (the bottom edge in PDF user space).
    public var minY: Double
    /// The right edge, points.
    public var maxX: Double
    /// The bottom edge in top-left page space (the top edge in PDF user space).
    public var maxY: Double

    /// The rectangle between these edges, as given (not normalized).
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var midX: Double { (minX + maxX) / 2 }
    public var midY: Double { (minY + maxY) / 2 }
    public var area: Double { max(0, width) * max(0, height) }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The smallest rectangle holding both.
    public func union(_ other: Rect) -> Rect {
        Rect(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// The overlap of both, or nil when they do not overlap.
    public func intersection(_ other: Rect) -> Rect? {
        let r = Rect(
            minX: max(minX, other.minX), minY: max(minY, other.minY),
            maxX: min(maxX, other.maxX), maxY: min(maxY, other.maxY))
        return r.isEmpty ? nil : r
    }

    /// This rectangle grown by `margin` points on every side.
    public func insetBy(_ margin: Double) -> Rect {
        Rect(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }
}

/// A page's size in PDF points, as displayed (crop box, width and height
/// swapped for pages rotated by 90° or 270°).
public struct PageSize: Sendable, Hashable, Codable {
    /// The width as displayed, points.
    public var width: Double
    /// The height as displayed, points.
    public var height: Double

    /// A size of `width` by `height` points.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// A quadrilateral in **PDF user space** (bottom-left origin, y upwards,
/// the page's own coordinates before `/Rotate`, crop box offset included):
/// the form of a highlight annotation's `/QuadPoints` entry.
///
/// Corners are in QuadPoints order relative to the text as read: upper
/// left, upper right, lower left, lower right.
public struct Quad: Sendable, Hashable, Codable {
    /// The upper left corner, relative to the text as read.
    public var upperLeft: Point
    /// The upper right corner, relative to the text as read.
    public var upperRight: Point
    /// The lower left corner, relative to the text as read.
    public var lowerLeft: Point
    /// The lower right corner, relative to the text as read.
    public var lowerRight: Point

    /// The quadrilateral of these corners, in PDF user space.
    public init(upperLeft: Point, upperRight: Point, lowerLeft: Point, lowerRight: Point) {
        self.upperLeft = upperLeft
        self.upperRight = upperRight
        self.lowerLeft = lowerLeft
        self.lowerRight = lowerRight
    }

    /// The eight numbers of `/QuadPoints`: x1 y1 x2 y2 x3 y3 x4 y4.
    public var quadPoints: [Double] {
        [upperLeft.x, upperLeft.y, upperRight.x, upperRight.y, lowerLeft.x, lowerLeft.y, lowerRight.x, lowerRight.y]
    }

    /// The smallest user-space rectangle holding the quadrilateral.
    public var bounds: Rect {
        let xs = [upperLeft.x, upperRight.x, lowerLeft.x, lowerRight.x]
        let ys = [upperLeft.y, upperRight.y, lowerLeft.y, lowerRight.y]
        return Rect(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }
}

/// How a page's displayed (top-left) space maps to its PDF user space.
///
/// Captures the crop box (user space) and `/Rotate`; a `Sendable` value so
/// upper modules can convert coordinates without a page handle.
public struct PageGeometry: Sendable, Hashable, Codable {
    /// The crop box in PDF user space.
    public var cropBox: Rect
    /// `/Rotate` in degrees clockwise: 0, 90, 180 or 270.
    public var rotation: Int

    /// The geometry of a page with `cropBox` and `/Rotate` `rotation` (degrees
    /// clockwise, brought into 0..<360: -90 becomes 270).
    public init(cropBox: Rect, rotation: Int) {
        self.cropBox = cropBox
        self.rotation = ((rotation % 360) + 360) % 360
    }

    /// The page size as displayed (width and height swapped at 90° and 270°).
    public var displayedSize: PageSize {
        rotation == 90 || rotation == 270
            ? PageSize(width: cropBox.height, height: cropBox.width)
            : PageSize(width: cropBox.width, height: cropBox.height)
    }

    /// Converts a point from top-left page space (as displayed) to PDF user space.
    public func userSpace(_ point: Point) -> Point {
        let c = cropBox
        switch rotation {
        case 90: return Point(x: c.minX + point.y, y: c.minY + point.x)
        case 180: return Point(x: c.maxX - point.x, y: c.minY + point.y)
        case 270: return Point(x: c.maxX - point.y, y: c.maxY - point.x)
        default: return Point(x: c.minX + point.x, y: c.maxY - point.y)
        }
    }

    /// Converts a point from PDF user space to top-left page space (as displayed).
    public func pageSpace(_ point: Point) -> Point {
        let c = cropBox
        switch rotation {
        case 90: return Point(x: point.y - c.minY, y: point.x - c.minX)
        case 180: return Point(x: c.maxX - point.x, y: point.y - c.minY)
        case 270: return Point(x: c.maxY - point.y, y: c.maxX - point.x)
        default: return Point(x: point.x - c.minX, y: c.maxY - point.y)
        }
    }

    /// The user-space quadrilateral of a rectangle given in top-left page
    /// space, corners ordered for text that runs left to right on screen.
    public func quad(for rect: Rect) -> Quad {
        Quad(
            upperLeft: userSpace(Point(x: rect.minX, y: rect.minY)),
            upperRight: userSpace(Point(x: rect.maxX, y: rect.minY)),
            lowerLeft: userSpace(Point(x: rect.minX, y: rect.maxY)),
            lowerRight: userSpace(Point(x: rect.maxX, y: rect.maxY)))
    }
}
