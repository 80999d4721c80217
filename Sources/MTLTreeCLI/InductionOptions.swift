import MTLTreeKit

/// Help text shared by every command that grows trees.
let inductionOptionsHelp = """
    INDUCTION OPTIONS:
      --lambda L            λ of every extra task (default 1, except that train chooses
                            it by cross-validation on small data; 0 is single-task learning).
      --lambda TASK=L       λ of one extra task (repeatable; overrides the shared value).
      --lambda auto         (train) Choose λ by cross-validation, as 'mtltree tune' does
                            (see 'mtltree train --help').
      --criterion C         gain-ratio (C4.5, default) or gain (ID3).
      --min-leaf W          Least weight a branch may hold (default 2).
      --max-depth D         Deepest a node may be; the root is depth 0 (default: none).
      --threads N           Threads to use (default: all cores, at most 8); the tree is
                            the same whatever N is.
      --confidence CF       C4.5 pruning confidence factor, 0 < CF ≤ 1 (default 0.25;
                            smaller prunes more).
      --no-prune            Keep the grown tree unpruned.
      --no-task-prune       Prune the shared tree only, without per-task views.

    """

extension Arguments {
    /// Parses `--lambda` values: one bare number (shared) and any `TASK=L` pairs;
    /// `auto` (where `allowAuto`) asks for λ chosen by cross-validation.
    mutating func lambdaSpecification(allowAuto: Bool = false) throws -> (LambdaSpecification, auto: Bool, given: Bool) {
        var spec = LambdaSpecification()
        var auto = false
        let given = try values("--lambda")
        for text in given {
            if text == "auto" {
                guard allowAuto else { throw MTLError(.usage, "--lambda auto is for train; use 'mtltree tune' here") }
                auto = true
                continue
            }
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                if let eq = item.lastIndex(of: "=") {
                    let name = String(item[..<eq])
                    guard let value = Double(item[item.index(after: eq)...]), value.isFinite, value >= 0 else {
                        throw MTLError(.usage, "--lambda \(item): λ must be a number ≥ 0")
                    }
                    spec.perTask[name] = value
                } else {
                    guard let value = Double(item), value.isFinite, value >= 0 else {
                        throw MTLError(.usage, "--lambda takes a number ≥ 0 or TASK=NUMBER, not '\(item)'")
                    }
                    spec.shared = value
                }
            }
        }
        return (spec, auto, !given.isEmpty)
    }

    /// Parses the pruning options: C4.5 pruning with per-task views unless `--no-prune`.
    mutating func pruningConfiguration() throws -> PruningConfiguration {
        var pruning = PruningConfiguration.default
        if let cf = try real("--confidence", in: 0 ... 1) {
            guard cf > 0 else { throw MTLError(.usage, "--confidence takes a number in (0, 1], not 0") }
            pruning.confidence = cf
        }
        if flag("--no-task-prune") { pruning.perTask = false }
        if flag("--no-prune") { pruning = .none }
        return pruning
    }

    /// Parses the induction options into a configuration.
    mutating func inductionConfiguration() throws -> InductionConfiguration {
        try inductionConfiguration(allowAuto: false).configuration
    }

    /// Parses the induction options; `auto` says `--lambda auto` was given
    /// (train only), `lambdaGiven` that `--lambda` was given at all.
    mutating func inductionConfiguration(
        allowAuto: Bool
    ) throws -> (configuration: InductionConfiguration, auto: Bool, lambdaGiven: Bool) {
        var configuration = InductionConfiguration()
        let (lambda, auto, lambdaGiven) = try lambdaSpecification(allowAuto: allowAuto)
        configuration.lambda = lambda
        if let criterion = try value("--criterion") {
            guard let c = InductionConfiguration.Criterion(rawValue: criterion) else {
                throw MTLError(.usage, "--criterion takes gain-ratio or gain, not '\(criterion)'")
            }
            configuration.criterion = c
        }
        if let w = try real("--min-leaf", in: 1e-9 ... 1e15) { configuration.minLeafWeight = w }
        configuration.maxDepth = try integer("--max-depth", in: 0 ... 100_000)
        if let n = try integer("--threads", in: 1 ... 256) { configuration.threads = n }
        return (configuration, auto, lambdaGiven)
    }
}
