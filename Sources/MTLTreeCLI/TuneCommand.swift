import MTLTreeKit

/// `mtltree tune DATA --main T`: cross-validated main-task error for each λ, and the best.
struct TuneCommand: Subcommand {
    static let name = "tune"
    static let summary = "Choose λ by cross-validation: main-task error per λ, the best, per-task λ_i."
    static let help = """
        USAGE: mtltree tune DATA --main T [data options] [--grid 0,0.125,0.25,0.5,1,2,4]
                            [--per-task] [--folds K] [--repeats R] [--seed S] [--plot FILE.svg]
                            [induction options] [--no-prune] [--format json] [--quiet]

        Estimates the main task's error by cross-validation for every λ in the
        grid (one λ shared by all extra tasks) and prints the best: the lowest
        mean error, ties going to the smaller λ (closer to single-task
        learning). On each fold the trees for all λ are grown from data sorted
        once. With --per-task, a coordinate search then gives each extra task
        its own λ_i, starting from the best shared λ: each extra task in turn
        tries every grid value with the others held, keeping the best, until a
        round changes nothing (at most 3 rounds). A larger λ_i says that task's
        labels helped the main task more on these data; 0 says they did not.

        OPTIONS:
          --grid G              λ values to try, comma-separated, each ≥ 0
                                (default 0,0.125,0.25,0.5,1,2,4).
          --per-task            Also search one λ_i per extra task.
          --plot FILE.svg       Draw the error against λ, with error bars, as SVG
                                ('-': standard output, after the report).

        """ + "\n" + evaluationOptionsHelp + "\n" + dataOptionsHelp + "\n" + inductionOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let readOptions = try arguments.readOptions()
        guard try arguments.values("--lambda").isEmpty else {
            throw MTLError(.usage, "tune chooses λ itself: leave out --lambda and give the values to try with --grid")
        }
        let configuration = try arguments.inductionConfiguration()
        let options = try arguments.evaluationOptions()
        let grid = try arguments.lambdaGrid("--grid") ?? LambdaTuner.defaultGrid
        let perTask = arguments.flag("--per-task")
        let plot = try arguments.value("--plot")
        let path = try arguments.positionals("DATA")[0]
        guard readOptions.roles.main != nil else {
            throw MTLError(.usage, "tune weighs extra tasks against a main task: name it with --main")
        }

        try console.checkWritable(plot, notReplacing: [path])  // fail before the work, not after
        let dataset = try Dataset.loadForLearning(path: path, options: readOptions, console: console)
        let tuner = LambdaTuner(
            configuration: configuration, grid: grid, perTask: perTask, resampling: options.crossValidation,
            seed: options.seed, pruning: options.pruning)
        let tuning = try withProgress(console, quiet: options.quiet, label: "tune", unit: "fold passes") {
            try tuner.tune(dataset, progress: $0)
        }
        if options.json { console.print(tuning.json.serialized(compactDepth: 3)) } else { console.out(tuning.text) }
        if let plot { try console.emit(tuning.plot.svg, to: plot, what: "plot") }
        return 0
    }
}
