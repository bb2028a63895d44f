/// PDFAnchor's version: printed by `pdfanchor --version`, written into the
/// audit cache's keys (results cached by another version of the anchorer
/// are not reused) and into the Debian package (`Scripts/install --deb`).
public let pdfAnchorVersion = "0.2.0"
