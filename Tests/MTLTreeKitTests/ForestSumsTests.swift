import Testing
@testable import MTLTreeKit

/// A forest's sums of its trees' predictions, as prediction and the
/// out-of-bag pass compute them (flat trees, rows walked in blocks on several
/// threads), against every row walked through every tree, in order, by the
/// tree's own walk: equal to the last bit, with missing and unseen values,
/// nominal tests, numeric tasks, per-task stops, raw frequencies, and more
/// than 64 tasks.
struct ForestSumsTests {
    /// Each tree's walk of every row, tree after tree, adding each row's
    /// distribution to its sums (a row's trees in order, as the forest adds them).
    static func walkedSums(
        _ trees: [MultitaskTree], seed: UInt64, raw: Bool, data: Dataset, outOfBagOnly: Bool
    ) throws -> (sums: [[Double]], votes: [Int32]) {
        let schema = trees[0].schema
        let n = data.rowCount
        let widths = schema.tasks.map { $0.isNumeric ? 1 : $0.classes.count }
        var sums = widths.map { [Double](repeating: 0, count: n * $0) }
        var votes = [Int32](repeating: 0, count: n)
        let bound = try _BoundInputs(schema, data)
        for (i, tree) in trees.enumerated() {
            let sample = _BootstrapSample(rows: n, seed: seed, tree: i)
            var walk = _Walk(tree, bound)
            walk.rawFrequencies = raw
            tree.forEachPrediction(walk, rows: 0 ..< n) { row, t, _, distribution in
                if outOfBagOnly && !sample.isOutOfBag(row) { return }
                for j in 0 ..< widths[t] { sums[t][row * widths[t] + j] += distribution[distribution.startIndex + j] }
                if t == 0 { votes[row] += 1 }
            }
        }
        return (sums, votes)
    }

    /// Random data with missing inputs and labels, nominal inputs, and a
    /// numeric task `level` beside the nominal ones.
    static func data(seed: UInt64, rows: Int, tasks: Int = 3) throws -> Dataset {
        let base = try TestData.random(seed: seed, rows: rows, numeric: 4, nominal: 2, tasks: tasks, missing: 0.08)
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        let x0 = base["x0"]!.numeric!
        let level = x0.map { x in rng.nextUnit() < 0.05 ? Double.nan : (x.isNaN ? 3 : x) * 0.7 + rng.nextUnit() }
        return try Dataset(
            name: base.name, columns: base.columns + [Column(name: "level", role: .task, storage: .numeric(level))], mainTask: "task0")
    }

    static func expectSame(_ a: (sums: [[Double]], votes: [Int32]), _ b: (sums: [[Double]], votes: [Int32])) {
        #expect(a.votes == b.votes)
        #expect(a.sums.map { $0.map(\.bitPattern) } == b.sums.map { $0.map(\.bitPattern) })
    }

    @Test(arguments: [(1, false), (2, true)] as [(Int, Bool)])
    func sumsEqualTheTreesOwnWalks(threads: Int, raw: Bool) throws {
        let data = try Self.data(seed: 31, rows: 700)
        var configuration = ForestConfiguration(treeCount: 6, seed: 9)
        configuration.tree.threads = threads
        configuration.leafProbabilities = raw ? .frequency : .laplace
        let forest = try ForestInducer(configuration: configuration).fit(data)
        #expect(forest.schema.tasks.contains { $0.isNumeric })
        #expect(forest.trees.contains { tree in tree.nodes.contains { if case .nominal? = $0.test { true } else { false } } })
        // Prediction on other rows (a value the trees never saw is missing to them), and the out-of-bag pass.
        var other = try Self.data(seed: 32, rows: 300)
        let n0 = other["n0"]!.nominal!
        var columns = other.columns
        columns[columns.firstIndex { $0.name == "n0" }!] = Column(
            name: "n0", storage: .nominal(NominalColumn(codes: n0.codes, values: ["v0", "v1", "never seen"])))
        other = try Dataset(name: other.name, columns: columns, mainTask: "task0")
        for (rows, outOfBagOnly) in [(other, false), (data, true), (data, false)] {
            let fast = try MultitaskForest.probabilitySums(
                forests: [forest.trees], seed: 9, leaves: configuration.leafProbabilities, dataset: rows, outOfBagOnly: outOfBagOnly,
                threads: threads)[0]
            Self.expectSame(fast, try Self.walkedSums(forest.trees, seed: 9, raw: raw, data: rows, outOfBagOnly: outOfBagOnly))
        }
        // The out-of-bag figures the forest reports come from those sums.
        let walked = try Self.walkedSums(forest.trees, seed: 9, raw: raw, data: data, outOfBagOnly: true)
        let averaged = MultitaskForest.averaged(walked.sums, votes: walked.votes, schema: forest.schema)
        #expect(forest.outOfBag == MultitaskForest.scores(averaged, votes: walked.votes, dataset: data))
    }

    /// Tasks whose predictions stop at internal nodes (per-task pruning):
    /// a row takes each such task from the node where it stopped.
    @Test func perTaskStops() throws {
        let data = try Self.data(seed: 41, rows: 500)
        let forest = try ForestInducer(configuration: ForestConfiguration(treeCount: 3, seed: 4)).fit(data)
        let T = forest.schema.tasks.count
        let trees = forest.trees.map { tree -> MultitaskTree in
            var stopped = tree
            stopped.taskStops = [Bool](repeating: false, count: tree.nodes.count * T)
            // Task t stops at every internal node whose number is ≡ t mod 5, and task 0 at node 0's first child.
            for n in tree.nodes.indices where !tree.nodes[n].isLeaf {
                stopped.taskStops[n * T + n % 5 % T] = true
            }
            stopped.taskStops[tree.nodes[0].firstChild * T] = true
            return stopped
        }
        for outOfBagOnly in [false, true] {
            let fast = try MultitaskForest.probabilitySums(
                forests: [trees, forest.trees], seed: 4, leaves: .laplace, dataset: data, outOfBagOnly: outOfBagOnly, threads: 2)
            Self.expectSame(fast[0], try Self.walkedSums(trees, seed: 4, raw: false, data: data, outOfBagOnly: outOfBagOnly))
            Self.expectSame(fast[1], try Self.walkedSums(forest.trees, seed: 4, raw: false, data: data, outOfBagOnly: outOfBagOnly))
        }
    }

    /// More than 64 tasks: every row takes the trees' own walks.
    @Test func manyTasks() throws {
        let data = try TestData.random(seed: 5, rows: 80, numeric: 2, nominal: 1, tasks: 66)
        let forest = try ForestInducer(configuration: ForestConfiguration(treeCount: 2, seed: 3)).fit(data)
        let fast = try MultitaskForest.probabilitySums(
            forests: [forest.trees], seed: 3, leaves: .laplace, dataset: data, outOfBagOnly: true, threads: 2)[0]
        Self.expectSame(fast, try Self.walkedSums(forest.trees, seed: 3, raw: false, data: data, outOfBagOnly: true))
    }
}
