import MTLTreeKit

/// `mtltree tune DATA --main T`: cross-validated main-task error for each λ, and the best.
struct TuneCommand: Subcommand {
    static let name = "tune"
    static let summary = "Choose λ by cross-validation: main-task error per λ, the best, per-task λ_i."
    static let help = """
        USAGE: mtltree tune DATA --main T [data options] [--grid 0,0.125,0.25,0.5,1,2,4]
                            [--rule one-se|lowest-error|K-se] [--per-task] [--folds K]
                            [--repeats R] [--seed S] [--plot FILE.svg]
                            [induction options] [--no-prune] [--metric M] [--format json] [--quiet]
               mtltree tune DATA --main T --forest [N] [--max-features M] [--seed S]
                            [--grid G] [--metric M] [--plot FILE.svg] [--format json]

        Estimates the main task's error (1 − accuracy, or by --metric) by
        cross-validation for every λ in the grid (one λ shared by all extra
        tasks), with the main task's mean tree size (nodes / leaves: a tree of
        one leaf is the majority class), and chooses one by the rule: by
        default the smallest λ within one standard error of the lowest error,
        so that transfer is used only where it clearly pays. It says when the
        chosen λ is the largest of the grid. On each fold the trees for all λ
        are grown from data sorted once. With --per-task, a bounded coordinate
        search then gives each extra task its own λ_i, starting from the chosen
        shared λ. A larger λ_i says that task's labels helped the main task
        more on these data; 0 says they did not. (The λ_i were chosen among
        many settings on the same folds: their error is optimistic.)

        With --forest, grows one forest per λ of the grid, every λ's tree i on
        the same bootstrap sample and attribute draws (nodes the λ values agree
        on grown once), and prints each λ's main-task out-of-bag error (by
        --metric, as above): no folds. By accuracy, the smallest λ within one
        standard error of the least error is chosen; by another metric (or a
        numeric main task's squared error), the least (ties to the smaller λ).

        OPTIONS:
          --grid G              λ values to try, comma-separated, each ≥ 0
                                (default 0,0.125,0.25,0.5,1,2,4).

        """ + ruleOptionHelp + "\n" + perTaskOptionHelp + """

          --plot FILE.svg       Draw the error against λ, with error bars, as SVG
                                ('-': standard output, after the report; the per-task
                                λ_i's in-sample error is stated, not drawn).

        """ + "\n" + evaluationOptionsHelp + "\n" + dataOptionsHelp + "\n" + inductionOptionsHelp + "\n" + forestOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let readOptions = try arguments.readOptions(console: console)
        guard try arguments.values("--lambda").isEmpty else {
            throw MTLError(.usage, "tune chooses λ itself: leave out --lambda and give the values to try with --grid")
        }
        let configuration = try arguments.inductionConfiguration()
        let options = try arguments.evaluationOptions()
        let grid = try arguments.lambdaGrid("--grid") ?? LambdaTuner.defaultGrid
        let perTask = arguments.flag("--per-task")
        let givenRule = try arguments.selectionRule()
        let rule = givenRule ?? .default
        let plot = try arguments.value("--plot")
        let forest = try arguments.forestConfiguration(tree: configuration, seed: options.seed)
        let path = try arguments.positionals("DATA")[0]
        guard readOptions.roles.main != nil else {
            throw MTLError(.usage, "tune weighs extra tasks against a main task: name it with --main")
        }
        if let forest {
            if let option = [(perTask, "--per-task"), (givenRule != nil, "--rule"), (options.folds != nil, "--folds"), (options.repeats != nil, "--repeats")]
                .first(where: \.0)?.1
            {
                throw MTLError(.usage, "\(option) is for choosing a tree's λ by cross-validation; tune --forest chooses by out-of-bag error")
            }
            try console.checkWritable(plot, notReplacing: [path])
            let dataset = try Dataset.loadForLearning(path: path, options: readOptions, console: console)
            try tuneForest(dataset, configuration: forest, grid: grid, metric: options.metric, json: options.json, plot: plot, console: console)
            return 0
        }

        try console.checkWritable(plot, notReplacing: [path])  // fail before the work, not after
        let dataset = try Dataset.loadForLearning(
            path: path, options: readOptions, console: console, resampling: options.crossValidation)
        var tuner = LambdaTuner(
            configuration: configuration, grid: grid, perTask: perTask, resampling: options.crossValidation,
            seed: options.seed, pruning: options.pruning, rule: rule)
        tuner.metric = options.metric
        let tuning = try withProgress(console, quiet: options.quiet, label: "tune", unit: "fold passes") {
            try tuner.tune(dataset, progress: $0)
        }
        if options.json { console.print(tuning.json.serialized(compactDepth: 3)) } else { console.out(tuning.text) }
        if let plot { try console.emit(tuning.plot.svg, to: plot, what: "plot") }
        return 0
    }
}
