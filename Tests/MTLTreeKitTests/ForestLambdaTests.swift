import Foundation
import Testing
@testable import MTLTreeKit

/// λ chosen for a forest by the main task's out-of-bag error under a metric:
/// each λ's error recomputed from the definitions, each row predicted by the
/// average of the trees whose sample left it out.
struct ForestLambdaTests {
    /// Per row, the main task's out-of-bag class probabilities (nil: no tree left the row out).
    static func outOfBag(_ forest: MultitaskForest, data: Dataset, seed: UInt64) throws -> [[Double]?] {
        let perTree = try forest.trees.map { try $0.predict(data) }
        let samples = forest.trees.indices.map { _BootstrapSample(rows: data.rowCount, seed: seed, tree: $0) }
        let k = forest.schema.tasks[0].classes.count
        return (0 ..< data.rowCount).map { row in
            let voters = samples.indices.filter { samples[$0].multiplicity[row] == 0 }
            guard !voters.isEmpty else { return nil }
            var p = [Double](repeating: 0, count: k)
            for i in voters { for c in 0 ..< k { p[c] += perTree[i].probabilities(task: 0, row: row)[row * k + c] } }
            return p.map { $0 / Double(voters.count) }
        }
    }

    @Test func lambdaByMetric() throws {
        let data = try TestData.random(seed: 13, rows: 400, numeric: 4, nominal: 1, tasks: 3, labelMissing: 0.1)
        let seed: UInt64 = 6
        let grid = [0, 0.5, 2.0]
        let inducer = ForestInducer(configuration: ForestConfiguration(treeCount: 5, seed: seed))
        let column = data["task0"]!.nominal!
        for metric in Metric.allCases {
            let choice = try inducer.chooseLambda(data, grid: grid, metric: metric)
            #expect(choice.metric == metric)
            for (i, forest) in choice.forests.enumerated() {
                let classes = forest.schema.tasks[0].classes
                let truthOf = column.values.map { classes.firstIndex(of: $0)! }
                var right = [Double](repeating: 0, count: classes.count)
                var labelled = [Double](repeating: 0, count: classes.count)
                var predictedAs = [Double](repeating: 0, count: classes.count)
                var loss = 0.0
                for (row, p) in try Self.outOfBag(forest, data: data, seed: seed).enumerated() {
                    guard let p, column.codes[row] >= 0 else { continue }
                    let truth = truthOf[Int(column.codes[row])]
                    let predicted = p[1] > p[0] ? 1 : 0
                    labelled[truth] += 1
                    predictedAs[predicted] += 1
                    if predicted == truth { right[truth] += 1 }
                    loss -= log(min(max(p[truth], Double.ulpOfOne), 1 - Double.ulpOfOne))
                }
                let rows = labelled.reduce(0, +)
                let present = classes.indices.filter { labelled[$0] > 0 }
                let expected: Double = switch metric {
                case .accuracy: 1 - right.reduce(0, +) / rows
                case .balancedAccuracy: 1 - present.map { right[$0] / labelled[$0] }.reduce(0, +) / Double(present.count)
                case .macroF1:
                    1 - classes.indices.filter { labelled[$0] + predictedAs[$0] > 0 }
                        .map { 2 * right[$0] / (labelled[$0] + predictedAs[$0]) }.reduce(0, +)
                        / Double(classes.indices.filter { labelled[$0] + predictedAs[$0] > 0 }.count)
                case .logLoss: loss / rows
                }
                let error = try #require(choice.errors[i])
                #expect(abs(error - expected) < 1e-12, "\(metric) λ \(grid[i]): \(error) against \(expected)")
            }
            let least = grid.indices.min { choice.errors[$0]! != choice.errors[$1]! ? choice.errors[$0]! < choice.errors[$1]! : $0 < $1 }!
            // By accuracy, the smallest λ within one binomial standard error of the least error; by another metric, the least.
            let lowest = choice.errors[least]!, rows = Double(choice.forests[least].outOfBag[0].labelled)
            let margin = metric == .accuracy ? (lowest * (1 - lowest) / rows).squareRoot() : 0
            let best = grid.indices.first { choice.errors[$0]! <= lowest + margin }!  // the grid is increasing
            #expect(choice.best == best)
        }
        // By accuracy, the errors are the out-of-bag scores' (rows counted).
        let choice = try inducer.chooseLambda(data, grid: grid)
        #expect(choice.errors == choice.forests.map { $0.outOfBag[0].error })
    }
}
