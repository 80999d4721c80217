import Testing
@testable import MTLTreeKit

struct TreeInducerTests {
    /// The same data with the extra tasks ignored: what single-task learning sees.
    func mainTaskOnly(_ data: Dataset) throws -> Dataset {
        var roles = RoleOptions(tasks: ["task0"], main: "task0")
        roles.ignore = data.columns.filter { $0.role == .task && $0.name != "task0" }.map(\.name)
        var copy = data
        try copy.assignRoles(roles)
        return copy
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64], [InductionConfiguration.Criterion.gain, .gainRatio])
    func lambdaZeroGrowsTheSingleTaskTree(seed: UInt64, criterion: InductionConfiguration.Criterion) throws {
        let data = try TestData.random(seed: seed, rows: 400)
        let mtl = try TreeInducer(configuration: InductionConfiguration(criterion: criterion, lambda: LambdaSpecification(shared: 0))).fit(data)
        let stl = try TreeInducer(configuration: InductionConfiguration(criterion: criterion)).fit(try mainTaskOnly(data))
        #expect(mtl.nodes == stl.nodes)
        #expect(mtl.nodeCount > 5)
        for n in mtl.nodes.indices { #expect(mtl.counts(node: n, task: 0) == stl.counts(node: n, task: 0)) }
        // And λ > 0 does change the tree on this data, so the comparison is not vacuous.
        let withExtras = try TreeInducer(configuration: InductionConfiguration(criterion: criterion, lambda: LambdaSpecification(shared: 1))).fit(data)
        #expect(withExtras.nodes != stl.nodes)
    }

    @Test func perTaskLambdaOverridesTheSharedValue() throws {
        let data = try TestData.random(seed: 9, rows: 300)
        let tree = try TreeInducer(configuration: InductionConfiguration(lambda: LambdaSpecification(shared: 0.5, perTask: ["task2": 2]))).fit(data)
        #expect(tree.lambdas == [1, 0.5, 2])
        for n in tree.nodes.indices where !tree.nodes[n].isLeaf {
            let combined = tree.gain(node: n, task: 0) + 0.5 * tree.gain(node: n, task: 1) + 2 * tree.gain(node: n, task: 2)
            #expect(abs(tree.nodes[n].score - combined) < 1e-12)
        }
    }

    @Test func sameTreeWhateverTheThreadCount() throws {
        // Big enough that nodes are searched and cut in parallel (4,096 rows or
        // more) and subtrees go to workers (the root above 2,048 rows).
        let data = try TestData.random(seed: 42, rows: 5000, numeric: 4, nominal: 2, tasks: 3)
        var configuration = InductionConfiguration(minLeafWeight: 5, threads: 1)
        let one = try TreeInducer(configuration: configuration).fit(data)
        configuration.threads = 2
        let two = try TreeInducer(configuration: configuration).fit(data)
        configuration.threads = 5
        let five = try TreeInducer(configuration: configuration).fit(data)
        #expect(one.nodeCount > 100)
        #expect(one == two)
        #expect(one == five)
        #expect(TreeModel(one).json.serialized() == TreeModel(five).json.serialized())
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func countsAddUpAtEveryNode(seed: UInt64) throws {
        let data = try TestData.random(seed: seed, rows: 500, missing: 0.2, labelMissing: 0.2)
        let tree = try TreeInducer().fit(data)
        let rootWeight = data.weights.reduce(0, +)
        #expect(abs(tree.nodes[0].weight - rootWeight) < 1e-9)
        for n in tree.nodes.indices where !tree.nodes[n].isLeaf {
            let children = tree.nodes[n].children
            #expect(abs(children.reduce(0) { $0 + tree.nodes[$1].weight } - tree.nodes[n].weight) < 1e-9)
            for t in tree.schema.tasks.indices {
                let parent = Array(tree.counts(node: n, task: t))
                for k in parent.indices {
                    let sum = children.reduce(0) { $0 + tree.counts(node: $1, task: t)[tree.counts(node: $1, task: t).startIndex + k] }
                    #expect(abs(sum - parent[k]) < 1e-9)
                }
            }
            // Every numeric split leaves at least the minimum leaf weight of known rows on each side.
            if case .numeric? = tree.nodes[n].test {
                #expect(children.allSatisfy { tree.nodes[$0].weight >= 2 - 1e-9 })
            }
        }
    }

    @Test func stopsWhenEveryWeightedTaskIsPure() throws {
        // task a is pure; b is not, but with λ_b = 0 only a steers, so the root is a leaf.
        let data = try TestData.dataset([
            TestData.input("x", ["p", "q", "p", "q", "p", "q"]), TestData.task("a", ["y", "y", "y", "y", "y", "y"]),
            TestData.task("b", ["1", "2", "1", "2", "1", "2"]),
        ], main: "a")
        let stl = try TreeInducer(configuration: InductionConfiguration(lambda: LambdaSpecification(shared: 0))).fit(data)
        #expect(stl.nodeCount == 1)
        let mtl = try TreeInducer(configuration: InductionConfiguration(lambda: LambdaSpecification(shared: 1))).fit(data)
        #expect(mtl.nodeCount == 3)
        #expect(mtl.nodes[0].score > 0.99)
    }

    @Test func minimumLeafWeightAndDepthStopGrowth() throws {
        let data = try TestData.random(seed: 3, rows: 300)
        let shallow = try TreeInducer(configuration: InductionConfiguration(maxDepth: 2)).fit(data)
        #expect(shallow.depth <= 2)
        let coarse = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 40)).fit(data)
        for n in coarse.nodes.indices where !coarse.nodes[n].isLeaf {
            // At least two branches of every split hold 40.
            #expect(coarse.nodes[n].children.filter { coarse.nodes[$0].weight >= 40 - 1e-9 }.count >= 2)
        }
        #expect(coarse.nodes.allSatisfy { $0.weight >= 40 - 1e-9 || !$0.isLeaf || $0.weight < 80 })
    }

    @Test func leafWithoutLabelsPredictsFromItsAncestor() throws {
        // Task b's labels are known only where x = p; the leaf for x = q predicts b from the root.
        let data = try TestData.dataset([
            TestData.input("x", ["p", "p", "p", "q", "q", "q"]), TestData.task("a", ["1", "1", "1", "2", "2", "2"]),
            TestData.task("b", ["u", "u", "v", nil, nil, nil]),
        ], main: "a")
        let tree = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(data)
        #expect(tree.nodeCount == 3)
        let p = try tree.predict(data)
        #expect(p.label(task: 1, row: 4) == "u")
        // Laplace at the root for b: (2+1)/(3+2) and (1+1)/(3+2).
        #expect(abs(p.probabilities(task: 1, row: 4).first! - 0.6) < 1e-12)
        #expect(abs(p.probabilities(task: 0, row: 0).first! - 4.0 / 5) < 1e-12)
    }

    @Test func missingValueAtPredictionCombinesTheBranches() throws {
        let data = try TestData.dataset([
            TestData.input("x", ["p", "p", "p", "q", "q", "q", "q"]), TestData.task("a", ["1", "1", "1", "2", "2", "2", "2"]),
        ])
        let tree = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(data)
        let probe = try TestData.dataset([TestData.input("x", [nil, "r"]), TestData.task("a", [nil, nil])])
        let p = try tree.predict(probe)
        // Children: p (3 rows, Laplace 4/5, 1/5) and q (4 rows, 1/6, 5/6), weighted 3/7 and 4/7.
        let expected = 3.0 / 7 * 4 / 5 + 4.0 / 7 * 1 / 6
        for row in 0 ..< 2 { #expect(abs(p.probabilities(task: 0, row: row).first! - expected) < 1e-12) }
        #expect(p.label(task: 0, row: 0) == "2")  // 0.438 for class 1
    }

    @Test func rejectsDataWithoutTasksOrRows() throws {
        let noTasks = try TestData.dataset([TestData.input("x", ["a", "b"])])
        #expect(throws: MTLError.self) { try TreeInducer().fit(noTasks) }
        let empty = try TestData.dataset([TestData.input("x", []), TestData.task("t", [])])
        #expect(throws: MTLError.self) { try TreeInducer().fit(empty) }
        let data = try TestData.random(seed: 1, rows: 20)
        #expect(throws: MTLError.self) {
            try TreeInducer(configuration: InductionConfiguration(lambda: LambdaSpecification(perTask: ["nope": 1]))).fit(data)
        }
    }
}
