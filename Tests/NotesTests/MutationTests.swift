import Foundation
import Testing
@testable import Notes
import TestSupport

@Suite("Damaged notes")
struct MutationTests {
    /// A note of many good blocks (from two fixtures), and the byte span of
    /// each block: from the newline before it to the end of its `^id` line.
    static func corpus() throws -> (bytes: [UInt8], blocks: [(id: String, json: JSONObject, span: Range<Int>)]) {
        var bytes = try Fixtures.bytes("plugin-0.2-default.md")
        let example = try Fixtures.bytes("example-blood.md")
        bytes += example.drop { _ in false }
        let note = AnnotationNote(bytes: bytes)
        var blocks: [(String, JSONObject, Range<Int>)] = []
        for block in note.blocks {
            guard let id = block.id, let annotation = block.annotation else { continue }
            let start = note.text.lines[block.lines.lowerBound].start
            let end = note.text.lines[block.lines.upperBound - 1].end
            blocks.append((id, annotation.json, max(0, start - 1)..<end))
        }
        return (bytes, blocks)
    }

    enum Mutation: CaseIterable { case cut, duplicate, inject }

    @Test("the reader never crashes and recovers every block the damage did not touch", arguments: 0..<8)
    func mutations(seed: Int) throws {
        let (bytes, blocks) = try Self.corpus()
        #expect(blocks.count == 13)
        var random = SeededRandom(state: UInt64(seed) &* 7919 &+ 17)
        let alphabet: [UInt8] = Array(">^%*`{}[]\",:\n\r #=".utf8) + [0x00, 0xFF, 0xE2, 0x80, 0xA8, 0x41]
        for round in 0..<150 {
            var damaged = bytes
            let touched: Range<Int>
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Mutation.allCases.randomElement(using: &random)! {
            case .cut:
                let length = Int.random(in: 1...200, using: &random)
                let end = min(bytes.count, at + length)
                damaged.removeSubrange(at..<end)
                touched = at..<max(end, at + 1)
            case .duplicate:
                let from = Int.random(in: 0..<bytes.count, using: &random)
                let piece = bytes[from..<min(bytes.count, from + Int.random(in: 1...400, using: &random))]
                damaged.insert(contentsOf: piece, at: at)
                touched = at..<(at + 1)
            case .inject:
                let piece = (0..<Int.random(in: 1...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                damaged.insert(contentsOf: piece, at: at)
                touched = at..<(at + 1)
            }
            let note = AnnotationNote(bytes: damaged)
            let recovered = note.blocks.compactMap { block in block.annotation.map { (block.id, $0.json) } }
            for block in blocks where !block.span.overlaps(touched) && !(block.span.contains(touched.lowerBound)) {
                #expect(
                    recovered.contains { $0.0 == block.id && $0.1 == block.json },
                    "seed \(seed) round \(round): block ^\(block.id) at \(block.span) lost after damage at \(touched)")
            }
        }
    }
}
