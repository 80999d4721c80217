import MTLTreeKit

/// Help text for the selection rule, shared by `train`, `tune` and `evaluate --tune`.
let ruleOptionHelp = """
      --rule R              How λ is picked from the cross-validated errors:
                            one-se (default) takes the smallest λ within one standard
                            error of the lowest error (the standard error of the
                            paired per-fold differences), so transfer is used only
                            where it clearly pays; lowest-error takes the lowest mean
                            error; K-se (e.g. 0.5-se) allows K standard errors.
    """

/// Help text for the bounded per-task search, shared by `train` and `tune`.
let perTaskOptionHelp = """
      --per-task            Also search one λ_i per extra task: from the chosen shared λ,
                            each round tries for every extra task at once at most 3
                            values of its λ_i (the grid's next value down, next up,
                            and its smallest), in one pass over the folds, then their
                            combination; at most 2 rounds. Worst case per fold:
                            grid + 2 × (3 × extra tasks + 1) trees (7 + 80 for 13
                            extra tasks), grown in lockstep.
    """

extension Arguments {
    /// Parses `--rule`.
    ///
    /// - Returns: The rule given, or `nil`.
    /// - Throws: A usage error for an unknown rule.
    mutating func selectionRule() throws -> LambdaSelectionRule? {
        guard let text = try value("--rule") else { return nil }
        guard let rule = LambdaSelectionRule(text) else {
            throw MTLError(.usage, "--rule takes one-se, lowest-error or K-se (K a number ≥ 0, as 0.5-se), not '\(text)'")
        }
        return rule
    }
}

let raceOptionHelp = """
      --race M|off          Race the grid, an approximation: after the first 40% of
                            the folds (2 of 5), drop each λ whose mean error there is
                            more than M above the lowest (M in the error's units: for
                            accuracy 0.02 is 2 points); off measures every λ on every
                            fold. Default: off where choosing is cheap (see Choosing λ)
                            or the error is a log-loss or squared error, else \(formatNumber(LambdaTuner.defaultRacingMargin)).
    """

extension Arguments {
    /// `--race M|off`: `nil` when not given, `.some(nil)` for off, else the margin.
    mutating func racingMargin() throws -> Double?? {
        guard let text = try value("--race") else { return nil }
        if text == "off" { return .some(nil) }
        guard let margin = Double(text), margin.isFinite, margin >= 0 else {
            throw MTLError(.usage, "--race takes an error rate ≥ 0 (as 0.02) or off, not '\(text)'")
        }
        return .some(margin)
    }
}
