internal import CPopplerCore

/// One entry of a page's `/Annots` array as its dictionary is written: the
/// raw values ``PDFDocument/annotations(pages:limit:)`` makes a
/// ``PDFAnnotation`` from. Coordinates are in PDF user space.
struct CoreAnnotationEntry {
    /// Whether an entry is there and of the type it should be.
    enum Presence<Value> {
        case missing
        case present(Value)
        case wrongType
    }

    /// Numbers of an array entry: NaN for an element that is not a number;
    /// `fullCount` is the array's length in the PDF (more than
    /// `values.count` when it was cut).
    struct Numbers {
        var values: [Double]
        var fullCount: Int
    }

    /// The bytes of a string entry; `fullLength` is its length in the PDF
    /// (more than `bytes.count` when it was cut).
    struct Bytes {
        var bytes: [UInt8]
        var fullLength: Int
    }

    /// What the entry is: a dictionary with a `/Subtype` name (the other
    /// fields are read only then), not a dictionary, or no `/Subtype`.
    enum Status {
        case annotation
        case notADictionary
        case noSubtype
    }

    var status: Status
    /// The entry's object, nil for a dictionary written directly in `/Annots`.
    var reference: PDFAnnotation.Reference?
    var subtype = ""
    var rect: Presence<Numbers> = .missing
    var quadPoints: Presence<Numbers> = .missing
    var color: Presence<Numbers> = .missing
    var contents: Presence<Bytes> = .missing
    var author: Presence<Bytes> = .missing
    var subject: Presence<Bytes> = .missing
    var name: Presence<Bytes> = .missing
    var created: Presence<Bytes> = .missing
    var modified: Presence<Bytes> = .missing
    var opacity: Presence<Double> = .missing
    var inReplyTo: Presence<PDFAnnotation.Reference> = .missing
    var replyType: Presence<String> = .missing
}

extension CoreDocument {
    /// The Swift values of the entries `pdfanchor_core_page_annotation_entries`
    /// read (copied: the caller frees the C memory).
    static func entries(of raw: PDFAnchorCoreAnnotationEntries) -> [CoreAnnotationEntry] {
        guard let list = raw.entries else { return [] }
        return (0..<Int(raw.count)).map { entry(list[$0]) }
    }

    /// The Swift value of one C entry (copied: the C memory is freed by the caller).
    private static func entry(_ c: PDFAnchorCoreAnnotationEntry) -> CoreAnnotationEntry {
        let reference = c.indirect ? PDFAnnotation.Reference(number: Int(c.number), generation: Int(c.generation)) : nil
        switch c.status {
        case Int32(PDFANCHOR_CORE_ANNOTATION_NOT_A_DICTIONARY.rawValue):
            return CoreAnnotationEntry(status: .notADictionary, reference: reference)
        case Int32(PDFANCHOR_CORE_ANNOTATION_NO_SUBTYPE.rawValue):
            return CoreAnnotationEntry(status: .noSubtype, reference: reference)
        default:
            break
        }
        var entry = CoreAnnotationEntry(status: .annotation, reference: reference)
        entry.subtype = c.subtype.map { String(cString: $0) } ?? ""
        entry.rect = numbers(c.rect)
        entry.quadPoints = numbers(c.quadPoints)
        entry.color = numbers(c.color)
        entry.contents = bytes(c.contents)
        entry.author = bytes(c.author)
        entry.subject = bytes(c.subject)
        entry.name = bytes(c.name)
        entry.created = bytes(c.created)
        entry.modified = bytes(c.modified)
        entry.opacity = presence(c.opacityState) { c.opacity }
        entry.inReplyTo = presence(c.inReplyToState) {
            PDFAnnotation.Reference(number: Int(c.inReplyToNumber), generation: Int(c.inReplyToGeneration))
        }
        entry.replyType = presence(c.replyTypeState) { c.replyType.map { String(cString: $0) } ?? "" }
        return entry
    }

    private static func presence<Value>(_ state: Int32, _ value: () -> Value) -> CoreAnnotationEntry.Presence<Value> {
        switch state {
        case Int32(PDFANCHOR_CORE_ENTRY_PRESENT.rawValue): return .present(value())
        case Int32(PDFANCHOR_CORE_ENTRY_WRONG_TYPE.rawValue): return .wrongType
        default: return .missing
        }
    }

    private static func numbers(_ c: PDFAnchorCoreNumbers) -> CoreAnnotationEntry.Presence<CoreAnnotationEntry.Numbers> {
        presence(c.state) {
            let values = c.values.map { Array(UnsafeBufferPointer(start: $0, count: Int(c.count))) } ?? []
            return CoreAnnotationEntry.Numbers(values: values, fullCount: Int(c.fullCount))
        }
    }

    private static func bytes(_ c: PDFAnchorCoreString) -> CoreAnnotationEntry.Presence<CoreAnnotationEntry.Bytes> {
        presence(c.state) {
            let bytes = c.bytes.map { Array(UnsafeBufferPointer(start: $0, count: Int(c.length))) } ?? []
            return CoreAnnotationEntry.Bytes(bytes: bytes, fullLength: Int(c.fullLength))
        }
    }
}
