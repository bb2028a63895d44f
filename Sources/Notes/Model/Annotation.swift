/// The document an annotation was made on, as the annotation records it.
public struct DocumentInfo: Sendable, Hashable {
    /// `document.title`.
    public var title: String?
    /// `document.documentFingerprint`, or the fingerprint of an
    /// `urn:x-pdf:` link when that key is absent.
    public var fingerprint: String?
    /// `document.link[].href` in order (`urn:x-pdf:…`, `vault:/…`, URLs).
    public var links: [String]

    /// A document of the given title, fingerprint and links.
    public init(title: String? = nil, fingerprint: String? = nil, links: [String] = []) {
        self.title = title
        self.fingerprint = fingerprint
        self.links = links
    }
}

/// One target of an annotation: the document and the selectors that find
/// the passage in it.
public struct AnnotationTarget: Sendable, Hashable {
    /// `target[].source`.
    public var source: String?
    /// The selectors in their stored order.
    public var selectors: [Selector]

    /// A target in `source`, its passage found by `selectors`.
    public init(source: String?, selectors: [Selector]) {
        self.source = source
        self.selectors = selectors
    }
}

/// One annotation: a highlight (with or without a comment), a page note or
/// a reply.
///
/// Holds the fields PDFAnchor uses as Swift values and the whole original
/// JSON object in ``json``, so that keys it does not know are never lost.
public struct Annotation: Sendable, Hashable {
    /// What kind of annotation this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A passage selected in the document.
        case highlight
        /// A note on the whole document (no target selectors).
        case pageNote
        /// A reply to another annotation (`references` is not empty).
        case reply
    }

    /// The annotation id: the block id (`^id`) for notes, `id` for JSON.
    public var id: String
    /// `created`: when the annotation was made, as stored (ISO 8601).
    public var created: String?
    /// `updated`: when it was last changed, as stored (ISO 8601).
    public var updated: String?
    /// The comment (Markdown). For notes, from the COMMENT section when
    /// present, as the plugin reads it; otherwise JSON `text`.
    public var comment: String
    /// Tags without `#`.
    public var tags: [String]
    /// `document`: the document it was made on, as it records it.
    public var document: DocumentInfo
    /// `uri`: where the annotation says its document is (`vault:/…`, URL).
    public var uri: String?
    /// `target`: the documents and the selectors that find the passage in them.
    public var targets: [AnnotationTarget]
    /// `references`: ids of the annotations this one replies to.
    public var references: [String]
    /// The JSON object as stored (all keys, original order).
    public var json: JSONObject

    /// An annotation of these fields; `json`, the stored object, is kept as
    /// given (not rebuilt from the fields).
    public init(
        id: String, created: String? = nil, updated: String? = nil, comment: String = "", tags: [String] = [],
        document: DocumentInfo = DocumentInfo(), uri: String? = nil, targets: [AnnotationTarget] = [],
        references: [String] = [], json: JSONObject = JSONObject()
    ) {
        self.id = id
        self.created = created
        self.updated = updated
        self.comment = comment
        self.tags = tags
        self.document = document
        self.uri = uri
        self.targets = targets
        self.references = references
        self.json = json
    }

    /// Reads the fields of a Hypothesis annotation object. `id` is used when
    /// the object has none.
    public init(hypothesis object: JSONObject, id fallbackID: String) {
        let value = JSONValue.object(object)
        let document = value["document"]
        var links: [String] = []
        if let array = document?["link"]?.arrayValue {
            links = array.compactMap { $0["href"]?.stringValue }
        }
        var fingerprint = document?["documentFingerprint"]?.stringValue
        if fingerprint == nil {
            fingerprint = links.first(where: { $0.hasPrefix("urn:x-pdf:") }).map { String($0.dropFirst(10)) }
        }
        var targets: [AnnotationTarget] = []
        for target in value["target"]?.arrayValue ?? [] {
            let selectors: [Selector]
            switch target["selector"] {
            case .array(let items)?: selectors = items.map(Selector.init(json:))
            case .object?: selectors = [Selector(json: target["selector"]!)]
            default: selectors = []
            }
            targets.append(AnnotationTarget(source: target["source"]?.stringValue, selectors: selectors))
        }
        self.init(
            id: value["id"]?.stringValue ?? fallbackID,
            created: value["created"]?.stringValue,
            updated: value["updated"]?.stringValue,
            comment: value["text"]?.stringValue ?? "",
            tags: value["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            document: DocumentInfo(title: document?["title"]?.stringValue, fingerprint: fingerprint, links: links),
            uri: value["uri"]?.stringValue,
            targets: targets,
            references: value["references"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            json: object)
    }

    /// Highlight, page note or reply.
    public var kind: Kind {
        if !references.isEmpty { return .reply }
        if targets.allSatisfy({ $0.selectors.isEmpty }) { return .pageNote }
        return .highlight
    }

    /// The first target's quote selector, if any.
    public var quote: TextQuoteSelector? {
        for target in targets {
            for case .textQuote(let quote) in target.selectors { return quote }
        }
        return nil
    }

    /// The first target's position selector, if any.
    public var position: TextPositionSelector? {
        for target in targets {
            for case .textPosition(let position) in target.selectors { return position }
        }
        return nil
    }

    /// The document fingerprint the annotation was made on, lowercased.
    public var fingerprint: String? { document.fingerprint?.lowercased() }
    /// Who made it, as Hypothesis names its user: `user_info.display_name`,
    /// else the name in `user` (`acct:alice@hypothes.is` → `alice`); nil
    /// when the JSON has neither (obsidian-annotator stores no user).
    public var author: String? {
        if let name = json["user_info"]?["display_name"]?.stringValue, name.contains(where: { !$0.isWhitespace }) { return name }
        guard var user = json["user"]?.stringValue, !user.isEmpty else { return nil }
        if user.hasPrefix("acct:") { user.removeFirst(5) }
        if let at = user.firstIndex(of: "@") { user = String(user[..<at]) }
        return user.isEmpty ? nil : user
    }

    /// The first `target[].source`.
    public var source: String? { targets.first?.source }
}

extension Annotation {
    /// The fingerprint most of `annotations` name (`documentFingerprint`),
    /// if any; of two named as often, the one first in alphabetical order,
    /// so that the answer never depends on dictionary order.
    public static func majorityFingerprint(_ annotations: [Annotation]) -> String? {
        var counts: [String: Int] = [:]
        for annotation in annotations {
            if let fingerprint = annotation.fingerprint { counts[fingerprint, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
