import Foundation
import Testing
@testable import MTLTreeKit

struct TreeModelTests {
    func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "mtltree-test-\(UInt32.random(in: 0 ... .max))-" + name
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func saveLoadPredictGivesIdenticalPredictions(seed: UInt64) throws {
        let data = try TestData.random(seed: seed, rows: 600, missing: 0.1, labelMissing: 0.1)
        let tree = try TreeInducer(configuration: InductionConfiguration(lambda: LambdaSpecification(shared: 0.25))).fit(data)
        let path = temporaryPath("model.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TreeModel(tree).write(to: path)
        let loaded = try TreeModel.read(path: path)
        #expect(loaded.trees == [tree])
        #expect(try loaded.predict(data) == tree.predict(data))
        // The streamed file is the JSON document, one node per line; writing the loaded model gives the same bytes.
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(String(decoding: bytes, as: UTF8.self) == TreeModel(tree).json.serialized(pretty: true, compactDepth: 4) + "\n")
        #expect(loaded.serialized() == [UInt8](bytes))
    }

    @Test func nominalValuesAreMatchedByTextAndUnseenOnesCountAsMissing() throws {
        let tree = try TreeInducer(configuration: InductionConfiguration(criterion: .gain, minLeafWeight: 1)).fit(
            TestData.dataset([TestData.input("outlook", GainTests.outlook), TestData.task("play", GainTests.play)]))
        #expect(tree.nodes[0].test?.attribute == 0)
        func predictions(_ outlook: [String?]) throws -> Predictions {
            try tree.predict(TestData.dataset([TestData.input("outlook", outlook)]))
        }
        // The data's value codes follow first appearance (rainy first here), not the tree's.
        let reordered: [String?] = ["rainy", "overcast", "sunny", "rainy"]
        let one = try ["rainy", "overcast", "sunny"].map { try predictions([$0]) }
        let all = try predictions(reordered)
        for (row, value) in reordered.enumerated() {
            let single = one[["rainy", "overcast", "sunny"].firstIndex(of: value!)!]
            #expect(all.label(task: 0, row: row) == single.label(task: 0, row: 0))
            #expect(all.probabilities(task: 0, row: row) == single.probabilities(task: 0, row: 0))
        }
        // sunny is 2 yes of 5: no; overcast 4 of 4 and rainy 3 of 5: yes.
        #expect(one.map { $0.label(task: 0, row: 0) } == ["yes", "yes", "no"])
        // A value the tree never saw goes down every branch, as a missing value does.
        let foggy = try predictions(["foggy"])
        let missing = try predictions([nil])
        #expect(foggy.probabilities(task: 0, row: 0) == missing.probabilities(task: 0, row: 0))
        #expect(foggy.probabilities(task: 0, row: 0) != one[0].probabilities(task: 0, row: 0))
    }

    @Test func modelFileNamesTheSchemaConfigurationAndTree() throws {
        let data = try TestData.random(seed: 5, rows: 200)
        let tree = try TreeInducer().fit(data)
        let json = TreeModel(tree).json
        #expect(json["format"] == .string("mtltree-model"))
        #expect(json["version"] == .number(1))
        let first = try #require(json["trees"]?.arrayValue?.first)
        #expect(first["schema"]?["main_task"] == .string("task0"))
        #expect(first["configuration"]?["criterion"] == .string("gain-ratio"))
        #expect(first["lambda"]?["task1"] == .number(1))
        let root = try #require(first["nodes"]?.arrayValue?.first)
        #expect(root["weight"] == .number(200))
        #expect(root["gains"]?.arrayValue?.count == 3)
        #expect(root["test"]?["attribute"]?.stringValue != nil)
    }

    @Test(arguments: [
        ("", "empty file"),
        ("{\"format\": \"mtltree-model\", \"version\": 1, \"trees\": [", "unexpected end of file"),
        ("hello", "not an mtltree model"),
        ("{\"format\": \"something-else\"}", "not an mtltree model"),
        ("{\"format\": \"mtltree-model\", \"version\": 99, \"trees\": []}", "unsupported model version 99"),
        ("{\"format\": \"mtltree-model\", \"version\": 1, \"trees\": []}", "model has no trees"),
        ("[1, 2, 3]", "not an mtltree model"),
        // A high surrogate followed by a \u escape that is not a low one (this trapped).
        ("{\"format\": \"\\ud800\\u0041\"}", ":1:19: error: not an mtltree model (invalid JSON: invalid \\u escape (unpaired surrogate))"),
        ("{\"format\": \"\\udc00\"}", "invalid \\u escape"),
    ])
    func badModelFilesGiveClearErrors(text: String, message: String) throws {
        let path = temporaryPath("bad.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.write(text, to: path)
        let error = try #require(throws: MTLError.self) { try TreeModel.read(path: path) }
        #expect(error.kind == .badData)
        #expect(error.description.contains(message))
        #expect(error.description.hasPrefix(path))
    }

    @Test func inconsistentNodesAreRejectedNotTrusted() throws {
        let data = try TestData.random(seed: 6, rows: 200)
        let good = TreeModel(try TreeInducer().fit(data)).json.serialized()
        // A child range pointing outside the node list, and a truncated file.
        let broken = good.replacingOccurrences(of: "\"children\": [1, 2]", with: "\"children\": [1, 99999]")
        #expect(broken != good)
        #expect(throws: MTLError.self) { try TreeModel(json: try JSONValue.parse(Array(broken.utf8))) }
        let truncated = String(good.prefix(good.count / 2))
        #expect(throws: MTLError.self) { try TreeModel(json: try JSONValue.parse(Array(truncated.utf8))) }
    }

    /// The model of `tree`, with `edit` applied to its first tree's JSON object, read back.
    func readEdited(_ trees: [MultitaskTree], tree i: Int = 0, _ edit: (inout [(String, JSONValue)]) -> Void) throws -> TreeModel {
        guard case .object(var model) = TreeModel(trees: trees).json, let at = model.firstIndex(where: { $0.0 == "trees" }),
            case .array(var list) = model[at].1, case .object(var members) = list[i]
        else { throw MTLError(.other, "unexpected model shape") }
        edit(&members)
        list[i] = .object(members)
        model[at].1 = .array(list)
        return try TreeModel(json: .object(model), file: "m.json")
    }

    /// Hand-edited values that used to trap, or to be trusted, are reported with their member's path.
    @Test(arguments: [
        ("rows", JSONValue.number(1e300), "m.json: error: invalid model: trees[0].training_data.rows: expected a whole number ≥ 0"),
        ("rows", .number(-1), "m.json: error: invalid model: trees[0].training_data.rows: expected a whole number ≥ 0"),
        ("rows", .number(2.5), "m.json: error: invalid model: trees[0].training_data.rows: expected a whole number ≥ 0"),
        ("task", .string("task0"), "m.json: error: invalid model: trees[0].schema.tasks[1].name: 'task0' is named twice"),
        ("attribute", .string("x0"), "m.json: error: invalid model: trees[0].schema.attributes[1].name: 'x0' is named twice"),
        ("classes", .array([.string("no"), .string("no")]), "m.json: error: invalid model: trees[0].schema.tasks[1].classes[1]: 'no' is listed twice"),
    ])
    func editedValuesAreRejected(member: String, value: JSONValue, message: String) throws {
        let tree = try TreeInducer().fit(TestData.random(seed: 7, rows: 200))
        let error = try #require(throws: MTLError.self) {
            try readEdited([tree]) { members in
                func set(_ key: String, _ edit: (inout JSONValue) -> Void) {
                    if let k = members.firstIndex(where: { $0.0 == key }) { edit(&members[k].1) }
                }
                func setSecond(_ list: String, member: String = "name") {
                    set("schema") { schema in
                        guard case .object(var s) = schema, let k = s.firstIndex(where: { $0.0 == list }),
                            case .array(var items) = s[k].1, case .object(var second) = items[1],
                            let n = second.firstIndex(where: { $0.0 == member }) else { return }
                        second[n].1 = value
                        items[1] = .object(second)
                        s[k].1 = .array(items)
                        schema = .object(s)
                    }
                }
                switch member {
                case "rows": set("training_data") { $0 = .object([("name", .string("x")), ("rows", value)]) }
                case "task": setSecond("tasks")
                case "classes": setSecond("tasks", member: "classes")
                default: setSecond("attributes")
                }
            }
        }
        #expect(error.kind == .badData)
        #expect(error.description == message)
    }

    /// Specialist trees (train --main all) must name each task's classes alike: predict
    /// reads one tree's class indices under the first tree's names.
    @Test func specialistTreesMustAgreeOnClasses() throws {
        var data = try TestData.random(seed: 8, rows: 300)
        let first = try TreeInducer().fit(data)
        try data.setMainTask("task1")
        let second = try TreeInducer().fit(data)
        #expect(try readEdited([first, second], tree: 1) { _ in }.trees == [first, second])
        let error = try #require(throws: MTLError.self) {
            try readEdited([first, second], tree: 1) { members in
                guard let k = members.firstIndex(where: { $0.0 == "schema" }), case .object(var schema) = members[k].1,
                    case .array(var tasks)? = schema.first(where: { $0.0 == "tasks" })?.1 else { return }
                tasks[0] = .object([("name", .string("task1")), ("classes", .array([.string("yes"), .string("no")]))])
                schema[schema.firstIndex { $0.0 == "tasks" }!].1 = .array(tasks)
                members[k].1 = .object(schema)
            }
        }
        #expect(error.description == "m.json: error: invalid model: trees[1].schema.tasks[0].classes: task 'task1' has the classes yes, no here but no, yes in trees[0]")
    }

    @Test func missingModelFileIsInputMissing() {
        let error = #expect(throws: MTLError.self) { try TreeModel.read(path: "/nonexistent/model.json") }
        #expect(error?.kind == .inputMissing)
    }

    @Test func atomicWriteLeavesNothingWhenTheFolderIsMissing() {
        #expect(throws: MTLError.self) { try AtomicFile.write("x", to: "/nonexistent-folder/out.json") }
    }
}
