import MTLTreeKit

extension TrainCommand {
    /// `train --format json`: the training report as one JSON document, in
    /// the schema style of the other commands (see the README's "JSON
    /// output"): `dataset`, `rows`, `inputs`, `model` (where it was written;
    /// `-` for standard output), and `trees`, one object per tree grown
    /// (one, or one per task with `--main all`) with `main_task` (or
    /// `null`), `seconds`, `size` (`nodes`, `leaves`, `depth`), `pruning`
    /// (`null`, or `confidence` and `per_task`) and `tasks`: per task `task`,
    /// `lambda`, and for a nominal task `training_accuracy`, `correct`,
    /// `labelled` (rows, or their weights where the data weigh rows); for a
    /// numeric task `rmse`, `r2`, `labelled`.
    static func trainingJSON(_ trees: [(tree: MultitaskTree, seconds: Double)], dataset: Dataset, model: String) -> JSONValue {
        .object([
            ("dataset", .string(dataset.name)), ("rows", .number(Double(dataset.rowCount))),
            ("inputs", .number(Double(trees.first?.tree.schema.attributes.count ?? 0))), ("model", .string(model)),
            ("trees", .array(trees.map { treeJSON($0.tree, seconds: $0.seconds, dataset: dataset) })),
        ])
    }

    /// One tree's part of ``trainingJSON(_:dataset:model:)``.
    static func treeJSON(_ tree: MultitaskTree, seconds: Double, dataset: Dataset) -> JSONValue {
        let accuracy = (try? tree.trainingAccuracy(grownOn: dataset)) ?? []
        let numeric = (try? tree.numericErrors(on: dataset)) ?? []
        let pruning: JSONValue = tree.pruning.confidence.map {
            .object([("confidence", .number($0)), ("per_task", .bool(tree.pruning.perTask))])
        } ?? .null
        return .object([
            ("main_task", tree.schema.mainTaskName.map(JSONValue.string) ?? .null), ("seconds", .measure((seconds * 1000).rounded() / 1000)),
            ("size", .object([
                ("nodes", .number(Double(tree.nodeCount))), ("leaves", .number(Double(tree.leafCount))),
                ("depth", .number(Double(tree.depth))),
            ])),
            ("pruning", pruning),
            ("tasks", .array(tree.schema.tasks.enumerated().map { t, task in
                var members: [(String, JSONValue)] = [("task", .string(task.name)), ("lambda", .measure(tree.lambdas[t]))]
                if t < numeric.count, let errors = numeric[t] {
                    members += [("rmse", .measure(errors.rmse)), ("r2", .measure(errors.r2)), ("labelled", .number(Double(errors.count)))]
                } else if t < accuracy.count {
                    let (right, labelled) = accuracy[t]
                    members += [
                        ("training_accuracy", labelled > 0 ? .measure(right / labelled) : .null),
                        ("correct", .measure(right)), ("labelled", .measure(labelled)),
                    ]
                }
                return .object(members)
            })),
        ])
    }
}
