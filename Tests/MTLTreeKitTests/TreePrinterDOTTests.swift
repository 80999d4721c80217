import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import MTLTreeKit

struct TreePrinterDOTTests {
    static let dotPath = "/usr/bin/dot"
    static let hasGraphviz = FileManager.default.isExecutableFile(atPath: dotPath)

    @Test func dotSnapshot() throws {
        let dot = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(maxDepth: 2)).dot()
        #expect(dot == #"""
            digraph "tennis" {
              node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];
              edge [fontname="Helvetica", fontsize=9];
              n0 [label="windy\nn=14"];
              n0 -> n1 [label="= false"];
              n1 [label="outlook\nn=8"];
              n1 -> n3 [label="= sunny"];
              n3 [label="humidity\nn=3"];
              n3_hidden [shape=plaintext, label="… 2 more nodes, 2 leaves"];
              n3 -> n3_hidden [style=dashed];
              n1 -> n4 [label="= overcast"];
              n4 [label="play=yes (0.75, 2/2)\nindoor=no↑ (0.63)\nn=2", style="rounded,filled", fillcolor="#eef5ea"];
              n1 -> n5 [label="= rainy"];
              n5 [label="play=yes (0.80, 3/3)\nindoor=no (0.80)\nn=3", style="rounded,filled", fillcolor="#eef5ea"];
              n0 -> n2 [label="= true"];
              n2 [label="outlook\nn=6"];
              n2 -> n8 [label="= sunny"];
              n8 [label="humidity\nn=2"];
              n8_hidden [shape=plaintext, label="… 2 more nodes, 2 leaves"];
              n8 -> n8_hidden [style=dashed];
              n2 -> n9 [label="= overcast"];
              n9 [label="play=yes (0.75, 2/2)\nindoor=yes↑ (0.83)\nn=2", style="rounded,filled", fillcolor="#eef5ea"];
              n2 -> n10 [label="= rainy"];
              n10 [label="play=no (0.75, 2/2)\nindoor=yes (0.75)\nn=2", style="rounded,filled", fillcolor="#eef5ea"];
            }

            """#)
    }

    @Test func numericEdgesAndGainsAreLabelled() throws {
        let dot = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(task: "play", gains: true)).dot()
        #expect(dot.contains(#"  n3 [label="humidity\nn=3\nscore 1.8366\nplay 0.9183 (50%)\nindoor 0.9183 (50%)"];"#))
        #expect(dot.contains(#"  n3 -> n6 [label="≤ 77.5"];"#))
        #expect(dot.contains(#"  n3 -> n7 [label="> 77.5"];"#))
        #expect(dot.contains(#"  n7 [label="play=no (0.75, 2/2)\nn=2""#))
        #expect(!dot.contains("indoor="))
    }

    @Test func quotesBackslashesAndLineBreaksAreEscaped() throws {
        #expect(dotEscaped(#"say "hi" \ bye"#) == #"say \"hi\" \\ bye"#)
        #expect(dotEscaped("two\nlines") == #"two\nlines"#)
        #expect(dotLabel(["a", "b\"c"]) == #""a\nb\"c""#)
        let tree = try Self.awkwardTree()
        let dot = try TreePrinter(tree: tree).dot()
        // A line break inside a value is shown as the two characters \n, not a break in the label.
        #expect(dot.contains(#"[label="= say \"hi\""]"#))
        #expect(dot.contains(#"[label="= back\\slash\\nnew line"]"#))
        #expect(dot.hasPrefix(#"digraph "odd \"data\"" {"#))
    }

    /// Several trees (a model trained with `--main all`) are one graph, a
    /// cluster per tree, whose node names do not collide.
    @Test func severalTreesAreOneGraphWithAClusterEach() throws {
        let tennis = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(maxDepth: 1))
        let single = tennis.dot()
        let dot = TreePrinter.dot([tennis, tennis], titles: ["tree 1 of 2: main task play", "tree 2 of 2"], name: "tennis")
        #expect(dot.components(separatedBy: "digraph ").count == 2)
        #expect(dot.hasPrefix("digraph \"tennis\" {\n  node [shape=box"))
        #expect(dot.hasSuffix("  }\n}\n"))
        #expect(dot.contains("  subgraph cluster_1 {\n    label=\"tree 1 of 2: main task play\";\n"))
        #expect(dot.contains("  subgraph cluster_2 {\n    label=\"tree 2 of 2\";\n"))
        // Each cluster holds the single tree's statements, its nodes renamed.
        let statements = single.split(separator: "\n").dropFirst(3).dropLast().map { "  " + $0 }
        #expect(statements.count > 5)
        for prefix in ["t1_n", "t2_n"] {
            for line in statements {
                let expected = line.replacing(/\bn(\d)/) { prefix + $0.output.1 }
                #expect(dot.contains(expected + "\n"), "\(expected)")
            }
        }
        #expect(!dot.contains(" n0 "))
    }

    @Test(.enabled(if: hasGraphviz, "needs Graphviz's dot at /usr/bin/dot (Debian package graphviz)"))
    func graphvizRendersSeveralTreesAsOneSVGDocument() throws {
        let trees = try [PrintFixture.tennis(), Self.awkwardTree()].map { try TreePrinter(tree: $0) }
        let dot = TreePrinter.dot(trees, titles: ["first \"one\"", "second"], name: "two trees")
        let (status, svg, errors) = try Self.run(Self.dotPath, ["-Tsvg"], input: dot)
        #expect(status == 0, "\(errors)")
        #expect(errors.isEmpty)
        // One well-formed XML document with one <svg> root.
        let counter = SVGElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.counts["svg"] == 1)
        #expect(counter.clusters == 2)
    }

    @Test(.enabled(if: hasGraphviz, "needs Graphviz's dot at /usr/bin/dot (Debian package graphviz)"))
    func graphvizRendersTheOutputAsSVG() throws {
        let tennis = try PrintFixture.tennis()
        let outputs = [
            try TreePrinter(tree: tennis, options: PrintOptions(gains: true)).dot(),
            try TreePrinter(tree: tennis, options: PrintOptions(maxDepth: 1, ascii: true)).dot(),
            try TreePrinter(tree: Self.awkwardTree()).dot(),
            try TreePrinter(tree: PrintFixture.random(seed: 2, rows: 400)).dot(),
        ]
        for dot in outputs {
            let (status, svg, errors) = try Self.run(Self.dotPath, ["-Tsvg"], input: dot)
            #expect(status == 0, "\(errors)")
            #expect(svg.contains("<svg"))
            #expect(errors.isEmpty)
        }
    }

    /// A tree whose data name and values hold quotes, a backslash and a line break.
    static func awkwardTree() throws -> MultitaskTree {
        let values: [String?] = ["say \"hi\"", "back\\slash\nnew line", "say \"hi\"", "back\\slash\nnew line"]
        let data = try TestData.dataset(
            [TestData.input("greeting", values), TestData.task("t", ["x", "y", "x", "y"])], name: "odd \"data\"")
        return try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(data)
    }

    /// Runs `path` with `arguments` on `input`; returns its status, stdout and stderr.
    static func run(_ path: String, _ arguments: [String], input: String) throws -> (Int32, String, String) {
        // Files rather than pipes for input and errors: no pipe can fill up while we wait on another.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mtltree-dot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputFile = folder.appendingPathComponent("tree.dot")
        let errorFile = folder.appendingPathComponent("errors.txt")
        try Data(input.utf8).write(to: inputFile)
        try Data().write(to: errorFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = try String(contentsOf: errorFile, encoding: .utf8)
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), errors)
    }
}

/// Counts an SVG's elements by name, and Graphviz's cluster groups.
final class SVGElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var clusters = 0

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        counts[name, default: 0] += 1
        if name == "g" && attributes["class"] == "cluster" { clusters += 1 }
    }
}
