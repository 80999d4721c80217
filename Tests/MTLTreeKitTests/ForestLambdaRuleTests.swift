import Testing
@testable import MTLTreeKit

/// The forest's λ choice from out-of-bag errors: the smallest λ within one binomial standard error of the least
/// error, on errors written by hand (each margin computed here from √(e(1 − e)/n)).
struct ForestLambdaRuleTests {
    let grid = [0, 0.125, 0.25, 0.5, 1, 2, 4]

    /// 95 rows, least error 0.4255 at λ = 0.25: margin √(0.4255 · 0.5745 / 95) = 0.0507, so λ = 0 (0.4681 ≤ 0.4762) is kept.
    @Test func smallDataKeepsTheSmallerLambdaWithinTheNoise() {
        let errors: [Double?] = [0.4681, 0.5, 0.4255, 0.4574, 0.4681, 0.4894, 0.5]
        let index = ForestLambdaChoice.chosenIndex(grid: grid, errors: errors, labelled: Array(repeating: 95, count: 7), leastOnly: false)
        #expect(index == 0)
    }

    /// 9,000 rows, least 0.0040 at λ = 0.25: margin √(0.004 · 0.996 / 9000) = 0.000665; λ = 0 (0.0047) and
    /// λ = 0.125 (0.0048) are outside it (> 0.004665), λ = 0.5 (0.0044) is within but larger: λ = 0.25 stays.
    @Test func largeDataKeepsTheLeastError() {
        let errors: [Double?] = [0.0047, 0.0048, 0.0040, 0.0044, 0.0044, 0.0052, 0.0053]
        let index = ForestLambdaChoice.chosenIndex(grid: grid, errors: errors, labelled: Array(repeating: 9000, count: 7), leastOnly: false)
        #expect(index == 2)
    }

    /// Within the margin, the smallest λ wins even when it is not the nearest to the least error: 500 rows, least
    /// 0.20 at λ = 4, margin √(0.2 · 0.8 / 500) = 0.01789; λ = 0.5 (0.215) is within, λ = 0 … 0.25 (0.22) are not.
    @Test func smallestLambdaWithinTheMargin() {
        let errors: [Double?] = [0.22, 0.22, 0.22, 0.215, 0.2179, 0.21, 0.20]
        let index = ForestLambdaChoice.chosenIndex(grid: grid, errors: errors, labelled: Array(repeating: 500, count: 7), leastOnly: false)
        #expect(index == 3)
    }

    /// A numeric main task's errors are mean squared errors: no margin, the least, the smaller λ on ties; a λ
    /// without a row to judge is skipped, and the grid need not be in order.
    @Test func numericTaskTakesTheLeastErrorAndSkipsMissingErrors() {
        let errors: [Double?] = [nil, 2.5, 2.0, 2.0, 2.4]
        let index = ForestLambdaChoice.chosenIndex(grid: [0, 4, 1, 0.5, 0.25], errors: errors, labelled: [0, 90, 90, 90, 90], leastOnly: true)
        #expect(index == 3)
        #expect(ForestLambdaChoice.chosenIndex(grid: [0, 1], errors: [nil, nil], labelled: [0, 0], leastOnly: false) == 0)
    }
}
