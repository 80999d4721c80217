import Testing
@testable import MTLTreeKit

/// Trees for several λ grown together (`fit(_:lambdas:)`, what tuning uses)
/// must be, node for node, the trees grown one at a time.
struct LockstepTests {
    /// A tree as nested text, in child order, with every number exact: two
    /// trees have the same form exactly when they are the same tree,
    /// whatever the order of their nodes in the flat array.
    func form(_ tree: MultitaskTree, _ n: Int = 0) -> String {
        let node = tree.nodes[n]
        let tasks = tree.schema.tasks.indices
        var text = "(\(node.weight) \(tasks.map { Array(tree.counts(node: n, task: $0)) })"
        if let test = node.test {
            text += " \(test) score \(node.score) gains \(tasks.map { tree.gain(node: n, task: $0) })"
            for c in node.children { text += " " + form(tree, c) }
        }
        return text + ")"
    }

    func expectSameTrees(_ data: Dataset, _ lambdas: [LambdaSpecification], _ configuration: InductionConfiguration) throws {
        let together = try TreeInducer(configuration: configuration).fit(data, lambdas: lambdas)
        #expect(together.count == lambdas.count)
        for (spec, tree) in zip(lambdas, together) {
            var alone = configuration
            alone.lambda = spec
            let single = try TreeInducer(configuration: alone).fit(data)
            let same = form(tree) == form(single)  // compared first: the forms are long
            #expect(same, "the tree grown with others differs from the one grown alone at λ \(spec)")
            #expect(tree.lambdas == single.lambdas)
            #expect(tree.configuration == single.configuration)
        }
    }

    static let grid = [0, 0.125, 0.25, 0.5, 1, 2, 4].map { LambdaSpecification(shared: $0) }

    /// Two draws of the data for each criterion (there were three: the third
    /// cost about a sixth of this suite's time). Each case grows the whole
    /// grid and a per-task λ together, where the members part ways at many
    /// nodes; the tests below add a larger tree grown on workers, more
    /// members than one batch holds, and the count of shared nodes.
    @Test(arguments: [1, 2] as [UInt64], [InductionConfiguration.Criterion.gain, .gainRatio])
    func gridTreesEqualTreesGrownAlone(seed: UInt64, criterion: InductionConfiguration.Criterion) throws {
        // Missing inputs (fractional weights) and missing labels, numeric and nominal inputs.
        let data = try TestData.random(seed: seed, rows: 300, missing: 0.1, labelMissing: 0.1)
        let perTask = LambdaSpecification(shared: 0.5, perTask: ["task1": 0, "task2": 3])
        try expectSameTrees(data, Self.grid + [perTask], InductionConfiguration(criterion: criterion, threads: 1))
    }

    @Test func equalWithSubtreesOnWorkersAndADepthLimit() throws {
        // Big enough that the top is grown breadth first (nodes above 2,048
        // rows) and subtrees go to workers.
        let data = try TestData.random(seed: 7, rows: 2500, numeric: 3, nominal: 1, tasks: 3)
        let lambdas = [0, 0.5, 2].map { LambdaSpecification(shared: $0) }
        try expectSameTrees(data, lambdas, InductionConfiguration(minLeafWeight: 5, threads: 2))
        try expectSameTrees(data, lambdas, InductionConfiguration(minLeafWeight: 5, maxDepth: 4, threads: 2))
    }

    @Test func moreTreesThanOneBatchHolds() throws {
        let data = try TestData.random(seed: 5, rows: 100)
        let lambdas = (0 ..< _Members.capacity + 6).map { LambdaSpecification(shared: Double($0) / 16) }
        try expectSameTrees(data, lambdas, InductionConfiguration(threads: 1))
    }

    /// Each distinct path from the root (the tests taken) is a node expanded
    /// once, however many trees reach it.
    func paths(_ tree: MultitaskTree, _ n: Int = 0, _ prefix: String = "", into set: inout Set<String>) {
        set.insert(prefix)
        guard let test = tree.nodes[n].test else { return }
        for (i, c) in tree.nodes[n].children.enumerated() { paths(tree, c, prefix + "/\(test)#\(i)", into: &set) }
    }

    @Test func sharedNodesAreExpandedOnce() throws {
        let data = try TestData.random(seed: 3, rows: 800)
        var configuration = InductionConfiguration(threads: 1)
        let trees = try TreeInducer(configuration: configuration).fit(data, lambdas: Self.grid)
        var union = Set<String>()
        for tree in trees { paths(tree, into: &union) }
        let total = trees.reduce(0) { $0 + $1.nodeCount }
        // The forest's grown nodes, counted inside the inducer.
        let schema = TreeSchema(data)
        let resolved = try Self.grid.map { try $0.resolve(tasks: schema.tasks.map(\.name), mainTask: schema.mainTaskName) }
        let training = _TrainingData(data, schema: schema, members: resolved)
        configuration.lambda = Self.grid[0]
        let forest = TreeInducer(configuration: configuration).grow(training, lists: training.rootLists(threads: 1), threads: 1)
        let grown = forest.top.nodes.count + forest.subtrees.reduce(0) { $0 + $1.nodes.count - 1 }
        #expect(grown == union.count)
        #expect(union.count < total, "the grid's trees share nodes (\(union.count) of \(total))")
    }
}
