import MTLTreeKit

/// Help text shared by `evaluate`, `tune` and `curve`.
let evaluationOptionsHelp = """
    EVALUATION OPTIONS:
      --folds K             Cross-validation folds (default 10), stratified on a nominal
                            main task (a numeric main task's rows are only shuffled).
      --repeats R           Repeat the cross-validation R times, each with its own
                            shuffle (default 1).
      --seed S              Seed of the folds and shuffles (default 1); the same seed
                            gives the same result.
      --no-prune            Measure unpruned trees only. By default trees are pruned as
                            train prunes them (--confidence, --no-task-prune), and
                            evaluate shows the unpruned trees' main-task accuracy beside.
      --metric M            What a nominal task is measured by: accuracy (default),
                            balanced-accuracy (the mean recall per class), macro-f1 or
                            log-loss (of the Laplace-corrected probabilities, natural
                            log; lower is better). tune and curve minimise its error
                            (1 − the value; log-loss itself). A numeric task is measured
                            by squared error (evaluate: R² per split, RMSE, MAE).
      --format F            text (default) or json.
      --quiet               No progress on standard error (shown only on a terminal).

    """

/// The options `evaluate`, `tune` and `curve` share.
struct EvaluationOptions {
    /// `--folds`, if given.
    var folds: Int?
    /// `--repeats`, if given.
    var repeats: Int?
    /// `--seed` (default 1).
    var seed: UInt64 = 1
    /// The pruning to measure, or `nil` with `--no-prune`.
    var pruning: PruningConfiguration? = .default
    /// `--format json`.
    var json = false
    /// `--quiet`.
    var quiet = false
    /// `--metric` (default accuracy).
    var metric: Metric = .accuracy

    /// Cross-validation with the given or default folds and repeats.
    var crossValidation: Resampling { .crossValidation(folds: folds ?? 10, repeats: repeats ?? 1) }
}

extension Arguments {
    /// Parses the evaluation options.
    ///
    /// - Throws: A usage error for a value out of range.
    mutating func evaluationOptions() throws -> EvaluationOptions {
        var options = EvaluationOptions()
        options.folds = try integer("--folds", in: 2 ... 100_000)
        options.repeats = try integer("--repeats", in: 1 ... 10_000)
        if let text = try value("--seed") {
            guard let seed = UInt64(text) else { throw MTLError(.usage, "--seed takes a whole number ≥ 0, not '\(text)'") }
            options.seed = seed
        }
        let pruning = try pruningConfiguration()
        options.pruning = pruning.isEnabled ? pruning : nil
        switch try value("--format") ?? "text" {
        case "text": break
        case "json": options.json = true
        case let other: throw MTLError(.usage, "--format takes text or json, not '\(other)'")
        }
        options.quiet = flag("--quiet", "-q")
        options.metric = try metric() ?? .accuracy
        return options
    }

    /// Parses `--metric`.
    ///
    /// - Returns: The metric given, or `nil`.
    /// - Throws: A usage error for an unknown metric.
    mutating func metric() throws -> Metric? {
        guard let text = try value("--metric") else { return nil }
        guard let metric = Metric(rawValue: text) else {
            let names = Metric.allCases.map(\.rawValue)
            var message = "--metric takes " + names.dropLast().joined(separator: ", ") + " or " + names.last! + ", not '\(text)'"
            if let near = closestMatch(to: text, in: names) { message += "; did you mean '\(near)'?" }
            throw MTLError(.usage, message)
        }
        return metric
    }

    /// A comma-separated list of λ values, each a finite number ≥ 0.
    mutating func lambdaGrid(_ name: String) throws -> [Double]? {
        let given = try values(name)
        guard !given.isEmpty else { return nil }
        // An empty item (`1,,2`, or an empty value) is a typo, not nothing: it is reported.
        let items = given.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return try items.map { item in
            guard let x = Double(item), x.isFinite, x >= 0 else {
                throw MTLError(.usage, "\(name) takes λ values ≥ 0 separated by commas, not '\(item)'")
            }
            return x
        }
    }
}

/// A reporter for a library call, or `nil`; runs `body` and erases the progress line after it.
func withProgress<T>(
    _ console: Console, quiet: Bool, label: String, unit: String, _ body: (ProgressHandler?) throws -> T
) rethrows -> T {
    let meter = ProgressMeter.make(console: console, quiet: quiet, label: label, unit: unit)
    defer { meter?.finish() }
    return try body(meter?.handler)
}
