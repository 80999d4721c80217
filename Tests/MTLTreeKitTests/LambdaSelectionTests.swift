import Testing
@testable import MTLTreeKit

struct LambdaSelectionTests {
    /// Fold errors of λ = 0 and λ = 1 on four folds. Paired differences
    /// d = (0.10, −0.02, 0.05, 0.05): mean 0.045; squared deviations
    /// 0.003025 + 0.004225 + 0.000025 + 0.000025 = 0.0073, so sd = √(0.0073/3)
    /// = 0.049329 and the standard error 0.024664 (by hand). λ = 1 has the
    /// lowest mean; λ = 0 is 1.82 standard errors worse.
    static let stl = [0.30, 0.20, 0.25, 0.35]
    static let mtl = [0.20, 0.22, 0.20, 0.30]

    @Test(arguments: [(0.0, 1), (1, 1), (1.8, 1), (1.85, 0), (2, 0)])
    func smallestLambdaWithinKStandardErrors(k: Double, chosen: Int) {
        let choice = LambdaSelectionRule(standardErrors: k).select([Self.stl, Self.mtl])
        #expect(choice.lowest == 1)
        #expect(choice.chosen == chosen)
    }

    @Test func lowestErrorTiesGoToTheSmallerLambda() {
        let choice = LambdaSelectionRule.lowestError.select([[0.2, 0.3], [0.1, 0.2], [0.1, 0.2], [0.3, 0.3]])
        #expect(choice.lowest == 1 && choice.chosen == 1)
    }

    @Test func oneStandardErrorSkipsToTheSmallestAccepted() {
        // λ0 is far worse; λ1 differs from the best (λ2) by a mean 0.01 with
        // differences (0.02, 0.00, 0.01, 0.01): sd 0.008165, standard error
        // 0.004082, so 0.01 is 2.45 standard errors: rejected under one-se.
        // λ3 ties with λ2 on average but is later: never chosen over it.
        let errors = [[0.5, 0.5, 0.5, 0.5], [0.12, 0.10, 0.11, 0.11], [0.10, 0.10, 0.10, 0.10], [0.09, 0.11, 0.10, 0.10]]
        #expect(LambdaSelectionRule.oneStandardError.select(errors) == (2, 2))
        #expect(LambdaSelectionRule(standardErrors: 2.5).select(errors) == (2, 1))
    }

    @Test func oneFoldAcceptsOnlyTies() {
        // No standard error from one fold: a smaller λ must match the best.
        #expect(LambdaSelectionRule.oneStandardError.select([[0.3], [0.2], [0.2]]) == (1, 1))
        #expect(LambdaSelectionRule.oneStandardError.select([[0.2], [0.2]]) == (0, 0))
    }

    @Test func foldsWithoutLabelledRowsAreSkippedInPairs() {
        // λ1's mean over its three folds (0.167) is below λ0's over its two
        // (0.25); paired, the NaN fold drops out and the rest differ by
        // exactly 0, so λ0 is accepted.
        #expect(LambdaSelectionRule.oneStandardError.select([[.nan, 0.2, 0.3], [0.0, 0.2, 0.3]]) == (1, 0))
    }

    @Test(arguments: [
        ("one-se", 1.0), ("lowest-error", 0), ("0.5-se", 0.5), ("2-se", 2), ("0-se", 0),
    ])
    func rulesParse(text: String, k: Double) throws {
        let rule = try #require(LambdaSelectionRule(text))
        #expect(rule.standardErrors == k)
        #expect(LambdaSelectionRule(rule.description) == rule)
    }

    @Test(arguments: ["", "se", "-1-se", "nan-se", "inf-se", "best", "one-SE"])
    func badRulesDoNotParse(text: String) {
        #expect(LambdaSelectionRule(text) == nil)
    }
}
