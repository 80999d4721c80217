import Testing
@testable import MTLTreeKit

struct TreePrinterRulesTests {
    @Test func rulesSnapshot() throws {
        let rules = try TreePrinter(tree: PrintFixture.tennis()).rules()
        #expect(rules == """
            IF windy = false AND outlook = sunny AND humidity ≤ 77.5 THEN play = yes [0.67, n=1]; indoor = no [0.67]
            IF windy = false AND outlook = sunny AND humidity > 77.5 THEN play = no [0.75, n=2]; indoor = yes [0.75]
            IF windy = false AND outlook = overcast THEN play = yes [0.75, n=2]; indoor = no↑ [0.63]
            IF windy = false AND outlook = rainy THEN play = yes [0.80, n=3]; indoor = no [0.80]
            IF windy = true AND outlook = sunny AND humidity ≤ 80 THEN play = yes [0.67, n=1]; indoor = yes [0.67]
            IF windy = true AND outlook = sunny AND humidity > 80 THEN play = no [0.67, n=1]; indoor = yes [0.67]
            IF windy = true AND outlook = overcast THEN play = yes [0.75, n=2]; indoor = yes↑ [0.83]
            IF windy = true AND outlook = rainy THEN play = no [0.75, n=2]; indoor = yes [0.75]

            """)
    }

    @Test func repeatedTestsOfANumericAttributeBecomeItsTightestBounds() throws {
        // y changes at x = 3.5, 6.5 and 10.5: the tree tests x three times on one path.
        let x: [Double?] = (1 ... 12).map { Double($0) }
        let y: [String?] = "a a a b b b a a a a b b".split(separator: " ").map(String.init)
        let data = try TestData.dataset([TestData.numeric("x", x), TestData.task("y", y)], name: "steps")
        let tree = try TreeInducer(configuration: InductionConfiguration(criterion: .gain, minLeafWeight: 1)).fit(data)
        #expect(tree.depth == 3)
        #expect(try TreePrinter(tree: tree).rules() == """
            IF x ≤ 3.5 THEN y = a [0.80, n=3]
            IF x > 3.5 AND x ≤ 6.5 THEN y = b [0.80, n=3]
            IF x > 6.5 AND x ≤ 10.5 THEN y = a [0.83, n=4]
            IF x > 10.5 THEN y = b [0.75, n=2]

            """)
    }

    @Test(arguments: [7, 8] as [UInt64])
    func oneRulePerLeafWithEachBoundOnce(seed: UInt64) throws {
        let tree = try PrintFixture.random(seed: seed)
        let rules = try TreePrinter(tree: tree).rules().split(separator: "\n")
        #expect(rules.count == tree.leafCount)
        for rule in rules {
            let conditions = rule.split(separator: " THEN ")[0].dropFirst(3).components(separatedBy: " AND ")
            #expect(Set(conditions).count == conditions.count)
            for attribute in tree.schema.attributes.map(\.name) {
                #expect(conditions.filter { $0.hasPrefix(attribute + " > ") }.count <= 1)
                #expect(conditions.filter { $0.hasPrefix(attribute + " ≤ ") }.count <= 1)
                #expect(conditions.filter { $0.hasPrefix(attribute + " = ") }.count <= 1)
            }
            #expect(rule.contains("THEN task0 = ") && rule.contains("; task3 = "))
        }
    }

    @Test func taskAndDepthOptionsApply() throws {
        let printer = try TreePrinter(tree: PrintFixture.tennis(), options: PrintOptions(task: "indoor", maxDepth: 1))
        #expect(printer.rules() == """
            IF windy = false THEN indoor = no [0.63, n=8] (cut: … 5 more nodes, 4 leaves below)
            IF windy = true THEN indoor = yes [0.83, n=6] (cut: … 5 more nodes, 4 leaves below)

            """)
    }

    @Test func namesThatWouldReadAsPartOfTheRuleAreQuoted() throws {
        let data = try TestData.dataset([
            TestData.input("sky cover", ["clear sky", "a=b", "clear sky", "a=b"]),
            TestData.task("go?", ["yes", "no [maybe]", "yes", "no [maybe]"]),
        ])
        let tree = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1)).fit(data)
        #expect(try TreePrinter(tree: tree).rules() == """
            IF "sky cover" = "clear sky" THEN go? = yes [0.75, n=2]
            IF "sky cover" = "a=b" THEN go? = "no [maybe]" [0.75, n=2]

            """)
    }

    @Test func aSingleLeafIsAlwaysTrue() throws {
        let data = try TestData.dataset([TestData.input("a", ["x", "y"]), TestData.task("t", ["p", "p"])])
        let tree = try TreeInducer().fit(data)
        #expect(try TreePrinter(tree: tree).rules() == "IF TRUE THEN t = p [1.00, n=2]\n")
    }
}
