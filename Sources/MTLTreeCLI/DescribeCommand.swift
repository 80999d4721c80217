import MTLTreeKit

/// `mtltree describe DATA`: rows, columns, roles, types, missing cells and class distributions.
struct DescribeCommand: Subcommand {
    static let name = "describe"
    static let summary = "Summarize a dataset: columns, roles, types, missing cells, classes."
    static let help = """
        USAGE: mtltree describe DATA [data options] [--format text|json]

        Prints the number of rows and, per column, its role, type, number of
        distinct values and of missing cells; per task, the class distribution.

        OPTIONS:
          --format F            text (default) or json.

        """ + "\n" + dataOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let options = try arguments.readOptions(console: console)
        let format = try arguments.value("--format") ?? "text"
        let (path) = try arguments.positionals("DATA")[0]
        let summary = DatasetSummary(try Dataset.load(path: path, options: options))
        switch format {
        case "json": console.print(summary.json.serialized())
        case "text": console.out(summary.text)
        default: throw MTLError(.usage, "--format takes text or json, not '\(format)'")
        }
        return 0
    }
}
