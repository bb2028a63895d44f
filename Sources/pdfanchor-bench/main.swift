// Workloads for Scripts/bench: each prints one JSON object of figures on
// stdout. Not installed; not a user-facing tool.
//
//   pdfanchor-bench extract FILE... [--workers N] [--reading-order]
//       text and glyph boxes of every page of every FILE (in content-stream
//       order, or in poppler-glib's reading order)
//   pdfanchor-bench text-bytes FILE...
//       how much text each page's content stream shows (PageReader's
//       cheap measure of page lengths)
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

/// Every page's text in poppler-glib's reading order (as PDFAnchor read it
/// before content order), one document per worker: the scalar counts.
func readingOrder(_ file: String, workers: Int) async throws -> [Int] {
    let pageCount = try PDFDocument(path: file).pageCount
    return try await withThrowingTaskGroup(of: [Int].self) { group in
        for worker in 0..<workers {
            group.addTask {
                let document = try PDFDocument(path: file)
                return try stride(from: worker + 1, through: pageCount, by: workers).map { try document.page($0).readingOrderText().scalars.count }
            }
        }
        var counts: [Int] = []
        for try await part in group { counts += part }
        return counts
    }
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
        var inReadingOrder = false
        if let flag = arguments.firstIndex(of: "--reading-order") {
            inReadingOrder = true
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
                    let counts =
                        inReadingOrder
                        ? try await readingOrder(file, workers: workers)
                        : try await PageExtractor(path: file).extract(workers: workers) { $0.text.scalars.count }
                    pages += counts.count
                    scalars += counts.reduce(0, +)
                }
                figures["pages"] = Double(pages)
                figures["scalars"] = Double(scalars)
            case "text-bytes":
                for file in arguments {
                    let bytes = try await PageExtractor(path: file).textBytes(workers: workers)
                    figures["pages"] = Double(bytes.count)
                    figures["bytes"] = Double(bytes.reduce(0, +))
                }
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
