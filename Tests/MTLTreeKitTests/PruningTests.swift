import Foundation
import TestSupport
import Testing
@testable import MTLTreeKit

struct PruningTests {
    // MARK: U_CF

    /// `U_CF(E, N)` against values computed outside this code. Exact ones are
    /// the Clopper–Pearson upper limit from scipy,
    /// `scipy.stats.beta.ppf(1 - CF, E + 1, N - E)` (for E = 0 also the closed
    /// form `1 - CF ** (1 / N)`); C4.5 uses a normal approximation for E > 0,
    /// within 2% of them here. 0.157 is U(1, 16) in Quinlan's worked example
    /// (*C4.5*, 1993, ch. 4).
    @Test(arguments: [
        // (CF, E, N, expected, relative tolerance)
        (0.25, 0.0, 6.0, 0.20629947401590026, 1e-12),
        (0.25, 0.0, 9.0, 0.14275601714692718, 1e-12),
        (0.25, 0.0, 1.0, 0.75, 1e-12),
        (0.10, 0.0, 20.0, 0.10874906186625444, 1e-12),
        (0.25, 1.0, 16.0, 0.157, 3e-3),
        (0.25, 1.0, 16.0, 0.1596107137218113, 0.02),
        (0.25, 0.5, 10.0, 0.19014066115141842, 0.02),
        (0.25, 2.5, 20.0, 0.21465902026434613, 0.01),
        (0.25, 5.0, 100.0, 0.0733268376839244, 0.01),
        (0.10, 3.0, 40.0, 0.15944931303445956, 0.02),
    ] as [(Double, Double, Double, Double, Double)])
    func upperLimitMatchesIndependentValues(cf: Double, e: Double, n: Double, expected: Double, tolerance: Double) {
        let u = PessimisticError(confidence: cf).upperLimit(errors: e, weight: n)
        #expect(abs(u - expected) <= tolerance * expected, "U_\(cf)(\(e), \(n)) = \(u), expected \(expected)")
    }

    @Test func fractionalErrorsBelowOneInterpolateAsC45Does() {
        // C4.5's AddErrs: linear in E between E = 0 and E = 1.
        let estimate = PessimisticError(confidence: 0.25)
        let atZero = estimate.extraErrors(errors: 0, weight: 10)
        let atOne = estimate.extraErrors(errors: 1, weight: 10)
        #expect(abs(estimate.extraErrors(errors: 0.3, weight: 10) - (atZero + 0.3 * (atOne - atZero))) < 1e-12)
        // And no negative extra errors for tiny fractional leaves.
        for n in stride(from: 0.05, through: 1, by: 0.05) {
            for e in stride(from: 0, through: n, by: n / 7) {
                #expect(PessimisticError(confidence: 0.5).extraErrors(errors: e, weight: n) >= 0)
            }
        }
        #expect(estimate.extraErrors(errors: 0, weight: 0) == 0)
    }

    /// C4.5's `AddErrs` branch by branch, to the last digit: below E = 1 the
    /// line between E = 0 and E = 1; the normal approximation with z
    /// interpolated in Quinlan's table (CF 0.25 between 0.20 and 0.40, 0.5
    /// between 0.40 and 1, 0.003 between 0.001 and 0.005); 0.67 (N − E) when
    /// E + 0.5 ≥ N. Expected values from a transcription of C4.5's `stats.c`
    /// (`add_errs` in Tests/Reference/reference_evaluation.py); three are
    /// plain by hand: CF 1 has z = 0, so U = (E + 0.5)/N and 0.5 extra
    /// errors; E = 1, N = 1.5 is on the 0.67 side of E + 0.5 ≥ N, at equality,
    /// 0.67 × 0.5; E = 2, N = 2.2 gives 0.67 × 0.2.
    @Test(arguments: [
        // (CF, E, N, extra errors)
        (0.25, 0.5, 10.0, 1.3675556149862367),
        (0.25, 0.7, 3.0, 1.0728402946408213),
        (0.25, 1.0, 16.0, 1.50689395838556),
        (0.25, 2.5, 20.0, 1.7689488847041135),
        (0.10, 3.0, 40.0, 3.483398946616412),
        (0.50, 4.0, 30.0, 0.9226072261507916),
        (0.003, 2.0, 50.0, 8.729961574946145),
        (1.0, 5.0, 20.0, 0.5),
        (0.25, 1.0, 1.5, 0.335),
        (0.25, 2.0, 2.2, 0.134),
    ] as [(Double, Double, Double, Double)])
    func extraErrorsAreC45sAddErrs(cf: Double, e: Double, n: Double, expected: Double) {
        let extra = PessimisticError(confidence: cf).extraErrors(errors: e, weight: n)
        #expect(abs(extra - expected) < 1e-12, "AddErrs(\(n), \(e)) at CF \(cf) = \(extra), expected \(expected)")
    }

    @Test func smallerConfidenceIsMorePessimistic() {
        for (e, n) in [(0.0, 5.0), (1.0, 16.0), (2.5, 20.0), (10.0, 100.0)] {
            let limits = [0.9, 0.5, 0.25, 0.1, 0.01, 0.001].map { PessimisticError(confidence: $0).upperLimit(errors: e, weight: n) }
            #expect(zip(limits, limits.dropFirst()).allSatisfy { $0 < $1 }, "\(limits)")
            #expect(limits.allSatisfy { $0 > e / n && $0 <= 1 })
        }
    }

    @Test(arguments: [(0, false), (-0.25, false), (1.5, false), (.nan, false), (.infinity, false), (1e-6, true), (1, true)] as [(Double, Bool)])
    func confidenceFactorsOutsideZeroToOneAreUsageErrors(cf: Double, valid: Bool) throws {
        if valid { return try PruningConfiguration(confidence: cf).validate() }
        let error = #expect(throws: MTLError.self) { try PruningConfiguration(confidence: cf).validate() }
        #expect(error?.kind == .usage)
    }

    // MARK: A hand-made tree

    /// Two tasks, `class` (main) and `other`; counts per node are
    /// `[class no, class yes, other no, other yes]`:
    ///
    ///     0 [21 26 26 21] a ─┬─ 1 [15 6 13 8] b ─┬─ 3 [15 0 10 5]
    ///                        │                    └─ 4 [ 0 6  3 3]
    ///                        └─ 2 [6 20 13 13] c ─┬─ 5 [3 10 13  0]
    ///                                             └─ 6 [3 10  0 13]
    ///
    /// Estimated errors at CF 0.25 (C4.5's formula, worked in Python):
    /// on `class`, node 1 as a leaf 8.043 against its leaves' 1.322 + 1.240 =
    /// 2.562 (its split pays), node 2 as a leaf 8.137 against 4.700 + 4.700 =
    /// 9.399 (does not); the root 23.873 against 2.562 + 8.137 = 10.699 (pays).
    /// On `other`, node 1 as a leaf 10.085 against 11.104 (does not pay),
    /// node 2 15.239 against 2.630 (pays).
    func handMadeTree(mainTask: Bool, counts: [[Double]]? = nil) -> MultitaskTree {
        let binary = ["0", "1"]
        let schema = TreeSchema(
            attributes: ["a", "b", "c"].map { TreeSchema.Attribute(name: $0, type: .nominal, values: binary) },
            tasks: [TreeSchema.Task(name: "class", classes: ["no", "yes"]), TreeSchema.Task(name: "other", classes: ["no", "yes"])],
            hasMainTask: mainTask)
        let split = { (attribute: Int, first: Int, weight: Double, score: Double) in
            MultitaskTree.Node(weight: weight, test: .nominal(attribute: attribute, branches: [0, 1]), firstChild: first, childCount: 2, score: score)
        }
        let nodes = [
            split(0, 1, 47, 0.4), split(1, 3, 21, 0.5), split(2, 5, 26, 0.6),
            .init(weight: 15), .init(weight: 6), .init(weight: 13), .init(weight: 13),
        ]
        let counts = counts ?? [[21, 26, 26, 21], [15, 6, 13, 8], [6, 20, 13, 13], [15, 0, 10, 5], [0, 6, 3, 3], [3, 10, 13, 0], [3, 10, 0, 13]]
        let gains: [Double] = [0.3, 0.1, 0.4, 0.1, 0.05, 0.55] + [Double](repeating: 0, count: 8)
        return MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1, 1], nodes: nodes,
            classCounts: counts.flatMap { $0 }, gains: gains, trainingData: ("hand", 47))
    }

    @Test func splitThatDoesNotPayIsCollapsedAndOneThatPaysIsKept() {
        let estimate = PessimisticError(confidence: 0.25)
        for (counts, expected) in [([6.0, 20], 8.137374019741117), ([3.0, 10], 4.699575446562606), ([15.0, 6], 8.042651498758987)] {
            #expect(abs(estimate.leafErrors(counts[...]) - expected) < 1e-9)
        }
        let tree = handMadeTree(mainTask: true)
        let pruned = tree.pruned(PruningConfiguration(confidence: 0.25, perTask: false))
        #expect(pruned.nodeCount == 5)
        #expect(pruned.nodes[0] == tree.nodes[0])
        #expect(pruned.nodes[1] == MultitaskTree.Node(weight: 21, test: tree.nodes[1].test, firstChild: 3, childCount: 2, score: 0.5))
        #expect(pruned.nodes[2] == MultitaskTree.Node(weight: 26))
        #expect(pruned.nodes[3].isLeaf && pruned.nodes[4].isLeaf)
        #expect(pruned.classCounts == Array(tree.classCounts[0 ..< 5 * 4]))
        #expect(pruned.gains == [0.3, 0.1, 0.4, 0.1, 0, 0, 0, 0, 0, 0])
        #expect(pruned.taskStops.isEmpty)
        #expect(pruned.pruning == PruningConfiguration(confidence: 0.25, perTask: false))
    }

    /// A root with two leaves, one task: C4.5 collapses a split that saves
    /// less than 0.1 estimated errors. [10 11] → [0 2] + [10 9]: 12.069 as a
    /// leaf against 1.000 + 10.991 = 11.991, 0.078 better, collapsed;
    /// [3 4] → [0 2] + [3 2]: 4.386 against 1.000 + 3.240 = 4.240, 0.147 better, kept.
    @Test(arguments: [([0, 2, 10, 9], 1), ([0, 2, 3, 2], 3)] as [([Double], Int)])
    func splitsSavingLessThanATenthOfAnErrorAreCollapsed(counts: [Double], nodes: Int) {
        let schema = TreeSchema(
            attributes: [TreeSchema.Attribute(name: "a", type: .nominal, values: ["0", "1"])],
            tasks: [TreeSchema.Task(name: "class", classes: ["no", "yes"])], hasMainTask: true)
        let root = MultitaskTree.Node(weight: counts.reduce(0, +), test: .nominal(attribute: 0, branches: [0, 1]), firstChild: 1, childCount: 2, score: 0.1)
        let tree = MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1],
            nodes: [root, .init(weight: counts[0] + counts[1]), .init(weight: counts[2] + counts[3])],
            classCounts: [counts[0] + counts[2], counts[1] + counts[3]] + counts, gains: [0.1, 0, 0], trainingData: ("split", 0))
        #expect(tree.pruned(PruningConfiguration(confidence: 0.25)).nodeCount == nodes)
    }

    /// 0 → 1, 2 and 1 → 3, 4, one task: a parent weighs each internal child
    /// by that child's own outcome, its estimate as a leaf if it was
    /// collapsed and its subtree's if it was kept (CF 0.25; leaves [0 1] and
    /// [1 0] 0.750, [0 2] 1.000, by hand as N (1 − CF^(1/N))).
    /// - Child collapsed: 1 [0 2] → [0 1] + [0 1] is 1.000 as a leaf against
    ///   1.500, so it counts 1.000; the root [1 2], 2.057 as a leaf, against
    ///   1.000 + 0.750 for 2 [1 0], keeps its split (3 nodes). Counted as its
    ///   subtree, 1.500, the child would have made the root a leaf.
    /// - Child kept: 1 [2 2] → [0 2] + [2 0] is 3.082 as a leaf against 2.000,
    ///   so it counts 2.000; the root [2 3], 3.240 as a leaf, against
    ///   2.000 + 0.750 for 2 [0 1], keeps its split (5 nodes). Counted as a
    ///   leaf, 3.082, the child would have made the root a leaf.
    /// (Estimates from `reference_evaluation.py`.)
    @Test(arguments: [([0, 1], [0, 1], [1, 0], 3), ([0, 2], [2, 0], [0, 1], 5)] as [([Double], [Double], [Double], Int)])
    func aParentWeighsEachChildAsItWasPruned(left: [Double], right: [Double], other: [Double], nodes: Int) {
        let schema = TreeSchema(
            attributes: ["a", "b"].map { TreeSchema.Attribute(name: $0, type: .nominal, values: ["0", "1"]) },
            tasks: [TreeSchema.Task(name: "class", classes: ["no", "yes"])], hasMainTask: true)
        let child = zip(left, right).map(+), root = zip(child, other).map(+)
        let weight = { (counts: [Double]) in counts.reduce(0, +) }
        let tree = MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1],
            nodes: [
                MultitaskTree.Node(weight: weight(root), test: .nominal(attribute: 0, branches: [0, 1]), firstChild: 1, childCount: 2, score: 0.2),
                MultitaskTree.Node(weight: weight(child), test: .nominal(attribute: 1, branches: [0, 1]), firstChild: 3, childCount: 2, score: 0.1),
                .init(weight: weight(other)), .init(weight: weight(left)), .init(weight: weight(right)),
            ],
            classCounts: root + child + other + left + right, gains: [0.2, 0.1, 0, 0, 0], trainingData: ("nested", 0))
        let pruned = tree.pruned(PruningConfiguration(confidence: 0.25))
        #expect(pruned.nodeCount == nodes)
        #expect(pruned.nodes[0].test == tree.nodes[0].test)
    }

    @Test func perTaskViewOfTheHandMadeTree() {
        // With `class` main, node 2 is gone; for `other` the root's split then
        // does not pay (23.873 against 10.085 + 15.239), so it stops at the root.
        let main = handMadeTree(mainTask: true).pruned(.default)
        #expect(main.nodeCount == 5)
        #expect(main.taskStops == [false, true] + [Bool](repeating: false, count: 8))
        #expect(main.leafCount(task: 0) == 3)
        #expect(main.leafCount(task: 1) == 1)

        // With no main task the errors are summed, and both splits pay
        // (node 1: 18.128 against 13.666; node 2: 23.377 against 12.029);
        // then `class` stops at node 2 and `other` at node 1.
        let all = handMadeTree(mainTask: false).pruned(.default)
        #expect(all.nodeCount == 7)
        var stops = [Bool](repeating: false, count: 14)
        stops[1 * 2 + 1] = true
        stops[2 * 2 + 0] = true
        #expect(all.taskStops == stops)
        #expect(all.leafCount(task: 0) == 3)
        #expect(all.leafCount(task: 1) == 3)
    }

    @Test func aNodeWithoutLabelsForATaskIsNeverItsStop() {
        // `other` unlabelled in node 1's subtree: 0 estimated errors as a leaf
        // and as a subtree would mark node 1, but no rows there tell `other`
        // anything. Elsewhere as before: `class` stops at node 2, and `other`'s
        // root split pays (15.239 as a leaf against 0 + 2.630).
        let counts: [[Double]] = [[21, 26, 13, 13], [15, 6, 0, 0], [6, 20, 13, 13], [15, 0, 0, 0], [0, 6, 0, 0], [3, 10, 13, 0], [3, 10, 0, 13]]
        let viewed = handMadeTree(mainTask: false, counts: counts).pruned(PruningConfiguration(perTask: true))
        var stops = [Bool](repeating: false, count: 14)
        stops[2 * 2 + 0] = true
        #expect(viewed.taskStops == stops)
        #expect(viewed.leafCount(task: 0) == 3)
        #expect(viewed.leafCount(task: 1) == 4)
    }

    /// 0 → 1, 2; 1 → 3, 4; 3 → 5, 6, 40 rows. `class` needs all three tests
    /// (leaves [10 0], [0 10], [10 0], [0 10]); `noise` is [5 5] in every
    /// leaf, so each of its splits as well as the root's fails to pay (CF
    /// 0.25, `reference_evaluation.py`). Its predictions stop at the root;
    /// nodes 1 and 3 below it are not stops, however their own estimates go.
    @Test func aTaskStopsOnlyAtTheHighestNodeOfAPath() {
        let schema = TreeSchema(
            attributes: ["a", "b", "c"].map { TreeSchema.Attribute(name: $0, type: .nominal, values: ["0", "1"]) },
            tasks: [TreeSchema.Task(name: "class", classes: ["no", "yes"]), TreeSchema.Task(name: "noise", classes: ["no", "yes"])],
            hasMainTask: true)
        let split = { (attribute: Int, first: Int, weight: Double) in
            MultitaskTree.Node(weight: weight, test: .nominal(attribute: attribute, branches: [0, 1]), firstChild: first, childCount: 2, score: 0.1)
        }
        let counts: [[Double]] = [[20, 20, 20, 20], [10, 20, 15, 15], [10, 0, 5, 5], [10, 10, 10, 10], [0, 10, 5, 5], [10, 0, 5, 5], [0, 10, 5, 5]]
        let tree = MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1, 1],
            nodes: [split(0, 1, 40), split(1, 3, 30), .init(weight: 10), split(2, 5, 20), .init(weight: 10), .init(weight: 10), .init(weight: 10)],
            classCounts: counts.flatMap { $0 }, gains: [0.1, 0, 0.1, 0, 0, 0, 0.1, 0] + [Double](repeating: 0, count: 6), trainingData: ("chain", 40))
        let viewed = tree.pruned(PruningConfiguration(perTask: true))
        var stops = [Bool](repeating: false, count: 14)
        stops[0 * 2 + 1] = true
        #expect(viewed.taskStops == stops)
        #expect(viewed.leafCount(task: 0) == 4)
        #expect(viewed.leafCount(task: 1) == 1)
    }

    /// One split of 44 rows, three tasks: `class` (main) split perfectly,
    /// [22 22] → [0 22] + [22 0]; `a` [22 22] → [10 12] + [12 10]; `b`, with
    /// some rows unlabelled, [10 17] → [2 10] + [8 7]. Estimated errors at CF
    /// 0.1 / 0.25 / 0.5 (`reference_evaluation.py`):
    /// - `a`: 26.649 / 24.778 / 23.190 as a leaf against 26.856 / 24.231 /
    ///   21.977 split: it stops at 0.1 only;
    /// - `b`: 13.825 / 12.292 / 11.032 against 14.515 / 12.419 / 10.708: it
    ///   stops at 0.1 and 0.25, not at 0.5;
    /// - `class`'s split pays at every CF.
    func oneSplitThreeTasks() -> MultitaskTree {
        let schema = TreeSchema(
            attributes: [TreeSchema.Attribute(name: "x", type: .nominal, values: ["0", "1"])],
            tasks: ["class", "a", "b"].map { TreeSchema.Task(name: $0, classes: ["no", "yes"]) }, hasMainTask: true)
        let root = MultitaskTree.Node(weight: 44, test: .nominal(attribute: 0, branches: [0, 1]), firstChild: 1, childCount: 2, score: 1)
        let counts: [[Double]] = [[22, 22, 22, 22, 10, 17], [0, 22, 10, 12, 2, 10], [22, 0, 12, 10, 8, 7]]
        return MultitaskTree(
            schema: schema, configuration: InductionConfiguration(), lambdas: [1, 1, 1],
            nodes: [root, .init(weight: 22), .init(weight: 22)], classCounts: counts.flatMap { $0 },
            gains: [1, 0.002, 0.05] + [Double](repeating: 0, count: 6), trainingData: ("one split", 44))
    }

    @Test func perTaskStopsUseTheGivenConfidenceElseC45sDefault() {
        let tree = oneSplitThreeTasks()
        let rest = [Bool](repeating: false, count: 6)
        // No confidence factor: C4.5's 0.25; only `b` stops.
        let view = tree.pruned(PruningConfiguration(perTask: true))
        #expect(view.taskStops == [false, false, true] + rest)
        #expect(view.pruning == PruningConfiguration(confidence: nil, perTask: true))
        // CF 0.1 for both steps: `class` keeps its split, `a` and `b` stop.
        let strict = tree.pruned(PruningConfiguration(confidence: 0.1, perTask: true))
        #expect(strict.nodeCount == 3)
        #expect(strict.taskStops == [false, true, true] + rest)
        #expect((0 ..< 3).map { strict.leafCount(task: $0) } == [2, 1, 1])
        // CF 0.5: no task stops anywhere, and no stops are kept.
        #expect(tree.pruned(PruningConfiguration(confidence: 0.5, perTask: true)).taskStops == [])
        // A per-task view of a tree pruned earlier at CF 0.1 uses that
        // pruning's confidence factor, and records it: the same tree as
        // pruning at 0.1 in one step, which its record gives back.
        let later = tree.pruned(PruningConfiguration(confidence: 0.1)).pruned(PruningConfiguration(perTask: true))
        #expect(later.pruning == PruningConfiguration(confidence: 0.1, perTask: true))
        #expect(later.taskStops == strict.taskStops)
        #expect(later.pruned(later.pruning).taskStops == later.taskStops)
    }

    @Test func noPruningKeepsTheShapeAndDropsStops() {
        let tree = handMadeTree(mainTask: false)
        let viewed = tree.pruned(PruningConfiguration(perTask: true))
        #expect(viewed.nodes == tree.nodes)
        #expect(!viewed.taskStops.isEmpty)
        let plain = viewed.pruned(.none)
        #expect(plain.nodes == tree.nodes)
        #expect(plain.taskStops.isEmpty)
        #expect(plain.pruning == .none)
    }
}

// MARK: Trees grown from data

extension PruningTests {
    /// Checks the flat layout and that every internal node's children
    /// together hold its weight and, task by task, its class counts.
    func expectWellFormed(_ tree: MultitaskTree, sourceLocation: SourceLocation = #_sourceLocation) {
        let T = tree.schema.tasks.count
        var parents = [Int](repeating: 0, count: tree.nodeCount)
        for (n, node) in tree.nodes.enumerated() {
            guard node.test != nil else {
                #expect(node == MultitaskTree.Node(weight: node.weight), sourceLocation: sourceLocation)
                #expect(tree.gains[n * T ..< (n + 1) * T].allSatisfy { $0 == 0 }, sourceLocation: sourceLocation)
                continue
            }
            #expect(node.firstChild > n && node.childCount >= 2 && node.firstChild + node.childCount <= tree.nodeCount, sourceLocation: sourceLocation)
            for c in node.children { parents[c] += 1 }
            let weight = node.children.reduce(0.0) { $0 + tree.nodes[$1].weight }
            #expect(abs(weight - node.weight) < 1e-9 * max(1, node.weight), sourceLocation: sourceLocation)
            for t in 0 ..< T {
                let own = Array(tree.counts(node: n, task: t))
                let sum = node.children.reduce([Double](repeating: 0, count: own.count)) { s, c in zip(s, tree.counts(node: c, task: t)).map(+) }
                #expect(zip(own, sum).allSatisfy { abs($0 - $1) < 1e-9 * max(1, $0) }, sourceLocation: sourceLocation)
            }
        }
        #expect(parents.dropFirst().allSatisfy { $0 == 1 }, sourceLocation: sourceLocation)
    }

    /// Whether `pruned` is `tree` with some subtrees cut off: same counts on
    /// every node it keeps, and same tests, scores and gains on its internal
    /// nodes, followed from the root by branch.
    func isCut(_ pruned: MultitaskTree, from tree: MultitaskTree) -> Bool {
        let stride = tree.schema.classStride, T = tree.schema.tasks.count
        var pairs = [(0, 0)]
        while let (p, o) = pairs.popLast() {
            guard pruned.nodes[p].weight == tree.nodes[o].weight,
                pruned.classCounts[p * stride ..< (p + 1) * stride] == tree.classCounts[o * stride ..< (o + 1) * stride]
            else { return false }
            guard let test = pruned.nodes[p].test else { continue }
            guard test == tree.nodes[o].test, pruned.nodes[p].childCount == tree.nodes[o].childCount,
                pruned.nodes[p].score == tree.nodes[o].score, pruned.gains[p * T ..< (p + 1) * T] == tree.gains[o * T ..< (o + 1) * T]
            else { return false }
            pairs += zip(pruned.nodes[p].children, tree.nodes[o].children).map { ($0, $1) }
        }
        return true
    }

    @Test(arguments: [31, 32, 33, 34] as [UInt64])
    func prunedTreesAreCutsOfTheGrownTree(seed: UInt64) throws {
        let data = try TestData.random(seed: seed, rows: 1500, missing: 0.1, labelMissing: 0.1)
        let tree = try TreeInducer().fit(data)
        var sizes: [Int] = []
        for cf in [1, 0.5, 0.25, 0.1, 0.01] {
            let pruned = tree.pruned(PruningConfiguration(confidence: cf, perTask: true))
            expectWellFormed(pruned)
            #expect(isCut(pruned, from: tree))
            // Idempotent: nothing left to prune, and the same per-task view.
            #expect(pruned.pruned(pruned.pruning) == pruned)
            sizes.append(pruned.nodeCount)
        }
        #expect(sizes.first! <= tree.nodeCount)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 >= $1 }, "node counts for CF 1 … 0.01: \(sizes)")
        #expect(sizes.last! < tree.nodeCount / 2, "10% label noise leaves much to prune: \(tree.nodeCount) → \(sizes)")
    }

    /// 400 rows over four binary inputs: `deep` needs three tests, `shallow`
    /// is `x3` alone, `noise` is coin flips.
    func tasksOfDifferentDepths(seed: UInt64) throws -> Dataset {
        var rng = SplitMix64(seed: seed)
        let rows = (0 ..< 400).map { r in (0 ..< 4).map { (r >> $0) & 1 == 0 ? "a" : "b" } }
        let deep = rows.map { ($0[0] == "a" && $0[1] == "a") || $0[2] == "a" ? "yes" : "no" }
        return try TestData.dataset(
            (0 ..< 4).map { i in TestData.input("x\(i + 1)", rows.map { $0[i] }) } + [
                TestData.task("deep", deep), TestData.task("shallow", rows.map { $0[2] == "a" ? "yes" : "no" }),
                TestData.task("noise", rows.map { _ in rng.nextUnit() < 0.5 ? "yes" : "no" }),
            ], main: "deep")
    }

    @Test func eachTaskGetsTheDepthItNeeds() throws {
        var noiseLeaves: [Int] = []
        for seed in 1 ... 60 as ClosedRange<UInt64> {
            let data = try tasksOfDifferentDepths(seed: seed)
            let tree = try TreeInducer().fit(data)
            let pruned = tree.pruned(.default)
            #expect(pruned.leafCount(task: 0) == 4 && pruned.leafCount == 4 && pruned.leafCount(task: 1) == 2)
            noiseLeaves.append(pruned.leafCount(task: 2))
            // The main task's predictions are those of the unpruned tree, and right; so are `shallow`'s.
            let before = try tree.predict(data), after = try pruned.predict(data)
            #expect(after.labels[0] == before.labels[0])
            #expect((0 ..< data.rowCount).allSatisfy { after.label(task: 0, row: $0) == data["deep"]!.text(atRow: $0) })
            #expect((0 ..< data.rowCount).allSatisfy { after.label(task: 1, row: $0) == data["shallow"]!.text(atRow: $0) })
            // Where the noise stops at the root, it is predicted by its majority class everywhere.
            if noiseLeaves.last == 1 { #expect(Set(after.labels[2]).count == 1) }
        }
        // Pessimistic pruning is no significance test (a chance 57/43 split
        // of 200 noisy rows pays), but most of the time the noise stops high.
        #expect(noiseLeaves[0] == 1)
        #expect(noiseLeaves.filter { $0 <= 2 }.count >= 30, "\(noiseLeaves)")
        #expect(Double(noiseLeaves.reduce(0, +)) / 60 < 2.5, "\(noiseLeaves)")
    }

    @Test func prunedModelsRoundTripThroughTheModelFile() throws {
        for (data, configuration) in [
            (try tasksOfDifferentDepths(seed: 1), PruningConfiguration.default),
            (try TestData.random(seed: 41, rows: 800, missing: 0.1, labelMissing: 0.1), .default),
            (try TestData.random(seed: 42, rows: 500), PruningConfiguration(confidence: 0.1)),
        ] {
            let tree = try TreeInducer().fit(data).pruned(configuration)
            #expect(tree.taskStops.isEmpty == !configuration.perTask, "stops to save, or none")
            let path = NSTemporaryDirectory() + "mtltree-pruning-\(UInt32.random(in: 0 ... .max)).json"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try TreeModel(tree).write(to: path)
            let loaded = try TreeModel.read(path: path)
            #expect(loaded.trees == [tree])
            #expect(try loaded.predict(data) == tree.predict(data))
        }
    }

    /// Test-set accuracy on the main task of a MONK's problem, unpruned and pruned.
    func monksAccuracy(_ problem: Int) throws -> (unpruned: Double, pruned: Double) {
        let options = ReadOptions(roles: RoleOptions(tasks: ["class"], main: "class"))
        let train = try Dataset.load(path: FixturePaths.data("monks/monks-\(problem).train.arff"), options: options)
        let test = try Dataset.load(path: FixturePaths.data("monks/monks-\(problem).test.arff"), options: options)
        let tree = try TreeInducer().fit(train)
        func accuracy(_ tree: MultitaskTree) throws -> Double {
            let predictions = try tree.predict(test)
            let right = (0 ..< test.rowCount).filter { predictions.label(task: 0, row: $0) == test["class"]!.text(atRow: $0) }
            return Double(right.count) / Double(test.rowCount)
        }
        return (try accuracy(tree), try accuracy(tree.pruned(.default)))
    }

    @Test func pruningHelpsOnNoisyMonks3() throws {
        let (unpruned, pruned) = try monksAccuracy(3)
        #expect(pruned >= 0.9)
        #expect(pruned >= unpruned)
    }
}
