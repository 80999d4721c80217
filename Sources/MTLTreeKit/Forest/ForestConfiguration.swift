import Foundation

/// How a multitask forest is grown: how many trees, how many attributes each
/// node searches, the seed of its randomness, and the options of its trees.
public struct ForestConfiguration: Sendable, Equatable {
    /// How many attributes each node of a forest's trees draws at random and searches.
    public enum AttributesPerNode: Sendable, Equatable, CustomStringConvertible {
        /// ⌊√A⌋ of the A attributes (at least 1): Breiman's default for classification.
        case sqrt
        /// ⌊log₂ A⌋ (at least 1).
        case log2
        /// Every attribute: bagged trees, without random subspaces.
        case all
        /// A fixed number (at most A).
        case count(Int)
        /// A fraction F of the attributes, 0 < F ≤ 1: ⌊F · A⌋ (at least 1).
        case fraction(Double)

        /// Parses `sqrt`, `log2`, `all`, a whole number K ≥ 1, or a fraction F in (0, 1] written with a point.
        public init?(_ text: String) {
            switch text {
            case "sqrt": self = .sqrt
            case "log2": self = .log2
            case "all": self = .all
            default:
                if let k = Int(text), k >= 1 {
                    self = .count(k)
                } else if text.contains("."), let f = Double(text), f > 0, f <= 1 {
                    self = .fraction(f)
                } else {
                    return nil
                }
            }
        }

        /// How many of `attributes` attributes a node searches (1 ... attributes; 0 when there are none).
        public func count(of attributes: Int) -> Int {
            guard attributes > 0 else { return 0 }
            let m: Int
            switch self {
            case .sqrt: m = Int(Double(attributes).squareRoot())
            case .log2: m = Int(Foundation.log2(Double(attributes)))
            case .all: m = attributes
            case .count(let k): m = k
            case .fraction(let f): m = Int(f * Double(attributes))
            }
            return min(attributes, max(1, m))
        }

        /// As written on the command line and in a model file.
        public var description: String {
            switch self {
            case .sqrt: "sqrt"
            case .log2: "log2"
            case .all: "all"
            case .count(let k): String(k)
            case .fraction(let f): String(f)
            }
        }
    }

    /// How each leaf's class probabilities are estimated before the forest averages them.
    public enum LeafProbabilities: String, Sendable, Equatable, CaseIterable {
        /// Laplace-corrected: (count + 1) / (labelled + classes), as a single tree predicts.
        case laplace
        /// The raw frequencies count / labelled (what scikit-learn's forests average).
        case frequency
    }

    /// The number of trees (at least 1).
    public var treeCount: Int
    /// The attributes each node searches.
    public var attributesPerNode: AttributesPerNode
    /// The seed of the bootstrap samples and the attribute draws; the same
    /// seed grows the same forest, whatever the number of threads.
    public var seed: UInt64
    /// How leaves estimate the probabilities the forest averages (a numeric task's mean is not affected).
    public var leafProbabilities: LeafProbabilities = .laplace
    /// The trees' criterion, λ, minimum leaf weight, depth limit and threads.
    /// The trees are not pruned (as in Breiman's random forests).
    public var tree: InductionConfiguration

    /// The largest seed: seeds are stored in the model file as exact JSON numbers.
    public static let maximumSeed: UInt64 = 1 << 53

    /// Creates a configuration.
    public init(
        treeCount: Int = 100, attributesPerNode: AttributesPerNode = .sqrt, seed: UInt64 = 1,
        tree: InductionConfiguration = InductionConfiguration()
    ) {
        self.treeCount = treeCount
        self.attributesPerNode = attributesPerNode
        self.seed = seed
        self.tree = tree
    }

    /// Checks the options.
    ///
    /// - Throws: ``MTLError`` (`.usage`) naming the first invalid option.
    func validate() throws {
        guard treeCount >= 1 else { throw MTLError(.usage, "a forest needs at least 1 tree, not \(treeCount)") }
        guard seed <= Self.maximumSeed else { throw MTLError(.usage, "the forest's seed must be at most 2^53, not \(seed)") }
        switch attributesPerNode {
        case .count(let k) where k < 1: throw MTLError(.usage, "each node must search at least 1 attribute, not \(k)")
        case .fraction(let f) where !(f > 0 && f <= 1): throw MTLError(.usage, "the fraction of attributes per node must be in (0, 1], not \(f)")
        default: break
        }
    }
}
