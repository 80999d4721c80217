import Testing
@testable import MTLTreeKit

/// Rows whose weights are whole numbers (a forest's bootstrap rows weigh
/// their numbers of draws) are scanned with whole-number counts, as rows
/// weighing 1 are. A row of weight w is, for the inducer, w copies of the
/// row: these tests grow a tree on weighted rows (the whole-number scan with
/// weights) and on the same rows repeated (the unit-weight scan) and expect
/// the same tree, node for node, to the last bit of every count and gain.
struct WholeWeightScanTests {
    /// `data` with row r repeated `weights[r]` times, each copy weighing 1.
    static func repeated(_ data: Dataset, _ weights: [Int]) -> Dataset {
        data.subset(rows: weights.indices.flatMap { r in [Int](repeating: r, count: weights[r]) })
    }

    @Test(arguments: [(1 as UInt64, 0.0), (2, 0.0), (3, 0.1), (4, 0.1)], [InductionConfiguration.Criterion.gain, .gainRatio])
    func weightedRowsGrowTheTreeOfRepeatedRows(data setting: (seed: UInt64, labelMissing: Double), criterion: InductionConfiguration.Criterion) throws {
        // 1,500 rows of weights 1 to 4 (about 3,750 repeated rows): long lists, scanned in blocks.
        let data = try TestData.random(seed: setting.seed, rows: 1500, numeric: 4, nominal: 1, tasks: 3, missing: 0, labelMissing: setting.labelMissing)
        var rng = SplitMix64(seed: setting.seed &+ 100)
        let weights = (0 ..< data.rowCount).map { _ in 1 + rng.nextInt(below: 4) }
        var weighted = data
        try weighted.setWeights(weights.map(Double.init))
        let copies = Self.repeated(data, weights)
        // One λ per case, in turn (it was all three in every case, three times the
        // work): gain takes 0.5, 1, 0, 0.5 and gain ratio 1, 0, 0.5, 1 over seeds
        // 1-4, so each criterion meets every λ, and every λ meets data with
        // and without missing labels. What is compared is the scan, the same
        // code whatever λ weighs its gains by.
        let lambda = Self.lambdas[(Int(setting.seed) + (criterion == .gain ? 0 : 1)) % Self.lambdas.count]
        let configuration = InductionConfiguration(criterion: criterion, lambda: LambdaSpecification(shared: lambda), threads: 1)
        let inducer = TreeInducer(configuration: configuration)
        let tree = try inducer.fit(weighted)
        let expected = try inducer.fit(copies)
        #expect(tree.nodes.count > 20)
        #expect(tree.nodes == expected.nodes)
        #expect(tree.classCounts == expected.classCounts)
        #expect(tree.gains == expected.gains)
    }

    /// The λ of the shared weight, taken in turn by the cases above.
    static let lambdas = [0.0, 0.5, 1]

    /// The node statistics and the scan agree on which rows weigh what: a
    /// node's weights are whole only when every one is a whole number from 1
    /// to 255.
    @Test func wholeWeightsAreRecognised() throws {
        let data = try TestData.random(seed: 9, rows: 40, numeric: 2, nominal: 0, tasks: 2, missing: 0, labelMissing: 0)
        let laid = _TrainingData(data, schema: TreeSchema(data), members: [[1, 1]])
        let expander = _Expander(data: laid, configuration: InductionConfiguration())
        let rows = (0 ..< 40).map { Int32($0) }
        func stats(_ weights: [Double]) -> _NodeStats {
            expander.statistics(_NodeData(rows: rows, weights: weights, depth: 0))
        }
        let unit = stats([])
        #expect(unit.unitWeights && unit.wholeWeights && unit.weight == 40)
        let whole = stats((0 ..< 40).map { Double(1 + $0 % 3) })
        #expect(!whole.unitWeights && whole.wholeWeights && whole.weight == 79)
        #expect(!stats((0 ..< 40).map { $0 == 7 ? 2.5 : 1 }).wholeWeights)
        #expect(!stats((0 ..< 40).map { $0 == 7 ? 256 : 1 }).wholeWeights)
        // Whole or not, the counts are the weighted sums.
        let fractional = stats((0 ..< 40).map { Double(1 + $0 % 3) + ($0 == 0 ? 1e-9 : 0) })
        #expect(fractional.counts.reduce(0, +) - whole.counts.reduce(0, +) > 0)
        for t in 0 ..< 2 { #expect(abs(fractional.labelledWeight[t] - whole.labelledWeight[t] - 1e-9) < 1e-12) }
    }
}
