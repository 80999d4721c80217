/// How ``LambdaTuner`` picks a λ from the cross-validated errors of its candidates.
///
/// Inner cross-validation on a few hundred rows is noisy: the λ with the
/// lowest mean error often wins by less than the folds disagree, and then
/// transfer that does not pay is bought with the main task's accuracy. A rule
/// with ``standardErrors`` = k > 0 prefers less transfer unless more clearly
/// pays (Breiman et al.'s one-standard-error rule, *Classification and
/// Regression Trees*, 1984, §3.4.3): it takes the **smallest** λ whose error
/// is within k standard errors of the lowest, the standard error taken over
/// the paired per-fold differences (the candidates are measured on the same
/// folds, so the pairing removes what the folds have in common):
///
///     d_f = error_f(λ) − error_f(best),   accept λ if mean(d) ≤ k · sd(d) / √n
///
/// With k = 0 it is the λ with the lowest mean error, ties going to the
/// smaller. Where the standard error cannot be computed (one fold), only
/// ties with the best are accepted.
///
/// `lowestError` and `oneStandardError` are the two named rules; on the
/// bundled datasets, with each task as main, the one-standard-error rule gave
/// the better outer cross-validated accuracy (Benchmarks/tuning_rules.py;
/// the figures are in the README), so it is the default.
public struct LambdaSelectionRule: Sendable, Equatable, CustomStringConvertible {
    /// How many standard errors of the paired differences a smaller λ may
    /// lose by and still be preferred; 0 takes the lowest mean error.
    public var standardErrors: Double

    /// Creates a rule that accepts the smallest λ within `standardErrors`
    /// standard errors of the lowest error.
    ///
    /// - Parameter standardErrors: A finite number ≥ 0.
    public init(standardErrors: Double) {
        self.standardErrors = standardErrors
    }

    /// The lowest mean error, ties to the smaller λ.
    public static let lowestError = LambdaSelectionRule(standardErrors: 0)
    /// Breiman's rule: the smallest λ within one standard error of the lowest.
    public static let oneStandardError = LambdaSelectionRule(standardErrors: 1)
    /// The rule ``LambdaTuner`` uses unless told otherwise.
    public static let `default` = oneStandardError

    /// `lowest-error`, `one-se`, or `K-se` (`0.5-se`): as the rule is written
    /// on the command line.
    public var description: String {
        switch standardErrors {
        case 0: "lowest-error"
        case 1: "one-se"
        default: "\(formatNumber(standardErrors))-se"
        }
    }

    /// A phrase for reports: `lowest mean error` or `smallest λ within one
    /// standard error of the lowest`.
    public var explanation: String {
        switch standardErrors {
        case 0: "lowest mean error, ties to the smaller λ"
        case 1: "smallest λ within one standard error of the lowest error"
        default: "smallest λ within \(formatNumber(standardErrors)) standard errors of the lowest error"
        }
    }

    /// Parses `lowest-error`, `one-se` or `K-se` (K a number ≥ 0).
    ///
    /// - Returns: The rule, or `nil` for any other text.
    public init?(_ text: String) {
        switch text {
        case "lowest-error", "lowest": self = .lowestError
        case "one-se", "1se": self = .oneStandardError
        default:
            guard text.hasSuffix("-se"), let k = Double(text.dropLast(3)), k.isFinite, k >= 0 else { return nil }
            self.init(standardErrors: k)
        }
    }

    /// Picks one of `candidates`, ordered from least to most transfer, by
    /// their per-fold errors.
    ///
    /// - Parameter errors: For each candidate, its error on each fold (the
    ///   same folds, in the same order; NaN where a fold has no labelled test
    ///   row, and such pairs are skipped).
    /// - Returns: The index of the lowest mean error (ties to the earlier
    ///   candidate), and the index chosen by the rule (never later than it).
    /// - Complexity: O(candidates × folds).
    public func select(_ errors: [[Double]]) -> (lowest: Int, chosen: Int) {
        precondition(!errors.isEmpty, "nothing to choose from")
        let means = errors.map { SampleSummary($0).mean }
        var lowest = 0
        for i in means.indices where means[i] < means[lowest] - 1e-12 { lowest = i }
        for i in 0 ..< lowest where accepts(errors[i], against: errors[lowest]) { return (lowest, i) }
        return (lowest, lowest)
    }

    /// Whether `candidate` is within the rule's margin of `best` (paired, fold by fold).
    func accepts(_ candidate: [Double], against best: [Double]) -> Bool {
        let differences = zip(candidate, best).compactMap { a, b in a.isNaN || b.isNaN ? nil : a - b }
        guard !differences.isEmpty else { return true }  // no fold tells them apart
        let mean = Statistics.mean(differences)
        if mean <= 1e-12 { return true }
        let standardError = Statistics.standardError(differences)
        return standardError.isFinite && mean <= standardErrors * standardError + 1e-12
    }
}
