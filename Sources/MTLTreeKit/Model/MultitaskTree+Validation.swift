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

extension MultitaskTree {
    /// Checks that the parts describe one tree (see
    /// ``init(schema:configuration:lambdas:nodes:classCounts:gains:taskStops:trainingData:)``):
    /// what prediction, printing and pruning index by, so that none of them
    /// can read out of bounds.
    ///
    /// - Throws: ``MTLError`` (`.usage`) naming the first part that does not fit.
    /// - Complexity: O(nodes × tasks + classCounts).
    func validateStructure() throws(MTLError) {
        func fail(_ message: String) -> MTLError { MTLError(.usage, "invalid tree: " + message) }
        let T = schema.tasks.count
        let N = nodes.count
        guard T > 0 else { throw fail("the schema has no tasks") }
        guard N > 0 else { throw fail("a tree needs a root node") }
        guard lambdas.count == T else { throw fail("\(lambdas.count) values of λ for \(T) tasks") }
        if let bad = lambdas.first(where: { !($0.isFinite && $0 >= 0) }) { throw fail("λ = \(bad) is not a finite non-negative number") }
        guard classCounts.count == N * schema.classStride else {
            throw fail("\(classCounts.count) class counts, expected \(N * schema.classStride) (nodes × the tasks' statistics)")
        }
        guard gains.count == N * T else { throw fail("\(gains.count) gains, expected \(N * T) (nodes × tasks)") }
        guard taskStops.isEmpty || taskStops.count == N * T else {
            throw fail("\(taskStops.count) task stops, expected none or \(N * T) (nodes × tasks)")
        }
        var hasParent = [Bool](repeating: false, count: N)
        for (n, node) in nodes.enumerated() {
            guard node.weight.isFinite, node.weight >= 0 else { throw fail("node \(n) weighs \(node.weight)") }
            guard let test = node.test else {
                guard node.childCount == 0 else { throw fail("node \(n) has children but no test") }
                continue
            }
            guard node.childCount >= 2, node.firstChild > n, node.firstChild <= N - node.childCount else {
                throw fail("node \(n) has an invalid child range (\(node.firstChild), \(node.childCount) children)")
            }
            for child in node.children {
                guard !hasParent[child] else { throw fail("node \(child) has two parents") }
                hasParent[child] = true
            }
            guard schema.attributes.indices.contains(test.attribute) else {
                throw fail("node \(n) tests attribute \(test.attribute), of \(schema.attributes.count)")
            }
            let attribute = schema.attributes[test.attribute]
            switch test {
            case .numeric:
                guard attribute.type == .numeric, node.childCount == 2 else {
                    throw fail("node \(n)'s numeric test needs a numeric attribute and 2 children")
                }
            case .nominal(_, let branches):
                guard attribute.type == .nominal, branches.count == node.childCount,
                    branches.allSatisfy({ $0 >= 0 && Int($0) < attribute.values.count })
                else { throw fail("node \(n)'s nominal test needs a nominal attribute and one of its values per child") }
            }
        }
        if let orphan = (1 ..< N).first(where: { !hasParent[$0] }) { throw fail("no node has node \(orphan) as its child") }
    }
}
