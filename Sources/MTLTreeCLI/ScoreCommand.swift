import Foundation
import MTLTreeKit

/// `mtltree score MODEL DATA`: every task's predictions scored against the labels in DATA.
struct ScoreCommand: Subcommand {
    static let name = "score"
    static let summary = "Score a model on labelled data: accuracy, balanced accuracy, macro-F1, log-loss, confusion; RMSE, MAE, R²."
    static let help = """
        USAGE: mtltree score MODEL DATA [--format text|json] [--task T] [data options]

        Predicts every row of DATA and compares each task's predictions with the
        task's column in DATA (matched by name; a task DATA has no column for is
        left out). Rows whose label is missing are not scored; row weights (ARFF)
        count. For each task: accuracy; balanced accuracy (the mean of each
        class's recall, so the majority class alone scores 1 / classes); macro-F1
        (the mean F1 over the classes among labels or predictions); log-loss (the
        mean −ln of the probability given to the true class, natural log, as
        scikit-learn's log_loss); and the confusion matrix (rows: true class,
        columns: predicted). A class the model never saw is added last; it is
        never predicted. DATA '-' reads standard input (CSV unless --input-format
        says otherwise). For a numeric task: RMSE, MAE and R² (1 − the squared
        error over that of the rows' own mean), as scikit-learn computes them.
        The model names the tasks: --tasks, --main and --numeric-tasks are
        ignored (with a note).

        OPTIONS:
          --format F            text (default) or json.
          --task T              Score only task T.

        """ + "\n" + dataOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        var readOptions = try arguments.readOptions(console: console)
        readOptions.ignoringTaskRoles(name, console: console)
        let formatName = try arguments.value("--format") ?? "text"
        let only = try arguments.value("--task")
        var positionals = try arguments.positionals("MODEL", "DATA")
        // '-': standard input, CSV unless told otherwise.
        let dataName = positionals[1]
        if dataName == Console.standardOutputName {
            positionals[1] = "/dev/stdin"
            if readOptions.format == nil { readOptions.format = .csv }
        }
        guard formatName == "text" || formatName == "json" else {
            throw MTLError(.usage, "--format takes text or json, not '\(formatName)'")
        }
        let model = try ModelFile.read(path: positionals[0])
        let trees = model.allTrees
        let taskNames = trees[0].schema.tasks.map(\.name)
        if let only, !taskNames.contains(only) {
            var message = "no task named '\(only)' in the model"
            message += closestMatch(to: only, in: taskNames).map { "; did you mean '\($0)'?" } ?? "."
            throw MTLError(.usage, message + " Tasks: " + taskNames.joined(separator: ", "))
        }
        // Labels and nominal inputs by their text, so that `1` in the file matches the class `1`.
        let nominalTasks = trees[0].schema.tasks.filter { !$0.isNumeric }.map(\.name)
        readOptions.roles.nominalIfPresent = Set(trees.flatMap { $0.schema.attributes.filter { $0.type == .nominal }.map(\.name) })
            .union(nominalTasks)
        readOptions.noticePredicting(on: console, name: dataName, inputs: Set(trees.flatMap { $0.schema.attributes.map(\.name) }))
        let dataset = try Dataset.load(path: positionals[1], options: readOptions)
        var scores: [TaskScore]
        var numeric: [NumericTaskScore]
        do {
            let predictions = switch model {
            case .trees(let m): try m.predict(dataset)
            case .forest(let f): try f.predict(dataset)
            }
            scores = try predictions.scores(against: dataset)
            numeric = try predictions.numericScores(against: dataset)
        } catch var error as MTLError where error.file == nil {
            error = error.withCalendarHint(dataset: dataset, trees: trees, options: readOptions)
            error.file = dataName
            throw error
        }
        let unseen = UnseenValues(in: dataset, trees: trees)
        if !unseen.isEmpty { console.note(PredictCommand.unseenNotice(unseen, rows: dataset.rowCount, file: dataName)) }
        if let only {
            scores = scores.filter { $0.task == only }
            numeric = numeric.filter { $0.task == only }
            guard !scores.isEmpty || !numeric.isEmpty else {
                throw MTLError(.badData, "the data have no column '\(only)' to score", file: dataName)
            }
        }
        guard !scores.isEmpty || !numeric.isEmpty else {
            throw MTLError(.badData, "the data have no column for any task of the model (" + taskNames.joined(separator: ", ") + ")", file: dataName)
        }
        // In the model's task order.
        let order = Dictionary(uniqueKeysWithValues: taskNames.enumerated().map { ($1, $0) })
        numeric.sort { order[$0.task]! < order[$1.task]! }
        if formatName == "json" {
            console.print(json(scores, numeric, model: positionals[0], data: dataset).serialized(pretty: true))
        } else {
            console.out(text(scores, numeric, model: positionals[0], data: dataset))
        }
        return 0
    }

    /// A weight as an integer where it is one (`12`), else with two decimals.
    static func weight(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : fixed(x, 2)
    }

    /// `2.58199`: six significant digits (an error in the task's own unit), or `-`.
    static func sixDigits(_ x: Double) -> String {
        x.isFinite ? String(format: "%.6g", x) : "-"
    }

    static func text(_ scores: [TaskScore], _ numeric: [NumericTaskScore], model: String, data: Dataset) -> String {
        var out = "scored \(model) on \(data.name): \(data.rowCount) \(data.rowCount == 1 ? "row" : "rows")\n"
        let width = max(4, (scores.map(\.task) + numeric.map(\.task)).map(\.count).max() ?? 0)
        if !numeric.isEmpty {
            out += "task".padding(toLength: width, withPad: " ", startingAt: 0) + "   labelled          RMSE           MAE        R²\n"
            for s in numeric {
                out += s.task.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + weight(s.labelledWeight).leftPadded(9)
                out += sixDigits(s.rmse).leftPadded(14) + sixDigits(s.mae).leftPadded(14)
                out += (s.r2.isNaN ? "-" : fixed(s.r2, 4)).leftPadded(10) + "\n"
            }
            if scores.isEmpty { return out }
            out += "\n"
        }
        out += "task".padding(toLength: width, withPad: " ", startingAt: 0)
            + "   labelled  accuracy  balanced  macro-F1  log-loss\n"
        for s in scores {
            out += s.task.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            out += String(repeating: " ", count: max(0, 9 - weight(s.labelledWeight).count)) + weight(s.labelledWeight)
            for x in [s.accuracy, s.balancedAccuracy, s.macroF1, s.logLoss] {
                let cell = x.isNaN ? "-" : fixed(x, 4)
                out += String(repeating: " ", count: max(1, 10 - cell.count)) + cell
            }
            out += "\n"
        }
        for s in scores {
            out += "\n\(s.task): confusion matrix (rows: true class; columns: predicted, numbered as the rows)\n"
            let names = s.classes.enumerated().map { "\($0.offset + 1) \($0.element)" }
            let nameWidth = min(28, names.map(\.count).max() ?? 0)
            let cells = s.confusion.map { $0.map(weight) }
            let cellWidth = max(3, String(s.classes.count).count, cells.flatMap { $0 }.map(\.count).max() ?? 0)
            out += String(repeating: " ", count: nameWidth)
            for c in s.classes.indices { out += " " + String(repeating: " ", count: cellWidth - String(c + 1).count) + String(c + 1) }
            out += "\n"
            for (r, row) in cells.enumerated() {
                let name = names[r].count > nameWidth ? String(names[r].prefix(nameWidth - 1)) + "…" : names[r]
                out += name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                for cell in row { out += " " + String(repeating: " ", count: cellWidth - cell.count) + cell }
                out += "\n"
            }
        }
        return out
    }

    /// `tasks`: nominal tasks (metrics, `classes`, `confusion`), then numeric
    /// tasks (`kind` numeric, `rmse`, `mae`, `r2`), each with its labelled rows and weight.
    static func json(_ scores: [TaskScore], _ numeric: [NumericTaskScore], model: String, data: Dataset) -> JSONValue {
        .object([
            ("model", .string(model)), ("data", .string(data.name)), ("rows", .number(Double(data.rowCount))),
            ("tasks", .array(scores.map { s in
                .object([
                    ("task", .string(s.task)), ("kind", .string("nominal")), ("labelled_rows", .number(Double(s.labelledRows))),
                    ("labelled_weight", .measure(s.labelledWeight)),
                ] + Metric.allCases.map { ($0.key, .measure(s.value(of: $0))) } + [
                    ("classes", .array(s.classes.map { .string($0) })),
                    ("confusion", .array(s.confusion.map { .array($0.map(JSONValue.measure)) })),
                ])
            } + numeric.map { s in
                .object([
                    ("task", .string(s.task)), ("kind", .string("numeric")), ("labelled_rows", .number(Double(s.labelledRows))),
                    ("labelled_weight", .measure(s.labelledWeight)), ("rmse", .measure(s.rmse)), ("mae", .measure(s.mae)),
                    ("r2", .measure(s.r2)),
                ])
            })),
        ])
    }
}
