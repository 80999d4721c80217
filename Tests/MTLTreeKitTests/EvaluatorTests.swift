import Testing
@testable import MTLTreeKit

struct EvaluatorTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func shuffleKeepsEachExtraTaskClassCounts(seed: UInt64) throws {
        let dataset = try TestData.random(seed: seed, rows: 150, tasks: 4)
        let training = dataset.subset(rows: Array(stride(from: 0, to: 150, by: 3)))
        var rng = SplitMix64(seed: seed)
        let shuffled = try training.shufflingExtraTaskLabels(using: &rng)
        func counts(_ d: Dataset, _ name: String) -> [Int32: Int] {
            d[name]!.nominal!.codes.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
        var moved = 0
        for task in ["task1", "task2", "task3"] {
            #expect(counts(shuffled, task) == counts(training, task))
            if shuffled[task] != training[task] { moved += 1 }
        }
        #expect(moved == 3)
        // The main task, the inputs and the weights are untouched.
        #expect(shuffled["task0"] == training["task0"])
        #expect(shuffled["n0"] == training["n0"])
        #expect(shuffled.weights == training.weights)
        #expect(shuffled.mainTask == training.mainTask)
    }

    @Test func eachExtraTaskHasItsOwnShuffle() throws {
        // Two extra tasks with the same labels: one permutation shared by
        // both would leave them equal to each other.
        let labels = (0 ..< 60).map { $0 % 3 == 0 ? "p" : "q" }
        let dataset = try TestData.dataset(
            [
                TestData.input("x", (0 ..< 60).map { "v\($0 % 4)" }), TestData.task("y", (0 ..< 60).map { $0 % 2 == 0 ? "a" : "b" }),
                TestData.task("first", labels), TestData.task("second", labels),
            ], main: "y")
        var rng = SplitMix64(seed: 1)
        let shuffled = try dataset.shufflingExtraTaskLabels(using: &rng)
        #expect(shuffled["first"]!.nominal!.codes != dataset["first"]!.nominal!.codes)
        #expect(shuffled["first"]!.nominal!.codes != shuffled["second"]!.nominal!.codes)
    }

    @Test func shufflingNeedsAMainTask() throws {
        var rng = SplitMix64(seed: 1)
        let error = #expect(throws: MTLError.self) { try TestData.random(seed: 1, rows: 30).withMainTask(nil).shufflingExtraTaskLabels(using: &rng) }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains("needs a main task") == true)
    }

    @Test func accuraciesAreThoseOfTreesGrownOnEachSplit() throws {
        let dataset = try TestData.random(seed: 7, rows: 200, tasks: 3)
        var configuration = InductionConfiguration()
        configuration.lambda = LambdaSpecification(shared: 0.5)
        let evaluator = Evaluator(
            configuration: configuration, resampling: .crossValidation(folds: 4, repeats: 2), seed: 11, shuffleTest: true)
        let report = try evaluator.evaluate(dataset)
        #expect(report.results.map(\.id) == [
            "stl", "mtl", "all-equal", "mtl-shuffled", "majority",
            "stl-unpruned", "mtl-unpruned", "all-equal-unpruned", "mtl-shuffled-unpruned",
        ])
        #expect(report.splitCount == 8)
        let splits = try evaluator.resampling.splits(labels: dataset["task0"]!.nominal!.codes, seed: 11)
        for (s, split) in splits.enumerated() {
            let training = dataset.subset(rows: split.training)
            let test = dataset.subset(rows: split.test)
            let mtl = try TreeInducer(configuration: configuration).fit(training)
            #expect(report.result("mtl-unpruned")!.scores.map { $0[s] } == (try mtl.accuracies(on: test, tasks: report.tasks)))
            #expect(report.result("mtl")!.scores.map { $0[s] } == (try mtl.pruned(.default).accuracies(on: test, tasks: report.tasks)))
            // STL of the main task is its λ = 0 tree.
            let alone = try Evaluator.singleTaskTree(training, task: "task0", inducer: TreeInducer())
            #expect(report.result("stl-unpruned")!.scores[0][s] == (try alone.accuracies(on: test, tasks: ["task0"]))[0])
            // STL of an extra task is that task's own tree.
            let own = try Evaluator.singleTaskTree(training, task: "task2", inducer: TreeInducer())
            #expect(report.result("stl-unpruned")!.scores[2][s] == (try own.accuracies(on: test, tasks: ["task2"]))[0])
            let equal = try TreeInducer().fit(training.withMainTask(nil))
            #expect(report.result("all-equal-unpruned")!.scores[1][s] == (try equal.accuracies(on: test, tasks: ["task1"]))[0])
        }
    }

    @Test func comparisonsPairTheSameSplits() throws {
        let report = try Evaluator(resampling: .crossValidation(folds: 5, repeats: 1), pruning: nil, shuffleTest: true)
            .evaluate(TestData.random(seed: 2, rows: 150))
        #expect(report.results.map(\.id) == ["stl", "mtl", "all-equal", "mtl-shuffled", "majority"])
        let pairs = report.comparisons.map { "\($0.a)/\($0.b)" }
        #expect(pairs == ["mtl/stl", "all-equal/stl", "mtl-shuffled/stl", "mtl/mtl-shuffled"])
        let first = report.comparisons[0]
        #expect(first.tasks.map(\.task) == report.tasks)
        let a = report.result("mtl")!.scores[0], b = report.result("stl")!.scores[0]
        #expect(first.tasks[0].test == Statistics.pairedTTest(a, b))
        #expect(first.tasks[0].wins + first.tasks[0].ties + first.tasks[0].losses == 5)
        #expect(report.comparisons[2].tasks.count == 1)
    }

    /// Two learners' accuracies on 5 folds, set by hand: MTL − STL is 0.05,
    /// 0.01, −0.01, 0.07, 0 (3 wins, 1 tie, 1 loss); plain t 1.562, p 0.193
    /// (scipy.stats.ttest_rel); corrected for 5-fold overlap,
    /// n_test/n_training = 1/4, the variance is s² (1/5 + 1/4): t 1.042,
    /// p 0.356 (scipy.stats.t.sf; Tests/Reference/reference_evaluation.py).
    @Test func comparisonOfAccuraciesSetByHand() {
        let mtl = [0.80, 0.85, 0.78, 0.90, 0.82], stl = [0.75, 0.84, 0.79, 0.83, 0.82]
        func report(_ resampling: Resampling) -> EvaluationReport {
            EvaluationReport(
                dataset: "hand", rows: 100, tasks: ["class"], resampling: resampling, seed: 1, lambda: LambdaSpecification(shared: 1),
                pruning: nil, splitCount: 5,
                results: [
                    EvaluationReport.Result(learner: .stl, pruned: false, id: "stl", scores: [stl]),
                    EvaluationReport.Result(learner: .mtl, pruned: false, id: "mtl", scores: [mtl]),
                ],
                tunedLambdas: [])
        }
        let comparison = report(.crossValidation(folds: 5, repeats: 1)).comparisons
        #expect(comparison.map { "\($0.a)/\($0.b)" } == ["mtl/stl"])
        let task = comparison[0].tasks[0]
        #expect((task.wins, task.ties, task.losses) == (3, 1, 1))
        #expect(abs(task.test.meanDifference - 0.024) < 1e-12)
        #expect(abs(task.test.t - 1.5622669317698865) < 1e-9)
        #expect(abs(task.test.pValue - 0.19325702209725248) < 1e-10)
        #expect(task.correctedTest?.degreesOfFreedom == 4)
        #expect(abs(task.correctedTest!.t - 1.0415112878465909) < 1e-9)
        #expect(abs(task.correctedTest!.pValue - 0.356446899943297) < 1e-10)
        // Time-ordered splits do not overlap that way: no corrected test.
        #expect(report(.walkForward(step: 10)).comparisons[0].tasks[0].correctedTest == nil)
    }

    @Test func majorityPredictsTheTrainingPartsMostFrequentClass() throws {
        // Training: b ×2, a ×2 (tie: a, the first class), c ×1; test: a, b, a, missing.
        let training = NominalColumn(codes: [1, 0, 1, 0, 2], values: ["a", "b", "c"])
        let test = NominalColumn(codes: [0, 1, 0, -1], values: ["a", "b", "c"])
        #expect(Evaluator.majorityAccuracy(training, [1, 1, 1, 1, 1], test, [1, 1, 1, 1]) == 2.0 / 3)
        // Weights decide: b outweighs a.
        #expect(Evaluator.majorityAccuracy(training, [3, 1, 1, 1, 1], test, [1, 2, 1, 1]) == 0.5)
        // Only test rows of the majority class b are right: 3 of 5 by weight.
        #expect(Evaluator.majorityAccuracy(training, [3, 1, 1, 1, 1], test, [1, 3, 1, 1]) == 3.0 / 5)
        let report = try Evaluator(resampling: .chronological(trainingFraction: 0.5), pruning: nil)
            .evaluate(LambdaTunerTests.xor())
        #expect(report.result("majority")!.scores == [[0.5], [0.5], [1]])
    }

    @Test func sameSeedSameReport() throws {
        let dataset = try TestData.random(seed: 4, rows: 120)
        let evaluator = Evaluator(resampling: .crossValidation(folds: 3, repeats: 2), seed: 9, shuffleTest: true)
        #expect(try evaluator.evaluate(dataset) == (try evaluator.evaluate(dataset)))
    }

    @Test func tunedLearnerRecordsTheLambdaOfEachSplit() throws {
        let tuner = LambdaTuner(grid: [0, 1], resampling: .crossValidation(folds: 3, repeats: 1), pruning: nil)
        let report = try Evaluator(resampling: .crossValidation(folds: 3, repeats: 1), pruning: nil, tuner: tuner)
            .evaluate(TestData.random(seed: 5, rows: 120))
        #expect(report.tunedLambdas.count == 3)
        #expect(report.tunedLambdas.allSatisfy { [0, 1].contains($0.shared) })
        #expect(report.comparisons.contains { $0.a == "mtl-tuned" && $0.b == "mtl" })
        #expect(report.text.contains("λ chosen by MTL tuned, per split:"))
    }

    @Test func tunersOwnSeedIsReplacedInEachSplit() throws {
        // The inner folds are drawn from each split's seed, not the tuner's:
        // tuners that differ only in their seed give the same report.
        let dataset = try TestData.random(seed: 5, rows: 120)
        let reports = try [1, 77].map { (seed: UInt64) in
            let tuner = LambdaTuner(grid: [0, 0.5, 1, 2], resampling: .crossValidation(folds: 3, repeats: 1), seed: seed, pruning: nil)
            return try Evaluator(resampling: .crossValidation(folds: 3, repeats: 1), pruning: nil, tuner: tuner).evaluate(dataset)
        }
        #expect(reports[0] == reports[1])
    }

    @Test func walkForwardGivesOneSplitPerStep() throws {
        let report = try Evaluator(resampling: .walkForward(step: 40)).evaluate(TestData.random(seed: 6, rows: 130))
        #expect(report.splitCount == 3)
        #expect(report.result("mtl")!.scores[0].count == 3)
    }

    @Test func evaluationNeedsAMainTask() throws {
        let dataset = try TestData.random(seed: 1, rows: 50).withMainTask(nil)
        let error = #expect(throws: MTLError.self) { try Evaluator().evaluate(dataset) }
        #expect(error?.kind == .usage)
    }

    @Test func learningCurveMeasuresNestedSubsets() throws {
        let dataset = try TestData.random(seed: 8, rows: 160)
        let curve = try LearningCurve(
            measuring: dataset, sizes: [100, 20, 50], resampling: .crossValidation(folds: 4, repeats: 1), seed: 3, pruning: nil)
        #expect(curve.points.map(\.size) == [20, 50, 100])
        #expect(curve.points.allSatisfy { $0.stlErrors.count == 4 && $0.mtlErrors.count == 4 })
        // The first split's 50-row point, grown by hand.
        let split = try Resampling.crossValidation(folds: 4, repeats: 1).splits(labels: dataset["task0"]!.nominal!.codes, seed: 3)[0]
        var order = split.training
        var rng = SplitMix64(seed: split.seed)
        rng.shuffle(&order)
        var stl = InductionConfiguration()
        stl.lambda = LambdaSpecification(shared: 0)
        let tree = try TreeInducer(configuration: stl).fit(dataset.subset(rows: order[..<50].sorted()))
        #expect(curve.points[1].stlErrors[0] == (try tree.mainTaskError(on: dataset.subset(rows: split.test))))
    }

    @Test func learningCurveOfPrunedTrees() throws {
        // The same first split and 50-row point as above, with the trees pruned as C4.5 does.
        let dataset = try TestData.random(seed: 8, rows: 160)
        let curve = try LearningCurve(
            measuring: dataset, sizes: [50], resampling: .crossValidation(folds: 4, repeats: 1), seed: 3, pruning: .default)
        let split = try Resampling.crossValidation(folds: 4, repeats: 1).splits(labels: dataset["task0"]!.nominal!.codes, seed: 3)[0]
        var order = split.training
        var rng = SplitMix64(seed: split.seed)
        rng.shuffle(&order)
        let training = dataset.subset(rows: order[..<50].sorted()), test = dataset.subset(rows: split.test)
        var stl = InductionConfiguration()
        stl.lambda = LambdaSpecification(shared: 0)
        let stlTree = try TreeInducer(configuration: stl).fit(training), mtlTree = try TreeInducer().fit(training)
        #expect(curve.points[0].stlErrors[0] == (try stlTree.pruned(.default).mainTaskError(on: test)))
        #expect(curve.points[0].mtlErrors[0] == (try mtlTree.pruned(.default).mainTaskError(on: test)))
    }

    @Test func learningCurvePointTestsMTLAgainstSTL() {
        // MTL − STL per split: −0.1, 0, −0.1; mean −1/15, s = 1/√300, standard
        // error 1/30, t = −2; with 2 degrees of freedom p = 1 − |t|/√(2 + t²) = 1 − 2/√6
        // (scipy.stats.ttest_rel([0.2, 0.2, 0.15], [0.3, 0.2, 0.25]) = 0.18350341907227397).
        let point = LearningCurve.Point(size: 50, stlErrors: [0.30, 0.20, 0.25], mtlErrors: [0.20, 0.20, 0.15])
        #expect(abs(point.test.meanDifference - -1.0 / 15) < 1e-12)
        #expect(abs(point.test.t - -2) < 1e-9)
        #expect(abs(point.test.pValue - (1 - 2 / 6.0.squareRoot())) < 1e-12)
        #expect(abs(point.stl.mean - 0.25) < 1e-12 && abs(point.mtl.mean - 0.55 / 3) < 1e-12)
    }

    @Test func learningCurveSizes() throws {
        #expect(LearningCurve.defaultSizes(trainingRows: 1800) == [25, 50, 100, 200, 400, 800, 1800])
        #expect(LearningCurve.defaultSizes(trainingRows: 30) == [30])
        // 400 is below ¾ of 700 (4 · 400 < 3 · 700), 800 is not.
        #expect(LearningCurve.defaultSizes(trainingRows: 700) == [25, 50, 100, 200, 400, 700])
        let dataset = try TestData.random(seed: 8, rows: 40)
        let error = #expect(throws: MTLError.self) {
            try LearningCurve(measuring: dataset, sizes: [10, 31], resampling: .crossValidation(folds: 4, repeats: 1))
        }
        #expect(error?.message.contains("more than the 30 training rows") == true)
        // Every row of the smallest training part may be used.
        let whole = try LearningCurve(measuring: dataset, sizes: [30], resampling: .crossValidation(folds: 4, repeats: 1), pruning: nil)
        #expect(whole.points.map(\.size) == [30])
    }
}
