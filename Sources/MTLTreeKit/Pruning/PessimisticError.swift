import Foundation

/// C4.5's pessimistic estimate of the errors a leaf will make on new data.
///
/// A leaf that misclassifies E of the N (weighted) training rows reaching it
/// is taken to have an error rate of `U_CF(E, N)`, the upper limit of the
/// binomial confidence interval at confidence CF (Quinlan, *C4.5: Programs for
/// Machine Learning*, 1993, ch. 4), so it is expected to make
/// `N · U_CF(E, N) = E + extraErrors(E, N)` errors.
///
/// The limit is computed as C4.5 release 8 computes it (`AddErrs` in
/// `stats.c`), so that pruning decisions match C4.5's:
/// - E = 0: the exact limit, `N · (1 − CF^(1/N))`.
/// - 0 < E < 1: linear between the values at E = 0 and E = 1.
/// - E + 0.5 ≥ N: `0.67 · (N − E)`.
/// - otherwise the normal approximation with continuity correction (Wilson's
///   upper bound), `p = (e + z²/2 + √(z²·(e·(1 − e/N) + z²/4))) / (N + z²)`
///   with `e = E + 0.5`, where `z` is the standard normal deviate for CF,
///   interpolated linearly in C4.5's table of (CF, z) pairs.
///
/// For 0 < E < 1 with N < 1, which only fractional rows can give, C4.5's
/// interpolation can dip below 0; the extra errors are clamped at 0 there.
struct PessimisticError: Sendable {
    /// C4.5's table: confidence levels and their normal deviates
    /// (from Documenta Geigy Scientific Tables, 6th ed., p. 185, as in `stats.c`).
    private static let levels: [Double] = [0, 0.001, 0.005, 0.01, 0.05, 0.10, 0.20, 0.40, 1.00]
    private static let deviates: [Double] = [4.0, 3.09, 2.58, 2.33, 1.65, 1.28, 0.84, 0.25, 0.00]

    /// The confidence factor CF, in (0, 1].
    let confidence: Double
    /// z², the squared normal deviate for CF.
    let coefficient: Double
    /// `log(CF)`, for the E = 0 limit.
    private let logConfidence: Double

    /// Prepares the estimate for confidence factor `confidence`, in (0, 1].
    init(confidence: Double) {
        precondition(confidence > 0 && confidence <= 1, "the confidence factor must be in (0, 1], not \(confidence)")
        self.confidence = confidence
        logConfidence = log(confidence)
        let levels = Self.levels, deviates = Self.deviates
        var i = 1
        while confidence > levels[i] { i += 1 }
        let z = deviates[i - 1] + (deviates[i] - deviates[i - 1]) * (confidence - levels[i - 1]) / (levels[i] - levels[i - 1])
        coefficient = z * z
    }

    /// The errors to add to a leaf's `errors` training errors out of `weight`
    /// rows: `weight · U_CF(errors, weight) − errors` (C4.5's `AddErrs`).
    ///
    /// - Complexity: O(1).
    func extraErrors(errors e: Double, weight n: Double) -> Double {
        guard n > 0 else { return 0 }
        if e < 1e-6 { return n * (1 - exp(logConfidence / n)) }
        if e < 0.9999 {
            let atZero = n * (1 - exp(logConfidence / n))
            return max(0, atZero + e * (extraErrors(errors: 1, weight: n) - atZero))
        }
        if e + 0.5 >= n { return 0.67 * (n - e) }
        let c = coefficient
        let p = (e + 0.5 + c / 2 + (c * ((e + 0.5) * (1 - (e + 0.5) / n) + c / 4)).squareRoot()) / (n + c)
        return n * p - e
    }

    /// `U_CF(errors, weight)`: the pessimistic error rate of a leaf.
    ///
    /// - Complexity: O(1).
    func upperLimit(errors: Double, weight: Double) -> Double {
        weight > 0 ? (errors + extraErrors(errors: errors, weight: weight)) / weight : 0
    }

    /// The estimated errors of a leaf with class counts `counts`, which
    /// predicts their most frequent class: `E + extraErrors(E, N)` with N the
    /// counts' total and E the weight outside the most frequent class.
    ///
    /// - Complexity: O(classes).
    func leafErrors(_ counts: ArraySlice<Double>) -> Double {
        var total = 0.0, largest = 0.0
        for c in counts {
            total += c
            largest = max(largest, c)
        }
        let errors = max(0, total - largest)
        return errors + extraErrors(errors: errors, weight: total)
    }
}
