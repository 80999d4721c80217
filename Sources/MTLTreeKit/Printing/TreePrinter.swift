import Foundation

/// Shows a ``MultitaskTree`` for people and scripts: a text drawing, Graphviz
/// DOT, IF-THEN rules, or nested JSON.
///
/// Every format shows, for each task, the class the tree predicts where that
/// task's prediction is decided: at the leaves, or higher up for a task whose
/// predictions were pruned at an internal node (see
/// ``MultitaskTree/isLeaf(node:task:)``). A node with no labelled rows for a
/// task predicts it from its nearest ancestor that has some, as
/// ``MultitaskTree/predict(_:)`` does. The confidence of a prediction is the
/// Laplace-corrected probability of the predicted class, (n_k + 1) / (N + K).
///
/// ```swift
/// let printer = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 3))
/// print(printer.text())
/// ```
public struct TreePrinter: Sendable {
    /// The tree shown.
    public let tree: MultitaskTree
    /// What is shown and how.
    public let options: PrintOptions
    /// The tasks whose predictions are shown, in the tree's order (main task first).
    let shownTasks: [Int]
    let symbols: _Symbols

    /// Creates a printer.
    ///
    /// - Parameters:
    ///   - tree: The tree to show.
    ///   - options: What to show and how; see ``PrintOptions``.
    /// - Throws: ``MTLError`` (`.usage`) if `options.task` names no task of the
    ///   tree (the message lists the tasks and suggests the closest), or
    ///   `options.maxDepth` is negative.
    public init(tree: MultitaskTree, options: PrintOptions = PrintOptions()) throws {
        let names = tree.schema.tasks.map(\.name)
        if let name = options.task {
            guard let t = tree.schema.taskIndex(named: name) else {
                var message = "no task named '\(name)' in the model"
                message += closestMatch(to: name, in: names).map { "; did you mean '\($0)'?" } ?? "."
                throw MTLError(.usage, message + " Tasks: " + names.joined(separator: ", "))
            }
            shownTasks = [t]
        } else {
            shownTasks = Array(names.indices)
        }
        if let depth = options.maxDepth, depth < 0 {
            throw MTLError(.usage, "the maximum depth to print must be ≥ 0, not \(depth)")
        }
        self.tree = tree
        self.options = options
        symbols = options.ascii ? .ascii : .unicode
    }

    /// The deepest level any format draws (the root is level 0).
    ///
    /// A deeper tree (train can grow one thousands of levels deep on data
    /// whose classes alternate along a number) is cut there, as with
    /// ``PrintOptions/maxDepth``, and each cut is marked with the size of the
    /// subtree it hides. Every level widens a drawing, so one of thousands of
    /// levels is of no use to read, and would take minutes and gigabytes to
    /// draw; the model file holds the whole tree.
    public static let depthLimit = 1000

    /// The depth drawn to: `options.maxDepth`, at most ``depthLimit``.
    var drawnDepth: Int { min(options.maxDepth ?? .max, Self.depthLimit) }

    /// The tree in `format`, as text ending in a newline (JSON pretty-printed).
    ///
    /// - Complexity: O(nodes × tasks × classes).
    public func render(_ format: PrintFormat) -> String {
        switch format {
        case .text: text()
        case .dot: dot()
        case .json: withLargeStack { json().serialized(pretty: true) + "\n" }  // nested as deep as the tree
        case .rules: rules()
        }
    }

    /// Each task's gain at an internal node and its λ-weighted share of the node's combined score.
    ///
    /// The `weighted` values λ_t · Gain_t add up to the node's
    /// ``MultitaskTree/Node/score``; `share` is `weighted / score` (0 when the score is 0).
    ///
    /// - Parameter node: An internal node's index.
    /// - Returns: One entry per task, in the tree's task order.
    public func gainShares(node: Int) -> [(task: String, gain: Double, weighted: Double, share: Double)] {
        let score = tree.nodes[node].score
        return tree.schema.tasks.indices.map { t in
            let gain = tree.gain(node: node, task: t)
            let weighted = tree.lambdas[t] * gain
            return (tree.schema.tasks[t].name, gain, weighted, score > 0 ? weighted / score : 0)
        }
    }
}

/// One task's prediction where it is decided.
struct _Prediction: Sendable {
    /// The task's index in the tree.
    var task: Int
    /// The predicted class's index.
    var classIndex: Int
    /// The Laplace-corrected probability of the predicted class.
    var probability: Double
    /// The weight of the predicted class and of all labelled rows at the node the prediction comes from.
    var count: Double
    var total: Double
    /// Whether it comes from an ancestor, the node itself having no labelled rows for the task.
    var inherited: Bool
    /// For a numeric task: the predicted mean and the standard deviation
    /// there (`total` is then the labelled weight); `nil` for a nominal task.
    var mean: Double? = nil
    var spread: Double = 0
}

/// Where each shown task stands on the way down: the nearest node with
/// labelled rows so far, and its prediction once the task has stopped.
struct _Descent: Sendable {
    var source: [Int]
    var settled: [_Prediction?]

    /// Whether every shown task has stopped: the subtree below says nothing more.
    var isSettled: Bool { settled.allSatisfy { $0 != nil } }
}

extension TreePrinter {
    /// The state at the root, before it is entered.
    var rootDescent: _Descent {
        _Descent(source: shownTasks.map { _ in 0 }, settled: shownTasks.map { _ in nil })
    }

    /// Enters node `n`: returns the predictions of the shown tasks that stop here
    /// (all of them at a leaf, or when `stop` is set) and updates `descent`.
    func enter(_ n: Int, _ descent: inout _Descent, stop: Bool = false) -> [_Prediction] {
        var ended: [_Prediction] = []
        for (i, t) in shownTasks.enumerated() where descent.settled[i] == nil {
            if tree.labelledWeight(node: n, task: t) > 0 { descent.source[i] = n }
            if stop || tree.isLeaf(node: n, task: t) {
                let p = prediction(task: t, at: descent.source[i], for: n)
                descent.settled[i] = p
                ended.append(p)
            }
        }
        return ended
    }

    /// Task `t`'s prediction from the counts at `source`, shown at `node`.
    func prediction(task t: Int, at source: Int, for node: Int) -> _Prediction {
        if tree.schema.tasks[t].isNumeric {
            let (w, mean, variance) = tree.summary(node: source, task: t)
            return _Prediction(
                task: t, classIndex: 0, probability: 1, count: w, total: w, inherited: source != node, mean: mean,
                spread: variance.squareRoot())
        }
        let counts = tree.counts(node: source, task: t)
        var best = counts.startIndex
        for k in counts.indices where counts[k] > counts[best] { best = k }
        let total = counts.reduce(0, +)
        return _Prediction(
            task: t, classIndex: best - counts.startIndex,
            probability: (counts[best] + 1) / (total + Double(counts.count)),
            count: counts[best], total: total, inherited: source != node)
    }

    /// How a prediction reads: the task, the class, `↑` when inherited, and
    /// `(0.75, 2/2)`: the confidence and, for the first shown task, the class
    /// count out of the labelled weight.
    ///
    /// A numeric task reads `11.4`, `(±2.9, n=37)`: the mean, the standard
    /// deviation and the labelled weight at the node it comes from.
    func predictionParts(_ p: _Prediction, nameWidth: Int) -> (task: String, label: String, mark: String, detail: String) {
        let task = tree.schema.tasks[p.task]
        if let mean = p.mean {
            return (
                clipped(task.name, nameWidth), significant(mean), p.inherited ? symbols.inherited : "",
                "(±" + significant(p.spread) + ", n=" + readableWeight(p.total) + ")"
            )
        }
        var detail = "(" + fixed(p.probability, 2)
        if p.task == shownTasks[0] && !p.inherited { detail += ", " + readableWeight(p.count) + "/" + readableWeight(p.total) }
        return (
            clipped(task.name, nameWidth), clipped(task.classes[p.classIndex], nameWidth), p.inherited ? symbols.inherited : "",
            detail + ")"
        )
    }

    /// Whether node `n`, at `depth`, has children that are not drawn: below
    /// the depth limit, or where no shown task's prediction goes further.
    func isCut(_ n: Int, depth: Int, _ descent: _Descent) -> Bool {
        guard !tree.nodes[n].isLeaf else { return false }
        return descent.isSettled || depth >= drawnDepth
    }

    /// The number of nodes below `n` and how many of them are leaves.
    func hiddenSize(below n: Int) -> (nodes: Int, leaves: Int) {
        var nodes = 0
        var leaves = 0
        var stack = Array(tree.nodes[n].children)
        while let c = stack.popLast() {
            nodes += 1
            if tree.nodes[c].isLeaf { leaves += 1 } else { stack += tree.nodes[c].children }
        }
        return (nodes, leaves)
    }

    /// `… 14 more nodes, 7 leaves`
    func hiddenText(below n: Int) -> String {
        let (nodes, leaves) = hiddenSize(below: n)
        return symbols.ellipsis + " " + plural(nodes, "more node", "more nodes") + ", " + plural(leaves, "leaf", "leaves")
    }

    /// The branch into child number `i` of internal node `n`: the operator and the value as text.
    func branch(of n: Int, child i: Int) -> (operator: String, value: String) {
        switch tree.nodes[n].test {
        case .numeric(_, let threshold)?:
            return (i == 0 ? symbols.lessOrEqual : ">", readableNumber(threshold))
        case .nominal(let a, let branches)?:
            return ("=", tree.schema.attributes[a].values[Int(branches[i])])
        case nil:
            return ("", "")
        }
    }

    /// The name of the attribute node `n` tests.
    func attributeName(_ n: Int) -> String {
        tree.nodes[n].test.map { tree.schema.attributes[$0.attribute].name } ?? ""
    }

    /// A name or value made printable: control characters escaped (they would
    /// break the drawing), and with `ascii` every non-ASCII character too.
    func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (options.ascii && !scalar.isASCII):
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `printable(s)` cut to `width` characters, ending in an ellipsis if cut.
    func clipped(_ s: String, _ width: Int) -> String {
        let text = printable(s)
        guard text.count > width else { return text }
        return String(text.prefix(max(1, width - symbols.ellipsis.count))) + symbols.ellipsis
    }
}

/// `1 leaf`, `7 leaves`.
func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }

/// A weight as a whole number when it is one, else with at most two decimals (`4.67`, `12.5`).
func readableWeight(_ w: Double) -> String {
    if abs(w - w.rounded()) < 1e-9 * max(1, abs(w)) { return formatNumber(w.rounded()) }
    return trimmedZeros(fixed(w, abs(w) < 10 ? 2 : 1))
}

/// A threshold or λ with the fewest decimals (at most six) that still give its value: `75.5`, `0.15`.
func readableNumber(_ x: Double) -> String {
    guard x.isFinite else { return formatNumber(x) }
    for digits in 0 ... 6 {
        let text = fixed(x, digits)
        if let back = Double(text), abs(back - x) <= 1e-9 * max(1, abs(x)) { return text }
    }
    return trimmedZeros(fixed(x, 6))
}

/// A predicted number with three significant digits, at least to the units
/// (`11.4`, `0.0123`, `1234`).
public func significant(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return formatNumber(x) }
    let digits = max(0, 2 - Int(log10(abs(x)).rounded(.down)))
    return trimmedZeros(fixed(x, min(digits, 9)))
}

/// `4.50` → `4.5`, `3.00` → `3`.
func trimmedZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var t = Substring(text)
    while t.last == "0" { t = t.dropLast() }
    if t.last == "." { t = t.dropLast() }
    return String(t)
}
