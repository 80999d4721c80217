/// The numbers a model file may hold: what ``MultitaskTree/init(json:reader:path:)``
/// checks once the tree's structure (indices, names, counts per task) is read.
///
/// Every number a tree is used through must be one training could have
/// written: prediction divides by node weights and count totals, printing by
/// scores. A hand-edited or corrupted file that breaks one of these rules is
/// refused with the member's path, instead of printing probabilities above 1
/// or shares of `inf%`.
extension MultitaskTree {
    /// Relative slack for sums that training computes in a different order
    /// than this check (a node's counts against its weight, children against
    /// their parent, a score against its gains).
    static let _sumTolerance = 1e-9

    /// Checks the configuration, λ, weights, counts, gains and scores.
    ///
    /// - Throws: ``MTLError`` (`.badData`) naming the first impossible number by its member path.
    /// - Complexity: O(nodes × (tasks + classes)).
    func validateNumbers(_ r: _ModelReader, path: String) throws {
        let T = schema.tasks.count
        let c = configuration
        guard c.minLeafWeight > 0 else {
            throw r.error("\(path).configuration.min_leaf: \(JSONValue.format(c.minLeafWeight)) is not a positive number")
        }
        if let depth = c.maxDepth, depth < 0 { throw r.error("\(path).configuration.max_depth: \(depth) is negative") }
        guard c.lambda.shared >= 0 else {
            throw r.error("\(path).configuration.lambda_shared: \(JSONValue.format(c.lambda.shared)) is negative")
        }
        for (name, value) in c.lambda.perTask.sorted(by: { $0.key < $1.key }) where value < 0 {
            throw r.error("\(path).configuration.lambda_per_task.\(name): \(JSONValue.format(value)) is negative")
        }
        for (t, λ) in lambdas.enumerated() where λ < 0 {
            throw r.error("\(path).lambda.\(schema.tasks[t].name): \(JSONValue.format(λ)) is negative")
        }
        for n in nodes.indices {
            let p = "\(path).nodes[\(n)]"
            let node = nodes[n]
            guard node.weight >= 0 else { throw r.error("\(p).weight: \(JSONValue.format(node.weight)) is negative") }
            let slack = 1 + Self._sumTolerance
            for t in 0 ..< T {
                // Counts are non-negative (checked as read); their total is the labelled part of the weight.
                // A numeric task keeps its labelled weight (then mean and variance, finite as read).
                let total = labelledWeight(node: n, task: t)
                guard total.isFinite else { throw r.error("\(p).counts[\(t)]: the counts add up to more than the largest number") }
                guard total <= node.weight * slack else {
                    throw r.error(
                        "\(p).counts[\(t)]: the counts add up to \(JSONValue.format(total)), more than the node's weight \(JSONValue.format(node.weight))")
                }
            }
            guard !node.isLeaf else { continue }
            let below = node.children.reduce(0.0) { $0 + nodes[$1].weight }
            guard below <= node.weight * slack else {
                throw r.error(
                    "\(p).children: the children weigh \(JSONValue.format(below)) together, more than the node's weight \(JSONValue.format(node.weight))")
            }
            var sum = 0.0
            for t in 0 ..< T {
                // A gain is never negative, but subtraction may leave rounding noise below 0.
                guard gain(node: n, task: t) >= -Self._sumTolerance else {
                    throw r.error("\(p).gains[\(t)]: \(JSONValue.format(gain(node: n, task: t))) is negative")
                }
                sum += gain(node: n, task: t) * lambdas[t]
            }
            guard node.score > 0, sum.isFinite, abs(node.score - sum) <= Self._sumTolerance * max(node.score, abs(sum)) else {
                throw r.error(
                    "\(p).score: \(JSONValue.format(node.score)) is not a positive number equal to the gains weighted by λ (\(JSONValue.format(sum)))")
            }
        }
    }
}
