import Foundation

/// A sample's mean and the standard error of that mean.
public struct SampleSummary: Sendable, Equatable {
    /// The arithmetic mean, or NaN for an empty sample.
    public var mean: Double
    /// The sample standard deviation (n − 1 in the denominator) over √n, or
    /// NaN for fewer than two values.
    public var standardError: Double
    /// The number of values.
    public var count: Int

    /// Summarizes `values`, skipping NaNs (a fold with no labelled test row).
    ///
    /// - Complexity: O(values).
    public init(_ values: [Double]) {
        let known = values.filter { !$0.isNaN }
        count = known.count
        mean = Statistics.mean(known)
        standardError = Statistics.standardError(known)
    }
}

/// The result of a paired t-test.
public struct PairedTTest: Sendable, Equatable {
    /// The mean of the differences a − b.
    public var meanDifference: Double
    /// The t statistic, mean difference over its standard error (±∞ when the
    /// differences are all equal and not zero).
    public var t: Double
    /// n − 1.
    public var degreesOfFreedom: Int
    /// The two-sided p-value: the probability, if the true mean difference
    /// were 0, of a |t| at least this large. NaN for fewer than two pairs.
    public var pValue: Double
}

/// The few statistics an evaluation needs, written out so that mtltree has no
/// dependencies: means, standard errors, Student's t distribution and the
/// paired t-test.
public enum Statistics {
    /// The arithmetic mean of `values`, or NaN if there are none.
    ///
    /// - Complexity: O(values).
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation of `values` (n − 1 in the denominator),
    /// or NaN for fewer than two values.
    ///
    /// - Complexity: O(values).
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return .nan }
        let m = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// The standard error of the mean: the sample standard deviation over √n.
    ///
    /// - Complexity: O(values).
    public static func standardError(_ values: [Double]) -> Double {
        standardDeviation(values) / Double(values.count).squareRoot()
    }

    /// Student's paired t-test of `a` against `b` (the same folds, in the
    /// same order), two-sided, as `scipy.stats.ttest_rel(a, b)`.
    ///
    /// Pairs where either value is NaN are dropped. When every difference is
    /// the same, the test cannot be computed as a ratio: equal samples give
    /// p = 1 (no evidence of any difference), otherwise p = 0.
    ///
    /// - Parameters:
    ///   - a: One sample, e.g. MTL's accuracy per fold.
    ///   - b: The other, in the same order, e.g. STL's.
    /// - Returns: The mean difference a − b, t, degrees of freedom and p-value.
    /// - Complexity: O(pairs).
    public static func pairedTTest(_ a: [Double], _ b: [Double]) -> PairedTTest {
        pairedTTest(a, b, testToTrainingRatio: 0)
    }

    /// The paired t-test of `a` against `b` for splits whose training sets
    /// overlap (cross-validation), with Nadeau & Bengio's (2003) correction:
    /// the variance of the mean difference is s² · (1/n + n_test/n_training)
    /// rather than s²/n, so the p-value is not made optimistic by the overlap
    /// (Bouckaert & Frank's "corrected repeated k-fold cv test" with k folds:
    /// n_test/n_training = 1/(k − 1)).
    ///
    /// - Parameters:
    ///   - a: One sample, e.g. MTL's accuracy per split.
    ///   - b: The other, in the same order.
    ///   - testToTrainingRatio: n_test/n_training of a split; 0 is the plain test.
    /// - Returns: The mean difference a − b, the corrected t, degrees of freedom and p-value.
    /// - Complexity: O(pairs).
    public static func correctedPairedTTest(_ a: [Double], _ b: [Double], testToTrainingRatio: Double) -> PairedTTest {
        pairedTTest(a, b, testToTrainingRatio: testToTrainingRatio)
    }

    private static func pairedTTest(_ a: [Double], _ b: [Double], testToTrainingRatio ratio: Double) -> PairedTTest {
        precondition(a.count == b.count, "a paired test needs samples of equal size")
        let differences = zip(a, b).compactMap { x, y in x.isNaN || y.isNaN ? nil : x - y }
        let n = differences.count
        let d = mean(differences)
        guard n > 1 else { return PairedTTest(meanDifference: d, t: .nan, degreesOfFreedom: max(0, n - 1), pValue: .nan) }
        let se = ratio == 0
            ? standardError(differences) : standardDeviation(differences) * (1 / Double(n) + ratio).squareRoot()
        // Differences equal to rounding error are equal: no spread, no test.
        if se <= 1e-12 * max(1, abs(d)) {
            let same = abs(d) <= 1e-12
            let t = same ? 0 : (d > 0 ? Double.infinity : -.infinity)
            return PairedTTest(meanDifference: d, t: t, degreesOfFreedom: n - 1, pValue: same ? 1 : 0)
        }
        let t = d / se
        return PairedTTest(meanDifference: d, t: t, degreesOfFreedom: n - 1, pValue: studentTTwoSided(t, degreesOfFreedom: Double(n - 1)))
    }

    /// P(|T| ≥ |t|) for Student's t with `degreesOfFreedom` ν:
    /// I_{ν/(ν+t²)}(ν/2, 1/2).
    ///
    /// - Complexity: O(1) (a continued fraction of at most a few hundred terms).
    public static func studentTTwoSided(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard !t.isNaN, nu > 0 else { return .nan }
        guard t.isFinite else { return 0 }
        return regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// The cumulative distribution function of Student's t with `degreesOfFreedom` ν.
    ///
    /// - Complexity: O(1).
    public static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let tail = studentTTwoSided(t, degreesOfFreedom: nu) / 2
        return t < 0 ? tail : 1 - tail
    }

    /// The regularized incomplete beta function I_x(a, b), for x in [0, 1]
    /// and a, b > 0.
    ///
    /// Evaluated by its continued fraction (modified Lentz), on the side of
    /// x = (a + 1)/(a + b + 2) where the fraction converges fast, using
    /// I_x(a, b) = 1 − I_{1−x}(b, a) on the other.
    ///
    /// - Complexity: O(1) (at most 500 terms; relative accuracy about 1e-14).
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes' `betacf`).
    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1 ... 500 {
            let m = Double(m), m2 = 2 * m
            // The even step of the fraction.
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // The odd step.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// Wins, ties and losses of `a` against `b`, pair by pair (NaN pairs skipped).
    ///
    /// Values within 1e-12 of each other tie.
    ///
    /// - Complexity: O(pairs).
    public static func winTieLoss(_ a: [Double], _ b: [Double]) -> (wins: Int, ties: Int, losses: Int) {
        var result = (wins: 0, ties: 0, losses: 0)
        for (x, y) in zip(a, b) where !x.isNaN && !y.isNaN {
            if abs(x - y) <= 1e-12 { result.ties += 1 } else if x > y { result.wins += 1 } else { result.losses += 1 }
        }
        return result
    }
}
