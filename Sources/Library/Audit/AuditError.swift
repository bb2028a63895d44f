import Foundation

/// Why an audit could not run at all.
public struct AuditError: Error, Sendable, CustomStringConvertible {
    /// The kind of error, stable for scripts (like ``PDFCore/PDFError/code``).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The vault's folder does not exist.
        case noSuchVault = "no-such-vault"
        /// The vault is a file, not a folder.
        case vaultNotAFolder = "vault-not-a-folder"
        /// A papers folder (`--papers`) does not exist.
        case noSuchPapers = "no-such-papers"
        /// A papers folder (`--papers`) is a file, not a folder.
        case papersNotAFolder = "papers-not-a-folder"
    }

    /// The kind of error, for scripts; ``description`` says it in words.
    public var code: Code
    /// What is wrong, in words, naming the path.
    public var description: String

    /// An error of kind `code`, `description` saying it in words.
    public init(code: Code, description: String) {
        self.code = code
        self.description = description
    }
}
