import TestSupport
import Testing
@testable import MTLTreeKit

/// A model file's nodes are written straight to bytes; they must be the
/// bytes of each node's `JSONValue` written compactly, the definition of the
/// format the reader checks.
struct CompactNodeWriterTests {
    @Test(arguments: [
        ("bridges.arff", ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], ["IDENTIF"]),  // nominal tests, missing values
        ("water-quality.arff", ["25400", "29600", "30400", "33400", "17300"], []),  // numeric tests
    ])
    func nodesAreTheirJSONValuesBytes(file: String, tasks: [String], ignore: [String]) throws {
        let roles = RoleOptions(tasks: tasks, main: tasks.last, ignore: ignore)
        let dataset = try Dataset.load(path: FixturePaths.data(file), options: ReadOptions(roles: roles))
        // A fractional weight makes counts that are not whole numbers.
        var weighted = dataset
        weighted.weights = (0 ..< dataset.rowCount).map { $0 % 3 == 0 ? 0.5 : 1 }
        let grown = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(weighted)
        var nominal = 0
        var stops = 0
        for tree in [grown, grown.pruned(PruningConfiguration(confidence: 0.25, perTask: true))] {
            for n in tree.nodes.indices {
                var expected: [UInt8] = []
                tree.nodeJSON(n).write(into: &expected, indent: nil, compactDepth: 0)
                var written: [UInt8] = []
                tree.writeCompactNode(n, into: &written)
                #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "node \(n)")
                if case .nominal? = tree.nodes[n].test { nominal += 1 }
                if !tree.taskStops.isEmpty, tree.taskStops[n * tree.schema.tasks.count ..< (n + 1) * tree.schema.tasks.count].contains(true) { stops += 1 }
            }
        }
        // The trees exercise what the writer must handle.
        #expect(stops > 0)
        if file == "bridges.arff" { #expect(nominal > 0) }
    }
}
