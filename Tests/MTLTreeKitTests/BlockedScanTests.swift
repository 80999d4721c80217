import Foundation
import Testing
@testable import MTLTreeKit

/// The threshold scan skips blocks of cuts whose bound falls short of the
/// best score known (lists of 512 rows or more, binary tasks; with the gain
/// criterion, shorter lists too, against the best score of the attributes
/// scanned before). These tests check its choice against an exhaustive
/// search written from the definition.
struct BlockedScanTests {
    /// Inputs in [0, 1) (with `decimals`, rounded: runs of equal values that
    /// cross the scan's blocks) and three binary tasks with noisy thresholds
    /// on different inputs, so that the best cut of each input lies inside a
    /// list, far from its ends.
    static func data(seed: UInt64, rows: Int, decimals: Int? = nil) throws -> (Dataset, x: [[Double]], y: [[Int]]) {
        var rng = SplitMix64(seed: seed)
        let scale = decimals.map { pow(10, Double($0)) }
        let x = (0 ..< 4).map { _ in (0 ..< rows).map { _ in scale.map { (rng.nextUnit() * $0).rounded(.down) / $0 } ?? rng.nextUnit() } }
        let y = (0 ..< 3).map { t in
            (0 ..< rows).map { r in
                let s = x[t][r] + 0.4 * x[3][r] - 0.7 + (rng.nextUnit() - 0.5) * 0.6
                return s > 0 ? 1 : 0
            }
        }
        var specs = (0 ..< 4).map { a in TestData.numeric("x\(a)", x[a]) }
        specs += (0 ..< 3).map { t in TestData.task("t\(t)", y[t].map { $0 == 1 ? "yes" : "no" }) }
        return (try TestData.dataset(specs, main: "t0"), x, y)
    }

    /// The best root split by Σ_t λ_t · Gain_t over every threshold between
    /// distinct values with at least `minLeaf` rows a side; the first on ties.
    static func exhaustiveRoot(x: [[Double]], y: [[Int]], lambdas: [Double], minLeaf: Int = 2) -> (attribute: Int, threshold: Double, score: Double) {
        exhaustiveRoots(x: x, y: y, lambdas: [lambdas], minLeaf: minLeaf)[0]
    }

    /// ``exhaustiveRoot(x:y:lambdas:minLeaf:)`` for several weightings at
    /// once: each cut's gains are worked out once and scored for each.
    static func exhaustiveRoots(x: [[Double]], y: [[Int]], lambdas: [[Double]], minLeaf: Int = 2) -> [(attribute: Int, threshold: Double, score: Double)] {
        func entropy(_ ones: Int, _ n: Int) -> Double {
            guard n > 0, ones > 0, ones < n else { return 0 }
            let p = Double(ones) / Double(n)
            let q = Double(n - ones) / Double(n)
            return -p * log2(p) - q * log2(q)
        }
        let n = x[0].count
        let totals = y.map { $0.reduce(0, +) }
        var best = [(attribute: Int, threshold: Double, score: Double)](repeating: (-1, 0, -Double.infinity), count: lambdas.count)
        var left = [Int](repeating: 0, count: y.count)
        var gains = [Double](repeating: 0, count: y.count)
        for a in x.indices {
            let order = (0 ..< n).sorted { x[a][$0] < x[a][$1] }
            for t in y.indices { left[t] = 0 }
            for i in 0 ..< n - 1 {
                for t in y.indices { left[t] += y[t][order[i]] }
                let nl = i + 1
                guard nl >= minLeaf, n - nl >= minLeaf, x[a][order[i]] < x[a][order[i + 1]] else { continue }
                for t in y.indices {
                    gains[t] = entropy(totals[t], n) - Double(nl) / Double(n) * entropy(left[t], nl)
                        - Double(n - nl) / Double(n) * entropy(totals[t] - left[t], n - nl)
                }
                for k in lambdas.indices {
                    var score = 0.0
                    for t in y.indices { score += lambdas[k][t] * gains[t] }
                    if score > best[k].score + 1e-12 {
                        let low = x[a][order[i]]
                        let high = x[a][order[i + 1]]
                        best[k] = (a, low + (high - low) / 2, score)
                    }
                }
            }
        }
        return best
    }

    @Test(arguments: [(1 as UInt64, nil as Int?), (2, nil), (3, nil), (4, nil), (5, nil), (6, 2), (7, 2), (8, 2), (9, 3), (10, 3)], [3000, 300, 90])
    func rootSplitIsTheExhaustiveSearchs(data: (seed: UInt64, decimals: Int?), rows: Int) throws {
        let (data, x, y) = try Self.data(seed: data.seed, rows: rows, decimals: data.decimals)
        let lambdas: [LambdaSpecification] = [.init(shared: 0), .init(shared: 0.25), .init(shared: 1), .init(shared: 4)]
        let configuration = InductionConfiguration(criterion: .gain, maxDepth: 1, threads: 1)
        // One tree at a time, and the grid's trees in lockstep (several members scanning at once).
        let single = try lambdas.map { lambda in
            var configuration = configuration
            configuration.lambda = lambda
            return try TreeInducer(configuration: configuration).fit(data)
        }
        let lockstep = try TreeInducer(configuration: configuration).fit(data, lambdas: lambdas)
        let roots = Self.exhaustiveRoots(x: x, y: y, lambdas: [0, 0.25, 1, 4].map { [1, $0, $0] })
        for (k, lambda) in [0, 0.25, 1, 4].enumerated() {
            let expected = roots[k]
            for tree in [single[k], lockstep[k]] {
                #expect(tree.nodes[0].test == .numeric(attribute: expected.attribute, threshold: expected.threshold), "λ = \(lambda)")
                #expect(abs(tree.nodes[0].score - expected.score) < 1e-9, "λ = \(lambda)")
            }
        }
    }
}

extension BlockedScanTests {
    /// The root's children are searched on lists cut from the root's (in
    /// place, or into new storage where lockstep trees part): their splits
    /// must be the exhaustive search's on the child's own rows. Values
    /// rounded to few decimals make runs of ties that a cut list must keep.
    @Test(arguments: [(11 as UInt64, 2), (12, 1), (13, 2)])
    func childSplitsAreTheExhaustiveSearchsOnTheirRows(seed: UInt64, decimals: Int) throws {
        let (data, x, y) = try Self.data(seed: seed, rows: 2000, decimals: decimals)
        let lambdas: [LambdaSpecification] = [.init(shared: 0), .init(shared: 0.5), .init(shared: 4)]
        let configuration = InductionConfiguration(criterion: .gain, maxDepth: 2, threads: 1)
        let trees = try TreeInducer(configuration: configuration).fit(data, lambdas: lambdas)
        for (k, lambda) in [0, 0.5, 4].enumerated() {
            let tree = trees[k]
            guard case .numeric(let a, let threshold)? = tree.nodes[0].test else {
                Issue.record("λ = \(lambda): the root does not split on a number")
                continue
            }
            for (side, child) in tree.nodes[0].children.enumerated() {
                let rows = x[a].indices.filter { (x[a][$0] <= threshold) == (side == 0) }
                let expected = Self.exhaustiveRoot(x: x.map { v in rows.map { v[$0] } }, y: y.map { v in rows.map { v[$0] } }, lambdas: [1, lambda, lambda])
                #expect(tree.nodes[child].test == .numeric(attribute: expected.attribute, threshold: expected.threshold), "λ = \(lambda), child \(side)")
                #expect(abs(tree.nodes[child].score - expected.score) < 1e-9, "λ = \(lambda), child \(side)")
            }
        }
    }
}
