import Foundation
import Testing
@testable import PDFCore

@Suite("PDF.js fingerprints")
struct FingerprintTests {
    @Test("equal PDF.js 2.14's fingerprints[0] and [1] for every sample", arguments: Samples.openable)
    func matchesPDFjs(reference: Samples.Reference) throws {
        let value = try PDFFingerprint.compute(path: reference.absolutePath)
        let expected = try #require(reference.fingerprints)
        #expect(value.primary == expected[0])
        #expect(value.modified == expected[1])
    }

    @Test("give PDF.js ≥ 4.8's MD5 as an alternate exactly when /ID[0] is not 16 bytes", arguments: Samples.openable)
    func modernVariant(reference: Samples.Reference) throws {
        let value = try PDFFingerprint.compute(path: reference.absolutePath)
        let primary = try #require(reference.fingerprints?[0])
        let fromID = value.source == .trailerID
        if fromID && primary.count != 32 {
            #expect(value.modern == reference.md5First1024)
            #expect(value.documentFingerprints == [primary, reference.md5First1024])
        } else {
            #expect(value.modern == nil)
        }
        if !fromID { #expect(primary == reference.md5First1024) }
    }

    @Test("covers each trailer shape among the samples")
    func edgeCasesArePresent() throws {
        let noID = try PDFFingerprint.compute(path: Samples.edge("no-id.pdf"))
        #expect(noID.source == .md5)
        let zero = try PDFFingerprint.compute(path: Samples.edge("zero-id.pdf"))
        #expect(zero.source == .md5)
        let twenty = try PDFFingerprint.compute(path: Samples.edge("id-20-bytes.pdf"))
        #expect(twenty.primary.count == 40 && twenty.modern != nil)
        let updated = try PDFFingerprint.compute(path: Samples.edge("incremental-update.pdf"))
        #expect(updated.modified != nil && updated.modified != updated.primary)
        let dropped = try PDFFingerprint.compute(path: Samples.edge("incremental-drops-id.pdf"))
        #expect(dropped.source == .md5, "the newest trailer has no /ID, so PDF.js falls back to MD5")
    }

    @Test("reads a few KiB of a large PDF, not the whole file")
    func readsLittle() throws {
        let reader = try ByteReader(path: Samples.thesis)
        _ = try PDFFingerprint.compute(reader: reader, path: Samples.thesis)
        #expect(reader.count > 300_000)
        #expect(reader.bytesRead <= 4 * 16_384, "read \(reader.bytesRead) of \(reader.count) bytes")
    }

    @Test("rejects empty files and files that are not PDFs, naming them")
    func badFiles() {
        #expect(throws: PDFError.empty(path: Samples.edge("empty.pdf"))) {
            try PDFFingerprint.compute(path: Samples.edge("empty.pdf"))
        }
        #expect(throws: PDFError.notAPDF(path: Samples.edge("not-a-pdf.pdf"))) {
            try PDFFingerprint.compute(path: Samples.edge("not-a-pdf.pdf"))
        }
        #expect(throws: PDFError.notFound(path: "/no/such/file.pdf")) {
            try PDFFingerprint.compute(path: "/no/such/file.pdf")
        }
    }

    @Test("match notes case-insensitively on every value a PDF.js version stores")
    func matching() throws {
        let value = try PDFFingerprint.compute(path: Samples.edge("id-20-bytes.pdf"))
        #expect(value.matches(value.primary.uppercased()))
        #expect(value.matches(try #require(value.modern)))
        #expect(!value.matches("f1c7499232fab25fa3f2e36db7509581"))
    }
}

@Suite("PDF syntax")
struct PDFSyntaxTests {
    /// Writes `bytes` to a temporary file and parses one object from it.
    func parse(_ text: String) throws -> PDFObject? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("syntax-\(UUID()).pdf").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var parser = PDFParser(reader: try ByteReader(path: path), position: 0)
        return parser.nextObject()
    }

    @Test("decodes literal-string escapes as ISO 32000-1 §7.3.4.2 lists them")
    func literalEscapes() throws {
        // Hand-decoded: \( \) \\ \n \r \t \b \f, octal \101 = "A", \0 = NUL,
        // \777 wraps to 0xFF, nested (x), a line continuation adds nothing,
        // an unknown escape \q is the letter.
        let object = try parse("(\\(\\)\\\\\\n\\r\\t\\b\\f\\101\\0\\777(x)a\\\nb\\q)")
        #expect(object == .string([0x28, 0x29, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C, 0x41, 0x00, 0xFF, 0x28, 0x78, 0x29, 0x61, 0x62, 0x71]))
    }

    @Test("reads hex strings with spaces and drops a final odd digit as PDF.js does")
    func hexStrings() throws {
        #expect(try parse("<01 2A\nff>") == .string([0x01, 0x2A, 0xFF]))
        #expect(try parse("<0a1>") == .string([0x0A]))
    }

    @Test("reads references, nested dictionaries and arrays")
    func structures() throws {
        let object = try parse("<< /Root 12 0 R /ID [<00> (a)] /N << /X 1.5 /Y -2 >> /Z#20name true >>")
        #expect(
            object == .dictionary([
                "Root": .reference(number: 12, generation: 0),
                "ID": .array([.string([0]), .string([0x61])]),
                "N": .dictionary(["X": .real(1.5), "Y": .integer(-2)]),
                "Z name": .bool(true),
            ]))
    }

    @Test("gives up on absurd nesting instead of overflowing the stack")
    func deepNesting() throws {
        #expect(try parse(String(repeating: "[", count: 100_000)) == nil)
    }
}
