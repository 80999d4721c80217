import Foundation
import Testing
@testable import MTLTreeKit

/// Reference values below were computed with SciPy 1.x:
/// `stats.ttest_rel(a, b)`, `stats.t.cdf(t, df)` and `special.betainc(a, b, x)`.
struct StatisticsTests {
    @Test func meanAndStandardErrorByHand() {
        // Mean 5; squared deviations 9, 1, 1, 9 sum to 20; s² = 20/3; SE = √(20/3)/2.
        let values: [Double] = [2, 4, 6, 8]
        #expect(Statistics.mean(values) == 5)
        #expect(abs(Statistics.standardDeviation(values) - (20.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(Statistics.standardError(values) - (20.0 / 3).squareRoot() / 2) < 1e-15)
        let summary = SampleSummary([2, .nan, 4, 6, 8])
        #expect(summary.count == 4)
        #expect(summary.mean == 5)
        #expect(abs(summary.standardError - 1.2909944487358056) < 1e-15)
    }

    @Test func tooFewValuesGiveNaN() {
        #expect(Statistics.mean([]).isNaN)
        #expect(Statistics.standardError([0.5]).isNaN)
        #expect(SampleSummary([]).mean.isNaN)
        #expect(Statistics.pairedTTest([0.5], [0.4]).pValue.isNaN)
    }

    @Test(arguments: [
        // (a, b, t, p) from scipy.stats.ttest_rel(a, b)
        ([0.81, 0.84, 0.79, 0.88, 0.83, 0.80, 0.86, 0.82, 0.85, 0.87],
         [0.78, 0.83, 0.80, 0.84, 0.80, 0.79, 0.82, 0.83, 0.81, 0.84], 3.372312683704792, 0.008226724883487966),
        ([0.5, 0.6, 0.55], [0.52, 0.58, 0.61], -0.8660254037844383, 0.4777670321329066),
    ])
    func pairedTTestMatchesSciPy(a: [Double], b: [Double], t: Double, p: Double) {
        let test = Statistics.pairedTTest(a, b)
        #expect(abs(test.t - t) < 1e-9)
        #expect(abs(test.pValue - p) < 1e-12)
        #expect(test.degreesOfFreedom == a.count - 1)
        #expect(abs(test.meanDifference - (Statistics.mean(a) - Statistics.mean(b))) < 1e-15)
    }

    @Test func correctedTestWidensTheVarianceByTheOverlap() {
        // 10 folds: n_test/n_training = 1/9, so the variance of the mean is
        // s² (1/10 + 1/9); t and p from the definition with scipy.stats.t.sf.
        let a = [0.81, 0.84, 0.79, 0.88, 0.83, 0.80, 0.86, 0.82, 0.85, 0.87]
        let b = [0.78, 0.83, 0.80, 0.84, 0.80, 0.79, 0.82, 0.83, 0.81, 0.84]
        let corrected = Statistics.correctedPairedTTest(a, b, testToTrainingRatio: 1.0 / 9)
        #expect(abs(corrected.t - 2.320984767519415) < 1e-9)
        #expect(abs(corrected.pValue - 0.045412534473520054) < 1e-10)
        #expect(corrected.degreesOfFreedom == 9)
        // No overlap is the plain test.
        #expect(Statistics.correctedPairedTTest(a, b, testToTrainingRatio: 0) == Statistics.pairedTTest(a, b))
    }

    @Test func pairedTTestOnThirtyPairsMatchesSciPy() {
        // f = [x + 0.3 sin x + 0.05 for x in 1 … 30]; ttest_rel(f, x).
        let x = (1 ... 30).map(Double.init)
        let f = x.map { $0 + 0.3 * sin($0) + 0.05 }
        let test = Statistics.pairedTTest(f, x)
        #expect(abs(test.t - 1.317130906768482) < 1e-9)
        #expect(abs(test.pValue - 0.1981078338665409) < 1e-10)
    }

    @Test func constantDifferencesNeedNoRatio() {
        #expect(Statistics.pairedTTest([0.8, 0.7, 0.9], [0.8, 0.7, 0.9]).pValue == 1)
        let shifted = Statistics.pairedTTest([0.8, 0.7, 0.9], [0.7, 0.6, 0.8])
        #expect(shifted.pValue == 0)
        #expect(shifted.t == .infinity)
        // The other way round, t is −∞.
        let lower = Statistics.pairedTTest([0.7, 0.6, 0.8], [0.8, 0.7, 0.9])
        #expect(lower.pValue == 0)
        #expect(lower.t == -.infinity)
        // Differences of rounding error alone are no difference: 0.1 + 0.2 is
        // 0.30000000000000004, 5.6e-17 from 0.3, on every pair.
        let rounding = Statistics.pairedTTest([0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2], [0.3, 0.3, 0.3])
        #expect(rounding.meanDifference > 0)
        #expect(rounding.t == 0)
        #expect(rounding.pValue == 1)
    }

    @Test func pairsWithAMissingValueAreDropped() {
        let test = Statistics.pairedTTest([0.5, .nan, 0.6, 0.55], [0.52, 0.9, 0.58, 0.61])
        #expect(test.degreesOfFreedom == 2)
        #expect(abs(test.pValue - 0.4777670321329066) < 1e-12)
        // A NaN on the second side drops its pair too.
        let other = Statistics.pairedTTest([0.5, 0.6, 0.9, 0.55], [0.52, 0.58, .nan, 0.61])
        #expect(other.degreesOfFreedom == 2)
        #expect(abs(other.meanDifference - -0.02) < 1e-15)
        #expect(abs(other.pValue - 0.4777670321329066) < 1e-12)
    }

    @Test func twoPairsAreEnoughForATest() {
        // Differences 0.1 and −0.05: mean 0.025, s = 0.075 √2, standard error
        // 0.075, t = 1/3. With 1 degree of freedom t is Cauchy's, so
        // p = 1 − (2/π) atan(1/3), 0.7951672353008665 as
        // scipy.stats.ttest_rel([0.8, 0.6], [0.7, 0.65]) gives
        // (Tests/Reference/reference_evaluation.py).
        let test = Statistics.pairedTTest([0.8, 0.6], [0.7, 0.65])
        #expect(test.degreesOfFreedom == 1)
        #expect(abs(test.t - 1.0 / 3) < 1e-12)
        #expect(abs(test.pValue - (1 - 2 / Double.pi * atan(1.0 / 3))) < 1e-12)
        #expect(abs(test.pValue - 0.7951672353008665) < 1e-12)
    }

    @Test(arguments: [
        // (t, df, scipy.stats.t.cdf(t, df))
        (2.0, 5.0, 0.9490302605850708),
        (-1.3, 12.0, 0.10900858554175706),
        (0.7, 1.0, 0.6944001122142147),
    ])
    func studentTCDFMatchesSciPy(t: Double, df: Double, expected: Double) {
        #expect(abs(Statistics.studentTCDF(t, degreesOfFreedom: df) - expected) < 1e-12)
    }

    @Test func farTailIsAccurate() {
        // 2 · scipy.stats.t.sf(25, 3)
        let p = Statistics.studentTTwoSided(25, degreesOfFreedom: 3)
        #expect(abs(p - 0.00014033138995754856) / 0.00014033138995754856 < 1e-9)
    }

    @Test(arguments: [
        // (t, df, 2 · scipy.stats.t.sf(t, df)), Tests/Reference/reference_evaluation.py.
        // Many degrees of freedom put ν/(ν + t²) near 1, where the continued
        // fraction must be taken on the 1 − x side to converge.
        (0.1, 5000.0, 0.9203483345657316),
        (0.5, 1000.0, 0.6171850808338747),
        (2.0, 400.0, 0.04617594517356813),
    ])
    func manyDegreesOfFreedomMatchSciPy(t: Double, df: Double, expected: Double) {
        #expect(abs(Statistics.studentTTwoSided(t, degreesOfFreedom: df) - expected) < 1e-11)
    }

    @Test func infiniteTHasNoTail() {
        #expect(Statistics.studentTTwoSided(.infinity, degreesOfFreedom: 4) == 0)
        #expect(Statistics.studentTTwoSided(-.infinity, degreesOfFreedom: 4) == 0)
        #expect(Statistics.studentTCDF(-.infinity, degreesOfFreedom: 4) == 0)
        #expect(Statistics.studentTCDF(.infinity, degreesOfFreedom: 4) == 1)
    }

    @Test(arguments: [
        // (a, b, x, scipy.special.betainc(a, b, x))
        (2.5, 0.5, 0.3, 0.018927124071945658),
        (10.0, 3.0, 0.9, 0.889130022255),
        (0.5, 0.5, 0.5, 0.5),
    ])
    func incompleteBetaMatchesSciPy(a: Double, b: Double, x: Double, expected: Double) {
        #expect(abs(Statistics.regularizedIncompleteBeta(x, a: a, b: b) - expected) < 1e-12)
    }

    @Test func winsTiesAndLosses() {
        let record = Statistics.winTieLoss([0.9, 0.8, 0.7, .nan, 0.5], [0.8, 0.8, 0.75, 0.1, 0.5 + 1e-15])
        #expect(record.wins == 1)
        #expect(record.ties == 2)
        #expect(record.losses == 1)
    }
}
