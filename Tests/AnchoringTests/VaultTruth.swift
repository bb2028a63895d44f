import Foundation
@testable import Anchoring
import Notes
import PDFCore
import TestSupport

/// The sample vault's ground truth (Tests/Fixtures/vault/truth.json, made
/// with PDF.js by Scripts/pdfjs/make-vault.js) and how PDFAnchor's results
/// measure against it.
enum VaultTruth {
    static let root = Repository.root

    struct File: Decodable {
        var notes: [String: Note]
    }
    struct Note: Decodable {
        var pdf: String
        var annotations: [Entry]
    }
    struct Entry: Decodable {
        var id: String
        var category: String
        var expect: String
        var truth: Truth?
    }
    struct Truth: Decodable {
        struct Glyph: Decodable {
            var page: Int
            var box: [Double]
        }
        var page: Int
        var pages: [Int]
        var text: String
        var boxes: [Glyph]
    }

    /// A vault with its truth: the sample vault (SamplePDFs/, truth in
    /// Tests/Fixtures/vault/), or the document whose paragraphs repeat
    /// (Tests/Fixtures/repeated/, made by Scripts/samples/repeated.py and
    /// Scripts/pdfjs/make-repeated.js).
    struct Vault {
        var folder: String
        var truth: String
        static let sample = Vault(folder: "SamplePDFs", truth: "Tests/Fixtures/vault/truth.json")
        static let repeated = Vault(folder: "Tests/Fixtures/repeated", truth: "Tests/Fixtures/repeated/truth.json")

        var file: File {
            let url = URL(fileURLWithPath: VaultTruth.root + "/" + truth)
            return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        }
    }

    /// One annotation's outcome against its truth.
    struct Outcome {
        var note: String
        var entry: Entry
        var result: AnchorResult
        /// Found where the truth says, with the truth's text.
        var right: Bool
        /// Found, but at text less than half alike, or though it should be orphaned.
        var falseAnchor: Bool
        /// Found, but on another page or at other text: a wrong place.
        var wrongPlace: Bool { result.isFound && !right }
        /// The rects cover the truth's glyphs (≥ 90% of their centres) without
        /// spilling far (area ≤ 2.5 × the truth's line boxes).
        var rectsGood: Bool
        var coverage: Double
        var spill: Double
        var similarity = 1.0
    }

    /// Anchors every note of the vault and measures the results.
    static func evaluate(_ vault: Vault = .sample) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for (notePath, note) in vault.file.notes.sorted(by: { $0.key < $1.key }) {
            let folder = root + "/" + vault.folder + "/"
            let parsed = try AnnotationNote(contentsOf: folder + notePath)
            let index = try await DocumentIndex.build(path: folder + note.pdf)
            let results = Anchorer(index: index).anchor(parsed.annotations)
            let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
            for entry in note.annotations {
                guard let result = byID[entry.id] else { continue }
                outcomes.append(measure(note: notePath, entry: entry, result: result))
            }
        }
        return outcomes
    }

    static func measure(note: String, entry: Entry, result: AnchorResult) -> Outcome {
        var builder = MatchTextBuilder()
        guard let truth = entry.truth else {
            return Outcome(note: note, entry: entry, result: result, right: !result.isFound, falseAnchor: result.isFound, rectsGood: true, coverage: 1, spill: 1)
        }
        guard result.isFound, let matched = result.matchedText else {
            return Outcome(note: note, entry: entry, result: result, right: false, falseAnchor: false, rectsGood: false, coverage: 0, spill: 0)
        }
        // Pieces are joined by " … " in matchedText; compare their text only.
        let a = builder.build(matched.replacingOccurrences(of: " … ", with: "")).characters
        let b = builder.build(truth.text).characters
        let distance = editDistance(a[...], b[...])
        let similarity = 1 - Double(distance) / Double(max(1, b.count))
        let right = result.page == truth.page && similarity >= 0.9
        // Rects: glyph centres covered, and area compared with the truth's line boxes.
        let ours = result.rects
        var covered = 0
        for glyph in truth.boxes {
            let cx = (glyph.box[0] + glyph.box[2]) / 2
            let cy = (glyph.box[1] + glyph.box[3]) / 2
            if ours.contains(where: { $0.page == glyph.page && $0.minX - 1 <= cx && cx <= $0.maxX + 1 && $0.minY - 2 <= cy && cy <= $0.maxY + 2 }) {
                covered += 1
            }
        }
        let coverage = truth.boxes.isEmpty ? 1 : Double(covered) / Double(truth.boxes.count)
        var lines: [String: Rect] = [:]
        for glyph in truth.boxes {
            let box = Rect(minX: glyph.box[0], minY: glyph.box[1], maxX: glyph.box[2], maxY: glyph.box[3])
            let key = "\(glyph.page)/\(Int(((box.minY + box.maxY) / 2 / 3).rounded()))"
            lines[key] = lines[key].map { $0.union(box) } ?? box
        }
        let truthArea = lines.values.reduce(0) { $0 + $1.area }
        let ourArea = ours.reduce(0) { $0 + $1.rect.area }
        let spill = truthArea > 0 ? ourArea / truthArea : 1
        return Outcome(
            note: note, entry: entry, result: result, right: right, falseAnchor: !right && similarity < 0.5,
            rectsGood: coverage >= 0.9 && spill <= 2.5, coverage: coverage, spill: spill, similarity: similarity)
    }
}
