/// A multitask decision tree: one tree whose every leaf predicts every task.
///
/// Stored flat, as arrays indexed by node number: `nodes[0]` is the root, and
/// the children of a node are contiguous (`firstChild ..< firstChild + childCount`).
/// Every node, internal or leaf, keeps each task's weighted class counts
/// (for missing-value prediction, pruning and printing) and every internal
/// node each task's gain.
public struct MultitaskTree: Sendable, Equatable {
    /// The test at an internal node.
    public enum SplitTest: Sendable, Equatable {
        /// `attribute ≤ threshold` goes to the first child, `> threshold` to the second.
        case numeric(attribute: Int, threshold: Double)
        /// One child per value present at the node: child `i` takes value code `branches[i]`.
        case nominal(attribute: Int, branches: [Int32])

        /// The attribute tested.
        public var attribute: Int {
            switch self {
            case .numeric(let a, _), .nominal(let a, _): a
            }
        }
    }

    /// A node of the tree.
    public struct Node: Sendable, Equatable {
        /// The training weight that reached the node (fractional rows included).
        public var weight: Double
        /// The test, or `nil` for a leaf.
        public var test: SplitTest?
        /// The index of the first child (meaningless for a leaf).
        public var firstChild: Int
        /// The number of children; 0 for a leaf.
        public var childCount: Int
        /// The combined score Σ λ_t · Gain_t of the split (before any ratio); 0 for a leaf.
        public var score: Double

        /// Creates a node.
        public init(weight: Double, test: SplitTest? = nil, firstChild: Int = 0, childCount: Int = 0, score: Double = 0) {
            self.weight = weight
            self.test = test
            self.firstChild = firstChild
            self.childCount = childCount
            self.score = score
        }

        /// Whether the node is a leaf.
        public var isLeaf: Bool { childCount == 0 }

        /// The indices of the children.
        public var children: Range<Int> { firstChild ..< firstChild + childCount }
    }

    /// What the data and options were: needed to read, print and reuse the tree.
    public var schema: TreeSchema
    /// The options the tree was grown with.
    public var configuration: InductionConfiguration
    /// λ of each task, in ``TreeSchema/tasks`` order (the main task's is 1).
    public var lambdas: [Double]
    /// The nodes; `nodes[0]` is the root.
    public var nodes: [Node]
    /// Weighted class counts: node `n`, task `t`, class `k` at `n * schema.classStride + schema.classOffsets[t] + k`;
    /// a numeric task's weight, mean and variance at `k` = 0, 1, 2.
    public var classCounts: [Double]
    /// Each task's gain at each internal node: node `n`, task `t` at `n * tasks + t` (0 at leaves).
    public var gains: [Double]
    /// Per-task pruning: `true` at node `n`, task `t` (index `n * tasks + t`) when task
    /// `t`'s prediction stops at `n` although the node has children. Empty when unpruned.
    public var taskStops: [Bool]
    /// The name and row count of the training data.
    public var trainingData: (name: String, rows: Int)
    /// How the tree was pruned after growth (``PruningConfiguration/none`` if not).
    public var pruning: PruningConfiguration = .none

    /// Creates a tree from its parts, checking that they fit together.
    ///
    /// Trees come from ``TreeInducer`` or a model file; this initializer is
    /// for a program that builds one by other means. The parts must describe
    /// one tree laid out as the properties say: node 0 the root, every other
    /// node the child of exactly one node that comes before it, tests on
    /// attributes of the schema (a numeric one with two children, a nominal
    /// one with one known value per child), and the counts, gains, λ and
    /// per-task stops sized by the nodes and the schema's tasks.
    ///
    /// - Parameters:
    ///   - schema: The attributes and tasks.
    ///   - configuration: The options the tree was grown with.
    ///   - lambdas: λ of each task, finite and non-negative.
    ///   - nodes: The nodes, the root first.
    ///   - classCounts: Each node's statistics for each task (see ``classCounts``).
    ///   - gains: Each node's gain for each task, 0 at leaves.
    ///   - taskStops: Per-task stops (see ``taskStops``), or empty.
    ///   - trainingData: The name and row count of the training data.
    /// - Throws: ``MTLError`` (`.usage`) naming the first part that does not fit.
    /// - Complexity: O(nodes × tasks + classCounts).
    public init(
        schema: TreeSchema, configuration: InductionConfiguration, lambdas: [Double], nodes: [Node],
        classCounts: [Double], gains: [Double], taskStops: [Bool] = [], trainingData: (name: String, rows: Int)
    ) throws(MTLError) {
        self.init(
            uncheckedSchema: schema, configuration: configuration, lambdas: lambdas, nodes: nodes, classCounts: classCounts,
            gains: gains, taskStops: taskStops, trainingData: trainingData)
        try validateStructure()
    }

    /// Creates a tree from parts known to fit (grown, or read and checked from a model file).
    init(
        uncheckedSchema schema: TreeSchema, configuration: InductionConfiguration, lambdas: [Double], nodes: [Node],
        classCounts: [Double], gains: [Double], taskStops: [Bool] = [], trainingData: (name: String, rows: Int)
    ) {
        self.schema = schema
        self.configuration = configuration
        self.lambdas = lambdas
        self.nodes = nodes
        self.classCounts = classCounts
        self.gains = gains
        self.taskStops = taskStops
        self.trainingData = trainingData
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.schema == b.schema && a.configuration == b.configuration && a.lambdas == b.lambdas && a.nodes == b.nodes
            && a.classCounts == b.classCounts && a.gains == b.gains && a.taskStops == b.taskStops
            && a.trainingData == b.trainingData && a.pruning == b.pruning
    }

    /// Task `task`'s weighted class counts at node `node`; for a numeric
    /// task, its weight, mean and variance there (see ``summary(node:task:)``).
    public func counts(node: Int, task: Int) -> ArraySlice<Double> {
        let start = node * schema.classStride + schema.classOffsets[task]
        return classCounts[start ..< start + schema.tasks[task].statisticsWidth]
    }

    /// A numeric task's statistics at node `node`: the weight of the
    /// training rows labelled for it that reached the node, their weighted
    /// mean (the node's prediction) and their weighted (population) variance.
    ///
    /// - Precondition: Task `task` is numeric.
    public func summary(node: Int, task: Int) -> (weight: Double, mean: Double, variance: Double) {
        let c = counts(node: node, task: task)
        let o = c.startIndex
        return (c[o], c[o + 1], c[o + 2])
    }

    /// The weight of the training rows labelled for task `task` at node `node`.
    public func labelledWeight(node: Int, task: Int) -> Double {
        schema.tasks[task].isNumeric ? summary(node: node, task: task).weight : counts(node: node, task: task).reduce(0, +)
    }

    /// Task `task`'s gain at internal node `node` (before λ).
    public func gain(node: Int, task: Int) -> Double { gains[node * schema.tasks.count + task] }

    /// Whether task `task`'s predictions stop at `node` (a leaf, or pruned there for that task).
    public func isLeaf(node: Int, task: Int) -> Bool {
        nodes[node].isLeaf || (!taskStops.isEmpty && taskStops[node * schema.tasks.count + task])
    }

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    /// The number of leaves.
    public var leafCount: Int { nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) } }

    /// The depth of the deepest leaf (a lone root has depth 0).
    public var depth: Int {
        var depths = [Int](repeating: 0, count: nodes.count)
        var deepest = 0
        for n in nodes.indices where !nodes[n].isLeaf {
            for c in nodes[n].children {
                depths[c] = depths[n] + 1
                deepest = max(deepest, depths[c])
            }
        }
        return deepest
    }
}
