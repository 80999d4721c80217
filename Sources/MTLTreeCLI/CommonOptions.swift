import MTLTreeCalendar
import MTLTreeKit

/// The data formats the command line reads, in the order help lists them:
/// the one list that `--input-format`, extensions and messages go by.
let dataFormats: [DataFormat] = DataFormat.standard + [.calendar]

/// Help text shared by every command that reads a dataset.
let dataOptionsHelp = """
    DATA OPTIONS:
      --tasks A,B,...       Task columns (nominal class labels every leaf predicts).
      --main T              The main task (λ = 1); without it every task weighs 1.
      --ignore A,B,...      Columns to ignore (identifiers and the like).
      --nominal A,B,...     Read these numeric-looking columns as nominal.
      --calendar            Read DATA as a calendar, a meeting log (CSV) or iCalendar
                            (.ics) file (tasks: location, time_of_day, day_of_week,
                            duration); other formats go by extension.
      --input-format F      \(DataFormat.names(dataFormats)), whatever the extension.
      --delimiter D         CSV field separator: ',' (default), ';', 'tab' or '|'.
      --missing M,...       Cells that mean missing (default: '?', empty, 'NA').
      --max-values N        Most distinct values of a nominal column (default 65536).

    """

extension Arguments {
    /// Parses the role options (`--tasks`, `--main`, `--ignore`, `--nominal`).
    mutating func roleOptions() throws -> RoleOptions {
        RoleOptions(
            tasks: try list("--tasks"), main: try value("--main"),
            ignore: try list("--ignore"), nominal: try list("--nominal"))
    }

    /// Parses the data options into reader options.
    mutating func readOptions() throws -> ReadOptions {
        var options = ReadOptions(formats: dataFormats)
        options.roles = try roleOptions()
        if flag("--calendar") { options.format = .calendar }
        if let format = try value("--input-format") {
            guard let f = dataFormats.first(where: { $0.name == format.lowercased() }) else {
                throw MTLError(.usage, "--input-format takes \(DataFormat.names(dataFormats)), not '\(format)'")
            }
            options.format = f
        }
        if let delimiter = try value("--delimiter") {
            switch delimiter {
            case "tab", "\\t", "\t": options.delimiter = UInt8(ascii: "\t")
            default:
                guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte != UInt8(ascii: "\""),
                    byte != 10, byte != 13
                else {
                    throw MTLError(.usage, "--delimiter takes one character (or 'tab'), not '\(delimiter)'")
                }
                options.delimiter = byte
            }
        }
        let missing = try values("--missing")
        if !missing.isEmpty {
            options.missingMarkers = Set(missing.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
        }
        if let n = try integer("--max-values", in: 2...100_000_000) { options.maxNominalValues = n }
        return options
    }
}

extension Dataset {
    /// Reads `path` for a command that learns trees: as ``Dataset/load(path:options:)``,
    /// then checks that every task has at least one labelled row.
    ///
    /// A task whose every cell is missing has no classes to learn: its tree
    /// could not be saved as a model, and its accuracy would be `nan`.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the file and the task.
    static func loadForLearning(path: String, options: ReadOptions) throws -> Dataset {
        let dataset = try load(path: path, options: options)
        for t in dataset.taskIndices where dataset.columns[t].missingCount == dataset.rowCount {
            throw MTLError(
                .badData, "task '\(dataset.columns[t].name)' has no labelled rows (every cell is missing), so there is nothing to learn",
                file: path)
        }
        return dataset
    }
}
