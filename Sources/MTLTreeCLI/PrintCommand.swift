import MTLTreeKit

/// `mtltree print MODEL`: the tree drawn as text, or as DOT, JSON or rules.
struct PrintCommand: Subcommand {
    static let name = "print"
    static let summary = "Show a model's tree: drawn as text, or as DOT, JSON or IF-THEN rules."
    static let help = """
        USAGE: mtltree print MODEL [--format text|dot|json|rules] [--task T]
                                   [--max-depth D] [--gains] [--ascii]
                                   [--tree N | --main-task T]

        Draws the tree with a header (training data, tasks and λ, options, size).
        Each line shows the test leading to a node and its weight (n=); where a
        task's prediction is decided it shows the class and its probability, the
        main task first, with its class count out of the labelled weight:
        → play=yes (0.83, 4/4) · indoor=no (0.83). Probabilities are
        Laplace-corrected, (n + 1) / (N + K) for a class with n of the node's N
        rows among K classes: a pure node of 4 rows and 2 classes gives 5/6 =
        0.83, not 1 (predict --probabilities raw gives n / N).

        OPTIONS:
          --format F            text (default), dot (Graphviz: pipe to dot -Tsvg;
                                several trees are one graph, a cluster each),
                                json ({"trees": [...]}, each tree nested) or rules
                                (one IF-THEN rule per leaf).
          --task T              Show only task T's predictions.
          --max-depth D         Draw down to depth D (the root is 0); each cut is
                                marked with the size of the subtree it hides.
                                No format draws deeper than 1000 levels.
          --gains               At each split, every task's gain and its
                                λ-weighted share of the combined score.
          --ascii               Only ASCII characters (|--, `--, ->, <=).
          --tree N              With one tree per task (trained with --main all),
                                show only the Nth (from 1); default: all of them.
                                For a forest, draw its Nth tree; without --tree a
                                forest's summary is shown (trees, out-of-bag accuracy,
                                each input's importance overall and per task).
          --main-task T         Show only the tree whose main task is T.

        Colour is used only when standard output is a terminal and NO_COLOR is not set.

        """

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let formatName = try arguments.value("--format") ?? "text"
        var options = PrintOptions()
        options.task = try arguments.value("--task")
        options.maxDepth = try arguments.integer("--max-depth", in: 0 ... 100_000)
        options.gains = arguments.flag("--gains")
        options.ascii = arguments.flag("--ascii")
        let treeNumber = try arguments.integer("--tree", in: 1 ... 100_000)
        let mainTask = try arguments.value("--main-task")
        let path = try arguments.positionals("MODEL")[0]
        guard let format = PrintFormat(rawValue: formatName) else {
            throw MTLError(.usage, "--format takes text, dot, json or rules, not '\(formatName)'")
        }
        if treeNumber != nil && mainTask != nil { throw MTLError(.usage, "give --tree or --main-task, not both") }
        options.color = format == .text && useColor(console)

        let model: TreeModel
        switch try ModelFile.read(path: path) {
        case .trees(let trees): model = trees
        case .forest(let forest):
            if mainTask != nil { throw MTLError(.usage, "--main-task picks one of several tree models; a forest's trees share the main task: use --tree N") }
            try ForestPrinting.run(forest, tree: treeNumber, format: format, options: options, console: console)
            return 0
        }
        let selected = try select(model, number: treeNumber, mainTask: mainTask)
        let printers = try selected.map { try TreePrinter(tree: model.trees[$0], options: options) }
        if format == .json {
            let documents = printers.map { $0.json() }
            // One shape whatever the model holds: {"trees": [...]}, one tree or one per task.
            let document = JSONValue.object([("trees", .array(documents))])
            console.print(document.serialized(pretty: true))
            return 0
        }
        if format == .dot && selected.count > 1 {
            // One graph with a cluster per tree: `dot -Tsvg` reads only the first of several graphs.
            let titles = selected.map { title(model, tree: $0) }
            console.out(TreePrinter.dot(printers, titles: titles, name: model.trees[selected[0]].trainingData.name))
            return 0
        }
        for (i, printer) in zip(selected, printers) {
            if selected.count > 1 {
                if i != selected[0] { console.out("\n") }
                console.out(title(model, tree: i, format: format))
            }
            console.out(printer.render(format))
        }
        return 0
    }

    /// Whether to colour: only for a terminal, and never with `NO_COLOR` set (https://no-color.org).
    static func useColor(_ console: Console) -> Bool {
        console.stdoutIsTerminal && (console.environment["NO_COLOR"] ?? "").isEmpty && console.environment["TERM"] != "dumb"
    }

    /// The indices of the trees to print.
    static func select(_ model: TreeModel, number: Int?, mainTask: String?) throws -> [Int] {
        if let number {
            guard number <= model.trees.count else {
                throw MTLError(.usage, "--tree \(number): the model has \(model.trees.count == 1 ? "1 tree" : "\(model.trees.count) trees")")
            }
            return [number - 1]
        }
        if let mainTask {
            let names = model.trees.compactMap { $0.schema.mainTaskName }
            guard let i = model.trees.firstIndex(where: { $0.schema.mainTaskName == mainTask }) else {
                var message = "no tree of the model has the main task '\(mainTask)'"
                if names.isEmpty { throw MTLError(.usage, message + " (its trees have no main task)") }
                message += closestMatch(to: mainTask, in: names).map { "; did you mean '\($0)'?" } ?? "."
                throw MTLError(.usage, message + " Main tasks: " + names.joined(separator: ", "))
            }
            return [i]
        }
        return Array(model.trees.indices)
    }

    /// `tree 2 of 4: main task time_of_day`.
    static func title(_ model: TreeModel, tree i: Int) -> String {
        var text = "tree \(i + 1) of \(model.trees.count)"
        if let main = model.trees[i].schema.mainTaskName { text += ": main task \(main)" }
        return text
    }

    /// The line that introduces one of several trees, as a comment where the format has them.
    static func title(_ model: TreeModel, tree i: Int, format: PrintFormat) -> String {
        let text = title(model, tree: i)
        switch format {
        case .dot: return "// " + text + "\n"
        case .rules: return "# " + text + "\n"
        case .text, .json: return "== " + text + " ==\n"
        }
    }
}
