import Foundation
import GRDB
public import PDFCore
public import Anchoring

/// Why the audit cache cannot be used.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    /// The cache's file or folder that is in the way.
    public var path: String
    /// Why, in words.
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// What a remembered value in the audit cache holds for: every part that
/// must be the same for it to be reused (a note's bytes, a PDF file's
/// identity, PDFAnchor's version, …).
///
/// Stored as one string, the parts joined by `|`, as every version of the
/// cache has stored its keys: the database and the plans and jobs encoded
/// as JSON (a key encodes as that string) read the same as before.
public struct CacheKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The key as stored.
    public let rawValue: String

    /// The key made of `parts`, in order.
    init(_ parts: String...) {
        rawValue = parts.joined(separator: "|")
    }

    /// A key read back as it was stored.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key of a check of a note (the SHA-256 of its bytes) against the
    /// PDF file at `pdf` as it is (`identity`), by `version` of PDFAnchor
    /// (with the group's number: `0.2.0#1`).
    public static func report(noteHash: String, pdf: String, identity: AuditCache.FileIdentity, version: String) -> CacheKey {
        CacheKey(noteHash, pdf, identity.key.rawValue, version)
    }

    /// The key of a note's plan: the note's bytes (SHA-256), the state of
    /// every PDF (``Auditor/stateDigest(_:statuses:)``) and PDFAnchor's version.
    static func plan(noteHash: String, state: String, version: String) -> CacheKey {
        CacheKey(noteHash, state, version)
    }

    /// Reads a key from the string it is stored as.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// The audit's memory between runs: an SQLite database (GRDB) in the
/// vault's `.pdfanchor/` folder.
///
/// - PDF fingerprints, keyed by path and checked against the file's size,
///   modification time and inode: only new or changed PDFs are read again.
/// - Check reports, keyed by the note's content (SHA-256), the PDF file's
///   identity (path, size, time, inode) and PDFAnchor's version: an
///   unchanged note against an unchanged PDF is not anchored again.
/// - The annotations each PDF holds itself (``EmbeddedInventory``), kept
///   with its fingerprint and valid while the file is the same and the
///   inventory's format is this build's: a PDF is opened for them once.
///
/// The database is in WAL mode with `synchronous = NORMAL`: a write costs
/// no fsync of its own, and a crash loses at most the last writes — which
/// only means reading those files again. `Sendable`: GRDB's `DatabasePool`
/// serializes writes and gives each read its own connection.
public final class AuditCache: Sendable {
    let database: DatabasePool
    /// The database file.
    public let path: String

    /// What is remembered of a PDF.
    ///
    /// Size, modification and change times and inode say when a file was
    /// rewritten by the usual means; a file replaced in place with the same
    /// size and a restored modification time (`cp -p`, `touch -r`) still
    /// changes its change time, and one written through the same inode is
    /// caught by the checksum of its first and last 4 KiB — where the PDF
    /// header, the newest trailer and its `/ID` are, which the fingerprint
    /// reads anyway.
    public struct FileIdentity: Sendable, Hashable {
        /// The file's size in bytes.
        public var size: Int64
        /// Its modification time, in seconds since 1970 (to the nanosecond).
        public var modified: Double
        /// Its status change time (`ctime`), in seconds since 1970.
        public var changed: Double
        /// Its inode number.
        public var inode: UInt64
        /// SHA-256 of the first and last 4 KiB.
        public var ends: String

        /// The identity of the file at `path`, or nil if it cannot be read.
        public static func of(_ path: String) -> FileIdentity? {
            let fd = openForReading(path)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            var ends = [UInt8](repeating: 0, count: 8192)
            let head = pread(fd, &ends, 4096, 0)
            let tailStart = max(0, Int(info.st_size) - 4096)
            let tail = ends.withUnsafeMutableBufferPointer { pread(fd, $0.baseAddress! + 4096, 4096, off_t(tailStart)) }
            guard head >= 0, tail >= 0 else { return nil }
            return FileIdentity(
                size: Int64(info.st_size), modified: Double(info.modification.tv_sec) + Double(info.modification.tv_nsec) / 1e9,
                changed: Double(info.statusChange.tv_sec) + Double(info.statusChange.tv_nsec) / 1e9, inode: UInt64(info.st_ino),
                ends: Checksum.sha256(Data(ends[0..<head]) + Data(ends[4096..<(4096 + tail)])))
        }

        /// What the `pdf` table stores of it: size, modification and change
        /// times, inode and the start of the checksum of its ends.
        var key: CacheKey { CacheKey(String(size), "\(modified)", "\(changed)", String(inode), String(ends.prefix(16))) }
    }

    /// Why the cache could not be opened, in a user's words (no SQL).
    public static func explain(_ error: any Error) -> String {
        if let error = error as? CacheError { return error.description }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL, .SQLITE_IOERR: return "the disk holding the vault's .pdfanchor folder is full or failing"
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return "the vault's .pdfanchor folder cannot be written (read-only, or no permission)"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "another pdfanchor holds the cache"
            default: return "the cache database cannot be used (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))"
            }
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileWriteNoPermissionError || nsError.code == NSFileWriteVolumeReadOnlyError {
            return "the vault's .pdfanchor folder cannot be made (read-only, or no permission)"
        }
        return "the vault's .pdfanchor folder cannot be used"
    }

    /// Opens (or creates) the cache of `vault` at `.pdfanchor/cache.sqlite`.
    /// A cache that cannot be opened or migrated (damaged, or written by an
    /// incompatible version) is deleted and made again: it only holds what
    /// can be computed again.
    public init(vault: Vault) throws {
        let folder = vault.root + "/.pdfanchor"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/cache.sqlite"
        // Only a file of our own: never through a link into another program's database.
        for file in [folder, path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard lstat(file, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind != (file == folder ? S_IFDIR : S_IFREG) {
                throw CacheError(path: file, reason: "it is not a plain \(file == folder ? "folder" : "file") (a link?); the cache is not used — remove it, or run with --no-cache")
            }
        }
        do {
            database = try Self.open(path)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            database = try Self.open(path)
        }
    }

    private static func open(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        // Worker processes write results too: wait for each other's writes.
        configuration.busyMode = .timeout(30)
        let database = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Errors are kept as PDFError's code and detail, so that they
            // read the same from the cache as when first met.
            try db.execute(sql: """
                CREATE TABLE pdf (
                    path TEXT PRIMARY KEY NOT NULL,
                    identity TEXT NOT NULL,
                    fingerprint TEXT,
                    modern TEXT,
                    modified TEXT,
                    source TEXT,
                    errorCode TEXT,
                    errorDetail TEXT,
                    pages INTEGER,
                    openErrorCode TEXT,
                    openErrorDetail TEXT
                );
                CREATE TABLE report (
                    key TEXT PRIMARY KEY NOT NULL,
                    total INTEGER NOT NULL,
                    anchored INTEGER NOT NULL,
                    fuzzy INTEGER NOT NULL,
                    orphaned INTEGER NOT NULL,
                    skipped INTEGER NOT NULL,
                    json BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: plans") { db in
            // How each note matched its PDFs: one row per note, valid while
            // its key (its bytes and the state of every PDF) is the same.
            try db.execute(sql: "CREATE TABLE plan (note TEXT PRIMARY KEY NOT NULL, key TEXT NOT NULL, json BLOB NOT NULL)")
        }
        migrator.registerMigration("v3: page lengths") { db in
            // What anchoring learnt of each PDF's page lengths (PositionModel, JSON).
            try db.execute(sql: "ALTER TABLE pdf ADD COLUMN model BLOB")
        }
        migrator.registerMigration("v4: orphan ids") { db in
            // The ids of a report's orphans (one a line), for a report of
            // counts that lists them without reading the report itself.
            try db.execute(sql: "ALTER TABLE report ADD COLUMN orphans TEXT")
        }
        migrator.registerMigration("v5: embedded annotations") { db in
            // The annotations each PDF holds itself (EmbeddedInventory, JSON,
            // with its format), for the file as it is.
            try db.execute(sql: "ALTER TABLE pdf ADD COLUMN embedded BLOB")
        }
        migrator.registerMigration("v6: page texts") { db in
            // Each PDF's pages as read (StoredPage: text records and glyph
            // boxes apart), by document: the file's resolved path, identity
            // and the format; documents go least recently used first.
            try db.execute(sql: """
                CREATE TABLE pagedoc (
                    document TEXT PRIMARY KEY NOT NULL,
                    path TEXT NOT NULL,
                    json BLOB,
                    bytes INTEGER NOT NULL DEFAULT 0,
                    used REAL NOT NULL
                );
                CREATE INDEX pagedoc_path ON pagedoc(path);
                CREATE INDEX pagedoc_used ON pagedoc(used);
                CREATE TABLE pagetext (
                    document TEXT NOT NULL,
                    page INTEGER NOT NULL,
                    text BLOB NOT NULL,
                    boxes BLOB NOT NULL,
                    PRIMARY KEY (document, page)
                ) WITHOUT ROWID;
                CREATE TABLE setting (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                """)
        }
        try migrator.migrate(database)
        return database
    }

    /// What is known of a PDF file: its fingerprint (or why it has none)
    /// and whether Poppler opens it (its page count, or why not).
    public struct PDFStatus: Sendable {
        /// Its fingerprints, or why they could not be computed.
        public var fingerprint: Result<PDFFingerprint, PDFError>
        /// Its page count, once Poppler opened it (nil: not opened yet, or it could not be).
        public var pages: Int?
        /// Why Poppler could not open it (nil: it opened, or was not tried yet).
        public var openError: PDFError?

        /// A status of what is known so far.
        public init(fingerprint: Result<PDFFingerprint, PDFError>, pages: Int?, openError: PDFError?) {
            self.fingerprint = fingerprint
            self.pages = pages
            self.openError = openError
        }
    }

    /// The cached status of the PDF at `path`, if its file has not changed.
    public func status(path: String, identity: FileIdentity) -> PDFStatus? {
        try? database.read { db -> PDFStatus? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM pdf WHERE path = ?", arguments: [path]),
                row["identity"] as String == identity.key.rawValue
            else { return nil }
            let fingerprint: Result<PDFFingerprint, PDFError>
            if let code: String = row["errorCode"] {
                fingerprint = .failure(PDFError(code: code, path: path, detail: row["errorDetail"]))
            } else if let primary: String = row["fingerprint"] {
                let source = PDFFingerprint.Source(rawValue: row["source"] ?? "") ?? .trailerID
                fingerprint = .success(PDFFingerprint(primary: primary, modern: row["modern"], modified: row["modified"], source: source))
            } else {
                return nil
            }
            let openError = (row["openErrorCode"] as String?).map { PDFError(code: $0, path: path, detail: row["openErrorDetail"]) }
            return PDFStatus(fingerprint: fingerprint, pages: row["pages"], openError: openError)
        }
    }

    /// Remembers the status of the PDF at `path`.
    public func store(path: String, identity: FileIdentity, status: PDFStatus) {
        try? database.write { db in
            var fingerprint: String?
            var modern: String?
            var modified: String?
            var source: String?
            var error: PDFError?
            switch status.fingerprint {
            case .success(let value):
                (fingerprint, modern, modified, source) = (value.primary, value.modern, value.modified, value.source.rawValue)
            case .failure(let failure):
                error = failure
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO pdf (path, identity, fingerprint, modern, modified, source,
                        errorCode, errorDetail, pages, openErrorCode, openErrorDetail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    path, identity.key.rawValue, fingerprint, modern, modified, source, error?.code, error?.detail, status.pages,
                    status.openError?.code, status.openError?.detail,
                ])
        }
    }

    /// What an earlier audit learnt of the page lengths of the PDF at
    /// `path`, if its file has not changed.
    public func positionModel(path: String, identity: FileIdentity) -> PositionModel? {
        guard let data = try? database.read({ db in
            try Data.fetchOne(db, sql: "SELECT model FROM pdf WHERE path = ? AND identity = ?", arguments: [path, identity.key.rawValue])
        }) else { return nil }
        return try? JSONDecoder().decode(PositionModel.self, from: data)
    }

    /// Remembers what anchoring learnt of the PDF at `path` (its page count
    /// and page lengths), for the file as it is (`identity`).
    public func store(model: PositionModel, path: String, identity: FileIdentity) {
        guard let data = try? JSONEncoder().encode(model) else { return }
        try? database.write { db in
            try db.execute(
                sql: "UPDATE pdf SET model = ?, pages = ?, openErrorCode = NULL, openErrorDetail = NULL WHERE path = ? AND identity = ?",
                arguments: [data, model.pageCount, path, identity.key.rawValue])
        }
    }

    /// What an earlier audit read of the annotations the PDF at `path`
    /// holds itself, if its file has not changed and they were read in
    /// this build's ``EmbeddedInventory/format``.
    func embedded(path: String, identity: FileIdentity) -> EmbeddedInventory? {
        guard let data = try? database.read({ db in
            try Data.fetchOne(db, sql: "SELECT embedded FROM pdf WHERE path = ? AND identity = ?", arguments: [path, identity.key.rawValue])
        }), let inventory = try? JSONDecoder().decode(EmbeddedInventory.self, from: data), inventory.format == EmbeddedInventory.format
        else { return nil }
        return inventory
    }

    /// Remembers the annotations the PDF at `path` holds itself, for the
    /// file as it is (`identity`).
    func store(embedded inventory: EmbeddedInventory, path: String, identity: FileIdentity) {
        guard let data = try? JSONEncoder().encode(inventory) else { return }
        try? database.write { db in
            try db.execute(
                sql: "UPDATE pdf SET embedded = ? WHERE path = ? AND identity = ?", arguments: [data, path, identity.key.rawValue])
        }
    }

    /// Remembers why Poppler cannot open the PDF at `path` as it is.
    public func store(openError: PDFError, path: String, identity: FileIdentity) {
        try? database.write { db in
            try db.execute(
                sql: "UPDATE pdf SET openErrorCode = ?, openErrorDetail = ? WHERE path = ? AND identity = ?",
                arguments: [openError.code, openError.detail, path, identity.key.rawValue])
        }
    }

    /// The counts of the check report remembered under `key`, without
    /// reading the report itself.
    public func reportSummary(key: CacheKey) -> CheckReport.Summary? {
        reportCounts(key: key)?.summary
    }

    /// The counts of the check report remembered under `key` and the ids of
    /// its orphans, in note order, without reading the report itself (but
    /// for a report remembered before the ids were).
    public func reportCounts(key: CacheKey) -> (summary: CheckReport.Summary, orphans: [String])? {
        let row = try? database.read { db in
            try Row.fetchOne(db, sql: "SELECT total, anchored, fuzzy, orphaned, skipped, orphans FROM report WHERE key = ?", arguments: [key.rawValue])
        }
        guard let row else { return nil }
        var summary = CheckReport.Summary()
        (summary.total, summary.anchored, summary.fuzzy, summary.orphaned, summary.skipped) = (row[0], row[1], row[2], row[3], row[4])
        if let ids: String = row[5] { return (summary, ids.split(separator: "\n").map(String.init)) }
        if summary.orphaned == 0 { return (summary, []) }
        guard let report = report(key: key) else { return nil }
        return (summary, Self.orphans(of: report))
    }

    /// The ids of a report's orphans, in its order.
    static func orphans(of report: CheckReport) -> [String] {
        report.annotations.filter { $0.status == .orphaned }.map(\.id)
    }

    /// A check report remembered under `key`. One remembered before
    /// results carried a ``AnchorResult/reasonCode`` (a reason without its
    /// code) is not used: it is anchored again and remembered anew.
    public func report(key: CacheKey) -> CheckReport? {
        guard let data = try? database.read({ db in try Data.fetchOne(db, sql: "SELECT json FROM report WHERE key = ?", arguments: [key.rawValue]) }),
            let report = try? JSONDecoder().decode(CheckReport.self, from: data),
            report.annotations.allSatisfy({ $0.reason == nil || $0.reasonCode != nil })
        else { return nil }
        return report
    }

    /// Remembers a check report under `key`.
    public func store(report: CheckReport, key: CacheKey) {
        guard let data = try? JSONEncoder().encode(report) else { return }
        try? database.write { db in
            let s = report.summary
            try db.execute(
                sql: "INSERT OR REPLACE INTO report (key, total, anchored, fuzzy, orphaned, skipped, json, orphans) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [key.rawValue, s.total, s.anchored, s.fuzzy, s.orphaned, s.skipped, data, Self.orphans(of: report).joined(separator: "\n")])
        }
    }

    /// The plan of the note at `note` (the audit's own encoding), if it was
    /// made under `key`.
    func plan(note: String, key: CacheKey) -> Data? {
        try? database.read { db in
            try Data.fetchOne(db, sql: "SELECT json FROM plan WHERE note = ? AND key = ?", arguments: [note, key.rawValue])
        }
    }

    /// Remembers the plan of the note at `note`, made under `key`.
    func store(plan: Data, note: String, key: CacheKey) {
        try? database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO plan (note, key, json) VALUES (?, ?, ?)", arguments: [note, key.rawValue, plan])
        }
    }

    /// Forgets PDFs that no longer exist at their paths.
    public func prune(keeping paths: Set<String>) {
        try? database.write { db in
            // Plans of notes that are gone.
            for note in try String.fetchAll(db, sql: "SELECT note FROM plan") where !FileManager.default.fileExists(atPath: note) {
                try db.execute(sql: "DELETE FROM plan WHERE note = ?", arguments: [note])
            }
            let known = try String.fetchAll(db, sql: "SELECT path FROM pdf")
            for path in known where !paths.contains(path) {
                try db.execute(sql: "DELETE FROM pdf WHERE path = ?", arguments: [path])
            }
            // Page texts of PDFs that are gone or changed since (kept by
            // resolved path: by any command, inside the vault or not).
            for row in try Row.fetchAll(db, sql: "SELECT document, path FROM pagedoc") {
                let (document, path): (String, String) = (row[0], row[1])
                if pageStore(for: path)?.key != document { try Self.forget(document: document, in: db) }
            }
        }
    }
}
