import TestSupport
import Testing
@testable import MTLTreeKit

/// `tune` scores each tree by its main task's error, walking only the main
/// task's path, with the test fold's inputs bound once for all the grid's
/// trees. That error must be one minus the main task's accuracy from the full
/// prediction of every task.
struct MainTaskErrorTests {
    /// Bridges: missing values, nominal tests, values a test fold never saw in
    /// training, five tasks whose pruned views stop at different depths.
    @Test(arguments: ["TYPE", "MATERIAL", "SPAN"])
    func mainTaskAloneMatchesTheFullPrediction(main: String) throws {
        let roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: main, ignore: ["IDENTIF"])
        let dataset = try Dataset.load(path: FixturePaths.data("bridges.arff"), options: ReadOptions(roles: roles))
        // Every third row held out: the test rows.
        let test = dataset.subset(rows: Array(stride(from: 0, to: dataset.rowCount, by: 3)))
        let training = dataset.subset(rows: (0 ..< dataset.rowCount).filter { $0 % 3 != 0 })
        let lambdas: [LambdaSpecification] = [.init(shared: 0), .init(shared: 0.5), .init(shared: 2)]
        let trees = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(training, lambdas: lambdas)
        let bound = try _BoundInputs(trees[0].schema, test)
        var errors: [Double] = []
        for grown in trees {
            for tree in try [grown, grown.pruned(PruningConfiguration(confidence: 0.25, perTask: true))] {
                let expected = 1 - (try tree.accuracies(on: test, tasks: [main])[0])
                #expect(try tree.mainTaskError(on: test, bound: bound) == expected)
                #expect(try tree.mainTaskError(on: test) == expected)
                errors.append(expected)
            }
        }
        // The trees differ, so the errors are not all one value by accident.
        #expect(Set(errors).count > 1)
    }
}

/// A row whose tested values are all known takes its predictions from
/// per-node tables; they must be what the definition gives: for each task,
/// follow the row's tests until the task's pruned view stops, and predict
/// from the deepest node on the way with rows labelled for the task
/// (Laplace-corrected frequencies, the first of the highest).
struct SinglePathPredictionTests {
    @Test(arguments: ["TYPE", "MATERIAL"])
    func tablesGiveTheDefinitionsPredictions(main: String) throws {
        let roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: main, ignore: ["IDENTIF"])
        let dataset = try Dataset.load(path: FixturePaths.data("bridges.arff"), options: ReadOptions(roles: roles))
        let grown = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(dataset)
        var checked = 0
        for tree in try [grown, grown.pruned(PruningConfiguration(confidence: 0.25, perTask: true))] {
            let predictions = try tree.predict(dataset)
            let T = tree.schema.tasks.count
            rows: for row in 0 ..< dataset.rowCount {
                for t in 0 ..< T {
                    var n = 0
                    var source = 0
                    while true {
                        if tree.counts(node: n, task: t).reduce(0, +) > 0 { source = n }
                        if tree.isLeaf(node: n, task: t) { break }
                        let column = dataset[tree.schema.attributes[tree.nodes[n].test!.attribute].name]!
                        switch tree.nodes[n].test! {
                        case .numeric(_, let threshold):
                            let x = column.numeric![row]
                            if x.isNaN { continue rows }  // a missing value: not a single path
                            n = tree.nodes[n].firstChild + (x <= threshold ? 0 : 1)
                        case .nominal(let a, let branches):
                            guard let text = column.text(atRow: row),
                                let i = branches.firstIndex(where: { tree.schema.attributes[a].values[Int($0)] == text })
                            else { continue rows }
                            n = tree.nodes[n].firstChild + i
                        }
                    }
                    let counts = Array(tree.counts(node: source, task: t))
                    let total = counts.reduce(0, +)
                    let probabilities = counts.map { ($0 + 1) / (total + Double(counts.count)) }
                    let best = probabilities.indices.first { probabilities[$0] == probabilities.max()! }!
                    #expect(predictions.labels[t][row] == best, "row \(row), task \(t)")
                    #expect(Array(predictions.probabilities(task: t, row: row)) == probabilities, "row \(row), task \(t)")
                }
                checked += 1
            }
        }
        // Most rows take a single path (bridges has few missing values).
        #expect(checked > dataset.rowCount)
    }
}

/// `train` reports each task's training accuracy through `accuracy(on:)`,
/// which walks its rows in blocks on all cores with a table of each node's
/// class. Its counts must be those of the full prediction, row by row:
/// a labelled row counts, and is right when its class is the one predicted.
struct AccuracyCountTests {
    /// The counts from `predict`, compared with the data's labels by class name.
    static func expectedCounts(_ tree: MultitaskTree, on dataset: Dataset) throws -> [(correct: Double, labelled: Double)] {
        let predictions = try tree.predict(dataset)
        return predictions.tasks.indices.map { t in
            guard let column = dataset[predictions.tasks[t]]?.nominal else { return (0, 0) }
            var correct = 0.0, labelled = 0.0
            for (row, code) in column.codes.enumerated() where code >= 0 {
                labelled += 1
                if column.values[Int(code)] == predictions.classes[t][predictions.labels[t][row]] { correct += 1 }
            }
            return (correct, labelled)
        }
    }

    /// 20,000 rows (two blocks), missing inputs (the weighted walk) and
    /// missing labels, on a tree pruned per task (grown on 4,000 rows of the
    /// same kind); then a test set whose second task is absent and whose
    /// third has a class the tree never saw.
    @Test func countsAreThoseOfThePredictions() throws {
        let training = try TestData.random(seed: 11, rows: 4000, numeric: 4, nominal: 2, tasks: 3, missing: 0.02, labelMissing: 0.1)
        let tree = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 5)).fit(training)
            .pruned(PruningConfiguration(confidence: 0.25, perTask: true))
        let rows = try TestData.random(seed: 13, rows: 20_000, numeric: 4, nominal: 2, tasks: 3, missing: 0.02, labelMissing: 0.1)
        let got = try tree.accuracy(on: rows)
        let expected = try Self.expectedCounts(tree, on: rows)
        #expect(got.map(\.correct) == expected.map(\.correct))
        #expect(got.map(\.labelled) == expected.map(\.labelled))
        #expect(expected.allSatisfy { $0.correct > 0 && $0.correct < $0.labelled })

        var test = try TestData.random(seed: 12, rows: 3000, numeric: 4, nominal: 2, tasks: 3, missing: 0.02, labelMissing: 0.1)
        let task2 = test["task2"]!.nominal!
        let renamed = NominalColumn(codes: task2.codes, values: ["no", "maybe"])
        test = try Dataset(
            name: "test",
            columns: test.columns.filter { $0.name != "task1" && $0.name != "task2" }
                + [Column(name: "task2", role: .task, storage: .nominal(renamed))], mainTask: "task0")
        let counts = try tree.accuracy(on: test)
        let labelledYes = task2.codes.filter { $0 == 1 }.count
        let labelledNo = task2.codes.filter { $0 == 0 }.count
        #expect(counts[1].correct == 0 && counts[1].labelled == 0)
        // "maybe" is never right; "no" rows are right where "no" is predicted.
        #expect(counts[2].labelled == Double(labelledYes + labelledNo))
        let expectedTest = try Self.expectedCounts(tree, on: test)
        #expect(counts.map(\.correct) == expectedTest.map(\.correct))
        #expect(counts.map(\.labelled) == expectedTest.map(\.labelled))
    }
}

/// `train` reports training accuracy with `trainingAccuracy(grownOn:)`,
/// which reads it off the tree's counts when every row weighs 1 and no
/// tested value is missing, and walks the rows otherwise. Either way it must
/// be what walking every row gives.
struct TrainingAccuracyTests {
    static func expectSame(_ tree: MultitaskTree, _ dataset: Dataset) throws {
        let walked = try tree.accuracy(on: dataset)
        let read = try tree.trainingAccuracy(grownOn: dataset)
        #expect(read.map(\.correct) == walked.map(\.correct))
        #expect(read.map(\.labelled) == walked.map(\.labelled))
    }

    /// No input missing, labels missing: read off the counts, unpruned,
    /// pruned on the shared tree, and with each task's own stops.
    @Test func countsGiveTheWalkedAccuracy() throws {
        let dataset = try TestData.random(seed: 21, rows: 3000, numeric: 4, nominal: 2, tasks: 3, missing: 0, labelMissing: 0.1)
        let grown = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 3)).fit(dataset)
        for tree in try [grown, grown.pruned(PruningConfiguration(confidence: 0.25)), grown.pruned(.default)] {
            try Self.expectSame(tree, dataset)
        }
        // The pruned trees are not right everywhere, so a wrong class read off would show.
        let pruned = try grown.pruned(.default).accuracy(on: dataset)
        #expect(pruned.allSatisfy { $0.correct < $0.labelled })
    }

    /// MONK's, three tasks on nominal inputs with no value missing.
    @Test func monksThreeTasks() throws {
        let roles = RoleOptions(
            tasks: ["monk1", "monk2", "monk3"], main: "monk2",
            nominal: ["head_shape", "body_shape", "is_smiling", "holding", "jacket_color", "has_tie"])
        let dataset = try Dataset.load(path: FixturePaths.data("monks/monks-3tasks.csv"), options: ReadOptions(roles: roles))
        let tree = try TreeInducer().fit(dataset).pruned(.default)
        try Self.expectSame(tree, dataset)
    }

    /// Missing inputs (bridges) and weighted rows: the rows are walked.
    @Test func missingValuesAndWeightsWalkTheRows() throws {
        let roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "TYPE", ignore: ["IDENTIF"])
        let bridges = try Dataset.load(path: FixturePaths.data("bridges.arff"), options: ReadOptions(roles: roles))
        try Self.expectSame(try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(bridges).pruned(.default), bridges)
        var weighted = try TestData.random(seed: 22, rows: 2000, numeric: 3, nominal: 1, tasks: 2, missing: 0, labelMissing: 0)
        try weighted.setWeights((0 ..< weighted.rowCount).map { $0 % 3 == 0 ? 2 : 1 })
        try Self.expectSame(try TreeInducer().fit(weighted).pruned(.default), weighted)
    }
}

/// `tune` reads only the main task's predictions of trees pruned as C4.5
/// prunes, so its trees do not split nodes whose labelled main-task rows are
/// of one class (``TreeInducer/fit(_:lambdas:mainTaskOnly:)``): pruning
/// collapses them anyway. The main task's predictions, classes and
/// probabilities to the last bit, must be the fully grown trees' once both
/// are pruned, at any confidence factor, with or without per-task views.
struct MainTaskOnlyGrowthTests {
    /// The trees for `lambdas` grown in full and with the main-pure stop, in pairs.
    static func grownBothWays(_ data: Dataset, lambdas: [LambdaSpecification], minLeaf: Double) throws -> [(full: MultitaskTree, mainOnly: MultitaskTree)] {
        let inducer = TreeInducer(configuration: InductionConfiguration(minLeafWeight: minLeaf))
        return Array(zip(
            try inducer.fit(data, lambdas: lambdas, mainTaskOnly: false), try inducer.fit(data, lambdas: lambdas, mainTaskOnly: true)))
    }

    /// Expects the main task's classes and probabilities (to the bit) of two pruned trees on `test` to agree.
    static func expectSameMainTask(_ expected: MultitaskTree, _ found: MultitaskTree, on test: Dataset) throws {
        let (e, f) = (try expected.predict(test), try found.predict(test))
        let context: Comment = "\(test.name), λ = \(expected.lambdas)"
        #expect(zip(f.labels[0], e.labels[0]).filter { $0 != $1 }.count == 0, context)
        #expect(zip(f.probabilities[0], e.probabilities[0]).filter { $0 != $1 }.count == 0, context)
    }

    /// Thyroid's first 1,500 rows (missing values, seven tasks, a rare main
    /// class) and bridges whole (nominal tests), split into training and test
    /// rows; their trees for four λ, grown both ways. Grown once and shared by
    /// the cases below, which prune them in different ways.
    static let thyroidAndBridges: Result<[(trees: [(full: MultitaskTree, mainOnly: MultitaskTree)], test: Dataset)], any Error> = Result {
        let thyroid = try Dataset.load(
            path: FixturePaths.data("thyroid0387.csv"),
            options: ReadOptions(roles: RoleOptions(
                tasks: ["t_hyperthyroid", "t_hypothyroid", "t_binding_protein", "t_general_health", "t_replacement_therapy",
                        "t_antithyroid_treatment", "t_misc"],
                main: "t_hypothyroid", ignore: ["record_id"])))
        let bridges = try Dataset.load(
            path: FixturePaths.data("bridges.arff"),
            options: ReadOptions(roles: RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "TYPE", ignore: ["IDENTIF"])))
        return try [(thyroid.subset(rows: Array(0 ..< 1500)), 2.0), (bridges, 1.0)].map { dataset, minLeaf in
            let test = dataset.subset(rows: Array(stride(from: 0, to: dataset.rowCount, by: 3)))
            let training = dataset.subset(rows: (0 ..< dataset.rowCount).filter { $0 % 3 != 0 })
            let lambdas: [LambdaSpecification] = [.init(shared: 0), .init(shared: 0.25), .init(shared: 1), .init(shared: 4)]
            return (try Self.grownBothWays(training, lambdas: lambdas, minLeaf: minLeaf), test)
        }
    }

    @Test(arguments: [
        PruningConfiguration.default, PruningConfiguration(confidence: 0.25, perTask: false),
        PruningConfiguration(confidence: 0.05, perTask: true), PruningConfiguration(confidence: 1, perTask: true),
    ])
    func prunedMainTaskPredictionsAreTheFullTreesOnes(pruning: PruningConfiguration) throws {
        var grownNodes = (full: 0, mainOnly: 0)
        for (trees, test) in try Self.thyroidAndBridges.get() {
            for (a, b) in trees {
                grownNodes.full += a.nodes.count
                grownNodes.mainOnly += b.nodes.count
                try Self.expectSameMainTask(a.pruned(pruning), b.pruned(pruning), on: test)
            }
        }
        // The stop does happen: the λ > 0 trees grow below pure nodes for their extra tasks.
        #expect(grownNodes.mainOnly < grownNodes.full)
    }

    /// Weighted rows (fractional, some far below 1), missing inputs and
    /// labels, a fractional minimum leaf weight; their trees for three λ, grown
    /// both ways, once for the cases below.
    static let weighted: Result<(data: Dataset, trees: [(full: MultitaskTree, mainOnly: MultitaskTree)]), any Error> = Result {
        var data = try TestData.random(seed: 41, rows: 600, numeric: 3, nominal: 2, tasks: 4, missing: 0.2, labelMissing: 0.3)
        var rng = SplitMix64(seed: 42)
        try data.setWeights((0 ..< data.rowCount).map { _ in [0.02, 0.4, 1, 2.5][rng.nextInt(below: 4)] })
        let lambdas: [LambdaSpecification] = [.init(shared: 0), .init(shared: 0.5), .init(shared: 3)]
        return (data, try [0.5, 2.0].flatMap { try Self.grownBothWays(data, lambdas: lambdas, minLeaf: $0) })
    }

    /// With confidence factors from 0.05 to 1, with and without per-task
    /// views, the pruned trees of ``weighted`` are the same, node for node.
    @Test(arguments: [0.05, 0.25, 1.0])
    func weightedRowsGiveTheSamePrunedTrees(confidence: Double) throws {
        let (data, trees) = try Self.weighted.get()
        var grownNodes = (full: 0, mainOnly: 0)
        for (a, b) in trees {
            grownNodes.full += a.nodes.count
            grownNodes.mainOnly += b.nodes.count
            for perTask in [false, true] {
                let pruning = PruningConfiguration(confidence: confidence, perTask: perTask)
                let (prunedA, prunedB) = try (a.pruned(pruning), b.pruned(pruning))
                #expect(prunedA.nodes == prunedB.nodes)
                try Self.expectSameMainTask(prunedA, prunedB, on: data)
            }
        }
        #expect(grownNodes.mainOnly < grownNodes.full)
    }
}
