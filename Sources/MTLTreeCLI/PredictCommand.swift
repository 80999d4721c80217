import MTLTreeKit

/// `mtltree predict MODEL DATA`: every task's predicted class per row, as CSV.
struct PredictCommand: Subcommand {
    static let name = "predict"
    static let summary = "Predict every task for each row of a dataset, as CSV."
    static let help = """
        USAGE: mtltree predict MODEL DATA [-o OUT.csv] [--probabilities] [data options]

        Writes one CSV row per data row, in order, with one column per task (its
        predicted class) and, with --probabilities, one column per class
        (TASK:CLASS, the Laplace-corrected probability; for a forest, the
        average of its trees'). Columns of DATA that are task labels are
        ignored; every input the model tests must be present.

        OPTIONS:
          -o, --output FILE     Write the CSV here (atomically) instead of to stdout
                                ('-' is stdout).
          --probabilities       Add each class's probability (nominal tasks; a numeric
                                task's column holds its predicted number).

        """ + dataOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        var readOptions = try arguments.readOptions()
        let output = try arguments.value("-o", "--output")
        let withProbabilities = arguments.flag("--probabilities")
        let positionals = try arguments.positionals("MODEL", "DATA")
        try console.checkWritable(output, notReplacing: positionals)
        let model = try ModelFile.read(path: positionals[0])
        let trees = switch model {
        case .trees(let m): m.trees
        case .forest(let f): f.trees  // they share one schema
        }
        // Read the model's nominal inputs as text, so `1` in the file matches the value `1`.
        readOptions.roles.nominalIfPresent = Set(trees.flatMap { $0.schema.attributes.filter { $0.type == .nominal }.map(\.name) })
        let dataset = try Dataset.load(path: positionals[1], options: readOptions)
        let predictions: Predictions
        do {
            switch model {
            case .trees(let m): predictions = try m.predict(dataset)
            case .forest(let f): predictions = try f.predict(dataset)
            }
        } catch let error as MTLError where error.file == nil {
            // The data do not fit the model: name the file, and the cell's line and column.
            throw Dataset.locate(error, path: positionals[1], options: readOptions)
        }
        let unseen = UnseenValues(in: dataset, trees: trees)
        if !unseen.isEmpty { console.note(unseenNotice(unseen, rows: dataset.rowCount, file: positionals[1])) }
        let csv = predictionsCSV(predictions, probabilities: withProbabilities)
        try console.emit(csv, to: output, what: "\(dataset.rowCount) predictions")
        return 0
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

    /// The predictions as CSV text (RFC 4180 quoting where needed).
    static func predictionsCSV(_ p: Predictions, probabilities: Bool) -> String {
        var header = p.tasks.map(csvField)
        if probabilities {
            for (t, task) in p.tasks.enumerated() { header += p.classes[t].map { csvField(task + ":" + $0) } }
        }
        var out = header.joined(separator: ",") + "\n"
        let rows = p.rowCount
        let quoted = p.classes.map { $0.map(csvField) }
        for row in 0 ..< rows {
            // A numeric task's value is a number (no probabilities: it has no classes).
            var fields = (0 ..< p.tasks.count).map { p.isNumeric(task: $0) ? p.label(task: $0, row: row) : quoted[$0][p.labels[$0][row]] }
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
