import MTLTreeKit

/// `print` on a forest's model file: a summary (trees, out-of-bag accuracy,
/// importance per task), or one tree drawn with `--tree k`.
enum ForestPrinting {
    /// Prints `forest` (with `tree`, only that tree, from 1) in `format`.
    static func run(_ forest: MultitaskForest, tree: Int?, format: PrintFormat, options: PrintOptions, console: Console) throws {
        if let tree {
            guard tree <= forest.trees.count else {
                throw MTLError(.usage, "--tree \(tree): the forest has \(forest.trees.count == 1 ? "1 tree" : "\(forest.trees.count) trees")")
            }
            let printer = try TreePrinter(tree: forest.trees[tree - 1], options: options)
            if format == .json {
                console.print(printer.json().serialized(pretty: true))
            } else {
                console.out(printer.render(format))
            }
            return
        }
        switch format {
        case .text: console.out(summary(forest))
        case .json: console.print(json(forest).serialized(pretty: true))
        case .dot, .rules: throw MTLError(.usage, "--format \(format.rawValue) draws one tree: add --tree N (1 to \(forest.trees.count))")
        }
    }

    /// The forest's header, out-of-bag accuracy per task and importance table.
    static func summary(_ forest: MultitaskForest) -> String {
        let schema = forest.schema
        let perNode = forest.configuration.attributesPerNode
        var out = "forest of \(forest.trees.count) multitask trees, trained on \(forest.trainingData.name) (\(forest.trainingData.rows) rows)\n"
        out += "\(forest.nodeCount) nodes; \(perNode.count(of: schema.attributes.count)) of \(schema.attributes.count) inputs per node (\(perNode)); seed \(forest.configuration.seed); "
        out += "leaf probabilities: \(forest.configuration.leafProbabilities.rawValue)\n"
        out += "draw one tree with --tree N (1 to \(forest.trees.count))\n\n"
        out += outOfBagTable(forest) + "\n"
        out += importanceTable(forest.importance, mainTask: schema.hasMainTask)
        return out
    }

    /// Every input by decreasing combined importance, with each task's own share.
    static func importanceTable(_ importance: AttributeImportance, mainTask: Bool) -> String {
        let nameWidth = max(5, importance.attributes.map(\.count).max() ?? 5)
        let taskNames = importance.tasks.enumerated().map { t, name in name + (t == 0 && mainTask ? "*" : "") }
        let widths = taskNames.map { max(6, $0.count) }
        var out = "importance: each input's share of the λ-weighted gain (combined) and of each task's own gain\n"
        out += "input".padded(nameWidth) + "  combined"
        for (name, width) in zip(taskNames, widths) { out += "  " + name.leftPadded(width) }
        out += "\n"
        for a in importance.ranking {
            out += importance.attributes[a].padded(nameWidth) + "  " + fixed(importance.combined[a], 4).leftPadded(8)
            for (t, width) in widths.enumerated() { out += "  " + fixed(importance.perTask[t][a], 4).leftPadded(width) }
            out += "\n"
        }
        return out
    }

    /// The summary as JSON: options, λ, out-of-bag accuracy and importance
    /// (measured figures to 12 significant digits, as every command's JSON).
    static func json(_ forest: MultitaskForest) -> JSONValue {
        let schema = forest.schema
        let importance = forest.importance
        let scores = forest.outOfBag.map { s -> JSONValue in
            s.isNumeric
                ? .object([
                    ("task", .string(s.task)), ("rmse", s.rmse.map(JSONValue.measure) ?? .null),
                    ("r2", s.rSquared.map(JSONValue.measure) ?? .null), ("labelled", .number(Double(s.labelled))),
                ])
                : .object([
                    ("task", .string(s.task)), ("accuracy", s.accuracy.map(JSONValue.measure) ?? .null),
                    ("correct", .number(Double(s.correct))), ("labelled", .number(Double(s.labelled))),
                ])
        }
        let rows = importance.ranking.map { a -> JSONValue in
            .object([
                ("input", .string(importance.attributes[a])), ("combined", .measure(importance.combined[a])),
                ("tasks", .object(importance.tasks.enumerated().map { ($1, .measure(importance.perTask[$0][a])) })),
            ])
        }
        return .object([
            ("kind", .string("forest")),
            ("tree_count", .number(Double(forest.trees.count))),
            ("nodes", .number(Double(forest.nodeCount))),
            ("training_data", .object([("name", .string(forest.trainingData.name)), ("rows", .number(Double(forest.trainingData.rows)))])),
            ("main_task", schema.mainTaskName.map(JSONValue.string) ?? .null),
            ("lambda", .object(zip(schema.tasks, forest.lambdas).map { ($0.name, .number($1)) })),
            ("attributes_per_node", .string(forest.configuration.attributesPerNode.description)),
            ("seed", .number(Double(forest.configuration.seed))),
            ("leaf_probabilities", .string(forest.configuration.leafProbabilities.rawValue)),
            ("out_of_bag", .array(scores)),
            ("importance", .array(rows)),
        ])
    }
}
