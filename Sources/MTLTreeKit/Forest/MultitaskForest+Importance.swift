/// Each attribute's importance in a forest, overall and per task.
///
/// An attribute's importance for task t is the sum, over every split on it in
/// every tree, of Gain_t at the split times the share of the tree's training
/// weight that reached the split (the mean decrease in impurity, in bits,
/// task by task); its combined importance weighs each task's by its λ, as the
/// trees' splits were chosen. Each column is normalised to sum to 1.
public struct AttributeImportance: Sendable, Equatable {
    /// The attribute names, in the schema's order.
    public var attributes: [String]
    /// The task names, in the schema's order.
    public var tasks: [String]
    /// Each attribute's share of the λ-weighted gain (summing to 1 unless no tree splits).
    public var combined: [Double]
    /// `perTask[t][a]`: attribute a's share of task t's own gain.
    public var perTask: [[Double]]

    /// The attribute indices by decreasing combined importance (ties in schema order).
    public var ranking: [Int] {
        attributes.indices.sorted { combined[$0] != combined[$1] ? combined[$0] > combined[$1] : $0 < $1 }
    }
}

extension MultitaskForest {
    /// Each attribute's combined and per-task importance (see ``AttributeImportance``).
    ///
    /// - Complexity: O(nodes × tasks).
    public var importance: AttributeImportance {
        let schema = schema
        let T = schema.tasks.count
        let A = schema.attributes.count
        var perTask = [[Double]](repeating: [Double](repeating: 0, count: A), count: T)
        var combined = [Double](repeating: 0, count: A)
        for tree in trees {
            let rootWeight = tree.nodes[0].weight
            guard rootWeight > 0 else { continue }
            for (n, node) in tree.nodes.enumerated() {
                guard let test = node.test else { continue }
                let share = node.weight / rootWeight
                for t in 0 ..< T {
                    let g = tree.gain(node: n, task: t) * share
                    perTask[t][test.attribute] += g
                    combined[test.attribute] += tree.lambdas[t] * g
                }
            }
        }
        func normalised(_ values: [Double]) -> [Double] {
            let total = values.reduce(0, +)
            return total > 0 ? values.map { $0 / total } : values
        }
        return AttributeImportance(
            attributes: schema.attributes.map(\.name), tasks: schema.tasks.map(\.name), combined: normalised(combined),
            perTask: perTask.map(normalised))
    }
}
