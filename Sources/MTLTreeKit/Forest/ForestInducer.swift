/// Grows a ``MultitaskForest``: N multitask trees, each on a bootstrap sample
/// of the rows, with the same inducer and λ-weighted score as a single tree.
///
/// The data are laid out, and every numeric attribute sorted, once; each
/// tree's sorted lists are taken from that order in O(rows). Each node of a
/// tree searches a random subset of the attributes
/// (``ForestConfiguration/attributesPerNode``). Trees grow in parallel, one
/// per thread; each tree's sample and draws come from the seed and the
/// tree's position, so the forest is the same for any thread count.
public struct ForestInducer: Sendable {
    /// The number of trees, the attribute draw, the seed, and the trees' options.
    public var configuration: ForestConfiguration

    /// Creates an inducer.
    public init(configuration: ForestConfiguration = ForestConfiguration()) {
        self.configuration = configuration
    }

    /// Grows a forest on `dataset`'s input and task columns, with λ from
    /// ``ForestConfiguration/tree``, and computes its out-of-bag accuracy.
    ///
    /// - Parameter dataset: Data with at least one task column and one row.
    /// - Returns: The forest (unpruned trees).
    /// - Throws: ``MTLError`` (`.usage`) for a dataset without tasks or rows, or invalid options.
    /// - Complexity: One sort per numeric attribute, then per tree O(rows ×
    ///   numeric attributes) for its sample's lists plus the tree's growth
    ///   over the attributes drawn.
    public func fit(_ dataset: Dataset) throws -> MultitaskForest {
        try fit(dataset, lambdas: [configuration.tree.lambda])[0]
    }

    /// Grows one forest per λ specification, every forest's tree i on the
    /// same bootstrap sample and with the same attribute draws (for choosing
    /// λ by out-of-bag error): the trees of one sample grow together, each
    /// node they share expanded once (as ``TreeInducer/fit(_:lambdas:)`` does).
    ///
    /// - Parameters:
    ///   - dataset: Data with at least one task column and one row.
    ///   - lambdas: The λ specifications, one forest each.
    /// - Returns: The forests, in the order of `lambdas`, each with its out-of-bag accuracy.
    /// - Throws: ``MTLError`` as ``fit(_:)`` does.
    /// - Complexity: As ``fit(_:)``, with the union of the λ's trees' nodes grown.
    public func fit(_ dataset: Dataset, lambdas specifications: [LambdaSpecification]) throws -> [MultitaskForest] {
        try fitMeasured(dataset, lambdas: specifications).map(\.forest)
    }

    /// ``fit(_:lambdas:)``, with each forest's out-of-bag predictions of
    /// `dataset`'s rows and per row the number of trees that predicted it
    /// (0: every tree's sample drew the row).
    func fitMeasured(
        _ dataset: Dataset, lambdas specifications: [LambdaSpecification]
    ) throws -> [(forest: MultitaskForest, outOfBag: Predictions, votes: [Int32])] {
        try configuration.validate()
        let schema = TreeSchema(dataset)
        let tree = configuration.tree
        guard !schema.tasks.isEmpty else {
            throw MTLError(.usage, "no tasks: name the task columns (columns: \(dataset.columns.map(\.name).joined(separator: ", ")))")
        }
        guard dataset.rowCount > 0 else { throw MTLError(.badData, "'\(dataset.name)' has no rows to learn from") }
        try schema.checkEveryNominalTaskHasAClass()
        guard dataset.rowCount < _SortedEntry.maximumRows else {
            throw MTLError(.badData, "'\(dataset.name)' has \(dataset.rowCount) rows; mtltree learns from at most \(_SortedEntry.maximumRows - 1)")
        }
        guard tree.minLeafWeight > 0, tree.minLeafWeight.isFinite else {
            throw MTLError(.usage, "the minimum leaf weight must be a positive number, not \(tree.minLeafWeight)")
        }
        if let d = tree.maxDepth, d < 0 { throw MTLError(.usage, "the maximum depth must be ≥ 0, not \(d)") }
        let resolved = try specifications.map { try $0.resolve(tasks: schema.tasks.map(\.name), mainTask: schema.mainTaskName) }
        guard !resolved.isEmpty else { return [] }
        let trees = grow(dataset, schema: schema, specifications: specifications, resolved: resolved)
        let configurations = specifications.map { spec in
            var c = configuration
            c.tree.lambda = spec
            return c
        }
        // One out-of-bag pass for every λ's forest: the same samples, the rows laid out once.
        let outOfBag = try MultitaskForest.outOfBagPredictions(
            forests: trees, seed: configuration.seed, leaves: configuration.leafProbabilities, dataset: dataset,
            threads: max(1, tree.threads))
        return trees.indices.map { f in
            let (predictions, votes) = outOfBag[f]
            let scores = MultitaskForest.scores(predictions, votes: votes, dataset: dataset)
            return (MultitaskForest(trees: trees[f], configuration: configurations[f], outOfBag: scores), predictions, votes)
        }
    }

    /// Every λ's trees, tree i of each grown on sample i: per λ, the N trees in order.
    private func grow(
        _ dataset: Dataset, schema: TreeSchema, specifications: [LambdaSpecification], resolved: [[Double]]
    ) -> [[MultitaskTree]] {
        let threads = max(1, configuration.tree.threads)
        let n = dataset.rowCount
        let attributes = schema.attributes.count
        let m = configuration.attributesPerNode.count(of: attributes)
        let draw = m < attributes ? _AttributeDraw(count: m) : nil
        let inducer = TreeInducer(configuration: configuration.tree)
        let batches = stride(from: 0, to: resolved.count, by: _Members.capacity).map { $0 ..< min(resolved.count, $0 + _Members.capacity) }
        var data = _TrainingData(dataset, schema: schema, members: Array(resolved[batches[0]]))
        let rowWeights = data.weights.allSatisfy { $0 == 1 } ? [] : data.weights
        // Sorted once; every tree's lists are filtered from these.
        let rootLists = data.rootLists(threads: threads)
        var result = [[MultitaskTree]](repeating: [], count: resolved.count)
        for batch in batches {
            data.setMembers(Array(resolved[batch]))
            let batchData = data
            // One tree per worker: each tree alone is grown on one thread.
            let perSample = parallelMap(configuration.treeCount, threads: threads) { i -> [MultitaskTree] in
                let sample = _BootstrapSample(rows: n, seed: configuration.seed, tree: i)
                let treeSample = sample.treeSample(rowWeights: rowWeights, attributeDraw: draw)
                let lists = rootLists.sampled(sample.multiplicity, rows: treeSample.rows.count)
                var grown = inducer.grow(batchData, lists: lists, threads: 1, sample: treeSample)
                return batch.enumerated().map { k, j in
                    var treeConfiguration = configuration.tree
                    treeConfiguration.lambda = specifications[j]
                    var laid = grown.layOut(member: k, data: batchData, consuming: k == batch.count - 1)
                    // Numeric tasks: (W, Σwy, Σwy²) of the centred values become weight, mean and variance.
                    batchData.summarizeNumericTasks(&laid.counts)
                    return MultitaskTree(
                        uncheckedSchema: schema, configuration: treeConfiguration, lambdas: resolved[j], nodes: laid.nodes,
                        classCounts: laid.counts, gains: laid.gains, trainingData: (dataset.name, n))
                }
            }
            for (k, j) in batch.enumerated() { result[j] = perSample.map { $0[k] } }
        }
        return result
    }
}
