import Foundation
import Testing
@testable import pdfanchor

@Suite("mistyped commands")
struct UnknownCommandTests {
    @Test("a mistyped command is a usage error (exit 2) with the nearest command; help of no command too; help of a command is its help")
    func suggestions() throws {
        for (typed, suggested) in [(["audti"], "audit"), (["chek", "note.md"], "check"), (["exprt"], "export-pdf"), (["help", "reflink"], "relink")] {
            let output = try CommandRunner.run(typed)
            #expect(output.status == 2, "\(typed)")
            let word = typed[0] == "help" ? typed[1] : typed[0]
            #expect(output.stderr.contains("'\(word)' is not a pdfanchor command"), "\(typed): \(output.stderr)")
            #expect(output.stderr.contains("Did you mean '\(suggested)'?"), "\(typed): \(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
        let nothingNear = try CommandRunner.run(["help", "nosuch"])
        #expect(nothingNear.status == 2)
        #expect(!nothingNear.stderr.contains("Did you mean"))
        #expect(nothingNear.stderr.contains("audit, check, extract"))
        let help = try CommandRunner.run(["help", "audit"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("OVERVIEW: Audit a vault"))
    }

    @Test("the edit distance counts insertions, deletions, substitutions and a swap of neighbours as one each")
    func distance() {
        // Hand counts.
        #expect(UnknownCommand.distance("audit", "audit") == 0)
        #expect(UnknownCommand.distance("audti", "audit") == 1)  // a swap
        #expect(UnknownCommand.distance("chek", "check") == 1)  // an insertion
        #expect(UnknownCommand.distance("relinkk", "relink") == 1)  // a deletion
        #expect(UnknownCommand.distance("kitten", "sitting") == 3)
        #expect(UnknownCommand.distance("", "text") == 4)
    }
}
