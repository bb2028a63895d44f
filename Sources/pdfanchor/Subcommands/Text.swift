import ArgumentParser
import PDFCore

extension PDFAnchor {
    /// `pdfanchor text FILE [--page N]`
    struct Text: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the text of a PDF as PDFAnchor reads it (a debugging aid).",
            discussion: """
                Prints each page's text in the order its content stream draws it \
                (the order of PDF.js's text layer, and so of the selectors in notes), \
                a line break where the next word is on another line. With --format \
                json, each page comes with its size, printed label and one glyph box \
                per Unicode scalar of its text (points, top-left origin); pages are \
                written as they are read, so a long document needs little memory.

                Examples:
                  pdfanchor text paper.pdf --page 3
                  pdfanchor text paper.pdf --page 3 --format json
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Argument(help: "The PDF file.", completion: .file(extensions: ["pdf"]))
        var file: String

        @Option(help: "Only this page (1-based).")
        var page: Int?

        @Option(help: "Password of an encrypted PDF.")
        var password: String?

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        struct PageEntry: Encodable {
            var page: Int
            var label: String
            /// Displayed size in points (rotation applied).
            var width: Double
            var height: Double
            /// `/Rotate` in degrees clockwise.
            var rotation: Int
            var text: String
            /// One `[minX, minY, maxX, maxY]` per Unicode scalar of `text`.
            var boxes: [[Double]]
        }

        func run() throws {
            let document = try orExit { try PDFDocument(path: file, password: password) }
            let numbers = page.map { [$0] } ?? Array(1...document.pageCount)
            if format == .json { print("[") }
            for (k, number) in numbers.enumerated() {
                let pdfPage = try orExit { try document.page(number) }
                let text = pdfPage.text()
                switch format {
                case .text:
                    if numbers.count > 1 { print("--- page \(number) (\(pdfPage.label)) ---") }
                    print(text.string)
                case .json:
                    // One page at a time: a 2,000-page manual is not held in memory.
                    let size = pdfPage.size
                    let entry = PageEntry(
                        page: number, label: pdfPage.label, width: size.width, height: size.height, rotation: pdfPage.rotation,
                        text: text.string, boxes: text.boxes.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] })
                    print(try encodeJSON(entry) + (k + 1 < numbers.count ? "," : ""))
                }
            }
            if format == .json { print("]") }
        }
    }
}
