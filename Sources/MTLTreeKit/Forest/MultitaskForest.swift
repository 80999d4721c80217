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

/// A task's out-of-bag figures: each training row predicted by the trees
/// whose bootstrap sample left it out, so the forest is judged without
/// held-out data. A nominal task's accuracy; a numeric task's squared error,
/// RMSE and R².
public struct OutOfBagScore: Sendable, Equatable {
    /// The task's name.
    public var task: String
    /// Whether the task is numeric (its figures are ``squaredError`` and ``squaredDeviation``).
    public var isNumeric: Bool
    /// Rows whose out-of-bag prediction is the row's class (0 for a numeric task).
    public var correct: Int
    /// Rows with a label for the task and at least one tree that left them out.
    public var labelled: Int
    /// A numeric task's Σ (label − prediction)² over the ``labelled`` rows (0 for a nominal task).
    public var squaredError: Double
    /// A numeric task's Σ (label − mean label)² over the ``labelled`` rows (0 for a nominal task).
    public var squaredDeviation: Double

    /// Creates a nominal task's score.
    public init(task: String, correct: Int, labelled: Int) {
        self.task = task
        isNumeric = false
        self.correct = correct
        self.labelled = labelled
        squaredError = 0
        squaredDeviation = 0
    }

    /// Creates a numeric task's score.
    public init(task: String, labelled: Int, squaredError: Double, squaredDeviation: Double) {
        self.task = task
        isNumeric = true
        correct = 0
        self.labelled = labelled
        self.squaredError = squaredError
        self.squaredDeviation = squaredDeviation
    }

    /// `correct / labelled`, or `nil` for a numeric task or with no row to judge.
    public var accuracy: Double? { !isNumeric && labelled > 0 ? Double(correct) / Double(labelled) : nil }

    /// What λ is chosen by: `1 − accuracy`, or a numeric task's mean squared
    /// error; `nil` with no row to judge.
    public var error: Double? {
        guard labelled > 0 else { return nil }
        return isNumeric ? squaredError / Double(labelled) : 1 - Double(correct) / Double(labelled)
    }

    /// A numeric task's root mean squared error, or `nil`.
    public var rmse: Double? { isNumeric && labelled > 0 ? (squaredError / Double(labelled)).squareRoot() : nil }

    /// A numeric task's R², 1 − squared error / squared deviation (`nil` for a
    /// nominal task, with no row, or when every label is the same).
    public var rSquared: Double? { isNumeric && labelled > 0 && squaredDeviation > 0 ? 1 - squaredError / squaredDeviation : nil }
}
