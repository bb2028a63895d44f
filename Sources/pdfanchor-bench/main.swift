// Workloads for Scripts/bench: each prints one JSON object of figures on
// stdout. Not installed; not a user-facing tool.
//
//   pdfanchor-bench extract FILE... [--workers N] [--reading-order]
//       text and glyph boxes of every page of every FILE (in content-stream
//       order, or in poppler-glib's reading order)
//   pdfanchor-bench notes NOTE...
//       read each annotation note (parse time only, file already in memory)
//   pdfanchor-bench anchor NOTE PDF
//       index the PDF, then anchor every annotation of the note (timed apart)
import Anchoring
import Foundation
import Notes
import PDFCore

enum BenchError: Error {
    case usage
}

@main
struct Bench {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: pdfanchor-bench extract FILE... [--workers N]\n".utf8))
            exit(2)
        }
        let workload = arguments.removeFirst()
        var workers = PageExtractor.defaultWorkers
        if let flag = arguments.firstIndex(of: "--workers"), flag + 1 < arguments.count {
            workers = Int(arguments[flag + 1]) ?? workers
            arguments.removeSubrange(flag...(flag + 1))
        }
        var readingOrder = false
        if let flag = arguments.firstIndex(of: "--reading-order") {
            readingOrder = true
            arguments.remove(at: flag)
        }
        let start = Date()
        var figures: [String: Double] = [:]
        do {
            switch workload {
            case "extract":
                var pages = 0
                var scalars = 0
                for file in arguments {
                    let extractor = PageExtractor(path: file)
                    let counts =
                        readingOrder
                        ? try await extractor.map(workers: workers) { $0.readingOrderText().scalars.count }
                        : try await extractor.extract(workers: workers) { _, text in text.scalars.count }
                    pages += counts.count
                    scalars += counts.reduce(0, +)
                }
                figures["pages"] = Double(pages)
                figures["scalars"] = Double(scalars)
            case "notes":
                var blocks = 0
                var seconds = 0.0
                for file in arguments {
                    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
                    let parseStart = Date()
                    let note = AnnotationNote(bytes: bytes, path: file)
                    seconds += Date().timeIntervalSince(parseStart)
                    blocks += note.annotations.count
                }
                figures["annotations"] = Double(blocks)
                figures["parseSeconds"] = seconds
            case "anchor":
                guard arguments.count == 2 else { throw BenchError.usage }
                let note = try AnnotationNote(contentsOf: arguments[0])
                let indexStart = Date()
                let index = try await DocumentIndex.build(path: arguments[1], workers: workers)
                figures["indexSeconds"] = Date().timeIntervalSince(indexStart)
                let anchorStart = Date()
                let results = Anchorer(index: index).anchor(note.annotations)
                figures["anchorSeconds"] = Date().timeIntervalSince(anchorStart)
                figures["annotations"] = Double(results.count)
                figures["found"] = Double(results.filter(\.isFound).count)
                figures["pages"] = Double(index.pages.count)
            default:
                FileHandle.standardError.write(Data("unknown workload \(workload)\n".utf8))
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
        figures["seconds"] = Date().timeIntervalSince(start)
        figures["workers"] = Double(workers)
        let data = try! JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
