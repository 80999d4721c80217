import Testing
@testable import MTLTreeKit

struct TreePrinterJSONTests {
    @Test func topLevelNamesTheTasksAndHoldsTheRoot() throws {
        let json = try TreePrinter(tree: PrintFixture.tennis()).json()
        #expect(json["tasks"] == .array([.string("play"), .string("indoor")]))
        #expect(json["main_task"] == .string("play"))
        #expect(json["lambda"] == .object([("play", .number(1)), ("indoor", .number(1))]))
        #expect(json["training_data"]?["rows"] == .number(14))
        #expect(json["configuration"]?["criterion"] == .string("gain"))
        #expect(json["size"] == .object([("nodes", .number(13)), ("leaves", .number(8)), ("depth", .number(3))]))
        let root = try #require(json["tree"])
        #expect(root["attribute"] == .string("windy"))
        #expect(root["branch"] == nil)
        #expect(root["weight"] == .number(14))
    }

    @Test func splitsAndLeavesSayEverythingTheDrawingShows() throws {
        let tree = try PrintFixture.tennis()
        let json = try TreePrinter(tree: tree).json()
        // windy = false → outlook = sunny → humidity ≤ 77.5 / > 77.5
        let sunny = try #require(json["tree"]?["children"]?.arrayValue?[0]["children"]?.arrayValue?[0])
        #expect(sunny["branch"] == .string("= sunny"))
        #expect(sunny["operator"] == .string("="))
        #expect(sunny["value"] == .string("sunny"))
        #expect(sunny["attribute"] == .string("humidity"))
        #expect(sunny["threshold"] == .number(77.5))
        // Measured figures to 12 significant digits (no float noise in the output).
        #expect(abs((sunny["score"]?.numberValue ?? 0) - tree.nodes[3].score) < 1e-11)
        #expect(abs((sunny["gains"]?["indoor"]?.numberValue ?? 0) - tree.gain(node: 3, task: 1)) < 1e-11)
        #expect(sunny["score"] == .number(1.83659166811))
        let high = try #require(sunny["children"]?.arrayValue?[1])
        #expect(high["branch"] == .string("> 77.5"))
        #expect(high["operator"] == .string(">"))
        #expect(high["value"] == .number(77.5))
        #expect(high["children"] == nil && high["attribute"] == nil)
        #expect(high["predictions"]?["play"] == .object([
            ("class", .string("no")), ("probability", .number(0.75)),
            ("counts", .object([("no", .number(2)), ("yes", .number(0))])),
        ]))
        // The overcast days have no indoor label: the class comes from `windy = false`.
        let overcast = try #require(json["tree"]?["children"]?.arrayValue?[0]["children"]?.arrayValue?[1])
        #expect(overcast["predictions"]?["indoor"]?["inherited"] == .bool(true))
        #expect(overcast["predictions"]?["indoor"]?["class"] == .string("no"))
        #expect(overcast["predictions"]?["indoor"]?["counts"] == .object([("yes", .number(0)), ("no", .number(0))]))
    }

    @Test(arguments: [31, 32] as [UInt64])
    func countsRebuildFromTheNestedTree(seed: UInt64) throws {
        let tree = try PrintFixture.random(seed: seed, rows: 1500)
        let json = try TreePrinter(tree: tree).json()
        let root = try #require(json["tree"])
        var nodes = 0
        var leafWeights = 0.0
        func visit(_ node: JSONValue) throws {
            nodes += 1
            let weight = try #require(node["weight"]?.numberValue)
            guard let children = node["children"]?.arrayValue else {
                leafWeights += weight
                let predictions = try #require(node["predictions"])
                for task in tree.schema.tasks.map(\.name) {
                    let p = try #require(predictions[task])
                    #expect(p["class"]?.stringValue != nil && p["probability"]?.numberValue != nil)
                    #expect(p["counts"]?.numberValue == nil && p["counts"] != nil)
                }
                return
            }
            #expect(node["attribute"]?.stringValue != nil && node["score"]?.numberValue != nil)
            #expect(abs(children.reduce(0) { $0 + ($1["weight"]?.numberValue ?? .nan) } - weight) < 1e-9 * max(1, weight))
            for child in children {
                #expect(child["branch"]?.stringValue != nil && child["operator"]?.stringValue != nil && child["value"] != nil)
                try visit(child)
            }
        }
        try visit(root)
        #expect(nodes == tree.nodeCount)
        #expect(abs(leafWeights - tree.nodes[0].weight) < 1e-9 * tree.nodes[0].weight)
        #expect(root["weight"] == .number(1500))
    }

    @Test func cutsAndTaskFilterCarryOver() throws {
        let json = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(task: "indoor", maxDepth: 1)).json()
        let first = try #require(json["tree"]?["children"]?.arrayValue?.first)
        #expect(first["hidden"] == .object([("nodes", .number(5)), ("leaves", .number(4))]))
        #expect(first["children"] == nil)
        let full = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(task: "indoor")).json()
        let leaf = try #require(full["tree"]?["children"]?.arrayValue?.last?["children"]?.arrayValue?.last)
        #expect(leaf["predictions"]?["indoor"] != nil && leaf["predictions"]?["play"] == nil)
    }

    @Test func renderWritesEachFormat() throws {
        let printer = try TreePrinter(tree: PrintFixture.tennis())
        #expect(printer.render(.text) == printer.text())
        #expect(printer.render(.dot) == printer.dot())
        #expect(printer.render(.rules) == printer.rules())
        let json = printer.render(.json)
        #expect(json.hasSuffix("}\n"))
        #expect(try JSONValue.parse(Array(json.utf8), file: nil) == printer.json())
    }
}
