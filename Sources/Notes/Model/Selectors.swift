/// The quote of a highlight with its context (W3C `TextQuoteSelector`).
///
/// As Hypothesis makes them on a PDF: `exact` is the selected text of
/// PDF.js's text layer; `prefix` and `suffix` are up to 32 UTF-16 units
/// before and after it.
public struct TextQuoteSelector: Sendable, Hashable, Codable {
    /// The selected text.
    public var exact: String
    /// The text just before it (up to 32 UTF-16 units).
    public var prefix: String
    /// The text just after it (up to 32 UTF-16 units).
    public var suffix: String

    /// The quote `exact` between `prefix` and `suffix`.
    public init(exact: String, prefix: String = "", suffix: String = "") {
        self.exact = exact
        self.prefix = prefix
        self.suffix = suffix
    }
}

/// Where a highlight is in the document's text (W3C `TextPositionSelector`).
///
/// On a PDF, `start` and `end` are **UTF-16 offsets** into the
/// concatenation of all pages' PDF.js texts (docs/formats.md, "Text positions"), as made by the
/// PDF.js version of the time: a hint, not a truth.
public struct TextPositionSelector: Sendable, Hashable, Codable {
    /// The offset where the selection starts, in UTF-16 units.
    public var start: Int
    /// The offset where it ends (exclusive), in UTF-16 units.
    public var end: Int

    /// The selection of UTF-16 offsets `start..<end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A DOM range (W3C `RangeSelector`, Hypothesis's XPath form), used by EPUB
/// and web notes.
public struct RangeSelector: Sendable, Hashable, Codable {
    /// The XPath of the node the range starts in.
    public var startContainer: String
    /// Where in that node's text it starts (UTF-16 units, as the DOM counts).
    public var startOffset: Int
    /// The XPath of the node the range ends in.
    public var endContainer: String
    /// Where in that node's text it ends (UTF-16 units, exclusive).
    public var endOffset: Int
}

/// The page of a PDF annotation, as newer Hypothesis clients add it.
public struct PageSelector: Sendable, Hashable, Codable {
    /// 0-based page index.
    public var index: Int?
    /// The printed page label.
    public var label: String?
}

/// A W3C `FragmentSelector` (for PDFs: `page=N`, RFC 8118).
public struct FragmentSelector: Sendable, Hashable, Codable {
    /// The fragment (for a PDF, `page=N`).
    public var value: String
    /// The specification the fragment follows (a URL), when given.
    public var conformsTo: String?
}

/// One selector of an annotation target.
public enum Selector: Sendable, Hashable {
    case textQuote(TextQuoteSelector)
    case textPosition(TextPositionSelector)
    case range(RangeSelector)
    case page(PageSelector)
    case fragment(FragmentSelector)
    /// A selector of another type (or a malformed one), kept as it was.
    case unknown(JSONValue)

    /// Reads a selector object; anything unrecognised becomes ``unknown(_:)``.
    public init(json: JSONValue) {
        let type = json["type"]?.stringValue
        switch type {
        case "TextQuoteSelector":
            if let exact = json["exact"]?.stringValue {
                self = .textQuote(
                    TextQuoteSelector(
                        exact: exact, prefix: json["prefix"]?.stringValue ?? "",
                        suffix: json["suffix"]?.stringValue ?? ""))
                return
            }
        case "TextPositionSelector":
            if let start = json["start"]?.intValue, let end = json["end"]?.intValue {
                self = .textPosition(TextPositionSelector(start: start, end: end))
                return
            }
        case "RangeSelector":
            if let sc = json["startContainer"]?.stringValue, let so = json["startOffset"]?.intValue,
                let ec = json["endContainer"]?.stringValue, let eo = json["endOffset"]?.intValue
            {
                self = .range(RangeSelector(startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo))
                return
            }
        case "PageSelector":
            self = .page(PageSelector(index: json["index"]?.intValue, label: json["label"]?.stringValue))
            return
        case "FragmentSelector":
            if let value = json["value"]?.stringValue {
                self = .fragment(FragmentSelector(value: value, conformsTo: json["conformsTo"]?.stringValue))
                return
            }
        default:
            break
        }
        self = .unknown(json)
    }

    /// The selector's `type` name.
    public var typeName: String {
        switch self {
        case .textQuote: return "TextQuoteSelector"
        case .textPosition: return "TextPositionSelector"
        case .range: return "RangeSelector"
        case .page: return "PageSelector"
        case .fragment: return "FragmentSelector"
        case .unknown(let json): return json["type"]?.stringValue ?? "unknown"
        }
    }
}
