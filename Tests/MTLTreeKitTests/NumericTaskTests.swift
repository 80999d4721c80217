import Foundation
import TestSupport
import Testing
@testable import MTLTreeKit

/// Numeric (regression) tasks, alone and mixed with nominal ones. Expected
/// gains come from Tests/Reference/reference_numeric_gains.py, a direct
/// transcription of DESIGN.md's formula; others are worked out by hand.
struct NumericTaskTests {
    static let outlook = GainTests.outlook
    static let humidity = GainTests.humidity
    static let play = GainTests.play
    static let hours: [Double?] = [0.5, 0, 2.5, 3, 2, 0, 3.5, 1, 2.5, 2, 3, 1.5, 2, 0.25]

    /// A one-split tree (depth limit 1), scored by plain gain.
    func rootSplit(_ specs: [TestData.Spec], main: String, lambda: Double = 1, weights: [Double]? = nil) throws -> MultitaskTree {
        let data = try TestData.dataset(specs, main: main, weights: weights)
        let configuration = InductionConfiguration(criterion: .gain, lambda: LambdaSpecification(shared: lambda), maxDepth: 1)
        return try TreeInducer(configuration: configuration).fit(data)
    }

    @Test func nominalSplitGainOfANumericTaskMatchesTheDefinition() throws {
        let tree = try rootSplit(
            [TestData.input("outlook", Self.outlook), TestData.task("play", Self.play), TestData.numericTask("hours", Self.hours)], main: "play")
        #expect(tree.schema.tasks[1].isNumeric)
        #expect(abs(tree.gain(node: 0, task: 0) - 0.246749819774439) < 1e-9)
        #expect(abs(tree.gain(node: 0, task: 1) - 0.143423334159029) < 1e-9)
        #expect(abs(tree.nodes[0].score - (0.246749819774439 + 0.143423334159029)) < 1e-9)
    }

    @Test(arguments: [
        // (main, λ, score): hours alone; play with hours; hours with play at λ 0.5.
        ("hours", 0.0, 0.15481793410948724), ("play", 1.0, 0.30665343547182883), ("hours", 0.5, 0.23073568479065804),
    ])
    func thresholdIsChosenByTheMixedScore(main: String, lambda: Double, score: Double) throws {
        let tree = try rootSplit(
            [TestData.numeric("humidity", Self.humidity), TestData.task("play", Self.play), TestData.numericTask("hours", Self.hours)],
            main: main, lambda: lambda)
        #expect(tree.nodes[0].test == .numeric(attribute: 0, threshold: 82.5))
        let hours = tree.schema.taskIndex(named: "hours")!
        let play = tree.schema.taskIndex(named: "play")!
        #expect(abs(tree.gain(node: 0, task: hours) - 0.15481793410948724) < 1e-9)
        #expect(abs(tree.gain(node: 0, task: play) - 0.15183550136234159) < 1e-9)
        #expect(abs(tree.nodes[0].score - score) < 1e-9)
    }

    @Test func missingInputsAndValuesScaleTheGain() throws {
        var outlook = Self.outlook
        outlook[0] = nil
        outlook[5] = nil
        var hours = Self.hours
        hours[3] = nil
        hours[8] = nil
        let tree = try rootSplit([TestData.input("outlook", outlook), TestData.numericTask("hours", hours)], main: "hours")
        #expect(abs(tree.gain(node: 0, task: 0) - 0.138829394976773) < 1e-9)
    }

    @Test func rowWeightsWeighTheVariances() throws {
        let weights = (0 ..< 14).map { $0 < 7 ? 2.0 : 1.0 }
        let tree = try rootSplit([TestData.input("outlook", Self.outlook), TestData.numericTask("hours", Self.hours)], main: "hours", weights: weights)
        #expect(abs(tree.gain(node: 0, task: 0) - 0.248133429672447) < 1e-9)
    }

    @Test func leavesKeepWeightMeanAndVarianceAndPredictTheMean() throws {
        // Root: mean 8, variance (49 + 25 + 4 + 16 + 36) / 5 = 26. x ≤ 2: 1, 3 (mean 2, variance 1); x > 2: 10, 12, 14 (mean 12, variance 8/3).
        let data = try TestData.dataset(
            [TestData.numeric("x", [1, 2, 3, 4, 5]), TestData.numericTask("y", [1, 3, 10, 12, 14])], main: "y")
        let tree = try TreeInducer(configuration: InductionConfiguration(criterion: .gain, maxDepth: 1)).fit(data)
        #expect(tree.nodes[0].test == .numeric(attribute: 0, threshold: 2.5))
        let root = tree.summary(node: 0, task: 0)
        #expect(root.weight == 5 && abs(root.mean - 8) < 1e-12 && abs(root.variance - 26) < 1e-9)
        let left = tree.summary(node: 1, task: 0)
        let right = tree.summary(node: 2, task: 0)
        #expect(left.weight == 2 && abs(left.mean - 2) < 1e-12 && abs(left.variance - 1) < 1e-12)
        #expect(right.weight == 3 && abs(right.mean - 12) < 1e-12 && abs(right.variance - 8.0 / 3) < 1e-12)
        let predictions = try tree.predict(data)
        #expect(predictions.isNumeric(task: 0))
        #expect(predictions.values[0].map { ($0 * 1e9).rounded() / 1e9 } == [2, 2, 12, 12, 12])
        #expect(predictions.label(task: 0, row: 0) == "2")
        // A missing input combines the children's means by their weight: (2 · 2 + 3 · 12) / 5.
        let missing = try TestData.dataset([TestData.numeric("x", [nil]), TestData.numericTask("y", [nil])])
        #expect(abs(try tree.predict(missing).values[0][0] - 8) < 1e-12)
    }

    @Test func aConstantTaskIsPureAndContributesNothing() throws {
        // The gain of y is 0 everywhere (its variance is 0): the tree follows z alone, and y alone is a leaf.
        let data = try TestData.dataset(
            [TestData.numeric("x", [1, 2, 3, 4, 5, 6]), TestData.numericTask("y", [7, 7, 7, 7, 7, 7]),
             TestData.task("z", ["a", "a", "a", "b", "b", "b"])])
        let tree = try TreeInducer(configuration: InductionConfiguration(criterion: .gain)).fit(data)
        #expect(tree.nodes[0].test == .numeric(attribute: 0, threshold: 3.5))
        #expect(tree.gain(node: 0, task: 0) == 0)
        let alone = try TreeInducer().fit(try data.withMainTask("y").withoutTask("z"))
        #expect(alone.nodeCount == 1)
        #expect(alone.summary(node: 0, task: 0) == (6, 7, 0))
    }

    @Test func lambdaZeroOnANumericExtraTaskGrowsTheSingleTaskTree() throws {
        var rng = SplitMix64(seed: 7)
        for seed in 0 ..< 5 {
            let base = try TestData.random(seed: UInt64(seed), rows: 120)
            let values = (0 ..< base.rowCount).map { _ in Double(rng.next() % 1000) / 10 }
            var data = base
            data.appendNumericTask("amount", values)
            let main = base.columns[base.taskIndices[0]].name
            data = try data.withMainTask(main)
            let stl = try TreeInducer(configuration: InductionConfiguration(lambda: LambdaSpecification(shared: 0))).fit(data)
            let alone = try TreeInducer().fit(try base.withMainTask(main).keepingOnlyTask(main))
            #expect(stl.nodes.map(\.test) == alone.nodes.map(\.test))
        }
    }

    @Test func aModelWithANumericTaskRoundTripsAndRecordsTheKind() throws {
        let data = try TestData.dataset(
            [TestData.numeric("humidity", Self.humidity), TestData.task("play", Self.play), TestData.numericTask("hours", Self.hours)],
            main: "hours")
        let tree = try TreeInducer().fit(data).pruned(.default)
        let model = TreeModel(tree)
        #expect(model.writtenVersion == 2)
        let text = String(decoding: model.serialized(), as: UTF8.self)
        #expect(text.contains(#"{"name":"hours","kind":"numeric"}"#))
        let back = try TreeModel(json: try JSONValue.parse(model.serialized()))
        #expect(back == model)
        // A model of nominal tasks alone is still written as version 1, readable by older mtltree.
        let nominal = TreeModel(try TreeInducer().fit(try data.withMainTask("play").keepingOnlyTask("play")))
        #expect(nominal.writtenVersion == 1)
        #expect(String(decoding: nominal.serialized(), as: UTF8.self).contains(#""version": 1"#))
    }

    @Test func regressionErrorsFollowTheirDefinitions() {
        var errors = RegressionErrors()
        // Truths 1, 2, 6; predictions 2, 2, 3; training mean 4.
        for (y, p) in [(1.0, 2.0), (2, 2), (6, 3)] { errors.add(truth: y, predicted: p, trainingMean: 4) }
        #expect(abs(errors.rmse - (10.0 / 3).squareRoot()) < 1e-12)
        #expect(abs(errors.mae - 4.0 / 3) < 1e-12)
        // Σ (y − 3)² = 4 + 1 + 9 = 14, so R² = 1 − 10/14.
        #expect(abs(errors.r2 - (1 - 10.0 / 14)) < 1e-12)
        // Σ (y − 4)² = 9 + 4 + 4 = 17.
        #expect(abs(errors.relativeRMSE - (10.0 / 17).squareRoot()) < 1e-12)
    }

    @Test func csvTasksOfFractionalNumbersAreNumericAndWholeNumbersStayClasses() throws {
        let path = try FixturePaths.scratch("tasks.csv", bytes: Array("x,price,stars,code\n1,2.5,3,7\n2,3.25,4,8\n3,,5,9\n".utf8))
        let data = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["price", "stars"], numeric: ["code"])))
        #expect(data["price"]?.numeric?[0] == 2.5 && data["price"]?.numeric?[2].isNaN == true)
        #expect(data["stars"]?.nominal?.values == ["3", "4", "5"])
        #expect(data["code"]?.role == .task && data["code"]?.numeric == [7, 8, 9])
        let forced = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["price"], nominal: ["price"])))
        #expect(forced["price"]?.nominal?.values == ["2.5", "3.25"])
        #expect(throws: MTLError.self) {
            try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(nominal: ["x"], numeric: ["x"])))
        }
    }

    @Test func arffNumericTasksStayNumericUnlessForcedNominal() throws {
        let path = FixturePaths.data("water-quality.arff")
        let data = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["25400"])))
        #expect(data["25400"]?.type == .numeric)
        let nominal = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["25400"], nominal: ["25400"])))
        #expect(nominal["25400"]?.nominal?.values == ["0", "1", "3", "5"])
    }
}

extension Dataset {
    /// This dataset with a numeric task column added.
    mutating func appendNumericTask(_ name: String, _ values: [Double]) {
        var columns = self.columns
        columns.append(Column(name: name, role: .task, storage: .numeric(values)))
        self = try! Dataset(name: self.name, columns: columns, weights: weights, mainTask: mainTask.map { self.columns[$0].name })
    }

    /// This dataset with task `name` an input no more: ignored.
    func withoutTask(_ name: String) throws -> Dataset {
        var copy = self
        let i = copy.columnIndex(named: name)!
        var column = copy.columns[i]
        column.role = .ignored
        try copy.replaceColumn(at: i, with: column)
        return copy
    }

    /// This dataset with every task but `name` ignored.
    func keepingOnlyTask(_ name: String) throws -> Dataset {
        var copy = self
        for i in copy.taskIndices where copy.columns[i].name != name { copy = try copy.withoutTask(copy.columns[i].name) }
        return copy
    }
}

/// Evaluating and tuning with a numeric main task.
struct NumericEvaluationTests {
    @Test func theMeanPredictorIsTheNumericFloor() throws {
        // Training mean (2 · 1 + 1 · 4) / 3 = 2, weighted; test values 1, 3, 6: errors 1, 1, 4.
        let errors = try #require(Evaluator.meanPredictorErrors([1, 4, .nan], [2, 1, 5], [1, 3, .nan, 6]))
        #expect(errors.count == 3)
        #expect(abs(errors.rmse - (18.0 / 3).squareRoot()) < 1e-12)
        #expect(abs(errors.mae - 2) < 1e-12)
        #expect(abs(errors.relativeRMSE - 1) < 1e-12)
    }

    @Test func evaluateReportsRegressionErrorsOverEveryTestRow() throws {
        var data = try TestData.random(seed: 3, rows: 90)
        data.appendNumericTask("amount", (0 ..< 90).map { Double(($0 * 37) % 50) / 4 })
        data = try data.withMainTask("amount")
        let report = try Evaluator(resampling: .crossValidation(folds: 3, repeats: 1), pruning: .default).evaluate(data)
        let mtl = try #require(report.result("mtl"))
        let errors = try #require(mtl.errors[0])
        // Cross-validation tests every row once.
        #expect(errors.count == 90)
        // Each split's "accuracy" of a numeric task is its R² there, at most 1.
        #expect(mtl.scores[0].count == 3 && mtl.scores[0].allSatisfy { $0 <= 1 })
        // The floor predicts the training mean, which is its own baseline: relative RMSE 1.
        let floor = try #require(report.result("majority")?.errors[0])
        #expect(abs(floor.relativeRMSE - 1) < 1e-9)
        #expect(report.text.contains("rel. RMSE"))
    }
}
