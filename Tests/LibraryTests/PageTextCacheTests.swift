import Anchoring
import Foundation
import Testing
@testable import Library

@Suite("The vault's cache of page texts")
struct PageTextCacheTests {
    static func page(_ number: Int, bytes: Int) -> StoredPage {
        StoredPage(number: number, text: Array(repeating: 7, count: bytes), boxes: Array(repeating: 9, count: bytes))
    }

    @Test("pages are kept for the file as it is: a PDF changed in place, or moved, starts afresh and what was kept of it goes")
    func changedFile() throws {
        let vault = try TestVault.vault()
        let (pdf, _) = try TestVault.paper("estuary-flocculation", into: vault)
        let cache = try AuditCache(vault: Vault(root: vault))
        let store = try #require(cache.pageStore(for: pdf))
        store.keep([Self.page(1, bytes: 10), Self.page(2, bytes: 10)], document: StoredDocument(pageCount: 9, title: "t", textBytes: nil))
        #expect(store.pages([1, 2, 3], boxes: true).map(\.number).sorted() == [1, 2])
        #expect(store.pages([2], boxes: false).first?.boxes.isEmpty == true)
        #expect(try #require(cache.pageStore(for: pdf)).document()?.pageCount == 9)
        // The same file by another path (through a link) is the same document.
        try FileManager.default.createSymbolicLink(atPath: vault + "/link.pdf", withDestinationPath: pdf)
        #expect(try #require(cache.pageStore(for: vault + "/link.pdf")).pages([1], boxes: true).count == 1)

        let handle = try #require(FileHandle(forWritingAtPath: pdf))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n%%EOF\n".utf8))
        try handle.close()
        let changed = try #require(cache.pageStore(for: pdf))
        #expect(changed.document() == nil && changed.pages([1, 2], boxes: true).isEmpty)
        // The audit's pruning drops what was kept of the file's earlier state...
        #expect(cache.pageBytes == 40)
        cache.prune(keeping: [])
        #expect(cache.pageBytes == 0)
        // ...and so does keeping pages of its new state.
        store.keep([Self.page(1, bytes: 10)], document: nil)
        changed.keep([Self.page(5, bytes: 10)], document: nil)
        #expect(cache.pageBytes == 20, "what was kept of the file before it changed is gone")
    }

    @Test("the cache keeps at most its limit: the documents used least recently go first; a limit of 0 keeps nothing")
    func leastRecentlyUsed() throws {
        let vault = try TestVault.vault()
        let a = try TestVault.copy("papers/estuary-flocculation.pdf", to: vault, as: "a.pdf")
        let b = try TestVault.copy("papers/estuary-flocculation.pdf", to: vault, as: "b.pdf")
        let c = try TestVault.copy("papers/estuary-flocculation.pdf", to: vault, as: "c.pdf")
        let cache = try AuditCache(vault: Vault(root: vault))
        cache.pageLimit = 2500
        #expect(cache.pageLimit == 2500)
        try #require(cache.pageStore(for: a)).keep([Self.page(1, bytes: 500)], document: nil)
        try #require(cache.pageStore(for: b)).keep([Self.page(1, bytes: 500)], document: nil)
        // a is used again: b is now the least recently used.
        Thread.sleep(forTimeInterval: 0.01)
        try #require(cache.pageStore(for: a)).keep([], document: nil)
        try #require(cache.pageStore(for: c)).keep([Self.page(1, bytes: 500)], document: nil)
        #expect(try #require(cache.pageStore(for: b)).pages([1], boxes: false).isEmpty)
        #expect(try #require(cache.pageStore(for: a)).pages([1], boxes: false).count == 1)
        #expect(try #require(cache.pageStore(for: c)).pages([1], boxes: false).count == 1)
        #expect(cache.pageBytes == 2000)
        // The limit is remembered by the cache, for every later run.
        #expect(try AuditCache(vault: Vault(root: vault)).pageLimit == 2500)
        cache.pageLimit = 0
        #expect(cache.pageBytes == 0)
        try #require(cache.pageStore(for: a)).keep([Self.page(1, bytes: 1)], document: nil)
        #expect(cache.pageBytes == 0)
    }

    @Test("check keeps a note's PDF pages in an Obsidian vault's cache and reads none again; a folder that is no vault gets no cache")
    func checkUsesIt() async throws {
        let vault = try TestVault.vault()
        let (_, note) = try TestVault.paper("thesis-fine-sediment", into: vault)
        var checker = NoteChecker()
        checker.cache = AuditCache.pageCache(for: Vault(root: vault))
        #expect(checker.cache != nil)
        let first = try await checker.checkKeeping(notePath: note)
        #expect(first.report.pdf.pagesRead ?? 0 > 0 && first.report.pdf.pagesFromCache == 0)
        #expect(try #require(checker.cache).pageBytes > 0)
        let second = try await checker.checkKeeping(notePath: note)
        #expect(second.report.pdf.pagesFromCache == second.report.pdf.pagesRead)
        #expect(second.report.annotations.map(\.status) == first.report.annotations.map(\.status))
        #expect(second.report.annotations.map(\.rects) == first.report.annotations.map(\.rects))
        let plain = try TestVault.scratch()
        #expect(AuditCache.pageCache(for: Vault(root: plain)) == nil)
        #expect(!FileManager.default.fileExists(atPath: plain + "/.pdfanchor"))
    }
}
