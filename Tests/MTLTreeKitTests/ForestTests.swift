import Testing
@testable import MTLTreeKit

/// Forests: the bootstrap hook against trees grown on the sample as data of
/// its own, the attribute draw, determinism across threads, and the
/// out-of-bag figures against a brute-force recount from the trees.
struct ForestTests {
    static func configuration(trees: Int, perNode: ForestConfiguration.AttributesPerNode = .sqrt, threads: Int = 1, seed: UInt64 = 7) -> ForestConfiguration {
        var c = ForestConfiguration(treeCount: trees, attributesPerNode: perNode, seed: seed)
        c.tree.threads = threads
        return c
    }

    /// With every attribute searched, tree i is exactly the tree grown by
    /// ``TreeInducer`` on its bootstrap sample given as a dataset of its own
    /// (the rows drawn, each weighing its number of draws): the lists
    /// filtered from the full data's sort are the sample's sorted lists.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func treeIsTheTreeOfItsSample(seed: UInt64) throws {
        let data = try TestData.random(seed: seed, rows: 300, numeric: 4, nominal: 2, tasks: 3)
        var configuration = Self.configuration(trees: 3, perNode: .all, seed: seed)
        configuration.tree.lambda = LambdaSpecification(shared: 0.5)
        let forest = try ForestInducer(configuration: configuration).fit(data)
        for i in 0 ..< 3 {
            let sample = _BootstrapSample(rows: data.rowCount, seed: seed, tree: i)
            let rows = sample.multiplicity.indices.filter { sample.multiplicity[$0] > 0 }
            var own = data.subset(rows: rows)
            try own.setWeights(rows.map { Double(sample.multiplicity[$0]) })
            let expected = try TreeInducer(configuration: configuration.tree).fit(own)
            #expect(forest.trees[i].nodes == expected.nodes)
            #expect(forest.trees[i].classCounts == expected.classCounts)
            #expect(forest.trees[i].gains == expected.gains)
        }
    }

    /// The sample's lists hold exactly its rows with a known value, in value
    /// order, and an entry starts a value exactly where the value grows.
    @Test func sampledListsAreSorted() throws {
        let data = try TestData.random(seed: 11, rows: 500, numeric: 3, nominal: 0, tasks: 2, missing: 0.1)
        let schema = TreeSchema(data)
        let laid = _TrainingData(data, schema: schema, members: [[1, 1]])
        let root = laid.rootLists(threads: 1)
        let sample = _BootstrapSample(rows: data.rowCount, seed: 5, tree: 4)
        let drawn = sample.multiplicity.indices.filter { sample.multiplicity[$0] > 0 }
        let lists = root.sampled(sample.multiplicity, rows: drawn.count)
        for (slot, a) in laid.numericAttributes.enumerated() {
            guard case .numeric(let values) = laid.attributes[a] else { continue }
            let list = Array(lists.list(slot))
            let expectedRows = drawn.filter { !values[$0].isNaN }.sorted { (values[$0], $0) < (values[$1], $1) }
            #expect(list.map { Int($0.row) } == expectedRows)
            for (i, entry) in list.enumerated() {
                #expect(entry.startsValue == (i == 0 || values[Int(entry.row)] > values[Int(list[i - 1].row)]))
            }
        }
    }

    /// A node draws `count` distinct attributes, the same for the same seed;
    /// children's seeds differ from each other and from their parent's.
    @Test func attributeDraw() {
        let draw = _AttributeDraw(count: 3)
        var seen = Set<[Int]>()
        for seed in 0 ..< 200 as Range<UInt64> {
            let drawn = draw.attributes(count: 10, seed: seed)
            #expect(drawn.count == 3 && Set(drawn).count == 3 && drawn == drawn.sorted() && drawn.allSatisfy { (0 ..< 10).contains($0) })
            #expect(drawn == draw.attributes(count: 10, seed: seed))
            seen.insert(drawn)
        }
        // 120 subsets of 3 of 10: 200 draws should meet most of them.
        #expect(seen.count > 80)
        #expect(draw.attributes(count: 2, seed: 9) == [0, 1])
        let children = (0 ..< 4).map { _AttributeDraw.childSeed(42, branch: $0) }
        #expect(Set(children + [42]).count == 5)
        #expect(ForestConfiguration.AttributesPerNode.sqrt.count(of: 72) == 8)
        #expect(ForestConfiguration.AttributesPerNode.log2.count(of: 72) == 6)
        #expect(ForestConfiguration.AttributesPerNode.fraction(0.5).count(of: 7) == 3)
        #expect(ForestConfiguration.AttributesPerNode.count(9).count(of: 7) == 7)
        #expect(ForestConfiguration.AttributesPerNode("0.25") == .fraction(0.25))
        #expect(ForestConfiguration.AttributesPerNode("12") == .count(12))
        #expect(ForestConfiguration.AttributesPerNode("1.5") == nil && ForestConfiguration.AttributesPerNode("0") == nil)
    }

    /// The same seed grows the same forest, byte for byte in the model file,
    /// on one thread or several; another seed grows another.
    @Test func deterministicAcrossThreads() throws {
        let data = try TestData.random(seed: 3, rows: 1500, numeric: 5, nominal: 2, tasks: 3)
        let one = try ForestInducer(configuration: Self.configuration(trees: 4, threads: 1)).fit(data)
        let four = try ForestInducer(configuration: Self.configuration(trees: 4, threads: 4)).fit(data)
        #expect(one.trees == four.trees)
        #expect(one.outOfBag == four.outOfBag)
        #expect(one.serialized() == four.serialized())
        let other = try ForestInducer(configuration: Self.configuration(trees: 4, threads: 4, seed: 8)).fit(data)
        #expect(other.trees != one.trees)
    }

    /// Out-of-bag accuracy recounted from the definition: each row predicted
    /// by averaging the probabilities of the trees whose sample left it out.
    @Test func outOfBagByBruteForce() throws {
        let data = try TestData.random(seed: 21, rows: 400, numeric: 3, nominal: 2, tasks: 3)
        let forest = try ForestInducer(configuration: Self.configuration(trees: 9)).fit(data)
        let perTree = try forest.trees.map { try $0.predict(data) }
        let samples = (0 ..< 9).map { _BootstrapSample(rows: data.rowCount, seed: 7, tree: $0) }
        for t in 0 ..< 3 {
            let column = data["task\(t)"]!.nominal!
            var correct = 0
            var labelled = 0
            for row in 0 ..< data.rowCount where column.codes[row] >= 0 {
                let voters = (0 ..< 9).filter { samples[$0].multiplicity[row] == 0 }
                guard !voters.isEmpty else { continue }
                var p = [0.0, 0.0]
                for i in voters { for k in 0 ..< 2 { p[k] += perTree[i].probabilities(task: t, row: row)[row * 2 + k] } }
                labelled += 1
                let predicted = p[1] > p[0] ? 1 : 0
                if forest.schema.tasks[t].classes[predicted] == column.values[Int(column.codes[row])] { correct += 1 }
            }
            #expect(forest.outOfBag[t] == OutOfBagScore(task: "task\(t)", correct: correct, labelled: labelled))
            #expect(labelled > 300 && correct > labelled / 2)
        }
    }

    /// The forest's probabilities are the average of its trees'.
    @Test func predictionAveragesTrees() throws {
        let data = try TestData.random(seed: 5, rows: 300, numeric: 3, nominal: 2, tasks: 2)
        let forest = try ForestInducer(configuration: Self.configuration(trees: 5)).fit(data)
        let predictions = try forest.predict(data)
        let perTree = try forest.trees.map { try $0.predict(data) }
        for t in 0 ..< 2 {
            for i in predictions.probabilities[t].indices {
                let mean = perTree.reduce(0.0) { $0 + $1.probabilities[t][i] } / 5
                #expect(abs(predictions.probabilities[t][i] - mean) < 1e-12)
            }
        }
        // Raw probabilities: the average of the trees' plain frequencies; the classes stay the forest's.
        let raw = try forest.predict(data, probabilities: .raw)
        let perTreeRaw = try forest.trees.map { try $0.predict(data, probabilities: .raw) }
        #expect(raw.labels == predictions.labels)
        #expect(raw.probabilities != predictions.probabilities)
        for t in 0 ..< 2 {
            for i in raw.probabilities[t].indices {
                let mean = perTreeRaw.reduce(0.0) { $0 + $1.probabilities[t][i] } / 5
                #expect(abs(raw.probabilities[t][i] - mean) < 1e-12)
            }
        }
    }
}

/// Importance: normalised columns, STL's combined importance is the main
/// task's, and an input that decides every task leads.
struct ForestImportanceTests {
    @Test func importanceFromTheDefinition() throws {
        let data = try TestData.random(seed: 4, rows: 400, numeric: 3, nominal: 2, tasks: 3)
        var configuration = ForestConfiguration(treeCount: 6, attributesPerNode: .all, seed: 2)
        configuration.tree.lambda = LambdaSpecification(shared: 0)
        configuration.tree.threads = 1
        let stl = try ForestInducer(configuration: configuration).fit(data).importance
        #expect(stl.combined == stl.perTask[0])
        for column in [stl.combined] + stl.perTask { #expect(abs(column.reduce(0, +) - 1) < 1e-12) }
        // x0 decides task0 (TestData.random), with noise.
        #expect(stl.attributes[stl.ranking[0]] == "x0")
        // By hand for one tree: the root's gains, weighted by its full weight, and so on.
        configuration.treeCount = 1
        configuration.tree.lambda = LambdaSpecification(shared: 0.5)
        let forest = try ForestInducer(configuration: configuration).fit(data)
        let tree = forest.trees[0]
        var x0 = 0.0
        var all = 0.0
        for (n, node) in tree.nodes.enumerated() where node.test != nil {
            let combined = (0 ..< 3).reduce(0.0) { $0 + tree.lambdas[$1] * tree.gain(node: n, task: $1) } * node.weight
            all += combined
            if node.test?.attribute == data.inputIndices.firstIndex(where: { data.columns[$0].name == "x0" }) { x0 += combined }
        }
        let importance = forest.importance
        #expect(abs(importance.combined[importance.attributes.firstIndex(of: "x0")!] - x0 / all) < 1e-12)
    }
}

/// `Evaluator.forest`: the forest learners on the same splits.
struct ForestEvaluationTests {
    static let report: EvaluationReport = {
        let data = try! TestData.random(seed: 12, rows: 240, numeric: 3, nominal: 2, tasks: 3)
        var evaluator = Evaluator(resampling: .crossValidation(folds: 3, repeats: 1), shuffleTest: true)
        evaluator.configuration.threads = 1
        evaluator.forest = ForestConfiguration(treeCount: 5)
        return try! evaluator.evaluate(data)
    }()

    /// At λ = 1 with the main task weighing 1, the MTL forest is the
    /// all-equal forest (every split scores alike, on the same samples).
    @Test func mtlAtOneIsAllEqual() throws {
        let mtl = try #require(Self.report.result("mtl-forest"))
        let equal = try #require(Self.report.result("all-equal-forest"))
        #expect(mtl.scores == equal.scores)
        #expect(mtl.pruned == false)
    }

    /// Every forest learner is measured on every split, and the comparisons include them.
    @Test func forestLearnersAreMeasured() throws {
        for id in ["stl-forest", "mtl-forest", "mtl-forest-oob", "all-equal-forest", "mtl-forest-shuffled"] {
            let result = try #require(Self.report.result(id))
            #expect(result.scores[0].count == 3 && result.scores[0].allSatisfy { $0 > 0.4 && $0 <= 1 }, "\(id)")
            #expect(Self.report.result(id + "-unpruned") == nil)
        }
        #expect(Self.report.comparisons.contains { $0.a == "mtl-forest-oob" && $0.b == "stl-forest" })
        #expect(Self.report.text.contains("MTL forest OOB λ"))
    }
}
