extension TreePrinter {
    /// The tree as one IF-THEN rule per leaf, leaves in drawing order:
    ///
    /// ```
    /// IF outlook = sunny AND humidity ≤ 77.5 THEN play = yes [0.75, n=2]; indoor = no [0.75]
    /// ```
    ///
    /// The conditions are the tests on the path from the root, one per
    /// attribute: several tests of one numeric attribute become its tightest
    /// bounds (`x > 3 AND x ≤ 7`). After `THEN` come every shown task's class
    /// and confidence, the main task (or `options.task`) first with `n=`, the
    /// leaf's weight. A task pruned at an internal node gets that node's class
    /// in every rule below it. With `options.maxDepth`, a node at the cut
    /// becomes a rule of its own, predicting from its own counts, and says how
    /// much of the tree it stands for. Values with spaces or operator
    /// characters are quoted. A tree that is a single leaf gives `IF TRUE THEN …`.
    ///
    /// - Returns: The rules, one per line, ending in a newline.
    /// - Complexity: O(leaves × (depth + tasks × classes)).
    public func rules() -> String {
        var out = ""
        withLargeStack { ruleNode(0, depth: 0, path: _RulePath(), descent: rootDescent, into: &out) }  // one frame per level
        return out
    }

    private func ruleNode(_ n: Int, depth: Int, path: _RulePath, descent: _Descent, into out: inout String) {
        var descent = descent
        _ = enter(n, &descent)
        let node = tree.nodes[n]
        if node.isLeaf || isCut(n, depth: depth, descent) {
            // A cut node's remaining tasks predict from the node itself, as if it were a leaf.
            let cutByDepth = !node.isLeaf && !descent.isSettled
            _ = enter(n, &descent, stop: true)
            var rule = "IF " + conditions(path) + " THEN "
            rule += descent.settled.compactMap { $0 }.map { p in
                let task = tree.schema.tasks[p.task]
                if let mean = p.mean {
                    var text = ruleValue(task.name) + " = " + significant(mean)
                    if p.inherited { text += symbols.inherited }
                    return text + " [±" + significant(p.spread) + ", n=" + readableWeight(p.total) + "]"
                }
                var text = ruleValue(task.name) + " = " + ruleValue(task.classes[p.classIndex])
                if p.inherited { text += symbols.inherited }
                text += " [" + fixed(p.probability, 2)
                if p.task == shownTasks[0] { text += ", n=" + readableWeight(node.weight) }
                return text + "]"
            }.joined(separator: "; ")
            if cutByDepth { rule += " (cut: " + hiddenText(below: n) + " below)" }
            out += rule + "\n"
            return
        }
        for (i, child) in node.children.enumerated() {
            var childPath = path
            switch node.test {
            case .numeric(let a, let threshold)?:
                childPath.add(attribute: a)
                if i == 0 {
                    childPath.upper[a] = min(childPath.upper[a] ?? .infinity, threshold)
                } else {
                    childPath.lower[a] = max(childPath.lower[a] ?? -.infinity, threshold)
                }
            case .nominal(let a, _)?:
                childPath.add(attribute: a)
                childPath.value[a] = branch(of: n, child: i).value
            case nil:
                break
            }
            ruleNode(child, depth: depth + 1, path: childPath, descent: descent, into: &out)
        }
    }

    /// `outlook = sunny AND humidity > 70 AND humidity ≤ 77.5`, or `TRUE` for the root.
    private func conditions(_ path: _RulePath) -> String {
        guard !path.attributes.isEmpty else { return "TRUE" }
        var parts: [String] = []
        for a in path.attributes {
            let name = ruleValue(tree.schema.attributes[a].name)
            if let value = path.value[a] { parts.append(name + " = " + ruleValue(value)) }
            if let lower = path.lower[a] { parts.append(name + " > " + readableNumber(lower)) }
            if let upper = path.upper[a] { parts.append(name + " " + symbols.lessOrEqual + " " + readableNumber(upper)) }
        }
        return parts.joined(separator: " AND ")
    }

    /// A name or value as written in a rule: quoted when it is empty or holds
    /// spaces or characters that would read as part of the rule.
    func ruleValue(_ s: String) -> String {
        let text = printable(s)
        let special: Set<Character> = ["\"", "=", "<", ">", "≤", ";", "[", "]", "(", ")", "'"]
        guard text.isEmpty || text.contains(where: { $0.isWhitespace || special.contains($0) }) else { return text }
        var quoted = "\""
        for c in text { quoted += c == "\"" ? "\\\"" : String(c) }
        return quoted + "\""
    }
}

/// The conditions on the way to a node: per attribute, in the order first
/// tested, its nominal value or its numeric bounds.
struct _RulePath {
    var attributes: [Int] = []
    var value: [Int: String] = [:]
    var lower: [Int: Double] = [:]
    var upper: [Int: Double] = [:]

    mutating func add(attribute a: Int) {
        if !attributes.contains(a) { attributes.append(a) }
    }
}
