/// How a tree is pruned after growth, and how it was.
///
/// Two steps, either of which may be off (see ``MultitaskTree/pruned(_:)``):
/// C4.5's pessimistic error-based pruning of the shared tree on the main
/// task, with confidence factor ``confidence``; then, with ``perTask``, each
/// task's own pruned view, its predictions stopping at the node where its
/// estimated error stops improving.
///
/// ```swift
/// let tree = try TreeInducer().fit(dataset).pruned(.default)
/// ```
public struct PruningConfiguration: Sendable, Equatable {
    /// C4.5's confidence factor CF for pessimistic error pruning on the main
    /// task, in (0, 1], or `nil` when the shared tree was not pruned. Smaller
    /// values make the estimates more pessimistic and prune more.
    public var confidence: Double?
    /// Whether each task got its own pruned view of the tree (its predictions
    /// stopping at the node where its estimated error stops improving).
    public var perTask: Bool

    /// Creates a pruning configuration.
    public init(confidence: Double? = nil, perTask: Bool = false) {
        self.confidence = confidence
        self.perTask = perTask
    }

    /// No pruning.
    public static let none = PruningConfiguration()

    /// What `mtltree train` does unless told `--no-prune`: C4.5's default
    /// confidence factor 0.25 on the main task, then per-task pruning.
    public static let `default` = PruningConfiguration(confidence: 0.25, perTask: true)

    /// Whether the configuration prunes anything.
    public var isEnabled: Bool { confidence != nil || perTask }

    /// Checks the confidence factor.
    ///
    /// ``MultitaskTree/pruned(_:)`` checks it too; call this first to refuse
    /// a value a user typed before any tree is grown.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if the confidence factor is not in (0, 1].
    public func validate() throws(MTLError) {
        if let confidence, !(confidence > 0 && confidence <= 1) {
            throw MTLError(.usage, "the confidence factor must be a number in (0, 1], not \(formatNumber(confidence))")
        }
    }

    /// As stored in a model file.
    var json: JSONValue {
        .object([("confidence", confidence.map(JSONValue.number) ?? .null), ("per_task", .bool(perTask))])
    }

    /// Reads the model file's form; a missing member means no pruning.
    init(json: JSONValue?, reader r: _ModelReader, path: String) throws {
        guard let json, json != .null else {
            self = .none
            return
        }
        confidence = try json["confidence"].flatMap { $0 == .null ? nil : try r.number($0, "\(path).confidence") }
        perTask = json["per_task"]?.boolValue ?? false
        if let confidence, !(confidence > 0 && confidence <= 1) {
            throw r.error("\(path).confidence: \(formatNumber(confidence)) is not in (0, 1]")
        }
    }
}
