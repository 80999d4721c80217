/// How a tree is grown: the split criterion, the task weights λ, and when to stop.
public struct InductionConfiguration: Sendable, Equatable {
    /// How candidate splits are compared.
    public enum Criterion: String, Sendable, CaseIterable {
        /// C4.5's gain ratio: the combined gain over the split information,
        /// among the candidates whose combined gain is at least average.
        case gainRatio = "gain-ratio"
        /// ID3's information gain: the combined gain itself.
        case gain
    }

    /// The split criterion; gain ratio by default, as in C4.5.
    public var criterion: Criterion = .gainRatio
    /// The weight of each extra task, by name and shared; see ``LambdaSpecification``.
    public var lambda = LambdaSpecification()
    /// The least weight a branch may hold (C4.5's `-M`); a node below twice this is a leaf.
    public var minLeafWeight: Double = 2
    /// The deepest a node may be (the root is at depth 0); `nil` for no limit.
    public var maxDepth: Int?
    /// Threads to use; results are bit-identical whatever the value.
    public var threads: Int = defaultThreadCount

    /// Creates a configuration.
    public init(
        criterion: Criterion = .gainRatio, lambda: LambdaSpecification = LambdaSpecification(),
        minLeafWeight: Double = 2, maxDepth: Int? = nil, threads: Int = defaultThreadCount
    ) {
        self.criterion = criterion
        self.lambda = lambda
        self.minLeafWeight = minLeafWeight
        self.maxDepth = maxDepth
        self.threads = threads
    }

    /// Equal when they grow the same tree (the thread count does not matter).
    public static func == (a: Self, b: Self) -> Bool {
        a.criterion == b.criterion && a.lambda == b.lambda && a.minLeafWeight == b.minLeafWeight
            && a.maxDepth == b.maxDepth
    }
}

/// The number of threads to use by default: the machine's active processors, at most 8.
public let defaultThreadCount: Int = max(1, min(8, _activeProcessorCount()))

/// The weights λ of the extra tasks.
///
/// The main task always weighs 1. An extra task weighs its own value in
/// ``perTask`` if given, else ``shared``. With no main task every task weighs
/// 1 (a plain multi-output tree), and λ values are ignored.
public struct LambdaSpecification: Sendable, Equatable {
    /// λ for every extra task without its own value. 0 gives single-task learning (STL).
    public var shared: Double
    /// λ for particular extra tasks, by name.
    public var perTask: [String: Double]

    /// Creates a λ specification.
    public init(shared: Double = 1, perTask: [String: Double] = [:]) {
        self.shared = shared
        self.perTask = perTask
    }

    /// The λ of each of `tasks` (names, main task first if `hasMain`).
    ///
    /// - Throws: ``MTLError`` (`.usage`) if a per-task λ names no extra task, or a λ is negative or not finite.
    public func resolve(tasks: [String], mainTask: String?) throws -> [Double] {
        for (name, value) in perTask {
            guard value.isFinite, value >= 0 else { throw MTLError(.usage, "λ for '\(name)' must be a finite number ≥ 0, not \(value)") }
            guard tasks.contains(name) else {
                throw MTLError.unknownColumn(name, available: tasks, option: "given a λ")
            }
            if name == mainTask { throw MTLError(.usage, "'\(name)' is the main task; its λ is always 1") }
        }
        guard shared.isFinite, shared >= 0 else { throw MTLError(.usage, "λ must be a finite number ≥ 0, not \(shared)") }
        guard let mainTask else { return tasks.map { _ in 1 } }
        return tasks.map { $0 == mainTask ? 1 : perTask[$0] ?? shared }
    }
}
