import Foundation
import Testing
@testable import MTLTreeKit

/// The numeric-task kernel (numeric tasks only, rows weighing 1, every row
/// labelled) against an exhaustive search written from the definition of a
/// numeric task's gain: `(V − Σ_c (W_c / W) V_c) / V_root`, with population
/// variances, summed with each task's λ.
struct NumericScanTests {
    /// `tasks` numeric tasks over three inputs rounded to one decimal (runs
    /// of equal values), each task a noisy step or slope of one input.
    static func data(seed: UInt64, rows: Int, tasks: Int) throws -> (Dataset, x: [[Double]], y: [[Double]]) {
        var rng = SplitMix64(seed: seed)
        let x = (0 ..< 3).map { _ in (0 ..< rows).map { _ in (rng.nextUnit() * 10).rounded() / 10 } }
        let y = (0 ..< tasks).map { t in
            (0 ..< rows).map { r in
                let a = x[t % 3][r]
                return (t % 2 == 0 ? (a > 0.3 + 0.1 * Double(t % 4) ? 5.0 : 1.0) : 3 * a) + rng.nextUnit() * 2 + 100
            }
        }
        var specs = (0 ..< 3).map { a in TestData.numeric("x\(a)", x[a]) }
        specs += (0 ..< tasks).map { t in TestData.numericTask("y\(t)", y[t]) }
        return (try TestData.dataset(specs, main: "y0"), x, y)
    }

    static func variance(_ values: ArraySlice<Double>) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    }

    /// The best root cut by Σ_t λ_t · Gain_t, the first on ties (within 1e-12).
    static func exhaustiveRoot(x: [[Double]], y: [[Double]], lambdas: [Double], minLeaf: Int = 2) -> (attribute: Int, threshold: Double, score: Double) {
        let n = x[0].count
        let root = y.map { variance($0[...]) }
        var best = (attribute: -1, threshold: 0.0, score: -Double.infinity)
        for a in x.indices {
            let order = (0 ..< n).sorted { x[a][$0] < x[a][$1] }
            let sorted = y.map { task in order.map { task[$0] } }
            for i in 0 ..< n - 1 {
                let nl = i + 1
                guard nl >= minLeaf, n - nl >= minLeaf, x[a][order[i]] < x[a][order[i + 1]] else { continue }
                var score = 0.0
                for t in y.indices where lambdas[t] > 0 {
                    let children = Double(nl) / Double(n) * variance(sorted[t][..<nl]) + Double(n - nl) / Double(n) * variance(sorted[t][nl...])
                    score += lambdas[t] * (root[t] - children) / root[t]
                }
                if score > best.score + 1e-12 {
                    let low = x[a][order[i]]
                    let high = x[a][order[i + 1]]
                    best = (a, low + (high - low) / 2, score)
                }
            }
        }
        return best
    }

    /// One tree at a time and several λ in lockstep (members scored from the
    /// same terms), with 1, 4 (one vector) and 6 (a vector and a half) tasks.
    @Test(arguments: [(1 as UInt64, 1), (2, 4), (3, 6), (4, 6)])
    func rootSplitIsTheExhaustiveSearchs(setting: (seed: UInt64, tasks: Int)) throws {
        let (data, x, y) = try Self.data(seed: setting.seed, rows: 400, tasks: setting.tasks)
        let shared: [Double] = [0, 0.5, 2]
        let configuration = InductionConfiguration(criterion: .gain, maxDepth: 1, threads: 1)
        let inducer = TreeInducer(configuration: configuration)
        let together = try inducer.fit(data, lambdas: shared.map { LambdaSpecification(shared: $0) })
        for (k, lambda) in shared.enumerated() {
            let lambdas = (0 ..< setting.tasks).map { $0 == 0 ? 1 : lambda }
            let expected = Self.exhaustiveRoot(x: x, y: y, lambdas: lambdas)
            var one = configuration
            one.lambda = LambdaSpecification(shared: lambda)
            for tree in [try TreeInducer(configuration: one).fit(data), together[k]] {
                #expect(tree.nodes[0].test == .numeric(attribute: expected.attribute, threshold: expected.threshold))
                #expect(abs(tree.nodes[0].score - expected.score) < 1e-9 * max(1, expected.score))
            }
        }
    }
}
