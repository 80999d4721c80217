import MTLTreeKit

/// `mtltree predict MODEL DATA`: every task's predicted class per row, as CSV.
struct PredictCommand: Subcommand {
    static let name = "predict"
    static let summary = "Predict every task for each row of a dataset, as CSV."
    static let help = """
        USAGE: mtltree predict MODEL DATA [-o OUT.csv] [--keep COLUMNS] [--probabilities [raw]]
                               [data options]

        Writes one CSV row per data row, in order, with the columns --keep names
        copied from DATA, then one column per task (its predicted class) and,
        with --probabilities, one column per class (TASK:CLASS, its probability).
        Probabilities are Laplace-corrected leaf frequencies, (n + 1) / (N + K)
        for a class with n of the leaf's N rows among K classes, so a pure leaf
        of 3 rows among 19 classes gives 4/22 = 0.18, not 1; --probabilities raw
        gives n / N instead. A forest's probabilities are the average of its
        trees' (Laplace-corrected, or as --leaf-probabilities grew it); with
        raw, the average of its trees' n / N. Other columns of DATA, task labels
        included, are ignored; only the inputs the model tests must be present.
        DATA '-' reads standard input, as CSV unless --input-format says otherwise.
        The model names the tasks: --tasks, --main and --numeric-tasks are
        ignored (with a note).

        OPTIONS:
          -o, --output FILE     Write the CSV here (atomically) instead of to stdout
                                ('-' is stdout).
          --keep COLUMNS        Copy these columns of DATA (comma-separated: an id, the
                                true labels) into the output first, as read. A kept
                                column named like a task is headed NAME (data). With
                                --calendar, a meeting log's date, start and end too.
          --probabilities [E]   Add each class's probability (nominal tasks; a numeric
                                task's column holds its predicted number). E: laplace
                                (default) or raw.

        """ + "\n" + dataOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        var readOptions = try arguments.readOptions(console: console)
        readOptions.ignoringTaskRoles(name, console: console)
        let output = try arguments.value("-o", "--output")
        let estimate = try arguments.optionalChoice(
            "--probabilities", default: ProbabilityEstimate.laplace.rawValue, among: ProbabilityEstimate.allCases.map(\.rawValue)
        ).map { ProbabilityEstimate(rawValue: $0)! }
        let keep = try arguments.list("--keep")
        var positionals = try arguments.positionals("MODEL", "DATA")
        try console.checkWritable(output, notReplacing: positionals)
        if let duplicate = keep.indices.first(where: { keep[..<$0].contains(keep[$0]) }).map({ keep[$0] }) {
            throw MTLError(.usage, "--keep names '\(duplicate)' twice")
        }
        // '-': standard input, CSV unless told otherwise.
        let dataName = positionals[1]
        if dataName == Console.standardOutputName {
            positionals[1] = "/dev/stdin"
            if readOptions.format == nil { readOptions.format = .csv }
        }
        let model = try ModelFile.read(path: positionals[0])
        let trees = model.allTrees
        // Read the model's nominal inputs as text, so `1` in the file matches the value `1`;
        // and the kept columns, so that they are copied as written (`007` stays `007`).
        readOptions.roles.nominalIfPresent = Set(trees.flatMap { $0.schema.attributes.filter { $0.type == .nominal }.map(\.name) })
            .union(keep)
        readOptions.noticePredicting(on: console, name: dataName, inputs: Set(trees.flatMap { $0.schema.attributes.map(\.name) }))
        let dataset = try Dataset.load(path: positionals[1], options: readOptions)
        let raw = try rawLogColumns(keep.filter { dataset[$0] == nil }, path: positionals[1], rows: dataset.rowCount, options: readOptions)
        let kept = try keep.map { name -> Column in
            guard let column = dataset[name] ?? raw[name] else {
                let names = dataset.columns.map(\.name)
                var message = "the data have no column '\(name)' to keep"
                message += closestMatch(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
                throw MTLError(.usage, message, file: dataName)
            }
            return column
        }
        let predictions: Predictions
        do {
            switch model {
            case .trees(let m): predictions = try m.predict(dataset, probabilities: estimate ?? .laplace)
            case .forest(let f): predictions = try f.predict(dataset, probabilities: estimate ?? .laplace)
            }
        } catch var error as MTLError where error.file == nil {
            // The data do not fit the model: name the file, and (when it can be
            // read again, so not standard input) the cell's line and column.
            error = error.withCalendarHint(dataset: dataset, trees: trees, options: readOptions)
            guard dataName != Console.standardOutputName else {
                error.file = dataName
                throw error
            }
            throw Dataset.locate(error, path: positionals[1], options: readOptions)
        }
        let unseen = UnseenValues(in: dataset, trees: trees)
        if !unseen.isEmpty { console.note(unseenNotice(unseen, rows: dataset.rowCount, file: dataName)) }
        let csv = predictionsCSV(predictions, probabilities: estimate != nil, keeping: kept)
        try console.emit(csv, to: output, what: "\(dataset.rowCount) predictions")
        return 0
    }

    /// The columns `names` of a meeting log read with --calendar, which
    /// turns date, start and end into derived columns: read again as plain
    /// CSV, by text, so that `--keep date,start` copies them. Empty for any
    /// other data, or if the log's rows do not line up with `rows`.
    static func rawLogColumns(_ names: [String], path: String, rows: Int, options: ReadOptions) throws -> [String: Column] {
        guard !names.isEmpty, options.format?.name == "calendar", path != "/dev/stdin",
            DataFormat.fileExtension(path) != "ics"
        else { return [:] }
        var csv = ReadOptions(formats: DataFormat.standard)
        csv.format = .csv
        csv.delimiter = options.delimiter
        csv.missingMarkers = options.missingMarkers
        csv.roles.nominalIfPresent = Set(names)
        guard let log = try? Dataset.load(path: path, options: csv), log.rowCount == rows else { return [:] }
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in log[name].map { (name, $0) } })
    }

    /// The one-line notice for rows with values the model never saw:
    /// how many, where, and how they were predicted.
    static func unseenNotice(_ unseen: UnseenValues, rows: Int, file: String) -> String {
        let shown = unseen.attributes.prefix(3).map { "\($0.name) '\($0.firstValue)' (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }
        let more = unseen.attributes.count > 3 ? ", …" : ""
        let one = unseen.rows == 1
        return "\(file): note: \(unseen.rows) of \(rows) rows \(one ? "has" : "have") a value never seen in training, such as "
            + shown.joined(separator: ", ") + more + "; \(one ? "it is" : "they are") predicted from every branch of that test, weighted"
    }

    /// The predictions as CSV text (RFC 4180 quoting where needed), after
    /// the `keeping` columns copied as read (a missing value empty).
    static func predictionsCSV(_ p: Predictions, probabilities: Bool, keeping kept: [Column] = []) -> String {
        let taskNames = Set(p.tasks)
        var header = kept.map { csvField(taskNames.contains($0.name) ? $0.name + " (data)" : $0.name) } + p.tasks.map(csvField)
        if probabilities {
            for (t, task) in p.tasks.enumerated() { header += p.classes[t].map { csvField(task + ":" + $0) } }
        }
        var out = header.joined(separator: ",") + "\n"
        let rows = p.rowCount
        let quoted = p.classes.map { $0.map(csvField) }
        for row in 0 ..< rows {
            // A numeric task's value is a number (no probabilities: it has no classes).
            var fields = kept.map { csvField($0.text(atRow: row) ?? "") }
            fields += (0 ..< p.tasks.count).map { p.isNumeric(task: $0) ? p.label(task: $0, row: row) : quoted[$0][p.labels[$0][row]] }
            if probabilities {
                for t in 0 ..< p.tasks.count { fields += p.probabilities(task: t, row: row).map { fixed($0, 6) } }
            }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
