import Testing
@testable import MTLTreeKit

/// The trees the printer tests draw: Quinlan's play-tennis data with a second
/// task `indoor`, unlabelled on the overcast days so that those leaves borrow
/// their `indoor` class from an ancestor.
enum PrintFixture {
    static let outlook = GainTests.outlook
    static let indoor: [String?] = GainTests.indoor.enumerated().map { outlook[$0.offset] == "overcast" ? nil : $0.element }

    /// The full tree (plain gain, leaves of one row allowed): 13 nodes, 8 leaves, depth 3,
    /// windy at the root, then outlook, then humidity under the sunny days.
    static func tennis(outlook: [String?] = outlook) throws -> MultitaskTree {
        let data = try TestData.dataset([
            TestData.input("outlook", outlook), TestData.input("windy", GainTests.windy),
            TestData.numeric("humidity", GainTests.humidity), TestData.task("play", GainTests.play),
            TestData.task("indoor", indoor),
        ], main: "play", name: "tennis")
        return try TreeInducer(configuration: InductionConfiguration(criterion: .gain, minLeafWeight: 1)).fit(data)
    }

    /// A bigger tree of random data with four tasks and fractional weights (missing values).
    static func random(seed: UInt64, rows: Int = 500) throws -> MultitaskTree {
        let data = try TestData.random(seed: seed, rows: rows, numeric: 4, nominal: 3, tasks: 4, missing: 0.1)
        return try TreeInducer(configuration: InductionConfiguration(criterion: .gain, minLeafWeight: 1)).fit(data)
    }

    static let header = """
        trained on tennis: 14 rows
        tasks: play (main task, λ 1) · indoor (λ 1)
        criterion gain, min leaf weight 1, no depth limit
        pruning: none
        tree: 13 nodes, 8 leaves, depth 3
        → task=class (Laplace-corrected probability, count/labelled for play)

        """
}

/// Text lines without their ANSI escapes.
func withoutEscapes(_ text: String) -> String {
    var out = ""
    var inEscape = false
    for scalar in text.unicodeScalars {
        if scalar == "\u{1B}" { inEscape = true } else if inEscape { inEscape = scalar != "m" } else { out.unicodeScalars.append(scalar) }
    }
    return out
}

struct TreePrinterTests {
    @Test func textSnapshot() throws {
        let text = try TreePrinter(tree: PrintFixture.tennis()).text()
        #expect(text == PrintFixture.header + """

            root  n=14
            ├─ windy = false  n=8
            │  ├─ outlook = sunny     n=3
            │  │  ├─ humidity ≤ 77.5  n=1  → play=yes (0.67, 1/1) · indoor=no (0.67)
            │  │  └─ humidity > 77.5  n=2  → play=no (0.75, 2/2) · indoor=yes (0.75)
            │  ├─ outlook = overcast  n=2  → play=yes (0.75, 2/2) · indoor=no↑ (0.63)
            │  └─ outlook = rainy     n=3  → play=yes (0.80, 3/3) · indoor=no (0.80)
            └─ windy = true   n=6
               ├─ outlook = sunny     n=2
               │  ├─ humidity ≤ 80  n=1  → play=yes (0.67, 1/1) · indoor=yes (0.67)
               │  └─ humidity > 80  n=1  → play=no (0.67, 1/1) · indoor=yes (0.67)
               ├─ outlook = overcast  n=2  → play=yes (0.75, 2/2) · indoor=yes↑ (0.83)
               └─ outlook = rainy     n=2  → play=no (0.75, 2/2) · indoor=yes (0.75)

            ↑ no labelled rows for the task here: class of the nearest ancestor with some

            """)
    }

    @Test func taskShowsOnlyThatTasksPredictions() throws {
        let text = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(task: "indoor", header: false)).text()
        #expect(text.hasPrefix("""
            root  n=14
            ├─ windy = false  n=8
            │  ├─ outlook = sunny     n=3
            │  │  ├─ humidity ≤ 77.5  n=1  → indoor=no (0.67, 1/1)
            │  │  └─ humidity > 77.5  n=2  → indoor=yes (0.75, 2/2)
            │  ├─ outlook = overcast  n=2  → indoor=no↑ (0.63)

            """))
        #expect(!text.contains("play"))
        #expect(text.components(separatedBy: "→ indoor=").count - 1 == 8)
    }

    @Test func unknownTaskIsAUsageErrorNamingTheTasks() throws {
        let tree = try PrintFixture.tennis()
        let error = try #require(throws: MTLError.self) { try TreePrinter(tree: tree, options: PrintOptions(task: "indor")) }
        #expect(error.kind == .usage)
        #expect(error.message == "no task named 'indor' in the model; did you mean 'indoor'? Tasks: play, indoor")
    }

    @Test func maxDepthMarksWhatWasCutWithItsSize() throws {
        let tree = try PrintFixture.tennis()
        let text = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 1)).text()
        #expect(text.contains("tree: 13 nodes, 8 leaves, depth 3; drawn to depth 1\n"))
        #expect(text.hasSuffix("""

            root  n=14
            ├─ windy = false  n=8
            │  └─ … 5 more nodes, 4 leaves
            └─ windy = true   n=6
               └─ … 5 more nodes, 4 leaves

            """))
        let root = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 0, header: false)).text()
        #expect(root == "root  n=14\n└─ … 12 more nodes, 8 leaves\n")
    }

    @Test func drawnAndHiddenNodesAddUpToTheTree() throws {
        let tree = try PrintFixture.random(seed: 11)
        for depth in 1 ... 4 {
            let text = try TreePrinter(tree: tree, options: PrintOptions(task: "task0", maxDepth: depth, header: false)).text()
            let lines = text.split(separator: "\n")
            let hidden = lines.compactMap { line -> (Int, Int)? in
                guard let range = line.range(of: "… ") else { return nil }
                let words = line[range.upperBound...].split(separator: " ")
                return (Int(words[0])!, Int(words[3])!)
        }
        #expect(!hidden.isEmpty)
        let drawn = lines.count - hidden.count
        #expect(drawn + hidden.reduce(0) { $0 + $1.0 } == tree.nodeCount)
        let drawnLeaves = lines.filter { $0.contains("→") }.count
        #expect(drawnLeaves + hidden.reduce(0) { $0 + $1.1 } == tree.leafCount)
        }
    }

    @Test func gainsShowEveryTasksShareOfTheScore() throws {
        let tree = try PrintFixture.tennis()
        let printer = try TreePrinter(tree: tree, options: PrintOptions(gains: true))
        let text = printer.text()
        #expect(text.contains("""
            root  n=14
            │  split on windy: score 0.3481 · play 0.0481 (14%) · indoor 0.3000 (86%)
            ├─ windy = false  n=8

            """))
        // Too long for 80 columns beside three levels of guides: continued under the score.
        #expect(text.contains("""
            │  │  │  split on humidity: score 1.8366 · play 0.9183 (50%)
            │  │  │                     indoor 0.9183 (50%)

            """))
        let splits = tree.nodes.indices.filter { !tree.nodes[$0].isLeaf }
        #expect(text.components(separatedBy: "split on ").count - 1 == splits.count)
        for n in splits {
            let shares = printer.gainShares(node: n)
            #expect(shares.map(\.task) == ["play", "indoor"])
            #expect(abs(shares.reduce(0) { $0 + $1.weighted } - tree.nodes[n].score) < 1e-12)
            #expect(abs(shares.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        }
    }

    /// A chain `depth` levels deep: each internal node splits `x` at its level,
    /// a leaf (`yes`) on the left and the rest of the chain on the right.
    static func chain(depth: Int) throws -> MultitaskTree {
        let schema = TreeSchema(
            attributes: [.init(name: "x", type: .numeric)], tasks: [.init(name: "play", classes: ["yes", "no"])], hasMainTask: false)
        var nodes: [MultitaskTree.Node] = []
        var counts: [Double] = []
        for level in 0 ..< depth {
            nodes.append(.init(weight: Double(depth - level + 1), test: .numeric(attribute: 0, threshold: Double(level)),
                               firstChild: nodes.count + 1, childCount: 2, score: 0.1))
            nodes.append(.init(weight: 1))
            counts += [1, 1, 1, 0]
        }
        nodes.append(.init(weight: 1))
        counts += [0, 1]
        return try MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1], nodes: nodes, classCounts: counts,
            gains: [Double](repeating: 0, count: nodes.count), trainingData: ("chain", depth + 1))
    }

    /// A tree thousands of levels deep (train grows one on alternating classes)
    /// is drawn to ``TreePrinter/depthLimit`` in every format: the text drawing
    /// of a 5,000-level tree overflowed the stack, and one of 50,000 took two
    /// minutes and 7 GB.
    @Test func deepTreesAreDrawnToTheDepthLimit() throws {
        let tree = try Self.chain(depth: TreePrinter.depthLimit + 200)
        #expect(tree.depth == 1200)
        let printer = try TreePrinter(tree: tree)
        let text = printer.text()
        #expect(text.contains("tree: 2401 nodes, 1201 leaves, depth 1200; drawn to depth 1000\n"))
        #expect(text.contains("└─ … 400 more nodes, 201 leaves\n"))
        #expect(printer.dot().contains("400 more nodes"))
        #expect(printer.rules().components(separatedBy: "\nIF ").count < 1100)
        #expect(printer.json().serialized(pretty: false).contains("\"hidden\":{\"nodes\":400,\"leaves\":201}"))
        // An explicit --max-depth below the limit is kept; above it, the limit applies.
        let shallow = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 3)).text()
        #expect(shallow.contains("depth 1200; drawn to depth 3\n"))
        let deep = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 5000)).text()
        #expect(deep.contains("depth 1200; drawn to depth 1000\n"))
    }

    /// A threshold or λ too large for fixed-point digits is drawn in exponent form, not trapped on.
    @Test func hugeThresholdsAndLambdasPrint() throws {
        var tree = try PrintFixture.tennis()
        let n = try #require(tree.nodes.indices.first { if case .numeric? = tree.nodes[$0].test { true } else { false } })
        guard case .numeric(let a, _)? = tree.nodes[n].test else { return }
        tree.nodes[n].test = .numeric(attribute: a, threshold: 1.35e308)
        tree.lambdas = [1, 1e300]
        for format in PrintFormat.allCases {
            let text = try TreePrinter(tree: tree, options: PrintOptions(gains: true)).render(format)
            #expect(text.contains("1.35e+308"), "\(format)")
        }
        #expect(try TreePrinter(tree: tree).text().contains("indoor (λ 1e+300)"))
        #expect(fixed(-9.3e18, 0) == "-9.3e+18")
        #expect(fixed(9.2e14, 4) == "920000000000000.0000")
    }

    @Test func sharesAreWeightedByLambda() throws {
        var tree = try PrintFixture.tennis()
        tree.lambdas = [1, 0.5]
        tree.nodes[0].score = tree.gain(node: 0, task: 0) + 0.5 * tree.gain(node: 0, task: 1)
        let shares = try TreePrinter(tree: tree).gainShares(node: 0)
        #expect(abs(shares[1].weighted - 0.5 * tree.gain(node: 0, task: 1)) < 1e-15)
        #expect(abs(shares[0].share + shares[1].share - 1) < 1e-12)
        #expect(try TreePrinter(tree: tree).text().contains("tasks: play (main task, λ 1) · indoor (λ 0.5)\n"))
    }

    @Test func asciiOutputHasOnlyASCII() throws {
        var outlook = PrintFixture.outlook
        for i in outlook.indices where outlook[i] == "sunny" { outlook[i] = "ensoleillé" }
        let tree = try PrintFixture.tennis(outlook: outlook)
        let printer = try TreePrinter(tree: tree, options: PrintOptions(maxDepth: 2, gains: true, ascii: true))
        for output in [printer.text(), printer.dot(), printer.rules()] {
            #expect(output.utf8.allSatisfy { $0 < 128 })
        }
        let text = printer.text()
        #expect(text.contains("""
            root  n=14
            |   split on windy: score 0.3481 ; play 0.0481 (14%) ; indoor 0.3000 (86%)
            |-- windy = false  n=8
            |   |   split on outlook: score 0.8113 ; play 0.4669 (58%) ; indoor 0.3444 (42%)
            |   |-- outlook = ensoleill\\u{e9}  n=3
            |   |   `-- ... 2 more nodes, 2 leaves
            |   |-- outlook = overcast         n=2  -> play=yes (0.75, 2/2)
            |   |              indoor=no^ (0.63)

            """))
        #expect(printer.rules().contains("IF windy = false AND outlook = overcast THEN play = yes [0.75, n=2]; indoor = no^ [0.63]\n"))
        let rules = try TreePrinter(tree: tree, options: PrintOptions(ascii: true)).rules()
        #expect(rules.contains("IF windy = true AND outlook = ensoleill\\u{e9} AND humidity <= 80 THEN play = yes"))
    }

    @Test func colourOnlyWhenAskedAndOtherwiseTheSameText() throws {
        let tree = try PrintFixture.tennis()
        let plain = try TreePrinter(tree: tree, options: PrintOptions(gains: true)).text()
        let coloured = try TreePrinter(tree: tree, options: PrintOptions(gains: true, color: true)).text()
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1;32myes\u{1B}[0m"))
        #expect(withoutEscapes(coloured) == plain)
    }

    @Test(arguments: [3, 4] as [UInt64])
    func everyLineFitsEightyColumns(seed: UInt64) throws {
        let tree = try PrintFixture.random(seed: seed)
        #expect(tree.depth >= 8)
        for options in [PrintOptions(), PrintOptions(gains: true), PrintOptions(gains: true, ascii: true)] {
            let lines = try TreePrinter(tree: tree, options: options).text().split(separator: "\n")
            #expect(lines.count > tree.nodeCount)
            let wide = lines.filter { $0.count > 80 }
            #expect(wide.isEmpty, "\(wide.prefix(3))")
        }
    }

    @Test func deepTreesKeepTheirGuidesWithinTheWidth() throws {
        let tree = try PrintFixture.chain(depth: 40, attribute: String(repeating: "long_attribute_name_", count: 3))
        let text = try TreePrinter(tree: tree).text()
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(text.contains("\n└─ long_attribute_name_lon… > 0  n=40\n"))
        // A leaf's prediction that no longer fits beside its test goes on the next line.
        let indent = String(repeating: " ", count: 27)
        #expect(text.contains("\n\(indent)├─ long_attribute_name_lon… ≤ 9  n=1\n\(indent)│         → y=a (0.67, 1/1)\n"))
        // Below 13 levels the oldest guides give way to an ellipsis, 6 levels at a time.
        #expect(text.contains("\n…                     ├─ long_attribute_name_lon… ≤ 13  n=1   → y=a (0.67, 1/1)\n"))
        #expect(text.contains("\n…                     ├─ long_attribute_name_lon… ≤ 19  n=1   → y=a (0.67, 1/1)\n"))
        let deepest = try #require(lines.lastIndex { $0.contains("> 39") })
        #expect(lines[deepest].hasPrefix("…   "))
        #expect(lines[deepest + 1].hasSuffix("   → y=b (0.67, 1/1)"))
    }

    @Test func perTaskPruningShowsATaskWhereItsPredictionStops() throws {
        var tree = try PrintFixture.tennis()
        tree.taskStops = [Bool](repeating: false, count: tree.nodeCount * 2)
        tree.taskStops[1 * 2 + 1] = true  // indoor stops at `windy = false`
        tree.pruning = PruningConfiguration(perTask: true)
        let text = try TreePrinter(tree: tree).text()
        #expect(text.contains("pruning: per-task pruning\n"))
        #expect(text.contains("""
            ├─ windy = false  n=8  → indoor=no (0.63)
            │  ├─ outlook = sunny     n=3
            │  │  ├─ humidity ≤ 77.5  n=1  → play=yes (0.67, 1/1)
            │  │  └─ humidity > 77.5  n=2  → play=no (0.75, 2/2)
            │  ├─ outlook = overcast  n=2  → play=yes (0.75, 2/2)

            """))
        #expect(text.contains("   ├─ outlook = overcast  n=2  → play=yes (0.75, 2/2) · indoor=yes↑ (0.83)\n"))
        // The other formats show the same: in the node's box, in every rule below it, in its JSON.
        let printer = try TreePrinter(tree: tree)
        #expect(printer.dot().contains(#"  n1 [label="outlook\nn=8\n→ indoor=no (0.63)"];"#))
        #expect(printer.rules().contains("IF windy = false AND outlook = overcast THEN play = yes [0.75, n=2]; indoor = no [0.63]\n"))
        let falseBranch = try #require(printer.json()["tree"]?["children"]?.arrayValue?.first)
        #expect(falseBranch["predictions"]?["indoor"]?["class"] == .string("no"))
        #expect(falseBranch["predictions"]?["play"] == nil)
        #expect(falseBranch["children"]?.arrayValue?.last?["predictions"]?["indoor"] == nil)
        // Shown alone, indoor has nothing more to say below the node where it stops.
        let indoor = try TreePrinter(tree: tree, options: PrintOptions(task: "indoor", header: false)).text()
        #expect(indoor.hasPrefix("""
            root  n=14
            ├─ windy = false  n=8  → indoor=no (0.63, 4/6)
            │  └─ … 5 more nodes, 4 leaves
            └─ windy = true   n=6

            """))
    }

    @Test func aSingleLeafTreeIsItsRoot() throws {
        let data = try TestData.dataset([TestData.input("a", ["x", "y"]), TestData.task("t", ["p", "p"])])
        let tree = try TreeInducer().fit(data)
        let text = try TreePrinter(tree: tree, options: PrintOptions(header: false)).text()
        #expect(text == "root  n=2  → t=p (1.00, 2/2)\n")
        #expect(try TreePrinter(tree: tree).text().contains("tasks (no main task, each weighs 1): t\n"))
    }
}

extension PrintFixture {
    /// A hand-made tree `depth` levels deep: each internal node tests `attribute ≤ d`,
    /// its first child a leaf and its second the next test.
    static func chain(depth: Int, attribute: String) throws -> MultitaskTree {
        let schema = TreeSchema(
            attributes: [TreeSchema.Attribute(name: attribute, type: .numeric)],
            tasks: [TreeSchema.Task(name: "y", classes: ["a", "b"])], hasMainTask: false)
        var nodes: [MultitaskTree.Node] = []
        var counts: [Double] = []
        for n in 0 ... 2 * depth {
            let level = (n + 1) / 2
            let weight = Double(depth - level + 1)
            if n % 2 == 0 && n < 2 * depth {
                nodes.append(MultitaskTree.Node(
                    weight: weight, test: .numeric(attribute: 0, threshold: Double(n / 2)), firstChild: n + 1, childCount: 2,
                    score: 1))
                counts += [weight - 1, 1]
            } else {
                let leafWeight: Double = n % 2 == 1 ? 1 : weight
                nodes.append(MultitaskTree.Node(weight: leafWeight))
                counts += n % 2 == 1 ? [1, 0] : [0, leafWeight]
            }
        }
        return try MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1], nodes: nodes, classCounts: counts,
            gains: [Double](repeating: 0, count: nodes.count), trainingData: ("chain", depth + 1))
    }
}
