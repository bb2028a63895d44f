import Foundation

extension PDFDocument {
    /// Every annotation the document's pages hold, and what could not be
    /// read (at most ``PDFAnnotationList/limit`` annotations).
    ///
    /// Not yet implemented: reads nothing.
    public func annotations(pages: ClosedRange<Int>? = nil) -> PDFAnnotationList {
        PDFAnnotationList()
    }
}
