import Foundation
import Testing
@testable import MTLTreeKit

/// A forest's model file (version 3): a JSON header, then binary tree
/// records laid out as ``_ForestFile`` documents them.
struct ForestFileTests {
    /// A stump, by hand: x ≤ 2.5 splits 300.5 rows into 200 of class a and 100.5 of class b.
    static func stump() throws -> MultitaskForest {
        let schema = TreeSchema(attributes: [.init(name: "x", type: .numeric)], tasks: [.init(name: "y", classes: ["a", "b"])], hasMainTask: true)
        let nodes = [
            MultitaskTree.Node(weight: 300.5, test: .numeric(attribute: 0, threshold: 2.5), firstChild: 1, childCount: 2, score: 0.97),
            MultitaskTree.Node(weight: 200),
            MultitaskTree.Node(weight: 100.5),
        ]
        let tree = try MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1], nodes: nodes,
            classCounts: [200, 100.5, 200, 0, 0, 100.5], gains: [0.97, 0, 0], trainingData: ("hand", 300))
        return MultitaskForest(trees: [tree], configuration: ForestConfiguration(treeCount: 1, seed: 5), outOfBag: [OutOfBagScore(task: "y", correct: 290, labelled: 300)])
    }

    static func le(_ x: UInt64) -> [UInt8] { (0 ..< 8).map { UInt8(truncatingIfNeeded: x >> (8 * UInt64($0))) } }

    /// The stump's record, byte by byte from the documented layout.
    static func stumpRecord() -> [UInt8] {
        var record: [UInt8] = [0, 3]  // flags, 3 nodes
        record += [2, 1, 0] + Self.le(2.5.bitPattern)  // root: 2 children from node 0 + 1, attribute 0, threshold
        record += [1] + Self.le(300.5.bitPattern)  // weight 300.5: not whole, so a 1 and its bits
        record += [0x90, 0x03] + [1] + Self.le(100.5.bitPattern)  // counts 200 (varint of 400), 100.5
        record += [1] + Self.le(0.97.bitPattern)  // gain
        record += [0, 0x90, 0x03, 0x90, 0x03, 0]  // leaf: weight 200, counts 200, 0
        record += [0, 1] + Self.le(100.5.bitPattern) + [0, 1] + Self.le(100.5.bitPattern)  // leaf: 100.5, counts 0, 100.5
        return record
    }

    @Test func layoutByHand() throws {
        let bytes = try Self.stump().serialized()
        let record = Self.stumpRecord()
        #expect(Array(bytes.suffix(record.count + 8)) == Self.le(UInt64(record.count)) + record)
        let header = try JSONValue.parse(Array(bytes.dropLast(record.count + 9)))
        #expect(bytes[bytes.count - record.count - 9] == 0x0A)
        #expect(header["version"]?.numberValue == 3 && header["kind"]?.stringValue == "forest")
        #expect(header["trees"]?["encoding"]?.stringValue == "binary" && header["trees"]?["layout"]?.numberValue == 1)
        #expect(header["tree"]?["schema"]?["tasks"]?.arrayValue?.count == 1)
        #expect(header["forest"]?["out_of_bag"]?.arrayValue?[0]["correct"]?.numberValue == 290)
        guard case .forest(let back) = try ModelFile(bytes: bytes) else {
            Issue.record("not read as a forest")
            return
        }
        #expect(try back == Self.stump())
    }

    /// Forests with nominal tests, missing values (fractional counts) and
    /// several tasks come back equal, from memory and from a file; a tree
    /// model's reader refuses them from the header.
    @Test(arguments: [0.0, 0.1])
    func roundTrip(missing: Double) throws {
        let data = try TestData.random(seed: 9, rows: 300, numeric: 3, nominal: 2, tasks: 3, missing: missing)
        var configuration = ForestConfiguration(treeCount: 11, attributesPerNode: .count(2), seed: 7)
        configuration.tree.threads = 2
        let forest = try ForestInducer(configuration: configuration).fit(data)
        guard case .forest(let back) = try ModelFile(bytes: forest.serialized()) else {
            Issue.record("not read as a forest")
            return
        }
        #expect(back.trees == forest.trees)
        #expect(back.outOfBag == forest.outOfBag)
        #expect(back.configuration.seed == 7 && back.configuration.attributesPerNode == .count(2))
        #expect(try back.predict(data) == forest.predict(data))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("forest-\(getpid())-\(missing).model").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try forest.write(to: path)
        #expect(try ModelFile.read(path: path) == .forest(back))
        let error = try #require(throws: MTLError.self) { try TreeModel.read(path: path) }
        #expect(error.message.contains("a forest's model, not a tree model"))
    }

    /// A forest written as one JSON document (format version 2, before the binary layout) still reads.
    @Test func versionTwoStillReads() throws {
        let data = try TestData.random(seed: 4, rows: 200, numeric: 2, nominal: 2, tasks: 2)
        let forest = try ForestInducer(configuration: ForestConfiguration(treeCount: 3, seed: 3)).fit(data)
        let old = JSONValue.object([
            ("format", .string("mtltree-model")), ("version", .number(2)), ("mtltree", .string("0.9")), ("kind", .string("forest")),
            ("forest", .object([
                ("trees", .number(3)), ("attributes_per_node", .string("sqrt")), ("seed", .number(3)),
                ("out_of_bag", .array(forest.outOfBag.map(\.json))),
            ])),
            ("trees", .array(forest.trees.map(\.json))),
        ])
        guard case .forest(let back) = try ModelFile(bytes: Array(old.serialized(pretty: true).utf8)) else {
            Issue.record("not read as a forest")
            return
        }
        #expect(back.trees == forest.trees && back.outOfBag == forest.outOfBag)
    }

    /// Damaged files are refused with the member named; no damage crashes the reader.
    @Test func damagedFilesAreRefused() throws {
        let bytes = try Self.stump().serialized()
        let size = Self.stumpRecord().count
        #expect(size == 68)
        let recordStart = bytes.count - size
        func message(_ damaged: [UInt8]) -> String {
            do {
                _ = try ModelFile(bytes: damaged, file: "f.model")
                return "read"
            } catch let error as MTLError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message(Array(bytes.dropLast())).contains("trees[0]: the file ends inside this tree's 68 bytes"))
        #expect(message(bytes + [0]).contains("bytes after the last of the 1 trees"))
        var attribute = bytes
        attribute[recordStart + 4] = 1  // the root tests attribute 1 of 1
        #expect(message(attribute).contains("trees[0].nodes[0].test.attribute: 1 is not an attribute index (1 attributes)"))
        var negative = bytes
        // Leaf 1 (from byte 42 of the record: 0 children, weight 200) counts −3 of class a: 9 bytes for 2.
        negative.replaceSubrange(recordStart + 45 ..< recordStart + 47, with: [1] + Self.le((-3.0).bitPattern))
        negative.replaceSubrange(recordStart - 8 ..< recordStart, with: Self.le(UInt64(size + 7)))
        #expect(message(negative).contains("trees[0].nodes[1].counts[0]: expected 2 non-negative counts"))
        var heavy = bytes
        heavy[recordStart + 43] = 0x92  // leaf 1 weighs 201 (its counts 200): the children outweigh the root
        #expect(message(heavy).contains("trees[0].nodes[0].children: the children weigh"))
        // Every truncation and every single byte changed is refused or read, never a crash.
        for end in 0 ..< bytes.count { _ = message(Array(bytes.prefix(end))) }
        for i in bytes.indices {
            for value in [0, 1, 0x7F, 0x80, 0xFF] as [UInt8] {
                var changed = bytes
                changed[i] = value
                _ = message(changed)
            }
        }
    }
}
