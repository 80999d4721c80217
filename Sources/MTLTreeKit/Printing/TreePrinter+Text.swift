extension TreePrinter {
    /// The tree drawn for a terminal: a header, then one line per node.
    ///
    /// ```
    /// root  n=14
    /// ├─ windy = false  n=8
    /// │  ├─ outlook = sunny     n=3
    /// │  │  ├─ humidity ≤ 77.5  n=1  → play=yes (0.67, 1/1) · indoor=no (0.67)
    /// ```
    ///
    /// Each line shows the test that leads to the node and the node's weight
    /// (`n=`, the training rows that reached it, fractional when rows with a
    /// missing value were split between branches). Where a task's prediction
    /// is decided (at a leaf, or at an internal node for a task pruned there)
    /// the line ends with `→` and every such task's class and confidence, the
    /// main task (or `options.task`) first and with its class count out of the
    /// node's labelled weight. A `↑` marks a class taken from the nearest
    /// ancestor because the node has no labelled rows for the task. Siblings
    /// are aligned; names and values are cut at 24 characters, and lines at
    /// `options.width` columns, long leaf lines continuing on the next line.
    ///
    /// - Returns: The drawing, ending in a newline.
    /// - Complexity: O(nodes × tasks × classes).
    public func text() -> String {
        var drawing = _TextDrawing(printer: self)
        if options.header {
            drawing.lines += headerLines()
            drawing.lines.append([])
        }
        withLargeStack {  // one frame per level
            drawing.draw(0, depth: 0, linePrefix: "", childPrefix: "", label: "root", labelWidth: 4, weightWidth: 0, descent: rootDescent)
        }
        if drawing.showedInherited {
            drawing.lines.append([])
            drawing.lines.append([_Span(symbols.inherited + " no labelled rows for the task here: class of the nearest ancestor with some")])
        }
        return drawing.lines.map { trimmedTrailingSpaces($0.rendered(color: options.color)) }.joined(separator: "\n") + "\n"
    }

    /// The header: training data, tasks and λ, induction options, pruning, and the tree's size.
    func headerLines() -> [[_Span]] {
        let schema = tree.schema
        var lines: [[_Span]] = [[_Span("trained on \(clipped(tree.trainingData.name, 40)): \(plural(tree.trainingData.rows, "row", "rows"))", .title)]]
        let tasks = schema.tasks.indices.map { t -> [_Span] in
            var text = clipped(schema.tasks[t].name, 24)
            if schema.hasMainTask {
                text += t == 0 ? " (main task, \(symbols.lambda) 1)" : " (\(symbols.lambda) \(readableNumber(tree.lambdas[t])))"
            }
            return [_Span(text)]
        }
        let lead = schema.hasMainTask ? "tasks: " : "tasks (no main task, each weighs 1): "
        lines += pack(lead: [_Span(lead)], items: tasks, continuation: [_Span("       ")])
        let configuration = tree.configuration
        let criterion = configuration.criterion == .gain ? "gain" : "gain ratio"
        var grown = "criterion \(criterion), min leaf weight \(readableWeight(configuration.minLeafWeight)), "
        grown += configuration.maxDepth.map { "max depth \($0)" } ?? "no depth limit"
        lines.append([_Span(grown)])
        var pruning: [String] = []
        if let confidence = tree.pruning.confidence { pruning.append("pessimistic error pruning (CF \(readableNumber(confidence)))") }
        if tree.pruning.perTask { pruning.append("per-task pruning") }
        lines.append([_Span("pruning: " + (pruning.isEmpty ? "none" : pruning.joined(separator: ", ")))])
        var size = "tree: \(plural(tree.nodeCount, "node", "nodes")), \(plural(tree.leafCount, "leaf", "leaves")), depth \(tree.depth)"
        if drawnDepth < tree.depth { size += "; drawn to depth \(drawnDepth)" }
        lines.append([_Span(size)])
        let counted = clipped(schema.tasks[shownTasks[0]].name, 24)
        if options.task != nil { lines.append([_Span("predictions of task \(counted) only")]) }
        var legend = shownTasks.contains { !schema.tasks[$0].isNumeric }
            ? ["task=class (Laplace-corrected probability, count/labelled for \(counted))"] : []
        if shownTasks.contains(where: { schema.tasks[$0].isNumeric }) { legend.append("task=mean (±standard deviation, n=labelled weight)") }
        lines.append([_Span("\(symbols.arrow) " + legend.joined(separator: "; "))])
        return lines
    }

    /// Lines made of `lead` followed by `items`, a separator between them, each
    /// line within the width when the items allow; later lines start with `continuation`.
    func pack(lead: [_Span], items: [[_Span]], continuation: [_Span], style: _Style = .plain) -> [[_Span]] {
        var lines: [[_Span]] = []
        var line = lead
        var empty = true
        for item in items {
            if !empty && line.width + symbols.separator.count + item.width > options.width {
                lines.append(line)
                line = continuation
                empty = true
            }
            if !empty { line.append(_Span(symbols.separator, style)) }
            line += item
            empty = false
        }
        lines.append(line)
        return lines
    }
}

/// The text drawing under construction.
struct _TextDrawing {
    let printer: TreePrinter
    var lines: [[_Span]] = []
    var showedInherited = false

    private var tree: MultitaskTree { printer.tree }
    private var symbols: _Symbols { printer.symbols }
    private var width: Int { printer.options.width }
    /// The widest the guides may get, so that a test and its weight, or a
    /// leaf's first prediction, always fit beside them.
    private var guideLimit: Int { max(12, width - 40) }

    init(printer: TreePrinter) { self.printer = printer }

    /// Draws node `n`, reached by the test `label`, and below it its children.
    mutating func draw(
        _ n: Int, depth: Int, linePrefix: String, childPrefix: String, label: String, labelWidth: Int, weightWidth: Int,
        descent: _Descent
    ) {
        var descent = descent
        let ended = printer.enter(n, &descent)
        let cut = printer.isCut(n, depth: depth, descent)
        let node = tree.nodes[n]
        // Lines below this one fold their guides as this line does, so that they stay aligned with it.
        let fold = folded(levels: depth)
        let below = guides(childPrefix + (node.isLeaf ? symbols.blank : symbols.through), dropping: fold)

        var line = [_Span(guides(linePrefix, dropping: fold), .guide), _Span(label.padded(labelWidth) + "  ")]
        let weight = "n=" + readableWeight(node.weight)
        if ended.isEmpty {
            line.append(_Span(weight, .weight))
            lines.append(line)
        } else {
            var items: [[_Span]] = []
            for p in ended { items.append(predictionSpans(p)) }
            // What does not fit continues below the test, indented, rather than under the arrow: more fits per line.
            let arrow = _Span(symbols.arrow + " ")
            let continuation = [_Span(below, .guide), _Span(String(repeating: " ", count: 4 + arrow.text.count))]
            if line.width + weightWidth + 2 + arrow.text.count + items[0].width <= width {
                line += [_Span(weight.padded(weightWidth), .weight), _Span("  "), arrow]
                lines += printer.pack(lead: line, items: items, continuation: continuation)
            } else {
                lines.append(line + [_Span(weight, .weight)])
                lines += printer.pack(lead: [_Span(below, .guide), _Span("    "), arrow], items: items, continuation: continuation)
            }
        }

        if cut {
            let guide = guides(childPrefix + symbols.lastBranch, dropping: folded(levels: depth + 1))
            lines.append([_Span(guide, .guide), _Span(printer.hiddenText(below: n), .marker)])
            return
        }
        guard !node.isLeaf else { return }
        if printer.options.gains { lines += gainLines(n, prefix: below) }

        let children = Array(node.children)
        let weights = children.map { "n=" + readableWeight(tree.nodes[$0].weight) }
        let weightColumn = weights.map(\.count).max() ?? 0
        let lineGuides = guides(childPrefix + symbols.branch, dropping: folded(levels: depth + 1)).count
        // Room for the test beside the guides, the weight and a leaf's arrow.
        let budget = max(12, width - lineGuides - 2 - weightColumn - 3 - symbols.arrow.count)
        let labels = children.indices.map { i -> String in
            let (op, value) = printer.branch(of: n, child: i)
            let test = " " + op + " " + printer.clipped(value, 24)
            // A long name gives way before the value, which says where the branch goes.
            let text = printer.clipped(printer.attributeName(n), max(6, min(24, budget - test.count))) + test
            return text.count > budget ? String(text.prefix(budget - symbols.ellipsis.count)) + symbols.ellipsis : text
        }
        let labelColumn = labels.map(\.count).max() ?? 0
        for (i, child) in children.enumerated() {
            let last = i == children.count - 1
            draw(
                child, depth: depth + 1, linePrefix: childPrefix + (last ? symbols.lastBranch : symbols.branch),
                childPrefix: childPrefix + (last ? symbols.blank : symbols.through), label: labels[i],
                labelWidth: labelColumn, weightWidth: weightColumn, descent: descent)
        }
    }

    /// `play=yes (0.75, 2/2)`, `indoor=no (0.75)`, `day=tue↑ (0.40)`.
    private mutating func predictionSpans(_ p: _Prediction) -> [_Span] {
        let parts = printer.predictionParts(p, nameWidth: 24)
        if p.inherited { showedInherited = true }
        return [
            _Span(parts.task + "="), _Span(parts.label, p.task == printer.shownTasks[0] ? .mainClass : .otherClass),
            _Span(parts.mark, .marker), _Span(" " + parts.detail),
        ]
    }

    /// `split on outlook: score 0.6274 · play 0.2467 (39%) · indoor 0.3806 (61%)`
    private func gainLines(_ n: Int, prefix: String) -> [[_Span]] {
        // Names shrink so that the lead and each item fit beside the deepest guides.
        let names = max(6, min(24, width - prefix.count - 16))
        let lead = [_Span(prefix, .guide), _Span("split on \(printer.clipped(printer.attributeName(n), names)): ", .gain)]
        var items = [[_Span("score " + fixed(tree.nodes[n].score, 4), .gain)]]
        items += printer.gainShares(node: n).map { entry in
            [_Span("\(printer.clipped(entry.task, names)) \(fixed(entry.gain, 4)) (\(fixed(entry.share * 100, 0))%)", .gain)]
        }
        // Later lines start under the score when there is room, else just indented.
        let indent = width - lead.width >= 28 ? lead.width - prefix.count : 2
        return printer.pack(lead: lead, items: items, continuation: [_Span(prefix, .guide), _Span(String(repeating: " ", count: indent))], style: .gain)
    }

    /// How many levels of guides to leave out on the lines of a node `levels`
    /// deep: none while they fit within `guideLimit`, then half the room at a
    /// time, so that the drawing shifts left seldom and by whole levels.
    private func folded(levels: Int) -> Int {
        let keep = max(2, (guideLimit - symbols.ellipsis.count) / symbols.blank.count)
        guard levels > keep else { return 0 }
        let step = max(1, keep / 2)
        return ((levels - keep - 1) / step + 1) * step
    }

    /// `prefix` without its first `levels` levels of guides, an ellipsis in their place.
    private func guides(_ prefix: String, dropping levels: Int) -> String {
        guard levels > 0 else { return prefix }
        return symbols.ellipsis + String(prefix.dropFirst(levels * symbols.blank.count))
    }
}

/// `text` without spaces at its end.
func trimmedTrailingSpaces(_ text: String) -> String {
    var t = Substring(text)
    while t.last == " " { t = t.dropLast() }
    return String(t)
}
