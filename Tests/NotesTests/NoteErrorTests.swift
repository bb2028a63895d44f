import Foundation
import Testing
import TestSupport
@testable import Notes

/// Each way a note file cannot be read, from a real input, with the stable
/// code scripts see (the names are the documented ones, not read back from
/// the enum) and the path it names.
@Suite("Why a note file cannot be read: a stable code for each")
struct NoteErrorTests {
    /// The error of reading `path` as a note, both ways a note is read (the
    /// same error from each), or nil when it was read.
    func error(reading path: String) -> NoteError? {
        var errors: [NoteError] = []
        do { _ = try AnnotationNote(contentsOf: path) } catch { errors.append(error) }
        do { _ = try AnnotationSource(path: path) } catch { errors.append(error) }
        #expect(errors.count == 0 || errors.count == 2, "both readers refuse, or neither")
        if errors.count == 2 {
            #expect(errors[0].code == errors[1].code && errors[0].reason == errors[1].reason)
        }
        #expect(errors.allSatisfy { $0.path == path })
        return errors.first
    }

    @Test("a folder")
    func folder() throws {
        let folder = try Scratch.folder()
        #expect(error(reading: folder)?.code.rawValue == "folder")
    }

    @Test("a FIFO (reading it would wait for a writer for ever)")
    func fifo() throws {
        let fifo = try Scratch.folder() + "/note.md"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(error(reading: fifo)?.code.rawValue == "not-a-file")
    }

    @Test("a PDF given as the note")
    func pdf() throws {
        let pdf = Repository.root + "/SamplePDFs/papers/thesis-fine-sediment.pdf"
        let error = error(reading: pdf)
        #expect(error?.code.rawValue == "is-a-pdf")
        #expect(error?.reason.hasPrefix("it is a PDF, not a note") == true)
    }

    @Test("a file larger than the 16 MiB a note may have, refused before it is read")
    func tooLarge() throws {
        let huge = try Scratch.folder() + "/huge.md"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        // Sparse: nothing of it is ever written to disk.
        #expect(truncate(huge, off_t(16 * 1_048_576 + 1)) == 0)
        #expect(error(reading: huge)?.code.rawValue == "too-large")
    }

    @Test("no file at the path, or a part of the path that is a file, not a folder")
    func missing() throws {
        let folder = try Scratch.folder()
        let missing = error(reading: folder + "/no-such-note.md")
        #expect(missing?.code.rawValue == "not-found")
        #expect(missing?.description == folder + "/no-such-note.md: cannot be read: no such file")
        let file = folder + "/note.md"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("# A note\n".utf8)))
        #expect(error(reading: file + "/inside.md")?.code.rawValue == "not-found")
    }

    @Test("a file that cannot be read: a link that leads back to itself")
    func unreadable() throws {
        let loop = try Scratch.folder() + "/loop.md"
        #expect(symlink(loop, loop) == 0)
        #expect(error(reading: loop)?.code.rawValue == "unreadable")
    }
}
