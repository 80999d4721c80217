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
            #expect(report.result("mtl-unpruned")!.accuracies.map { $0[s] } == (try mtl.accuracies(on: test, tasks: report.tasks)))
            #expect(report.result("mtl")!.accuracies.map { $0[s] } == (try mtl.pruned(.default).accuracies(on: test, tasks: report.tasks)))
            // STL of an extra task is that task's own tree.
            let own = try Evaluator.singleTaskTree(training, task: "task2", inducer: TreeInducer())
            #expect(report.result("stl-unpruned")!.accuracies[2][s] == (try own.accuracies(on: test, tasks: ["task2"]))[0])
            let equal = try TreeInducer().fit(training.withMainTask(nil))
            #expect(report.result("all-equal-unpruned")!.accuracies[1][s] == (try equal.accuracies(on: test, tasks: ["task1"]))[0])
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
        let a = report.result("mtl")!.accuracies[0], b = report.result("stl")!.accuracies[0]
        #expect(first.tasks[0].test == Statistics.pairedTTest(a, b))
        #expect(first.tasks[0].wins + first.tasks[0].ties + first.tasks[0].losses == 5)
        #expect(report.comparisons[2].tasks.count == 1)
    }

    @Test func majorityPredictsTheTrainingPartsMostFrequentClass() throws {
        // Training: b ×2, a ×2 (tie: a, the first class), c ×1; test: a, b, a, missing.
        let training = NominalColumn(codes: [1, 0, 1, 0, 2], values: ["a", "b", "c"])
        let test = NominalColumn(codes: [0, 1, 0, -1], values: ["a", "b", "c"])
        #expect(Evaluator.majorityAccuracy(training, [1, 1, 1, 1, 1], test, [1, 1, 1, 1]) == 2.0 / 3)
        // Weights decide: b outweighs a.
        #expect(Evaluator.majorityAccuracy(training, [3, 1, 1, 1, 1], test, [1, 2, 1, 1]) == 0.5)
        let report = try Evaluator(resampling: .chronological(trainingFraction: 0.5), pruning: nil)
            .evaluate(LambdaTunerTests.xor())
        #expect(report.result("majority")!.accuracies == [[0.5], [0.5], [1]])
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

    @Test func walkForwardGivesOneSplitPerStep() throws {
        let report = try Evaluator(resampling: .walkForward(step: 40)).evaluate(TestData.random(seed: 6, rows: 130))
        #expect(report.splitCount == 3)
        #expect(report.result("mtl")!.accuracies[0].count == 3)
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

    @Test func learningCurveSizes() throws {
        #expect(LearningCurve.defaultSizes(trainingRows: 1800) == [25, 50, 100, 200, 400, 800, 1800])
        #expect(LearningCurve.defaultSizes(trainingRows: 30) == [30])
        let dataset = try TestData.random(seed: 8, rows: 40)
        let error = #expect(throws: MTLError.self) {
            try LearningCurve(measuring: dataset, sizes: [10, 31], resampling: .crossValidation(folds: 4, repeats: 1))
        }
        #expect(error?.message.contains("more than the 30 training rows") == true)
    }
}
