extension TreePrinter {
    /// The tree as a Graphviz graph, for `dot -Tsvg tree.dot > tree.svg`.
    ///
    /// Nodes are named `n0`, `n1`, … after their index in the tree. An
    /// internal node's box shows the attribute it tests and its weight (with
    /// `options.gains`, also the combined score and each task's gain and
    /// share); a leaf's filled box shows every shown task's predicted class
    /// and confidence, as in ``text()``, and its weight. Edges are labelled
    /// with the branch (`≤ 75.5`, `> 75.5`, `= sunny`). A subtree cut by
    /// `options.maxDepth` is drawn as a dashed edge to a note of its size.
    /// Quotes, backslashes and line breaks in names are escaped.
    ///
    /// - Returns: One `digraph`, ending in a newline.
    /// - Complexity: O(nodes × tasks × classes).
    public func dot() -> String {
        var out = "digraph " + dotQuoted(printable(tree.trainingData.name)) + " {\n"
        out += Self.dotDefaults
        out += dotStatements(prefix: "n", indent: "  ")
        out += "}\n"
        return out
    }

    /// Several trees as one Graphviz graph, each in a cluster of its own
    /// (what `mtltree print --format dot` writes for a model with a tree per
    /// task, so that `dot -Tsvg` makes one picture).
    ///
    /// Each tree's nodes are named `t1_n0`, `t1_n1`, … (the tree's position
    /// from 1, then the node's index), and its cluster is labelled with its
    /// title. A single printer gives the same graph as ``dot()`` with its
    /// nodes so named, in one cluster.
    ///
    /// - Parameters:
    ///   - printers: The trees, each with its own options.
    ///   - titles: One label per tree (`"tree 1 of 4: main task location"`).
    ///   - name: The graph's name.
    /// - Returns: One `digraph`, ending in a newline.
    /// - Complexity: O(nodes × tasks × classes), summed over the trees.
    public static func dot(_ printers: [TreePrinter], titles: [String], name: String) -> String {
        precondition(printers.count == titles.count, "one title per tree")
        var out = "digraph " + dotQuoted(printers.first?.printable(name) ?? name) + " {\n"
        out += dotDefaults
        for (k, printer) in printers.enumerated() {
            out += "  subgraph cluster_\(k + 1) {\n"
            out += "    label=" + dotLabel([printer.printable(titles[k])]) + ";\n"
            out += "    fontname=\"Helvetica\";\n"
            out += printer.dotStatements(prefix: "t\(k + 1)_n", indent: "    ")
            out += "  }\n"
        }
        out += "}\n"
        return out
    }

    /// The graph-wide node and edge styles.
    static let dotDefaults = """
          node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=9];

        """

    /// The tree's node and edge statements, each node named `prefix` and its index.
    func dotStatements(prefix: String, indent: String) -> String {
        var out = ""
        let writer = _DOTWriter(prefix: prefix, indent: indent)
        withLargeStack { dotNode(0, depth: 0, descent: rootDescent, writer: writer, into: &out) }  // one frame per level
        return out
    }

    private func dotNode(_ n: Int, depth: Int, descent: _Descent, writer w: _DOTWriter, into out: inout String) {
        var descent = descent
        let ended = enter(n, &descent)
        let node = tree.nodes[n]
        let weight = "n=" + readableWeight(node.weight)
        var label: [String] = []
        var attributes: [String] = []
        if node.isLeaf {
            label = ended.map(predictionText) + [weight]
            attributes = ["style=\"rounded,filled\"", "fillcolor=\"#eef5ea\""]
        } else {
            label = [clipped(attributeName(n), 32), weight]
            if options.gains {
                label.append("score " + fixed(node.score, 4))
                label += gainShares(node: n).map { "\(clipped($0.task, 32)) \(fixed($0.gain, 4)) (\(fixed($0.share * 100, 0))%)" }
            }
            label += ended.map { symbols.arrow + " " + predictionText($0) }
        }
        out += w.indent + w.name(n) + " [label=" + dotLabel(label) + attributes.map { ", " + $0 }.joined() + "];\n"
        if isCut(n, depth: depth, descent) {
            out += w.indent + w.name(n) + "_hidden [shape=plaintext, label=" + dotLabel([hiddenText(below: n)]) + "];\n"
            out += w.indent + w.name(n) + " -> " + w.name(n) + "_hidden [style=dashed];\n"
            return
        }
        for (i, child) in node.children.enumerated() {
            let (op, value) = branch(of: n, child: i)
            out += w.indent + w.name(n) + " -> " + w.name(child) + " [label=" + dotLabel([op + " " + clipped(value, 32)]) + "];\n"
            dotNode(child, depth: depth + 1, descent: descent, writer: w, into: &out)
        }
    }

    /// `play=yes (0.75, 2/2)`
    private func predictionText(_ p: _Prediction) -> String {
        let parts = predictionParts(p, nameWidth: 32)
        return parts.task + "=" + parts.label + parts.mark + " " + parts.detail
    }
}

/// How one tree's statements are written: its node names and indentation.
struct _DOTWriter {
    let prefix: String
    let indent: String
    func name(_ n: Int) -> String { prefix + String(n) }
}

/// Lines joined into one DOT label, each line's quotes and backslashes escaped.
func dotLabel(_ lines: [String]) -> String {
    "\"" + lines.map(dotEscaped).joined(separator: "\\n") + "\""
}

/// `text` as a quoted DOT identifier.
func dotQuoted(_ text: String) -> String { "\"" + dotEscaped(text) + "\"" }

/// Backslashes (which would start a DOT escape such as `\l`) and quotes
/// escaped, line breaks written as `\n`.
func dotEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n", "\r": out += "\\n"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
