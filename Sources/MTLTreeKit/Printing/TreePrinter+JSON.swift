extension TreePrinter {
    /// The tree as nested JSON, complete enough to rebuild the drawing.
    ///
    /// Top level: `training_data` (`name`, `rows`), `tasks` (every task of the
    /// tree, main task first), `main_task` (or `null`), `lambda` (task → λ),
    /// `configuration` (`criterion`, `min_leaf`, `max_depth`, `pruning`),
    /// `size` (`nodes`, `leaves`, `depth`), and the root node under `tree`.
    ///
    /// Every node has `weight`. A child also has `branch` (`"≤ 75.5"`,
    /// `"= sunny"`), `operator` (`"<="`, `">"` or `"="`) and `value` (the
    /// threshold, a number, or the nominal value). An internal node has
    /// `attribute`, `threshold` (numeric tests only), `score` (the combined
    /// gain Σ λ_t · Gain_t, before any ratio), `gains` (task → Gain_t) and
    /// `children`; where `options.maxDepth` cuts, or no shown task goes
    /// further, `hidden` (`nodes`, `leaves`) stands for the children.
    /// `predictions` (task → `class`, `probability`, and `counts`, class →
    /// weight at the node) appear where a shown task's prediction is decided:
    /// at every leaf, and at an internal node for a task pruned there; a class
    /// taken from an ancestor, the node having no labelled rows, has
    /// `"inherited": true`. A numeric task's prediction has `value` (the
    /// mean), `sd` (the standard deviation) and `weight` (the labelled weight).
    ///
    /// Measured figures (weights, scores, gains, probabilities, means) are
    /// rounded to 12 significant digits (``JSONValue/measure(_:)``);
    /// thresholds are exact, as in the model file.
    ///
    /// - Returns: The document; ``JSONValue/serialized(pretty:compactDepth:)`` writes it.
    /// - Complexity: O(nodes × tasks × classes).
    package func json() -> JSONValue {
        jsonDocument()
    }

    /// The tree as a JSON document's text, as `mtltree print --format json` writes it.
    ///
    /// Top level: `training_data` (`name`, `rows`), `tasks` (every task of the
    /// tree, main task first), `main_task` (or `null`), `lambda` (task → λ),
    /// `configuration` (`criterion`, `min_leaf`, `max_depth`, `pruning`),
    /// `size` (`nodes`, `leaves`, `depth`), and the root node under `tree`;
    /// each node as the command line's reference describes.
    ///
    /// - Parameter pretty: Whether to indent the document, one member a line.
    /// - Returns: The JSON text.
    /// - Complexity: O(nodes × tasks × classes).
    public func jsonText(pretty: Bool = true) -> String {
        json().serialized(pretty: pretty)
    }

    /// The document ``json()`` returns.
    private func jsonDocument() -> JSONValue {
        let schema = tree.schema
        let configuration = tree.configuration
        return .object([
            ("training_data", .object([
                ("name", .string(tree.trainingData.name)), ("rows", .number(Double(tree.trainingData.rows))),
            ])),
            ("tasks", .array(schema.tasks.map { .string($0.name) })),
            ("main_task", schema.mainTaskName.map(JSONValue.string) ?? .null),
            ("lambda", .object(zip(schema.tasks, tree.lambdas).map { ($0.name, .number($1)) })),
            ("configuration", .object([
                ("criterion", .string(configuration.criterion.rawValue)),
                ("min_leaf", .number(configuration.minLeafWeight)),
                ("max_depth", configuration.maxDepth.map { .number(Double($0)) } ?? .null),
                ("pruning", tree.pruning.json),
            ])),
            ("size", .object([
                ("nodes", .number(Double(tree.nodeCount))), ("leaves", .number(Double(tree.leafCount))),
                ("depth", .number(Double(tree.depth))),
            ])),
            ("tree", withLargeStack { jsonNode(0, depth: 0, branch: [], descent: rootDescent) }),  // one frame per level
        ])
    }

    private func jsonNode(_ n: Int, depth: Int, branch: [(String, JSONValue)], descent: _Descent) -> JSONValue {
        var descent = descent
        let ended = enter(n, &descent)
        let node = tree.nodes[n]
        var members = branch
        members.append(("weight", .measure(node.weight)))
        if let test = node.test {
            members.append(("attribute", .string(schema.attributes[test.attribute].name)))
            if case .numeric(_, let threshold) = test { members.append(("threshold", .number(threshold))) }
            members.append(("score", .measure(node.score)))
            members.append(("gains", .object(schema.tasks.indices.map { (schema.tasks[$0].name, .measure(tree.gain(node: n, task: $0))) })))
        }
        if !ended.isEmpty {
            members.append(("predictions", .object(ended.map { (schema.tasks[$0.task].name, jsonPrediction($0, node: n)) })))
        }
        if isCut(n, depth: depth, descent) {
            let (nodes, leaves) = hiddenSize(below: n)
            members.append(("hidden", .object([("nodes", .number(Double(nodes))), ("leaves", .number(Double(leaves)))])))
        } else if !node.isLeaf {
            let children = node.children.enumerated().map { i, child -> JSONValue in
                let (op, text) = self.branch(of: n, child: i)
                var branch: [(String, JSONValue)] = [("branch", .string(op + " " + printable(text)))]
                switch node.test {
                case .numeric(_, let threshold)?:
                    branch += [("operator", .string(i == 0 ? "<=" : ">")), ("value", .number(threshold))]
                default:
                    branch += [("operator", .string("=")), ("value", .string(text))]
                }
                return jsonNode(child, depth: depth + 1, branch: branch, descent: descent)
            }
            members.append(("children", .array(children)))
        }
        return .object(members)
    }

    private var schema: TreeSchema { tree.schema }

    private func jsonPrediction(_ p: _Prediction, node n: Int) -> JSONValue {
        if let mean = p.mean {
            // A numeric task: the mean it predicts, its standard deviation and labelled weight.
            var members: [(String, JSONValue)] = [("value", .measure(mean)), ("sd", .measure(p.spread)), ("weight", .measure(p.total))]
            if p.inherited { members.append(("inherited", .bool(true))) }
            return .object(members)
        }
        let classes = schema.tasks[p.task].classes
        var members: [(String, JSONValue)] = [
            ("class", .string(classes[p.classIndex])),
            ("probability", .measure(p.probability)),
            ("counts", .object(zip(classes, tree.counts(node: n, task: p.task)).map { ($0, .measure($1)) })),
        ]
        if p.inherited { members.append(("inherited", .bool(true))) }
        return .object(members)
    }
}
