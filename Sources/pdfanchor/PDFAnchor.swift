import ArgumentParser

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
        version: "0.1.0",
        subcommands: [
            Audit.self,
            Check.self,
            Extract.self,
            Relink.self,
            Refresh.self,
            ExportPDF.self,
            Fingerprint.self,
            Text.self,
            NotesCommand.self,
            AnchorWorkerCommand.self,
        ]
    )
}
