import Foundation
public import Notes
import PDFCore

/// Finds the PDF a note is about, the way a user would expect.
///
/// In order: the note's `annotation-target` (what the plugin opens), then the
/// blocks' `uri` and `target[].source` (the path at annotation time), then —
/// when neither leads to a file — any PDF in the vault whose PDF.js
/// fingerprint is the one the note recorded (the PDF was moved or renamed).
public struct PDFLocator: Sendable {
    /// Which of the note's references led to the PDF.
    public enum Source: String, Sendable, Codable {
        /// `--pdf` on the command line.
        case given
        /// The front matter's `annotation-target`.
        case annotationTarget
        /// A block's `uri` or `target[].source`.
        case uri
        /// A PDF in the vault with the note's fingerprint.
        case fingerprint
    }

    /// A PDF found for a note.
    public struct Located: Sendable, Hashable, Codable {
        /// The PDF's path: as given, or resolved in the vault.
        public var path: String
        /// What led to it.
        public var source: Source
        /// The reference that led to it, as the note wrote it.
        public var reference: String?
    }

    /// Why no PDF was found, with what was tried.
    public struct NotFound: Error, Sendable, CustomStringConvertible {
        /// The note's path.
        public var note: String
        /// The references tried, as the note writes them (empty when it names no PDF).
        public var tried: [String]
        /// The vault root the paths were resolved in.
        public var vault: String?
        public var description: String {
            if tried.isEmpty { return "\(note): \(reason); give one with --pdf" }
            return "\(note): \(reason); give the PDF with --pdf, or the vault's folder with --vault"
        }

        /// A stable code for scripts: `no-pdf-named` (the note names none)
        /// or `pdf-not-found`.
        public var code: String { tried.isEmpty ? "no-pdf-named" : "pdf-not-found" }

        /// Why, without the note's name or advice on options.
        public var reason: String {
            if tried.isEmpty { return "the note names no PDF (no annotation-target, no uri)" }
            let root = vault.map { " in the vault \($0)" } ?? ""
            return "its PDF was not found (tried \(tried.joined(separator: ", "))\(root), and no PDF there has the note's fingerprint)"
        }
    }

    /// The vault the note's references are resolved in and its PDFs searched by fingerprint.
    public let vault: Vault

    /// A locator of PDFs in `vault`.
    public init(vault: Vault) {
        self.vault = vault
    }

    /// The PDF of `note` (read from `notePath`).
    public func locate(_ note: AnnotationNote, notePath: String) throws(NotFound) -> Located {
        try locate(target: note.frontMatter?.target, annotations: note.annotations, fingerprint: note.fingerprint, notePath: notePath)
    }

    /// The PDF of annotations read from `notePath` (a note's, or a file of
    /// Hypothesis JSON's, which has no front matter): by `target`, then
    /// the annotations' `uri` and `source`, then by `fingerprint`.
    public func locate(target: String?, annotations: [Annotation], fingerprint: String?, notePath: String) throws(NotFound) -> Located {
        var tried: [String] = []
        var references: [(String, Source)] = []
        if let target { references.append((target, .annotationTarget)) }
        var seen = Set<String>()
        for annotation in annotations {
            for value in [annotation.uri, annotation.source].compactMap({ $0 }) where seen.insert(value).inserted {
                references.append((value, .uri))
            }
        }
        for (reference, source) in references {
            let candidates = FileReference(reference).candidates(in: vault, note: notePath)
            if candidates.isEmpty {
                if FileReference(reference) != .none { tried.append(reference) }
                continue
            }
            // Several files of that name: prefer the one with the note's fingerprint.
            if candidates.count > 1, let fingerprint,
                let match = candidates.first(where: { (try? PDFFingerprint.compute(path: $0))?.matches(fingerprint) == true })
            {
                return Located(path: match, source: source, reference: reference)
            }
            return Located(path: candidates[0], source: source, reference: reference)
        }
        // No .obsidian/ above the note: the vault is where the named path exists,
        // in a folder above the note or the current folder.
        if !vault.isObsidianVault {
            for (reference, source) in references {
                guard let relative = FileReference(reference).relativePath else { continue }
                for folder in Self.ancestors(of: notePath) + [FileManager.default.currentDirectoryPath] {
                    let path = Vault.absolute(folder + "/" + relative)
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                        return Located(path: path, source: source, reference: reference)
                    }
                }
            }
        }
        if let fingerprint, let found = findByFingerprint(fingerprint) {
            return Located(path: found, source: .fingerprint, reference: "urn:x-pdf:" + fingerprint)
        }
        throw NotFound(note: notePath, tried: tried, vault: vault.root)
    }

    /// A PDF in the vault (hidden folders skipped) whose fingerprint is
    /// `fingerprint`: the first not encrypted, else the first.
    public func findByFingerprint(_ fingerprint: String) -> String? {
        var found: [String] = []
        Scanner().files(in: vault.root) { path, name in
            guard name.lowercased().hasSuffix(".pdf") else { return }
            if (try? PDFFingerprint.compute(path: path))?.matches(fingerprint) == true { found.append(path) }
        }
        // Copies of one document: one that opens without a password first.
        return found.first { HighlightExport.refusal(for: $0) == nil } ?? found.first
    }

    /// The folders above the note's, nearest first.
    static func ancestors(of notePath: String) -> [String] {
        var folders: [String] = []
        var folder = (Vault.absolute(notePath) as NSString).deletingLastPathComponent
        while true {
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { break }
            folders.append(parent)
            folder = parent
        }
        return folders
    }
}
