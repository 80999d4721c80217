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
