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

    """

extension Arguments {
    /// Parses `--forest [N]` and `--max-features` into a forest configuration
    /// around `tree` (`nil` without `--forest`); `seed` is the forest's seed.
    mutating func forestConfiguration(tree: InductionConfiguration, seed: UInt64) throws -> ForestConfiguration? {
        let trees = try optionalInteger("--forest", default: 100, in: 1 ... 100_000)
        let perNodeText = try value("--max-features")
        guard let trees else {
            if perNodeText != nil { throw MTLError(.usage, "--max-features is for forests: add --forest") }
            return nil
        }
        var configuration = ForestConfiguration(treeCount: trees, seed: seed, tree: tree)
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
    var out = "trained a forest on \(dataset.name): \(dataset.rowCount) rows, \(schema.attributes.count) inputs, \(schema.tasks.count) tasks"
    out += " in \(fixed(seconds, 2)) s\n"
    out += "forest: \(forest.trees.count) trees, \(forest.nodeCount) nodes, "
    out += "\(perNode.count(of: schema.attributes.count)) of \(schema.attributes.count) inputs per node (\(perNode)), seed \(forest.configuration.seed)\n"
    out += outOfBagTable(forest)
    return out
}

/// Each task's λ and out-of-bag accuracy, one line a task.
func outOfBagTable(_ forest: MultitaskForest) -> String {
    let schema = forest.schema
    let width = max(4, schema.tasks.map { $0.name.count + 1 }.max() ?? 4)
    var out = "task".padded(width) + "       λ  out-of-bag accuracy\n"
    for (t, task) in schema.tasks.enumerated() {
        let score = forest.outOfBag.first { $0.task == task.name }
        let name = task.name + (t == 0 && schema.hasMainTask ? "*" : "")
        out += name.padded(width) + "  " + fixed(forest.lambdas[t], 3).leftPadded(6) + "  "
        if let score, let accuracy = score.accuracy {
            out += fixed(accuracy, 4) + "  (\(score.correct)/\(score.labelled))\n"
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
func trainForest(
    _ dataset: Dataset, configuration: ForestConfiguration, autoLambda: Bool, destination: String, replacing: Bool = false,
    console: Console
) throws {
    let started = Date()
    let inducer = ForestInducer(configuration: configuration)
    var report = ""
    let forest: MultitaskForest
    if autoLambda {
        let choice = try inducer.chooseLambda(dataset)
        forest = choice.chosen
        report += "λ chosen by the main task's out-of-bag error: \(formatNumber(choice.grid[choice.best]))\n"
        report += lambdaErrorTable(choice)
    } else {
        forest = try inducer.fit(dataset)
    }
    report = forestReport(forest, dataset: dataset, seconds: Date().timeIntervalSince(started)) + report
    try forest.write(to: destination)
    console.out(report)
    console.note(TrainCommand.wroteModelNote(destination, replacing: replacing))
}

/// Each λ of the grid with its forest's main-task out-of-bag error, the chosen one marked.
func lambdaErrorTable(_ choice: ForestLambdaChoice) -> String {
    var out = "       λ  out-of-bag error (main task)\n"
    for (i, lambda) in choice.grid.enumerated() {
        out += fixed(lambda, 3).leftPadded(8) + "  " + (choice.errors[i].map { fixed($0, 4) } ?? "n/a")
        out += i == choice.best ? "  <- chosen\n" : "\n"
    }
    return out
}
