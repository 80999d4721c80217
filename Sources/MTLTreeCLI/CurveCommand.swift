import MTLTreeKit

/// `mtltree curve DATA --main T`: main-task error of STL and MTL against training-set size.
struct CurveCommand: Subcommand {
    static let name = "curve"
    static let summary = "Learning curve: main-task error of STL and MTL against training-set size."
    static let help = """
        USAGE: mtltree curve DATA --main T [data options] [--sizes 25,50,100,...] [--lambda L]
                             [--folds K] [--repeats R] [--seed S] [--plot FILE.svg]
                             [induction options] [--no-prune] [--metric M] [--format json] [--quiet]

        On every cross-validation fold, shuffles the training part once and
        learns STL (λ = 0) and MTL (λ, default 1) from its first N rows for each
        size N, measuring both on the fold's whole test part. Prints the
        main-task error (1 − accuracy, or by --metric) per size (mean ± standard
        error over the folds), MTL's difference from STL, the paired t-test
        p-value and both trees' mean size, then the majority class's error (the
        floor to beat). MTL usually helps most where data are scarce.

        OPTIONS:
          --sizes N,...         Training-set sizes (default 25, 50, 100, … doubling, and
                                the whole training part); each at most the training part.
          --plot FILE.svg       Draw both curves, with error bars, and the majority's error
                                as a dashed level, as SVG ('-': standard output, after
                                the report).

        """ + "\n" + evaluationOptionsHelp + "\n" + dataOptionsHelp + "\n" + inductionOptionsHelp

    static func run(_ arguments: inout Arguments, console: Console) throws -> Int32 {
        let readOptions = try arguments.readOptions()
        let configuration = try arguments.inductionConfiguration()
        let options = try arguments.evaluationOptions()
        let sizeTexts = try arguments.values("--sizes")
        let sizes = try sizeTexts.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { text -> Int in
            guard let n = Int(text), n >= 1 else {
                throw MTLError(.usage, "--sizes takes whole numbers ≥ 1 separated by commas, not '\(text)'")
            }
            return n
        }
        let plot = try arguments.value("--plot")
        let path = try arguments.positionals("DATA")[0]
        guard readOptions.roles.main != nil else {
            throw MTLError(.usage, "a learning curve compares STL and MTL on a main task: name it with --main")
        }

        try console.checkWritable(plot, notReplacing: [path])  // fail before the work, not after
        let dataset = try Dataset.loadForLearning(path: path, options: readOptions, console: console)
        let curve = try withProgress(console, quiet: options.quiet, label: "curve", unit: "splits") {
            try LearningCurve(
                measuring: dataset, configuration: configuration, sizes: sizes.isEmpty ? nil : sizes,
                resampling: options.crossValidation, seed: options.seed, pruning: options.pruning, metric: options.metric,
                progress: $0)
        }
        if options.json { console.print(curve.json.serialized(compactDepth: 3)) } else { console.out(curve.text) }
        if let plot { try console.emit(curve.plot.svg, to: plot, what: "plot") }
        return 0
    }
}
