/// How a tree was pruned after growth.
public struct PruningConfiguration: Sendable, Equatable {
    /// C4.5's confidence factor for pessimistic error pruning on the main
    /// task, or `nil` when the shared tree was not pruned.
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
    }
}
