import Testing
@testable import MTLTreeKit

/// Forests with numeric tasks: trees grown on the bootstrap sample as for
/// nominal tasks, the forest's value the average of the trees' means, and
/// out-of-bag RMSE and R² recounted from the definition.
struct ForestNumericTests {
    /// Random data with a numeric main task `y` (about 2·x0 − x1 plus noise, some labels missing) and two nominal tasks.
    static func data(seed: UInt64, rows: Int = 300, missing: Double = 0.05) throws -> Dataset {
        let base = try TestData.random(seed: seed, rows: rows, numeric: 3, nominal: 2, tasks: 2, missing: missing)
        var rng = SplitMix64(seed: seed &+ 100)
        let x0 = base["x0"]!.numeric!
        let x1 = base["x1"]!.numeric!
        let y = (0 ..< rows).map { r -> Double in
            if rng.nextUnit() < missing { return .nan }
            let a = x0[r].isNaN ? 5 : x0[r]
            let b = x1[r].isNaN ? 5 : x1[r]
            return 2 * a - b - 4 + (rng.nextUnit() - 0.5) * 3
        }
        let columns = [Column(name: "y", role: .task, storage: .numeric(y))] + base.columns
        return try Dataset(name: "numeric\(seed)", columns: columns, mainTask: "y")
    }

    static func configuration(trees: Int, perNode: ForestConfiguration.AttributesPerNode = .sqrt) -> ForestConfiguration {
        var c = ForestConfiguration(treeCount: trees, attributesPerNode: perNode, seed: 3)
        c.tree.threads = 2
        c.tree.lambda = LambdaSpecification(shared: 0.5)
        return c
    }

    /// Each leaf of tree i holds, for the numeric task, the weight, mean and
    /// variance of the sample's rows that reach it (each weighing its number of
    /// draws), recounted from the definition (no value missing: a row reaches one leaf).
    @Test func leafStatisticsAreTheSamplesRows() throws {
        let data = try Self.data(seed: 1, missing: 0)
        let forest = try ForestInducer(configuration: Self.configuration(trees: 3)).fit(data)
        let y = data["y"]!.numeric!
        let x = data.columns.filter { $0.role == .input }
        for (i, tree) in forest.trees.enumerated() {
            let sample = _BootstrapSample(rows: data.rowCount, seed: 3, tree: i)
            var weight = [Double](repeating: 0, count: tree.nodeCount)
            var sum = [Double](repeating: 0, count: tree.nodeCount)
            var reached = [[Int]](repeating: [], count: tree.nodeCount)
            for row in 0 ..< data.rowCount where sample.multiplicity[row] > 0 {
                var n = 0
                while let test = tree.nodes[n].test {
                    let column = x.first { $0.name == tree.schema.attributes[test.attribute].name }!
                    switch test {
                    case .numeric(_, let threshold): n = tree.nodes[n].firstChild + (column.numeric![row] <= threshold ? 0 : 1)
                    case .nominal(_, let branches):
                        let value = column.nominal!.values[Int(column.nominal!.codes[row])]
                        let code = Int32(tree.schema.attributes[test.attribute].values.firstIndex(of: value)!)
                        n = tree.nodes[n].firstChild + branches.firstIndex(of: code)!
                    }
                }
                weight[n] += Double(sample.multiplicity[row])
                sum[n] += Double(sample.multiplicity[row]) * y[row]
                reached[n].append(row)
            }
            for n in tree.nodes.indices where tree.nodes[n].isLeaf {
                let s = tree.summary(node: n, task: 0)
                let mean = sum[n] / weight[n]
                let variance = reached[n].reduce(0.0) { $0 + Double(sample.multiplicity[$1]) * (y[$1] - mean) * (y[$1] - mean) } / weight[n]
                #expect(s.weight == weight[n] && tree.nodes[n].weight == weight[n])
                #expect(abs(s.mean - mean) <= 1e-9 * max(1, abs(mean)), "tree \(i) leaf \(n)")
                #expect(abs(s.variance - variance) <= 1e-9 * max(1, variance), "tree \(i) leaf \(n)")
            }
        }
    }

    /// The forest's value for a numeric task is the mean of its trees' values; nominal tasks still average probabilities.
    @Test func predictionAveragesTheTreesMeans() throws {
        let data = try Self.data(seed: 2)
        let forest = try ForestInducer(configuration: Self.configuration(trees: 5)).fit(data)
        let predictions = try forest.predict(data)
        let perTree = try forest.trees.map { try $0.predict(data) }
        #expect(predictions.isNumeric(task: 0) && !predictions.isNumeric(task: 1))
        for row in 0 ..< data.rowCount {
            let mean = perTree.reduce(0.0) { $0 + $1.values[0][row] } / 5
            #expect(abs(predictions.values[0][row] - mean) < 1e-9)
            let p = perTree.reduce(0.0) { $0 + $1.probabilities[1][2 * row] } / 5
            #expect(abs(predictions.probabilities[1][2 * row] - p) < 1e-12)
        }
    }

    /// Out-of-bag RMSE and R² from the definition: each labelled row's value
    /// averaged over the trees whose sample left it out, against its label.
    @Test func outOfBagFromTheDefinition() throws {
        let data = try Self.data(seed: 3)
        let forest = try ForestInducer(configuration: Self.configuration(trees: 7)).fit(data)
        let perTree = try forest.trees.map { try $0.predict(data) }
        let samples = (0 ..< 7).map { _BootstrapSample(rows: data.rowCount, seed: 3, tree: $0) }
        let y = data["y"]!.numeric!
        var judged: [(label: Double, predicted: Double)] = []
        for row in 0 ..< data.rowCount where !y[row].isNaN {
            let voters = (0 ..< 7).filter { samples[$0].isOutOfBag(row) }
            guard !voters.isEmpty else { continue }
            judged.append((y[row], voters.reduce(0.0) { $0 + perTree[$1].values[0][row] } / Double(voters.count)))
        }
        let mean = judged.reduce(0.0) { $0 + $1.label } / Double(judged.count)
        let sse = judged.reduce(0.0) { $0 + ($1.label - $1.predicted) * ($1.label - $1.predicted) }
        let sst = judged.reduce(0.0) { $0 + ($1.label - mean) * ($1.label - mean) }
        let score = forest.outOfBag[0]
        #expect(score.isNumeric && score.labelled == judged.count && score.accuracy == nil)
        #expect(abs(score.squaredError - sse) < 1e-9 * sse)
        #expect(abs(score.rmse! - (sse / Double(judged.count)).squareRoot()) < 1e-9)
        #expect(abs(score.rSquared! - (1 - sse / sst)) < 1e-9)
        #expect(score.rSquared! > 0.5)  // y is mostly 2·x0 − x1: the forest finds it
        #expect(!forest.outOfBag[1].isNumeric && forest.outOfBag[1].accuracy != nil)
    }

    /// The model file keeps numeric tasks (negative means as binary64) and their
    /// out-of-bag figures; importance columns still sum to 1.
    @Test func modelFileAndImportance() throws {
        let data = try Self.data(seed: 4)
        let forest = try ForestInducer(configuration: Self.configuration(trees: 4)).fit(data)
        #expect(forest.trees.contains { tree in tree.nodes.indices.contains { tree.summary(node: $0, task: 0).mean < 0 } })
        guard case .forest(let back) = try ModelFile(bytes: forest.serialized()) else {
            Issue.record("not read as a forest")
            return
        }
        #expect(back.trees == forest.trees && back.outOfBag == forest.outOfBag)
        #expect(try back.predict(data) == forest.predict(data))
        let importance = forest.importance
        for column in [importance.combined] + importance.perTask { #expect(abs(column.reduce(0, +) - 1) < 1e-12) }
        // x0 and x1 decide y.
        #expect(Set(importance.perTask[0].indices.sorted { importance.perTask[0][$0] > importance.perTask[0][$1] }.prefix(2)) == [0, 1])
    }

    /// λ by out-of-bag error with a numeric main task minimises its out-of-bag mean squared error.
    @Test func lambdaByOutOfBagMeanSquaredError() throws {
        let data = try Self.data(seed: 5)
        let choice = try ForestInducer(configuration: Self.configuration(trees: 4)).chooseLambda(data, grid: [0, 1])
        for (i, forest) in choice.forests.enumerated() {
            let s = forest.outOfBag[0]
            #expect(choice.errors[i] == s.squaredError / Double(s.labelled))
        }
        #expect(choice.errors[choice.best] == choice.errors.compactMap { $0 }.min())
    }
}
