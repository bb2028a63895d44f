import ArgumentParser
import Foundation
import Library

/// The `pdfanchor` command: one subcommand per job.
@main
struct PDFAnchor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdfanchor",
        abstract: "Check, extract and repair PDF highlights stored in Obsidian annotation notes.",
        discussion: """
            PDFAnchor reads the notes written by the obsidian-annotator plugin \
            (Hypothesis-style JSON in Markdown), finds every highlight in its PDF \
            again, and tells you where it is — or that it is lost.

            Exit codes: 0 success, 1 the job ran but found problems, 2 the job \
            could not run (bad arguments, unreadable input).
            """,
        version: pdfAnchorVersion,
        subcommands: [
            Audit.self,
            Check.self,
            Extract.self,
            Relink.self,
            Refresh.self,
            ExportPDF.self,
            Migrate.self,
            Import.self,
            Fingerprint.self,
            Text.self,
            NotesCommand.self,
            AnchorWorkerCommand.self,
        ]
    )

    /// Runs the command. A usage error (an unknown option, a bad value) ends
    /// with exit code 2 as the help says — not ArgumentParser's 64 — after
    /// its usual message.
    static func main() async {
        // The subcommand parsed, so that an error its run() throws shows its own usage.
        var parsed: (any ParsableCommand.Type)?
        if let message = UnknownCommand.message(for: Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            parsed = type(of: command)
            if var job = command as? any AsyncParsableCommand {
                try await job.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                if let parsed, parsed != PDFAnchor.self {
                    let name = parsed._commandName
                    message = "Error: \(self.message(for: error))\nUsage: \(usageString(for: parsed))\n  See 'pdfanchor \(name) --help' for more information."
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
