/// `x · log2(x)` for small whole numbers, looked up instead of computed.
///
/// Entropies are sums of `x log x` terms over class counts, and with unit row
/// weights the counts are whole numbers, so one table serves almost every
/// evaluation of a split; other values fall back to `log2`.
func xlxTable(upTo count: Int) -> [Double] {
    (0 ... max(count, 1 << 12)).map { n in n == 0 ? 0 : Double(n) * log2(Double(n)) }
}

/// `x · log2(x)`, with `0 · log 0 = 0` (and 0 for the tiny negatives that
/// subtraction of fractional weights can leave).
@inline(__always)
func xlx(_ x: Double, _ table: UnsafeBufferPointer<Double>) -> Double {
    if x >= 0 && x < Double(table.count) {
        let i = Int(x)
        if Double(i) == x { return table[i] }
    }
    return x > 0 ? x * log2(x) : 0
}

/// The entropy, in bits, of a distribution with the given weights (whose sum is `total`).
///
/// - Complexity: O(weights.count).
func entropy<C: Collection<Double>>(_ weights: C, total: Double) -> Double {
    guard total > 0 else { return 0 }
    var h = 0.0
    for w in weights where w > 0 {
        // A weight too small beside the total (a row weighing 4.9e-324) gives p = 0: no term, not 0 · −∞.
        let p = w / total
        if p > 0 { h -= p * log2(p) }
    }
    return h
}

/// The entropy of branch weights plus the missing weight, as C4.5's split information.
func splitInformation(_ branchWeights: [Double], missing: Double) -> Double {
    let total = branchWeights.reduce(0, +) + missing
    return entropy(branchWeights + [missing], total: total)
}

/// ``splitInformation(_:missing:)`` of a split in two, without building arrays
/// (the same operations in the same order).
func splitInformation(_ left: Double, _ right: Double, missing: Double) -> Double {
    let total = left + right + missing
    guard total > 0 else { return 0 }
    var h = 0.0
    func add(_ w: Double) {
        let p = w / total
        guard p > 0 else { return }  // as in entropy(_:total:)
        h -= p * log2(p)
    }
    add(left)
    add(right)
    add(missing)
    return h
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
