import MTLTreeKit

/// `mtltree evaluate DATA --main T`: STL against MTL against all-tasks-equal on the same splits.
struct EvaluateCommand: Subcommand {
    static let name = "evaluate"
    static let summary = "Compare STL, MTL and all-tasks-equal trees by cross-validation on the same folds."
    static let help = """
        USAGE: mtltree evaluate DATA --main T [data options] [--folds K] [--repeats R] [--seed S]
                                [--lambda L] [--shuffle-test] [--tune [--grid G] [--rule R] [--inner-folds K]]
                                [--chronological [--train-fraction F] | --walk-forward STEP]
                                [induction options] [--no-prune] [--metric M] [--format json] [--quiet]

        Splits the rows (k-fold cross-validation, stratified on a nominal main
        task, R times with different shuffles, or in time order) and, on every split,
        learns from the training part and measures on the test part:
          STL        each task's own single-task tree (λ = 0);
          MTL        the main task's tree with the extra tasks weighed by λ;
          all equal  one tree with no main task, every task weighing 1.
        For every task it prints each learner's accuracy, or the --metric given
        (mean ± standard error over the splits), its mean tree size (nodes /
        leaves), and for MTL against STL the mean difference, the paired t-test
        p-value over the splits and the wins/ties/losses. --tune chooses λ by
        the same metric. A numeric task is measured by R² per split, and by
        RMSE, MAE, R² and relative RMSE over all the test rows (trees and
        forests alike); its majority is the training mean.

        OPTIONS:
          --shuffle-test        Caruana's control: also learn MTL after shuffling each
                                extra task's labels among the training rows. If MTL's
                                gain comes from the extra tasks, it vanishes here.
          --tune                Also learn MTL with λ chosen by cross-validation inside
                                each training part (nested; costs a tune per split).
          --grid G              The λ values --tune tries (default 0,0.125,0.25,0.5,1,2,4).
          --inner-folds K       Folds of --tune's inner cross-validation (default 5).
          --inner-repeats R     Repeat --tune's inner cross-validation R times (default 1).
          --chronological       Rows are in time order: learn from the first part, test
                                on the rest (the calendar log, for instance).
          --train-fraction F    With --chronological, the share learned from (default 0.7).
          --walk-forward STEP   Rows are in time order: every STEP rows, learn from all
                                rows before and test on the next STEP (as the Calendar
                                Apprentice was evaluated).
          --forest [N]          Also compare forests of N trees (default 100) on the same
                                splits: STL, MTL at λ, MTL with λ by out-of-bag error
                                (grid 0,0.125,…,4), all equal, and with --shuffle-test
                                the MTL forest on shuffled extra-task labels.
          --max-features M      With --forest: inputs searched per node (default sqrt).

        """ + ruleOptionHelp + "\n\n" + evaluationOptionsHelp + "\n" + dataOptionsHelp + "\n" + inductionOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let readOptions = try arguments.readOptions(console: console)
        let configuration = try arguments.inductionConfiguration()
        let options = try arguments.evaluationOptions()
        let shuffleTest = arguments.flag("--shuffle-test")
        let tune = arguments.flag("--tune")
        let grid = try arguments.lambdaGrid("--grid")
        let innerFolds = try arguments.integer("--inner-folds", in: 2 ... 100_000)
        let innerRepeats = try arguments.integer("--inner-repeats", in: 1 ... 10_000)
        let rule = try arguments.selectionRule()
        let chronological = arguments.flag("--chronological")
        let fraction = try arguments.real("--train-fraction", in: 0 ... 1)
        let step = try arguments.integer("--walk-forward", in: 1 ... 1_000_000_000)
        let forest = try arguments.forestConfiguration(tree: configuration, seed: 1)
        let path = try arguments.positionals("DATA")[0]

        guard readOptions.roles.main != nil else {
            throw MTLError(.usage, "evaluate compares learners on a main task: name it with --main")
        }
        if !tune, let option = [(grid != nil, "--grid"), (innerFolds != nil, "--inner-folds"),
                                 (innerRepeats != nil, "--inner-repeats"), (rule != nil, "--rule")].first(where: \.0)?.1 {
            throw MTLError(.usage, "\(option) goes with --tune")
        }
        let resampling: Resampling
        if chronological || step != nil {
            if options.folds != nil || options.repeats != nil {
                let option = options.folds != nil ? "--folds" : "--repeats"
                throw MTLError(.usage, "\(option) is for cross-validation, not with \(step != nil ? "--walk-forward" : "--chronological")")
            }
            if let step {
                if fraction != nil { throw MTLError(.usage, "--train-fraction goes with --chronological, not --walk-forward") }
                resampling = .walkForward(step: step)
            } else {
                let f = fraction ?? 0.7
                guard f > 0, f < 1 else {
                    throw MTLError(.usage, "--train-fraction takes a number between 0 and 1 (exclusive), not \(formatNumber(f))")
                }
                resampling = .chronological(trainingFraction: f)
            }
        } else {
            if fraction != nil { throw MTLError(.usage, "--train-fraction goes with --chronological") }
            resampling = options.crossValidation
        }

        let dataset = try Dataset.loadForLearning(path: path, options: readOptions, console: console, resampling: resampling)
        var evaluator = Evaluator(
            configuration: configuration, resampling: resampling, seed: options.seed, pruning: options.pruning,
            shuffleTest: shuffleTest)
        evaluator.forest = forest
        evaluator.metric = options.metric
        if tune {
            var tuner = LambdaTuner(
                configuration: configuration, grid: grid ?? LambdaTuner.defaultGrid,
                resampling: .crossValidation(folds: innerFolds ?? 5, repeats: innerRepeats ?? 1), pruning: options.pruning,
                rule: rule ?? .default)
            tuner.metric = options.metric
            evaluator.tuner = tuner
        }
        let report = try withProgress(console, quiet: options.quiet, label: "evaluate", unit: "splits") {
            try evaluator.evaluate(dataset, progress: $0)
        }
        if options.json { console.print(report.json.serialized(compactDepth: 4)) } else { console.out(report.text) }
        return 0
    }
}
