import Testing
import PDFCore

@Suite("PDF errors")
struct ErrorTests {
    @Test("an error rebuilt from its code and detail is the same error, and reads the same")
    func roundTrip() {
        let errors: [PDFError] = [
            .notFound(path: "a.pdf"), .unreadable(path: "a.pdf", reason: "permission denied"), .empty(path: "a.pdf"),
            .notAPDF(path: "a.pdf"), .damaged(path: "a.pdf", reason: "no xref"), .noPages(path: "a.pdf"),
            .passwordRequired(path: "a.pdf"), .wrongPassword(path: "a.pdf"),
            .writeFailed(path: "a.pdf", reason: "disk full"), .readerFailed(path: "a.pdf", reason: "took too long"),
        ]
        for error in errors {
            let rebuilt = PDFError(code: error.code, path: error.path, detail: error.detail)
            #expect(rebuilt == error)
            #expect(rebuilt.description == error.description)
        }
    }

    @Test("a code this version does not know becomes a damaged PDF, keeping the detail")
    func unknownCode() {
        #expect(PDFError(code: "from-the-future", path: "a.pdf", detail: "something new") == .damaged(path: "a.pdf", reason: "something new"))
    }
}
