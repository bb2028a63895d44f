import Foundation
import TestSupport

/// Paths of the committed sample PDFs and the PDF.js reference values
/// computed from them by `Scripts/pdfjs/make-reference`.
enum Samples {
    /// The repository root (three levels above this file).
    static let root = Repository.root

    /// The absolute path of a file given relative to the repository root.
    static func path(_ relative: String) -> String { Repository.path(relative) }

    static let paper = path("SamplePDFs/papers/estuary-flocculation.pdf")
    static let revised = path("SamplePDFs/papers/estuary-flocculation-revised.pdf")
    static let thesis = path("SamplePDFs/papers/thesis-fine-sediment.pdf")
    static func edge(_ name: String) -> String { path("SamplePDFs/edge-cases/\(name)") }

    /// What PDF.js 2.14 said about one sample PDF.
    struct Reference: Decodable, CustomStringConvertible {
        struct PageInfo: Decodable {
            var view: [Double]
            var rotate: Int
        }
        struct Failure: Decodable {
            var name: String
            var message: String
        }
        var path: String
        var fingerprints: [String?]?
        var numPages: Int?
        var pageLabels: [String]?
        var pages: [PageInfo]?
        var error: Failure?
        var md5First1024: String

        var absolutePath: String { Samples.path(path) }
        var description: String { path }
    }

    static let references: [Reference] = {
        let url = URL(fileURLWithPath: path("Tests/Fixtures/pdfjs/samples.json"))
        do {
            return try JSONDecoder().decode([Reference].self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error) — run Scripts/pdfjs/make-reference")
        }
    }()

    /// References of the PDFs that PDF.js could open.
    static var openable: [Reference] { references.filter { $0.error == nil } }
}
