import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// `train --forest`, `predict` and `print` on forest models, against the library.
struct ForestCommandTests {
    static let bridges = CLI.fixture("data/bridges.arff")
    static let bridgeOptions = ["--tasks", "T-OR-D,MATERIAL,SPAN,REL-L,TYPE", "--main", "MATERIAL", "--ignore", "IDENTIF"]

    static func bridgesDataset() throws -> Dataset {
        try Dataset.loadForLearning(
            path: bridges,
            options: ReadOptions(roles: RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "MATERIAL", ignore: ["IDENTIF"])))
    }

    @Test func trainPredictAndPrintAForest() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/forest.json"
        let train = CLI.run(["train", Self.bridges] + Self.bridgeOptions + ["--forest", "12", "--max-features", "3", "--seed", "5", "--lambda", "0.5", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("trained a forest on bridges: 107 rows, 7 inputs, 5 tasks"))
        #expect(train.stdout.contains("forest: 12 trees"))
        #expect(train.stdout.contains("3 of 7 inputs per node (3), seed 5"))
        // The library's forest with the same options: the same out-of-bag figures and predictions.
        var configuration = ForestConfiguration(treeCount: 12, attributesPerNode: .count(3), seed: 5)
        configuration.tree.lambda = LambdaSpecification(shared: 0.5)
        let dataset = try Self.bridgesDataset()
        let expected = try ForestInducer(configuration: configuration).fit(dataset)
        for score in expected.outOfBag {
            let line = train.stdout.split(separator: "\n").first { $0.hasPrefix(score.task + (score.task == "MATERIAL" ? "*" : "") + " ") }
            #expect(line?.hasSuffix("(\(score.correct)/\(score.labelled))") == true, "\(score.task): \(train.stdout)")
        }
        guard case .forest(let loaded) = try ModelFile.read(path: model) else {
            Issue.record("not read as a forest")
            return
        }
        #expect(loaded.trees == expected.trees)
        let predict = CLI.run(["predict", model, Self.bridges, "--probabilities"])
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.count == 108)
        let predictions = try expected.predict(dataset)
        for row in [0, 17, 106] {
            let fields = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[0] == predictions.label(task: 0, row: row))
            let k = predictions.classes[0].count
            #expect(fields[5 ..< 5 + k].map { Double($0)! } == predictions.probabilities(task: 0, row: row).map { Double(fixed($0, 6))! })
        }
        // --probabilities raw: the average of the trees' plain leaf frequencies, with the same classes.
        let raw = CLI.run(["predict", model, Self.bridges, "--probabilities", "raw"])
        #expect(raw.status == 0, "\(raw.stderr)")
        let rawLines = raw.stdout.split(separator: "\n")
        let perTree = try expected.trees.map { try $0.predict(dataset, probabilities: .raw) }
        for row in [0, 17, 106] {
            let fields = rawLines[row + 1].split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[0] == predictions.label(task: 0, row: row))
            let k = predictions.classes[0].count
            for j in 0 ..< k {
                let mean = perTree.reduce(0.0) { $0 + $1.probabilities(task: 0, row: row)[row * k + j] } / 12
                #expect(abs(Double(fields[5 + j])! - mean) < 1e-6, "row \(row) class \(j)")
            }
        }
        #expect(raw.stdout != predict.stdout)

        let summary = CLI.run(["print", model])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.hasPrefix("forest of 12 multitask trees, trained on bridges (107 rows)"))
        let importance = expected.importance
        let top = importance.attributes[importance.ranking[0]]
        let table = summary.stdout.components(separatedBy: "importance: ")[1].split(separator: "\n")
        #expect(table[2].hasPrefix(top + " "), "\(summary.stdout)")
        #expect(table.count == 2 + 7)

        let json = CLI.run(["print", model, "--format", "json"])
        let document = try JSONValue.parse(Array(json.stdout.utf8))
        #expect(document["kind"]?.stringValue == "forest")
        #expect(document["tree_count"]?.numberValue == Double(expected.trees.count))
        let rows = document["importance"]?.arrayValue ?? []
        #expect(rows.count == 7)
        #expect(rows.first?["input"]?.stringValue == top)
        let share = try #require(rows.first?["tasks"]?["MATERIAL"]?.numberValue)
        #expect(abs(share - importance.perTask[0][importance.ranking[0]]) < 1e-11)
        #expect(JSONOutputTests.noisyNumbers(json.stdout).isEmpty, "\(JSONOutputTests.noisyNumbers(json.stdout).prefix(3))")

        let third = CLI.run(["print", model, "--tree", "3", "--ascii"])
        var options = PrintOptions()
        options.ascii = true
        #expect(third.stdout == (try TreePrinter(tree: expected.trees[2], options: options)).render(.text))
        #expect(CLI.run(["print", model, "--tree", "13"]).status == 64)
        #expect(CLI.run(["print", model, "--format", "dot"]).status == 64)
    }

    /// `--lambda auto --forest` keeps the smallest grid value whose forest's main-task out-of-bag error is within one
    /// binomial standard error of the least.
    @Test func lambdaAutoByOutOfBagError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/auto.json"
        let train = CLI.run(["train", Self.bridges] + Self.bridgeOptions + ["--forest", "8", "--lambda", "auto", "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        let choice = try ForestInducer(configuration: ForestConfiguration(treeCount: 8)).chooseLambda(try Self.bridgesDataset())
        let lowest = try #require(choice.errors.compactMap { $0 }.min())
        let rows = choice.forests[choice.errors.firstIndex(of: lowest)!].outOfBag[0].labelled
        let margin = (lowest * (1 - lowest) / Double(rows)).squareRoot()
        let within = choice.grid.indices.filter { choice.errors[$0].map { $0 <= lowest + margin } ?? false }
        #expect(choice.grid[choice.best] == within.map { choice.grid[$0] }.min())
        #expect(train.stdout.contains("λ chosen by the main task's out-of-bag error: \(formatNumber(choice.grid[choice.best]))"))
        guard case .forest(let loaded) = try ModelFile.read(path: model) else {
            Issue.record("not read as a forest")
            return
        }
        #expect(loaded.trees == choice.chosen.trees)
        // Each λ's forest is what fit grows at that λ alone.
        var configuration = ForestConfiguration(treeCount: 8)
        configuration.tree.lambda = LambdaSpecification(shared: choice.grid[2])
        #expect(try ForestInducer(configuration: configuration).fit(try Self.bridgesDataset()).trees == choice.forests[2].trees)
    }

    /// tune --forest: each λ's line is the out-of-bag error of the forest grown at that λ alone.
    @Test func tuneForestPrintsEachLambdasOutOfBagError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plot = folder + "/tune.svg"
        let grid = [0, 0.5, 2.0]
        let result = CLI.run(["tune", Self.bridges] + Self.bridgeOptions + ["--forest", "6", "--seed", "3", "--grid", "0,0.5,2", "--plot", plot])
        #expect(result.status == 0, "\(result.stderr)")
        var errors: [Double] = [], rows: [Int] = []
        for lambda in grid {
            var configuration = ForestConfiguration(treeCount: 6, seed: 3)
            configuration.tree.lambda = LambdaSpecification(shared: lambda)
            let score = try ForestInducer(configuration: configuration).fit(try Self.bridgesDataset()).outOfBag[0]
            let error = try #require(score.error)
            errors.append(error)
            rows.append(score.labelled)
            #expect(result.stdout.contains(fixed(lambda, 3).leftPadded(8) + "  " + fixed(error, 4)), "λ \(lambda): \(result.stdout)")
        }
        let least = errors.indices.min { errors[$0] != errors[$1] ? errors[$0] < errors[$1] : $0 < $1 }!
        let margin = (errors[least] * (1 - errors[least]) / Double(rows[least])).squareRoot()
        let best = errors.indices.first { errors[$0] <= errors[least] + margin }!  // the grid is increasing
        #expect(result.stdout.contains("chosen λ = \(formatNumber(grid[best]))"))
        #expect(try String(contentsOfFile: plot, encoding: .utf8).contains("MATERIAL out-of-bag error against λ"))
        let json = CLI.run(["tune", Self.bridges] + Self.bridgeOptions + ["--forest", "6", "--seed", "3", "--grid", "0,0.5,2", "--format", "json"])
        let document = try JSONValue.parse(Array(json.stdout.utf8))
        #expect(document["best_lambda"]?.numberValue == grid[best] && document["tree_count"]?.numberValue == 6)
        let listed = document["grid"]?.arrayValue?.compactMap { $0["error"]?.numberValue } ?? []
        #expect(listed.count == errors.count && zip(listed, errors).allSatisfy { abs($0 - $1) < 1e-11 }, "\(listed)")
        for extra in [["--folds", "3"], ["--per-task"], ["--rule", "lowest-error"]] {
            let refused = CLI.run(["tune", Self.bridges] + Self.bridgeOptions + ["--forest", "4"] + extra)
            #expect(refused.status == 64 && refused.stderr.contains("tune --forest chooses by out-of-bag error"), "\(extra)")
        }
    }

    /// `--metric` with `tune --forest` and `train --forest --lambda auto`: each λ's error is
    /// that metric's out-of-bag error, as the library's choice computes it.
    @Test func lambdaByMetricOutOfBag() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = ForestConfiguration(treeCount: 6, seed: 3)
        configuration.tree.threads = 1
        let choice = try ForestInducer(configuration: configuration).chooseLambda(try Self.bridgesDataset(), grid: [0, 0.5, 2], metric: .balancedAccuracy)
        let tune = CLI.run(["tune", Self.bridges] + Self.bridgeOptions + ["--forest", "6", "--seed", "3", "--grid", "0,0.5,2", "--metric", "balanced-accuracy"])
        #expect(tune.status == 0, "\(tune.stderr)")
        #expect(tune.stdout.contains("out-of-bag error (1 − balanced accuracy) (main task)"), "\(tune.stdout)")
        for (i, lambda) in choice.grid.enumerated() {
            #expect(tune.stdout.contains(fixed(lambda, 3).leftPadded(8) + "  " + fixed(choice.errors[i]!, 4)), "λ \(lambda): \(tune.stdout)")
        }
        #expect(tune.stdout.contains("chosen λ = \(formatNumber(choice.grid[choice.best]))"))
        let train = CLI.run(["train", Self.bridges] + Self.bridgeOptions + [
            "--forest", "6", "--seed", "3", "--grid", "0,0.5,2", "--lambda", "auto", "--metric", "log-loss", "-o", folder + "/f.forest",
        ])
        #expect(train.status == 64 && train.stderr.contains("--grid"), "\(train.stderr)")
        let auto = CLI.run(["train", Self.bridges] + Self.bridgeOptions + ["--forest", "6", "--seed", "3", "--lambda", "auto", "--metric", "log-loss", "-o", folder + "/f.forest"])
        #expect(auto.status == 0, "\(auto.stderr)")
        let byLogLoss = try ForestInducer(configuration: configuration).chooseLambda(try Self.bridgesDataset(), metric: .logLoss)
        #expect(auto.stdout.contains("out-of-bag error (log-loss) (main task)"), "\(auto.stdout)")
        #expect(auto.stdout.contains("λ chosen by the main task's out-of-bag error: \(formatNumber(byLogLoss.grid[byLogLoss.best]))"), "\(auto.stdout)")
        let fixedLambda = CLI.run(["train", Self.bridges] + Self.bridgeOptions + ["--forest", "6", "--metric", "log-loss", "-o", folder + "/g.forest"])
        #expect(fixedLambda.status == 64 && fixedLambda.stderr.contains("add --lambda auto"), "\(fixedLambda.stderr)")
    }

    @Test(arguments: [
        ["--forest", "0"], ["--forest", "5", "--max-features", "half"], ["--max-features", "3"], ["--seed", "3"],
        ["--forest", "--main", "all"],
    ])
    func usageErrors(_ extra: [String]) {
        let options = extra.contains("all") ? ["--tasks", "T-OR-D,MATERIAL", "--ignore", "IDENTIF"] : Self.bridgeOptions
        let result = CLI.run(["train", Self.bridges] + options + extra + ["-o", "/nonexistent/never.json"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

struct ForestEvaluateCommandTests {
    @Test func evaluateComparesForests() {
        let result = CLI.run([
            "evaluate", ForestCommandTests.bridges, "--tasks", "T-OR-D,MATERIAL,SPAN,REL-L,TYPE", "--ignore", "IDENTIF", "--main", "TYPE",
            "--folds", "3", "--forest", "4", "--max-features", "2", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("STL forest") && result.stdout.contains("MTL forest OOB λ") && result.stdout.contains("all-equal forest"))
        #expect(result.stdout.contains("MTL forest OOB λ − STL forest"))
    }
}
