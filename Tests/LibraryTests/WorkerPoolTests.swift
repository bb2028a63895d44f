import Foundation
import PDFCore
import Synchronization
import Testing
import TestSupport
@testable import Library

@Suite("Worker processes")
struct WorkerPoolTests {
    @Test("a worker is replaced after its share of PDFs, so what it keeps between documents stays bounded")
    func recycled() async throws {
        let pdf = Repository.path("SamplePDFs/papers/thesis-fine-sediment.pdf")
        let job = PDFJob(pdf: pdf, fingerprint: try PDFFingerprint.compute(path: pdf), items: [])
        let pool = WorkerPool(executable: Repository.product("pdfanchor").path, timeout: 120, memoryLimit: 1 << 30, jobsPerWorker: 2)
        // One at a time: five jobs, two a worker, make three workers.
        for _ in 0..<5 {
            let result = await pool.run(job)
            #expect(result.error == nil)
            #expect(result.pages == 135, "pdfinfo: 135 pages")
        }
        #expect(pool.started.load(ordering: .relaxed) == 3)
        pool.shutdown()
    }
}
