/// A multitask forest: trees grown with the same λ-weighted score, each on
/// a bootstrap sample of the rows and searching a random subset of the
/// attributes at each node. Every tree predicts every task; the forest
/// averages each task's class probabilities over its trees.
///
/// ```swift
/// var configuration = ForestConfiguration(treeCount: 100)
/// configuration.tree.lambda = LambdaSpecification(shared: 0.5)
/// let forest = try ForestInducer(configuration: configuration).fit(dataset)
/// print(forest.outOfBag.map(\.accuracy))
/// let predictions = try forest.predict(newData)
/// ```
public struct MultitaskForest: Sendable, Equatable {
    /// The trees, in the order of their bootstrap samples (tree i's sample
    /// is drawn from ``ForestConfiguration/seed`` and i).
    public var trees: [MultitaskTree]
    /// The options the forest was grown with (its trees' λ in ``ForestConfiguration/tree``).
    public var configuration: ForestConfiguration
    /// Each task's out-of-bag accuracy on the training data, in ``schema`` task order.
    public var outOfBag: [OutOfBagScore]

    /// Creates a forest from its parts.
    public init(trees: [MultitaskTree], configuration: ForestConfiguration, outOfBag: [OutOfBagScore]) {
        precondition(!trees.isEmpty, "a forest has at least one tree")
        self.trees = trees
        self.configuration = configuration
        self.outOfBag = outOfBag
    }

    /// The attributes and tasks (every tree's).
    public var schema: TreeSchema { trees[0].schema }

    /// λ of each task, in ``schema`` task order (every tree's).
    public var lambdas: [Double] { trees[0].lambdas }

    /// The name and row count of the training data.
    public var trainingData: (name: String, rows: Int) { trees[0].trainingData }

    /// The number of nodes over all trees.
    public var nodeCount: Int { trees.reduce(0) { $0 + $1.nodeCount } }
}

/// A task's out-of-bag accuracy: each training row predicted by the trees
/// whose bootstrap sample left it out, so the forest is judged without held-out data.
public struct OutOfBagScore: Sendable, Equatable {
    /// The task's name.
    public var task: String
    /// Rows whose out-of-bag prediction is the row's class.
    public var correct: Int
    /// Rows with a label for the task and at least one tree that left them out.
    public var labelled: Int

    /// Creates a score.
    public init(task: String, correct: Int, labelled: Int) {
        self.task = task
        self.correct = correct
        self.labelled = labelled
    }

    /// `correct / labelled`, or `nil` with no row to judge.
    public var accuracy: Double? { labelled > 0 ? Double(correct) / Double(labelled) : nil }

    /// `1 − accuracy`, or `nil` with no row to judge.
    public var error: Double? { accuracy.map { 1 - $0 } }
}
