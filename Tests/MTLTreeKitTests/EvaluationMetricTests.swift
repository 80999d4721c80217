import Foundation
import Testing
@testable import MTLTreeKit

/// `--metric` through ``Evaluator``, ``LambdaTuner`` and ``LearningCurve``:
/// each figure against the same figure counted by hand from the trees'
/// predictions on the same splits.
struct EvaluationMetricTests {
    /// Balanced accuracy by its definition: the mean, over the classes among
    /// the labelled rows, of the share of each class's rows predicted right.
    static func balancedAccuracy(_ predictions: Predictions, task t: Int, _ test: Dataset) -> Double {
        let column = test[predictions.tasks[t]]!
        var right: [String: Double] = [:], rows: [String: Double] = [:]
        for r in 0 ..< test.rowCount {
            guard let truth = column.text(atRow: r) else { continue }
            rows[truth, default: 0] += 1
            if predictions.label(task: t, row: r) == truth { right[truth, default: 0] += 1 }
        }
        return rows.keys.map { right[$0, default: 0] / rows[$0]! }.reduce(0, +) / Double(rows.count)
    }

    /// Log-loss by its definition: the mean of −ln p(true class), p at least ε.
    static func logLoss(_ predictions: Predictions, task t: Int, _ test: Dataset) -> Double {
        let column = test[predictions.tasks[t]]!
        var total = 0.0, rows = 0.0
        for r in 0 ..< test.rowCount {
            guard let truth = column.text(atRow: r) else { continue }
            let p = predictions.classes[t].firstIndex(of: truth).map { predictions.probabilities(task: t, row: r)[predictions.probabilities(task: t, row: r).startIndex + $0] } ?? 0
            total -= log(max(p, Double.ulpOfOne))
            rows += 1
        }
        return total / rows
    }

    @Test func evaluateMeasuresEveryLearnerByTheMetric() throws {
        let dataset = try TestData.random(seed: 7, rows: 200, tasks: 3)
        var evaluator = Evaluator(resampling: .crossValidation(folds: 4, repeats: 1), seed: 11, pruning: nil)
        evaluator.metric = .balancedAccuracy
        let report = try evaluator.evaluate(dataset)
        #expect(report.metric == .balancedAccuracy)
        let splits = try evaluator.resampling.splits(labels: dataset["task0"]!.nominal!.codes, seed: 11)
        for (s, split) in splits.enumerated() {
            let training = dataset.subset(rows: split.training)
            let test = dataset.subset(rows: split.test)
            let mtl = try TreeInducer().fit(training).predict(test)
            for t in 0 ..< 3 {
                #expect(abs(report.result("mtl")!.scores[t][s] - Self.balancedAccuracy(mtl, task: t, test)) < 1e-12)
            }
            let equal = try TreeInducer().fit(training.withMainTask(nil)).predict(test)
            #expect(abs(report.result("all-equal")!.scores[1][s] - Self.balancedAccuracy(equal, task: 1, test)) < 1e-12)
            // The majority predicts one class: its balanced accuracy is 1 / the classes among the test labels.
            let classes = Set((0 ..< test.rowCount).compactMap { test["task0"]!.text(atRow: $0) }).count
            #expect(abs(report.result("majority")!.scores[0][s] - 1 / Double(classes)) < 1e-12)
        }
        // Tree sizes: the mean over the splits of the main-task tree's nodes and leaves.
        let sizes = try splits.map { try TreeInducer().fit(dataset.subset(rows: $0.training)) }
        let size = try #require(report.result("mtl")?.treeSize)
        #expect(abs(size.nodes - Double(sizes.map(\.nodeCount).reduce(0, +)) / 4) < 1e-12)
        #expect(abs(size.leaves - Double(sizes.map(\.leafCount).reduce(0, +)) / 4) < 1e-12)
        #expect(report.result("majority")?.treeSize == nil)
        #expect(report.text.contains("balanced accuracy (mean ± standard error over the splits)"))
        #expect(report.text.contains("\ntree size "))
    }

    /// Training a, b, a, b, c (a wins the tie): every test row is predicted a,
    /// with the Laplace-corrected training frequencies 3/8, 3/8, 2/8.
    @Test func theMajorityIsScoredAsALeafOfTheTrainingRows() {
        let training = NominalColumn(codes: [1, 0, 1, 0, 2], values: ["a", "b", "c"])
        let test = NominalColumn(codes: [0, 1, 0, -1], values: ["a", "b", "c"])
        let ones = [1.0, 1, 1, 1, 1]
        func value(_ metric: Metric) -> Double { Evaluator.majorityValue(metric, task: "t", training, ones, test, [1, 1, 1, 1]) }
        #expect(value(.accuracy) == 2.0 / 3)
        #expect(value(.balancedAccuracy) == 0.5)  // recall of a 1, of b 0
        #expect(abs(value(.macroF1) - 0.4) < 1e-15)  // F1 of a: 2·2 / (2·2 + 1) = 0.8; of b: 0
        #expect(abs(value(.logLoss) - log(8.0 / 3)) < 1e-15)
    }

    /// For log-loss a lower value wins: W/T/L counts the splits where a's loss is lower.
    @Test func aLowerLogLossWins() {
        let report = EvaluationReport(
            dataset: "hand", rows: 100, tasks: ["class"], resampling: .crossValidation(folds: 3, repeats: 1), seed: 1,
            lambda: LambdaSpecification(shared: 1), pruning: nil, splitCount: 3,
            results: [
                EvaluationReport.Result(learner: .stl, pruned: false, id: "stl", scores: [[0.5, 0.4, 0.3]]),
                EvaluationReport.Result(learner: .mtl, pruned: false, id: "mtl", scores: [[0.4, 0.5, 0.2]]),
            ],
            tunedLambdas: [], metric: .logLoss)
        let task = report.comparisons[0].tasks[0]
        #expect((task.wins, task.ties, task.losses) == (2, 0, 1))
        #expect(abs(task.test.meanDifference - (-0.1 / 3)) < 1e-12)
        #expect(report.text.contains("log-loss (mean ± standard error over the splits; lower is better)"))
        #expect(report.text.contains("\nW/T/L: the splits where a scored better than b, the same, or worse\n"))
    }

    @Test func tuneMinimisesTheMetricsError() throws {
        let dataset = try TestData.random(seed: 3, rows: 240)
        var tuner = LambdaTuner(grid: [0, 1], resampling: .crossValidation(folds: 3, repeats: 1), seed: 5, pruning: nil)
        tuner.metric = .logLoss
        let tuning = try tuner.tune(dataset)
        let splits = try tuner.resampling.splits(labels: dataset.columns[dataset.mainTask!].nominal!.codes, seed: 5)
        for (i, lambda) in [0.0, 1].enumerated() {
            var configuration = InductionConfiguration()
            configuration.lambda = LambdaSpecification(shared: lambda)
            let trees = try splits.map { try TreeInducer(configuration: configuration).fit(dataset.subset(rows: $0.training)) }
            let expected = try zip(splits, trees).map { split, tree in
                let test = dataset.subset(rows: split.test)
                return Self.logLoss(try tree.predict(test), task: 0, test)
            }
            for (a, b) in zip(tuning.shared[i].errors, expected) { #expect(abs(a - b) < 1e-12) }
            #expect(tuning.shared[i].treeSizes == trees.map(EvaluationReport.TreeSize.init))
            // The text's row for λ: its error, then the trees' mean nodes / leaves.
            let nodes = Double(trees.map(\.nodeCount).reduce(0, +)) / 3, leaves = Double(trees.map(\.leafCount).reduce(0, +)) / 3
            let row = tuning.text.split(separator: "\n").first { $0.hasPrefix(formatNumber(lambda).leftPadded(6) + "  ") }
            let size = String(format: "%.1f / %.1f", nodes, leaves)
            #expect(row?.contains("  " + size) == true, "\(String(describing: row)) lacks \(size)")
        }
        #expect(tuning.text.contains("main-task error (log-loss), mean ± standard error over 3 folds;\ntree size: mean nodes / leaves"))
        #expect(tuning.json["metric"] == .string("log_loss"))
    }

    @Test func curveErrorsAndTheMajorityLevel() throws {
        let dataset = try TestData.random(seed: 1, rows: 80)
        let curve = try LearningCurve(
            measuring: dataset, sizes: [10, 60], resampling: .crossValidation(folds: 4, repeats: 1), pruning: nil,
            metric: .balancedAccuracy)
        let splits = try Resampling.crossValidation(folds: 4, repeats: 1).splits(labels: dataset["task0"]!.nominal!.codes, seed: 1)
        for (s, split) in splits.enumerated() {
            let test = dataset.subset(rows: split.test)
            var order = split.training
            var rng = SplitMix64(seed: split.seed)
            rng.shuffle(&order)
            var stl = InductionConfiguration()
            stl.lambda = LambdaSpecification(shared: 0)
            let tree = try TreeInducer(configuration: stl).fit(dataset.subset(rows: order[..<60].sorted()))
            #expect(abs(curve.points[1].stlErrors[s] - (1 - Self.balancedAccuracy(try tree.predict(test), task: 0, test))) < 1e-12)
            #expect(curve.points[1].stlSizes[s] == EvaluationReport.TreeSize(tree))
            // The majority predicts one class: 1 − 1 / the classes among the test labels.
            let classes = Set((0 ..< test.rowCount).compactMap { test["task0"]!.text(atRow: $0) }).count
            #expect(abs(curve.majorityErrors[s] - (1 - 1 / Double(classes))) < 1e-12)
        }
        let svg = curve.plot.svg
        #expect(svg.contains("class=\"level\""))
        #expect(svg.contains(">majority class</text>"))
        #expect(curve.json["metric"] == .string("balanced_accuracy"))
        #expect(curve.json["majority"]?["per_split"]?.arrayValue?.count == 4)
    }
}
