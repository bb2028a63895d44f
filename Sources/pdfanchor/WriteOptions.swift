import ArgumentParser

/// The options of the commands that change the user's files in place
/// (`relink`, `refresh`): a dry run by default, `--write` to write,
/// `--diff` to see the change as a patch, `--write-read-only` to write a
/// read-only file too. (`--force` is kept, hidden, as the old name of
/// `--write-read-only`; for `extract` and `export-pdf` it means replacing a
/// protected `-o` output, a different thing.)
struct WriteOptions: ParsableArguments {
    @Flag(help: "Write the changes (default: show them, field by field).")
    var write = false

    @Flag(help: "Without --write: show the changes as a unified diff (for patch -p1 in the vault).")
    var diff = false

    @Flag(help: "With --write: write read-only notes too (their mode is kept).")
    var writeReadOnly = false

    @Flag(help: .hidden)
    var force = false

    /// Whether read-only files are written (``writeReadOnly``, or its old name).
    var overwriteReadOnly: Bool { writeReadOnly || force }
}
