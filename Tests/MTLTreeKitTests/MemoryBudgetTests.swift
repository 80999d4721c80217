import Testing
@testable import MTLTreeKit

/// The class counts of a tree over many classes are checked against memory before growing.
struct MemoryBudgetTests {
    static func schema(classes: Int) -> TreeSchema {
        TreeSchema(
            attributes: [.init(name: "x", type: .numeric)],
            tasks: [.init(name: "label", classes: (0 ..< classes).map { "c\($0)" }), .init(name: "flag", classes: ["no", "yes"])],
            hasMainTask: true)
    }

    /// 60,000 rows with a class each (issue #18): up to 60,001 nodes × 60,002 classes × 8 bytes, twice, is 57.6 GB.
    @Test func aClassPerRowIsRefusedUpFrontWithTheSizes() throws {
        let error = try #require(throws: MTLError.self) {
            try _MemoryBudget.checkClassCounts(schema: Self.schema(classes: 60_000), rows: 60_000, minLeaf: 2, available: 24e9)
        }
        #expect(error.kind == .badData)
        #expect(error.message == "task 'label' has 60000 classes (60002 over all tasks): a tree over 60000 rows may keep counts for up to 60001 nodes × 60002 classes, 57.6 GB with its copy, more than the 24 GB of memory available; merge rare classes, or raise the minimum leaf weight")
    }

    /// 5,000 classes over 5,000 rows, leaves of weight 1: up to 10,001 nodes × 5,002 classes × 16 bytes = 800.4 MB,
    /// within 24 GB and not within 300 MB.
    @Test func theLimitIsTheMemoryAvailable() throws {
        try _MemoryBudget.checkClassCounts(schema: Self.schema(classes: 5_000), rows: 5_000, minLeaf: 1, available: 24e9)
        let error = try #require(throws: MTLError.self) {
            try _MemoryBudget.checkClassCounts(schema: Self.schema(classes: 5_000), rows: 5_000, minLeaf: 1, available: 300e6)
        }
        #expect(error.message.contains("10001 nodes × 5002 classes, 800.4 MB with its copy, more than the 300 MB"))
        // A larger minimum leaf weight bounds the tree, and so the counts.
        try _MemoryBudget.checkClassCounts(schema: Self.schema(classes: 5_000), rows: 5_000, minLeaf: 20, available: 300e6)
    }
}
