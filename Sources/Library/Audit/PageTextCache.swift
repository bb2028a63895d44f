import Foundation
import GRDB
public import Anchoring
import PDFCore

/// The pages of one PDF file as PDFAnchor read them, kept in the vault's
/// cache (``AuditCache``) so that the file is read by Poppler once: the
/// ``PageStore`` that ``PageReader`` takes pages from and gives them to.
///
/// Kept by the file's resolved path and state (size, modification and
/// change times, device and inode, read without opening it), PDFAnchor's
/// and Poppler's versions and the format of the pages: a PDF that changes
/// or moves, or is read by another version, is read again, and what was
/// kept of its earlier state is dropped. The whole of it is bounded (``AuditCache/pageLimit``): the
/// documents used least recently go first.
public struct PageTextCache: PageStore {
    let cache: AuditCache
    /// The document's key (see ``AuditCache/pageStore(for:)``).
    let key: String
    /// The file's resolved path.
    let path: String

    public func document() -> StoredDocument? {
        try? cache.database.read { db -> StoredDocument? in
            let data = try Data.fetchOne(db, sql: "SELECT json FROM pagedoc WHERE document = ?", arguments: [key])
            return data.flatMap { try? JSONDecoder().decode(StoredDocument.self, from: $0) }
        }
    }

    public func pages(_ numbers: [Int], boxes: Bool) -> [StoredPage] {
        guard !numbers.isEmpty else { return [] }
        let columns = boxes ? "page, text, boxes" : "page, text"
        return (try? cache.database.read { db -> [StoredPage] in
            var pages: [StoredPage] = []
            // A few hundred pages a query (SQLite bounds the arguments of one).
            for start in stride(from: 0, to: numbers.count, by: 500) {
                let chunk = numbers[start..<min(numbers.count, start + 500)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT \(columns) FROM pagetext WHERE document = ? AND page IN (\(marks))",
                    arguments: StatementArguments([key] + chunk.map { $0 as any DatabaseValueConvertible }))
                while let row = try rows.next() {
                    let text: Data = row[1]
                    let kept: Data = boxes ? row[2] : Data()
                    pages.append(StoredPage(number: row[0], text: [UInt8](text), boxes: [UInt8](kept)))
                }
            }
            return pages
        }) ?? []
    }

    public func keep(_ pages: [StoredPage], document stored: StoredDocument?) {
        let data = stored.flatMap { try? JSONEncoder().encode($0) }
        try? cache.database.write { db in
            try register(db)
            for page in pages {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO pagetext (document, page, text, boxes) VALUES (?, ?, ?, ?)",
                    arguments: [key, page.number, Data(page.text), Data(page.boxes)])
            }
            if let data { try db.execute(sql: "UPDATE pagedoc SET json = ? WHERE document = ?", arguments: [data, key]) }
            // Using it is what keeps it (least recently used go first).
            try db.execute(sql: "UPDATE pagedoc SET used = ? WHERE document = ?", arguments: [Date().timeIntervalSince1970, key])
            guard !pages.isEmpty else { return }
            // Counted from what is stored (another run may have kept the same pages meanwhile).
            try db.execute(
                sql: "UPDATE pagedoc SET bytes = (SELECT COALESCE(SUM(length(text) + length(boxes)), 0) FROM pagetext WHERE document = ?) WHERE document = ?",
                arguments: [key, key])
            try cache.evict(keeping: key, in: db)
        }
    }

    /// Makes this document's row, dropping what was kept of any other state of the file.
    private func register(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM pagedoc WHERE document = ?", arguments: [key]) == nil else { return }
        try AuditCache.forget(path: path, in: db)
        try db.execute(
            sql: "INSERT INTO pagedoc (document, path, json, bytes, used) VALUES (?, ?, NULL, 0, ?)",
            arguments: [key, path, Date().timeIntervalSince1970])
    }
}

extension AuditCache {
    /// The cache of `vault`, for a command that reads a note's PDF: where
    /// the vault is an Obsidian vault or was audited (it has a cache
    /// already) — a folder taken as the vault for want of one gets no
    /// `.pdfanchor/` of a command's own making. Nil when it cannot be used.
    public static func pageCache(for vault: Vault) -> AuditCache? {
        guard vault.isObsidianVault || FileManager.default.fileExists(atPath: vault.root + "/.pdfanchor/cache.sqlite") else { return nil }
        return try? AuditCache(vault: vault)
    }

    /// How many bytes of page texts the cache keeps by default (see ``pageLimit``).
    public static let defaultPageLimit = 512 << 20

    /// How many bytes of page texts the cache keeps, at most: the documents
    /// used least recently go first. Remembered in the cache (set by
    /// `pdfanchor audit --cache-limit`); ``defaultPageLimit`` until set.
    public var pageLimit: Int {
        get { (try? database.read(Self.pageLimit(in:))) ?? Self.defaultPageLimit }
        set {
            let lowered = (try? database.write { db -> Bool in
                let before = try Self.pageLimit(in: db)
                try db.execute(sql: "INSERT OR REPLACE INTO setting (name, value) VALUES ('pageLimit', ?)", arguments: [String(max(0, newValue))])
                try evict(keeping: nil, in: db)
                return newValue < before
            }) ?? false
            // A lower limit gives the disk back (SQLite otherwise keeps freed pages for reuse).
            if lowered { try? database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") } }
        }
    }

    /// The page store of the PDF at `path` as the file is now, or nil when
    /// it cannot be read.
    public func pageStore(for path: String) -> PageTextCache? {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        // The file's status, without opening it (a command opens each PDF
        // as few times as it can): size, modification and change times,
        // device and inode. A file written in place changes its change
        // time, which no program can set back.
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let state = CacheKey(
            String(info.st_size), "\(info.modification.tv_sec).\(info.modification.tv_nsec)",
            "\(info.statusChange.tv_sec).\(info.statusChange.tv_nsec)", String(info.st_dev), String(info.st_ino))
        // Another version of PDFAnchor, or of Poppler, may read a page's text otherwise.
        let document = CacheKey(resolved, state.rawValue, pdfAnchorVersion, PDFDocument.popplerVersion, String(StoredPage.format)).rawValue
        return PageTextCache(cache: self, key: document, path: resolved)
    }

    /// How many bytes of page texts are kept.
    public var pageBytes: Int { (try? database.read(Self.pageBytes(in:))) ?? 0 }

    private static func pageLimit(in db: Database) throws -> Int {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'pageLimit'").flatMap { Int($0) } ?? defaultPageLimit
    }

    private static func pageBytes(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(CAST(bytes AS INTEGER)), 0) FROM pagedoc") ?? 0
    }

    /// Drops the documents used least recently (but `current`) while the
    /// page texts kept exceed ``pageLimit``; then `current` itself if it
    /// alone does.
    func evict(keeping current: String?, in db: Database) throws {
        let limit = try Self.pageLimit(in: db)
        var total = try Self.pageBytes(in: db)
        guard total > limit else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT document, CAST(bytes AS INTEGER) FROM pagedoc ORDER BY used")
        for row in rows where total > limit {
            let document: String = row[0]
            if document == current { continue }
            try Self.forget(document: document, in: db)
            total -= row[1] as Int
        }
        if total > limit, let current { try Self.forget(document: current, in: db) }
    }

    static func forget(document: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM pagetext WHERE document = ?", arguments: [document])
        try db.execute(sql: "DELETE FROM pagedoc WHERE document = ?", arguments: [document])
    }

    static func forget(path: String, in db: Database) throws {
        for document in try String.fetchAll(db, sql: "SELECT document FROM pagedoc WHERE path = ?", arguments: [path]) {
            try forget(document: document, in: db)
        }
    }
}
