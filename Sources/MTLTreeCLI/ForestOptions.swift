import Foundation
import MTLTreeKit

/// Help text for the forest options of train, tune and evaluate.
let forestOptionsHelp = """
    FOREST OPTIONS:
      --forest [N]          Grow a forest of N multitask trees (default 100), each on a
                            bootstrap sample of the rows, unpruned, each node searching
                            a random subset of the inputs; the forest averages each
                            task's class probabilities. Out-of-bag accuracy is reported.
      --max-features M      Inputs searched per node: sqrt (default), log2, all, a
                            number K, or a fraction F (0 < F ≤ 1, written with a point).
      --seed S              Seed of the samples and draws (default 1); the same seed
                            grows the same forest for any --threads.
      --leaf-probabilities laplace|frequency
                            What the forest averages: each leaf's Laplace-corrected
                            class frequencies (default), or its raw frequencies.

    """

extension Arguments {
    /// Parses `--forest [N]` and `--max-features` into a forest configuration
    /// around `tree` (`nil` without `--forest`); `seed` is the forest's seed.
    mutating func forestConfiguration(tree: InductionConfiguration, seed: UInt64) throws -> ForestConfiguration? {
        let trees = try optionalInteger("--forest", default: 100, in: 1 ... 100_000)
        let perNodeText = try value("--max-features")
        let leavesText = try value("--leaf-probabilities")
        guard let trees else {
            if perNodeText != nil { throw MTLError(.usage, "--max-features is for forests: add --forest") }
            if leavesText != nil { throw MTLError(.usage, "--leaf-probabilities is for forests: add --forest") }
            return nil
        }
        var configuration = ForestConfiguration(treeCount: trees, seed: seed, tree: tree)
        if let leavesText {
            guard let leaves = ForestConfiguration.LeafProbabilities(rawValue: leavesText) else {
                throw MTLError(.usage, "--leaf-probabilities takes laplace or frequency, not '\(leavesText)'")
            }
            configuration.leafProbabilities = leaves
        }
        if let perNodeText {
            guard let perNode = ForestConfiguration.AttributesPerNode(perNodeText) else {
                throw MTLError(.usage, "--max-features takes sqrt, log2, all, a whole number ≥ 1 or a fraction in (0, 1] such as 0.5, not '\(perNodeText)'")
            }
            configuration.attributesPerNode = perNode
        }
        guard seed <= ForestConfiguration.maximumSeed else {
            throw MTLError(.usage, "--seed takes a whole number from 0 to 2^53 with --forest, not \(seed)")
        }
        return configuration
    }

    /// `--seed S`, if given.
    mutating func seed() throws -> UInt64? {
        guard let text = try value("--seed") else { return nil }
        guard let seed = UInt64(text) else { throw MTLError(.usage, "--seed takes a whole number ≥ 0, not '\(text)'") }
        return seed
    }
}

/// What `train --forest` prints: the forest's size and each task's out-of-bag accuracy.
func forestReport(_ forest: MultitaskForest, dataset: Dataset, seconds: Double) -> String {
    let schema = forest.schema
    let perNode = forest.configuration.attributesPerNode
    var out = "trained a forest on \(dataset.name): \(dataset.rowCount) rows, "
    out += TrainCommand.counted(schema.attributes.count, "input") + ", " + TrainCommand.counted(schema.tasks.count, "task")
    out += " in \(fixed(seconds, 2)) s\n"
    out += "forest: \(forest.trees.count) trees, \(forest.nodeCount) nodes, "
    out += "\(perNode.count(of: schema.attributes.count)) of \(schema.attributes.count) inputs per node (\(perNode)), seed \(forest.configuration.seed)\n"
    out += outOfBagTable(forest)
    return out
}

/// Each task's λ and out-of-bag accuracy (a numeric task's RMSE and R²), one line a task.
func outOfBagTable(_ forest: MultitaskForest) -> String {
    let schema = forest.schema
    let width = max(4, schema.tasks.map { $0.name.count + 1 }.max() ?? 4)
    let numeric = schema.tasks.contains(where: \.isNumeric)
    var out = "task".padded(width) + "       λ  out-of-bag accuracy" + (numeric ? " (numeric tasks: RMSE, R²)" : "") + "\n"
    for (t, task) in schema.tasks.enumerated() {
        let score = forest.outOfBag.first { $0.task == task.name }
        let name = task.name + (t == 0 && schema.hasMainTask ? "*" : "")
        out += name.padded(width) + "  " + fixed(forest.lambdas[t], 3).leftPadded(6) + "  "
        if let score, let accuracy = score.accuracy {
            out += fixed(accuracy, 4) + "  (\(score.correct)/\(score.labelled))\n"
        } else if let score, let rmse = score.rmse {
            out += "RMSE " + fixed(rmse, 4) + ", R² " + (score.rSquared.map { fixed($0, 4) } ?? "n/a") + "  (\(score.labelled) rows)\n"
        } else {
            out += "n/a\n"
        }
    }
    if schema.hasMainTask { out += "(* main task)\n" }
    return out
}

/// `train --forest`: grows the forest (with `autoLambda`, one per λ of the
/// grid on the same samples, keeping the one with the least main-task
/// out-of-bag error), writes it and prints its report.
/// With `json`, the report is ``TrainCommand/forestJSON(_:dataset:model:seconds:choice:lambdaGiven:)``.
func trainForest(
    _ dataset: Dataset, configuration: ForestConfiguration, autoLambda: Bool, destination: String, replacing: Bool = false,
    json: Bool = false, lambdaGiven: Bool = false, metric: Metric = .accuracy, console: Console
) throws {
    let started = Date()
    let inducer = ForestInducer(configuration: configuration)
    var report = ""
    let forest: MultitaskForest
    var lambdaChoice: ForestLambdaChoice?
    if autoLambda {
        let choice = try inducer.chooseLambda(dataset, metric: metric)
        lambdaChoice = choice
        forest = choice.chosen
        report += "λ chosen by the main task's out-of-bag error: \(formatNumber(choice.grid[choice.best]))\n"
        report += lambdaErrorTable(choice)
    } else {
        forest = try inducer.fit(dataset)
    }
    let seconds = Date().timeIntervalSince(started)
    report = forestReport(forest, dataset: dataset, seconds: seconds) + report
    if json {
        report = TrainCommand.forestJSON(
            forest, dataset: dataset, model: destination, seconds: seconds, choice: lambdaChoice, lambdaGiven: lambdaGiven
        ).serialized(compactDepth: 3) + "\n"
    }
    try forest.write(to: destination)
    console.out(report)
    console.note(TrainCommand.wroteModelNote(destination, replacing: replacing))
}

/// Each λ of the grid with its forest's main-task out-of-bag error, the chosen one marked.
func lambdaErrorTable(_ choice: ForestLambdaChoice) -> String {
    let numeric = choice.chosen.schema.tasks[0].isNumeric
    let measure = numeric ? "mean squared error" : choice.metric == .accuracy ? "error" : "error (\(choice.metric.errorTitle))"
    var out = "       λ  out-of-bag " + measure + " (main task)\n"
    for (i, lambda) in choice.grid.enumerated() {
        out += fixed(lambda, 3).leftPadded(8) + "  " + (choice.errors[i].map { fixed($0, 4) } ?? "n/a")
        out += i == choice.best ? "  <- chosen\n" : "\n"
    }
    return out
}

/// `tune --forest`: one forest per λ of `grid` on the same samples, each λ's
/// main-task out-of-bag error, the λ with the least (text or JSON), and the plot.
func tuneForest(
    _ dataset: Dataset, configuration: ForestConfiguration, grid: [Double], metric: Metric = .accuracy, json: Bool, plot: String?,
    console: Console
) throws {
    let started = Date()
    let choice = try ForestInducer(configuration: configuration).chooseLambda(dataset, grid: grid, metric: metric)
    let seconds = Date().timeIntervalSince(started)
    let forest = choice.chosen
    let schema = forest.schema
    let perNode = forest.configuration.attributesPerNode
    if json {
        // In tune's JSON style (`dataset`, `grid`, `best_lambda`; measured figures to 12 digits), with print's `tree_count`.
        let rows = choice.grid.indices.map { i -> JSONValue in
            let score = choice.forests[i].outOfBag[0]
            return .object([
                ("lambda", .number(choice.grid[i])), ("error", choice.errors[i].map(JSONValue.measure) ?? .null),
                ("correct", .number(Double(score.correct))), ("labelled", .number(Double(score.labelled))),
            ])
        }
        console.print(JSONValue.object([
            ("kind", .string("forest")), ("dataset", .string(dataset.name)), ("rows", .number(Double(dataset.rowCount))),
            ("main_task", .string(schema.tasks[0].name)),
            ("tree_count", .number(Double(forest.trees.count))), ("attributes_per_node", .string(perNode.description)),
            ("seed", .number(Double(forest.configuration.seed))),
            ("metric", .string(schema.tasks[0].isNumeric ? "squared_error" : choice.metric.key)), ("grid", .array(rows)),
            ("best_lambda", .number(choice.grid[choice.best])),
        ]).serialized(compactDepth: 3))
    } else {
        var out = "tuned λ on \(dataset.name) (\(dataset.rowCount) rows) by the out-of-bag error of \(schema.tasks[0].name), in \(fixed(seconds, 2)) s\n"
        out += "forests of \(forest.trees.count) trees, \(perNode.count(of: schema.attributes.count)) of \(schema.attributes.count) inputs per node (\(perNode)), seed \(forest.configuration.seed); "
        out += "every λ's tree i grown on the same bootstrap sample\n"
        out += lambdaErrorTable(choice)
        out += "chosen λ = \(formatNumber(choice.grid[choice.best])): the smallest within one standard error of the least out-of-bag error\n"
        console.out(out)
    }
    if let plot { try console.emit(choice.plot.svg, to: plot, what: "plot") }
}
