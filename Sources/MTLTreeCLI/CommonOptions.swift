import MTLTreeCalendar
import MTLTreeKit

/// The data formats the command line reads, in the order help lists them:
/// the one list that `--input-format`, extensions and messages go by.
let dataFormats: [DataFormat] = DataFormat.standard + [.calendar]

/// Help text shared by every command that reads a dataset.
let dataOptionsHelp = """
    DATA OPTIONS:
      --tasks A,B,...       Task columns, the values every leaf predicts: classes, or
                            numbers (an ARFF numeric attribute; a CSV column of
                            numbers not all whole).
      --main T              The main task (λ = 1); without it every task weighs 1.
      --ignore A,B,...      Columns to ignore (identifiers and the like).
      --nominal A,B,...     Read these numeric-looking columns (or tasks) as nominal.
      --numeric-tasks A,B   Learn these tasks as numbers (regression targets).
      --calendar            Read DATA as a calendar, a meeting log (CSV) or iCalendar
                            (.ics) file (tasks: location, time_of_day, day_of_week,
                            duration); other formats go by extension.
      --input-format F      \(DataFormat.names(dataFormats)), whatever the extension.
      --time-zone Z         Calendar owner's time zone (IANA name; default the .ics
                            file's X-WR-TIMEZONE, else the machine's).
      --owner EMAIL         Calendar owner (default: who organises or attends most).
      --all-day skip|keep   All-day .ics events: skip (default) or keep.
      --until YYYY-MM-DD    Expand recurring .ics events to this day (default: the
                            day of the last event that does not recur).
      --delimiter D         CSV field separator: ',' (default), ';', 'tab' or '|'.
      --missing M,...       Cells that mean missing (default: '?', empty, 'NA').
      --max-values N        Most distinct values of a nominal column (default 65536).

    """

extension Arguments {
    /// Parses the role options (`--tasks`, `--main`, `--ignore`, `--nominal`, `--numeric-tasks`).
    mutating func roleOptions() throws -> RoleOptions {
        let tasks = try list("--tasks")
        var seen = Set<String>()
        for task in tasks where !seen.insert(task).inserted {
            throw MTLError(.usage, "--tasks names '\(task)' twice")
        }
        return RoleOptions(
            tasks: tasks, main: try value("--main"),
            ignore: try list("--ignore"), nominal: try list("--nominal"), numeric: try list("--numeric-tasks"))
    }

    /// Parses the data options into reader options.
    mutating func readOptions(console: Console? = nil) throws -> ReadOptions {
        var options = ReadOptions(formats: dataFormats)
        options.roles = try roleOptions()
        if let main = options.roles.main, main != "all", !options.roles.tasks.isEmpty, !options.roles.tasks.contains(main) {
            // Useful (`--tasks b,c --main a`), but say so: a typo in --tasks would otherwise pass unseen.
            console?.note("note: the main task '\(main)' is not in --tasks; it is learned as a task too")
        }
        var calendar = CalendarOptions(timeZone: try value("--time-zone"), owner: try value("--owner"), until: try value("--until"))
        if let allDay = try value("--all-day") {
            guard allDay == "skip" || allDay == "keep" else {
                throw MTLError(.usage, "--all-day takes skip or keep, not '\(allDay)'")
            }
            calendar.keepAllDay = allDay == "keep"
        }
        if let console {
            calendar.report = { report in console.note(calendarNotice(report)) }
            options.notice = { notice in console.note(readNotice(notice)) }
        }
        let calendarFormat = DataFormat.calendar(calendar)
        options.formats = options.formats.map { $0 == calendarFormat ? calendarFormat : $0 }
        if flag("--calendar") { options.format = calendarFormat }
        if let format = try value("--input-format") {
            guard let f = dataFormats.first(where: { $0.name == format.lowercased() }) else {
                throw MTLError(.usage, "--input-format takes \(DataFormat.names(dataFormats)), not '\(format)'")
            }
            options.format = options.formats.first(where: { $0 == f }) ?? f
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
    /// A nominal task with more than 20 classes, more than half as many as
    /// its labelled rows, is an identifier rather than a task: an error,
    /// with a hint. A nominal task of more than 10 whole-number classes gets
    /// a one-line notice on `console` (it may be a number to learn as one).
    ///
    /// With `resampling` a stratified cross-validation, a class of the main
    /// task with fewer rows than folds gets a one-line notice: some folds
    /// test none of it. A meeting log (date, start, location columns) not
    /// read as a calendar gets one too.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the file and the task.
    static func loadForLearning(
        path: String, options: ReadOptions, console: Console? = nil, resampling: Resampling? = nil
    ) throws -> Dataset {
        let dataset = try load(path: path, options: options)
        if let console, case .crossValidation(let folds, _)? = resampling, let note = rareClassesNotice(dataset, folds: folds) {
            console.note(note)
        }
        if let console, options.format?.name != "calendar", ["date", "start", "location"].allSatisfy({ dataset[$0] != nil }),
            dataset["end"] != nil || dataset["duration"] != nil, dataset["time_of_day"] == nil
        {
            console.note(
                "\(path): note: this looks like a meeting log (date, start, location); --calendar reads it as one, "
                    + "with the tasks location, time_of_day, day_of_week and duration")
        }
        for t in dataset.taskIndices where dataset.columns[t].missingCount == dataset.rowCount {
            throw MTLError(
                .badData, "task '\(dataset.columns[t].name)' has no labelled rows (every cell is missing), so there is nothing to learn",
                file: path)
        }
        let integerTasks = dataset.integerTasksWithManyClasses
        for t in dataset.taskIndices {
            let column = dataset.columns[t]
            guard let n = column.nominal, n.values.count > 20 else { continue }
            let labelled = dataset.rowCount - column.missingCount
            guard 2 * n.values.count > labelled else { continue }
            let hint = integerTasks.contains { $0.name == column.name } || n.values.allSatisfy({ Double($0) != nil })
                ? "to learn it as a number, use --numeric-tasks \(column.name)" : "ignore it with --ignore \(column.name)"
            throw MTLError(
                .badData,
                "task '\(column.name)' has \(n.values.count) classes in \(labelled) labelled rows: an identifier, not a task; \(hint)",
                file: path)
        }
        for (name, classes) in integerTasks {
            console?.note("note: task '\(name)' read as \(classes) classes; --numeric-tasks \(name) learns it as a number")
        }
        return dataset
    }
}

/// The notice for the main task's classes with fewer rows than `folds`
/// (stratified folds cannot all hold them), or `nil` if there are none.
func rareClassesNotice(_ dataset: Dataset, folds: Int) -> String? {
    guard folds <= dataset.rowCount, let main = dataset.mainTask, let n = dataset.columns[main].nominal else { return nil }
    var counts = [Int](repeating: 0, count: n.values.count)
    for c in n.codes where c >= 0 { counts[Int(c)] += 1 }
    let rare = counts.indices.filter { counts[$0] > 0 && counts[$0] < folds }
    guard !rare.isEmpty else { return nil }
    let shown = rare.prefix(5).map { "'\(n.values[$0])' \(counts[$0])" }.joined(separator: ", ") + (rare.count > 5 ? ", …" : "")
    let classes = rare.count == 1 ? "1 class" : "\(rare.count) classes"
    return "note: \(classes) of \(dataset.columns[main].name) with fewer rows than the \(folds) folds (\(shown)); "
        + "some test folds hold none of \(rare.count == 1 ? "it" : "them")"
}

/// A reader's notice as one line, naming the options that act on it.
///
/// - Parameters:
///   - file: The name to show for the file (`-` for standard input), if not the one read.
///   - predicting: Worded for predict and score, which read data for a
///     model: a string attribute is read as the model reads it, and leaving
///     it out is not the remedy.
func readNotice(_ notice: ReadNotice, file shown: String? = nil, predicting: Bool = false) -> String {
    let file = shown ?? notice.file
    switch notice {
    case .stringAttributeAsInput(_, let attribute, let values):
        return "\(file): note: string attribute '\(attribute)' is read as a nominal input with \(values) values"
            + (predicting ? ", as the model reads it" : "; if it is free text, --ignore \(attribute) leaves it out")
    case .oneColumn(_, let delimiter, let likely):
        return "\(file): note: the header reads as one column with the delimiter \(ReadNotice.shown(delimiter)), "
            + "but it holds \(ReadNotice.shown(likely)): try --delimiter \(ReadNotice.shown(likely))"
    }
}

extension MTLError {
    /// For predict and score: when `dataset` lacks an input of the model and
    /// looks like a meeting log (`date` and `start` columns) not read as a
    /// calendar while the model has the calendar's derived `semester`
    /// input, the error says to add --calendar.
    func withCalendarHint(dataset: Dataset, trees: [MultitaskTree], options: ReadOptions) -> MTLError {
        guard message.hasPrefix("the data have no column"), options.format?.name != "calendar",
            dataset["date"] != nil, dataset["start"] != nil, dataset["semester"] == nil,
            trees.contains(where: { $0.schema.attributes.contains { $0.name == "semester" } })
        else { return self }
        var error = self
        error.message += "; the model was trained on a meeting log read with --calendar: add --calendar"
        return error
    }
}

extension ReadOptions {
    /// For predict and score, which take the tasks from the model: drops
    /// `--tasks`, `--main` and `--numeric-tasks` (copied from a train
    /// command line, they would demand label columns the data to predict
    /// need not have), with one note on `console` naming them.
    mutating func ignoringTaskRoles(_ command: String, console: Console) {
        let given = [("--tasks", !roles.tasks.isEmpty), ("--main", roles.main != nil), ("--numeric-tasks", !roles.numeric.isEmpty)]
            .filter(\.1).map(\.0)
        guard !given.isEmpty else { return }
        console.note("note: \(command) takes the tasks from the model; \(given.joined(separator: ", ")) ignored")
        roles.tasks = []
        roles.main = nil
        roles.numeric = []
    }

    /// For predict and score, which read `file` (shown as `name`) for a
    /// model: the readers' notices on `console` as train and describe give
    /// them, but a string attribute's only when the model has it as an
    /// input (`inputs`); predict and score ignore other columns.
    mutating func noticePredicting(on console: Console, name: String, inputs: Set<String>) {
        notice = { notice in
            if case .stringAttributeAsInput(_, let attribute, _) = notice, !inputs.contains(attribute) { return }
            console.note(readNotice(notice, file: name, predicting: true))
        }
    }
}

extension ModelFile {
    /// Every tree the model holds: a tree model's (one per main task) or a
    /// forest's (which share one schema), for what predict and score check
    /// against the data.
    var allTrees: [MultitaskTree] {
        switch self {
        case .trees(let m): m.trees
        case .forest(let f): f.trees
        }
    }
}

/// The one-line notice after reading an iCalendar file: what became rows and what was skipped.
func calendarNotice(_ report: CalendarReadReport) -> String {
    var text = "read \(report.meetings) meetings from \(report.path)"
    if report.recurringMeetings > 0 {
        text += " (\(report.recurringMeetings) from recurring series"
        if let until = report.expandedUntil { text += ", expanded to \(until)" }
        text += ")"
    }
    text += " in \(report.timeZone)"
    if let owner = report.owner { text += " for \(owner)" }
    var skipped: [String] = []
    if report.allDaySkipped > 0 {
        skipped.append("\(report.allDaySkipped) all-day event\(report.allDaySkipped == 1 ? "" : "s") (--all-day keep keeps them)")
    }
    if report.cancelledSkipped > 0 { skipped.append("\(report.cancelledSkipped) cancelled") }
    if !skipped.isEmpty { text += "; skipped " + skipped.joined(separator: " and ") }
    return text
}

extension MTLError {
    /// The error as the command line prints it: its hint names the flags
    /// that act on it (the library's own words name its options).
    var commandLineDescription: String {
        var error = self
        error.message = message(hintWords: Self.commandLineHint)
        error.hint = nil
        return error.description
    }

    /// A library hint in terms of the command line's flags.
    static func commandLineHint(_ hint: Hint) -> String {
        switch hint {
        case .nameMainTask: "name it with --main"
        case .nameTasks: "name the task columns with --tasks"
        case .nameExtraTasks: "name others with --tasks"
        case .ignoreOrRaiseLimit(let column):
            "if it is an identifier, ignore it with --ignore \(column), else raise the limit with --max-values"
        case .readAsNominal(let column): "save it to a regular file or name the column with --nominal \(column)"
        }
    }
}
