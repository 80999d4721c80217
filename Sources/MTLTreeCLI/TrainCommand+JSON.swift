import MTLTreeKit

extension TrainCommand {
    /// `train --format json`: the training report as one JSON document, in
    /// the schema style of the other commands (see the README's "JSON
    /// output"): `dataset`, `rows`, `inputs`, `model` (where it was written;
    /// `-` for standard output), and `trees`, one object per tree grown
    /// (one, or one per task with `--main all`) with `main_task` (or
    /// `null`), `seconds`, `size` (`nodes`, `leaves`, `depth`), `pruning`
    /// (`null`, or `confidence` and `per_task`), `lambda_choice` (`null`
    /// without extra tasks; `method`: `given`, `default` (λ = 1), or
    /// `cross_validation` with the tuning's `resampling`, `metric`, `rule`,
    /// `grid` (each `lambda`, `error`, `standard_error`) and the `chosen`
    /// shared λ, and `per_task` λ_i if searched) and `tasks`: per task `task`,
    /// `lambda`, and for a nominal task `training_accuracy`, `correct`,
    /// `labelled` (rows, or their weights where the data weigh rows); for a
    /// numeric task `rmse`, `r2`, `labelled`.
    static func trainingJSON(
        _ trees: [(tree: MultitaskTree, seconds: Double, lambdaChoice: JSONValue)], dataset: Dataset, model: String
    ) -> JSONValue {
        .object([
            ("dataset", .string(dataset.name)), ("rows", .number(Double(dataset.rowCount))),
            ("inputs", .number(Double(trees.first?.tree.schema.attributes.count ?? 0))), ("model", .string(model)),
            ("trees", .array(trees.map { treeJSON($0.tree, seconds: $0.seconds, lambdaChoice: $0.lambdaChoice, dataset: dataset) })),
        ])
    }

    /// How λ was chosen by cross-validation, for ``trainingJSON(_:dataset:model:)``.
    static func choiceJSON(_ tuning: LambdaTuning) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("method", .string("cross_validation")), ("resampling", tuning.resampling.json(stratified: !tuning.numericMainTask)),
            ("metric", .string(tuning.numericMainTask ? "squared_error" : tuning.metric.key)), ("rule", .string(tuning.rule.description)),
            ("grid", .array(tuning.shared.map { c in
                .object([("lambda", .number(c.lambda)), ("error", .measure(c.error.mean)), ("standard_error", .measure(c.error.standardError))])
            })),
            ("chosen", .number(tuning.bestShared)),
        ]
        if let perTask = tuning.perTask {
            members.append(("per_task", .object(zip(tuning.extraTasks, perTask).map { ($0, .number($1)) })))
        }
        return .object(members)
    }

    /// One tree's part of ``trainingJSON(_:dataset:model:)``.
    static func treeJSON(_ tree: MultitaskTree, seconds: Double, lambdaChoice: JSONValue = .null, dataset: Dataset) -> JSONValue {
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
            ("lambda_choice", lambdaChoice),
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

    /// `train --forest --format json`: the forest's training report, in the
    /// style of ``trainingJSON(_:dataset:model:)`` and with the names of
    /// `print --format json` on a forest: `dataset`, `rows`, `inputs`,
    /// `model`, `kind` (`forest`), `main_task`, `tree_count`, `nodes`,
    /// `attributes_per_node`, `seed`, `leaf_probabilities`, `seconds`,
    /// `lambda_choice` (`null` without a main task; else `method`: `given`,
    /// `default` (λ = 1), or `out_of_bag_error` with its `metric`, `grid`, each `lambda`
    /// and its main-task out-of-bag `error`, and the `chosen` λ), and
    /// `tasks`: per task `task`,
    /// `lambda`, and for a nominal task `out_of_bag_accuracy`, `correct`,
    /// `labelled`; for a numeric task `out_of_bag_rmse`, `out_of_bag_r2`,
    /// `labelled` (`null` where a figure does not exist).
    static func forestJSON(
        _ forest: MultitaskForest, dataset: Dataset, model: String, seconds: Double, choice: ForestLambdaChoice?, lambdaGiven: Bool
    ) -> JSONValue {
        let schema = forest.schema
        let lambdaChoice: JSONValue
        if let choice {
            lambdaChoice = .object([
                ("method", .string("out_of_bag_error")),
                ("metric", .string(schema.tasks[0].isNumeric ? "squared_error" : choice.metric.key)),
                ("grid", .array(choice.grid.indices.map { i in
                    .object([("lambda", .number(choice.grid[i])), ("error", choice.errors[i].map(JSONValue.measure) ?? .null)])
                })),
                ("chosen", .number(choice.grid[choice.best])),
            ])
        } else if schema.hasMainTask {
            lambdaChoice = .object([("method", .string(lambdaGiven ? "given" : "default"))])
        } else {
            lambdaChoice = .null  // every task weighs 1
        }
        let tasks = schema.tasks.enumerated().map { t, task -> JSONValue in
            var members: [(String, JSONValue)] = [("task", .string(task.name)), ("lambda", .measure(forest.lambdas[t]))]
            let score = forest.outOfBag.first { $0.task == task.name }
            if task.isNumeric {
                members += [
                    ("out_of_bag_rmse", score?.rmse.map(JSONValue.measure) ?? .null),
                    ("out_of_bag_r2", score?.rSquared.map(JSONValue.measure) ?? .null),
                    ("labelled", .number(Double(score?.labelled ?? 0))),
                ]
            } else {
                members += [
                    ("out_of_bag_accuracy", score?.accuracy.map(JSONValue.measure) ?? .null),
                    ("correct", .number(Double(score?.correct ?? 0))), ("labelled", .number(Double(score?.labelled ?? 0))),
                ]
            }
            return .object(members)
        }
        return .object([
            ("dataset", .string(dataset.name)), ("rows", .number(Double(dataset.rowCount))),
            ("inputs", .number(Double(schema.attributes.count))), ("model", .string(model)), ("kind", .string("forest")),
            ("main_task", schema.mainTaskName.map(JSONValue.string) ?? .null),
            ("tree_count", .number(Double(forest.trees.count))), ("nodes", .number(Double(forest.nodeCount))),
            ("attributes_per_node", .string(forest.configuration.attributesPerNode.description)),
            ("seed", .number(Double(forest.configuration.seed))),
            ("leaf_probabilities", .string(forest.configuration.leafProbabilities.rawValue)),
            ("seconds", .measure((seconds * 1000).rounded() / 1000)),
            ("lambda_choice", lambdaChoice),
            ("tasks", .array(tasks)),
        ])
    }
}
