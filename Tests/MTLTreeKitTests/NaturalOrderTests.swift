import Foundation
import TestSupport
import Testing

@testable import MTLTreeKit

/// A CSV task's classes in natural order (numbers by value, then text with
/// digit runs as numbers), an ARFF task's in declared order; tasks in the
/// order the roles name them. Expected orders written out by hand.
@Suite("Class and task order")
struct NaturalOrderTests {
    @Test(
        "names sort naturally",
        arguments: [
            (["0", "2", "1", "3", "6", "8", "5", "4", "10"], ["0", "1", "2", "3", "4", "5", "6", "8", "10"]),
            (["b", "10", "a", "-1.5", "2", "1e1", "1.0", "1"], ["-1.5", "1", "1.0", "2", "10", "1e1", "a", "b"]),
            (["class10", "class2", "class1", "Class3", "class02"], ["Class3", "class1", "class02", "class2", "class10"]),
            (["v1.10", "v1.9", "v1", "v", "x9y", "x10"], ["v", "v1", "v1.9", "v1.10", "x9y", "x10"]),
            (["no", "yes", "maybe"], ["maybe", "no", "yes"]),
            (["a00010b", "a9b", "a10a"], ["a9b", "a10a", "a00010b"]),
        ])
    func naturalOrder(names: [String], expected: [String]) {
        #expect(NaturalOrder.order(names).map { names[$0] } == expected)
        // The order depends on the set of names only.
        let reversed = Array(names.reversed())
        #expect(NaturalOrder.order(reversed).map { reversed[$0] } == expected)
    }

    @Test("a CSV task's classes are in natural order, its codes renumbered; inputs keep first-seen order")
    func csvClasses() throws {
        let path = try FixturePaths.scratch("order.csv", "x,y\nq,2\np,10\nq,1\nr,\np,2\n")
        let d = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["y"])))
        let y = try #require(d["y"]?.nominal)
        #expect(y.values == ["1", "2", "10"])
        #expect(y.codes == [1, 2, 0, NominalColumn.missing, 1])
        #expect(d["x"]?.nominal?.values == ["q", "p", "r"])
        let tree = try TreeInducer().fit(d)
        #expect(tree.schema.tasks[0].classes == ["1", "2", "10"])
    }

    @Test("an ARFF task keeps its declared class order")
    func arffClasses() throws {
        let path = try FixturePaths.scratch(
            "order.arff", "@relation r\n@attribute x {a,b}\n@attribute y {z,10,2,a}\n@data\na,2\nb,z\na,a\n")
        let d = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["y"])))
        #expect(d["y"]?.nominal?.values == ["z", "10", "2", "a"])
    }

    @Test(
        "tasks follow the order the roles name them, the main task first",
        arguments: [
            (["c", "a"], nil, ["c", "a"]),
            (["c", "a", "b"], "b", ["b", "c", "a"]),
            (["c"], "a", ["a", "c"]),
            (["c", "b"], "a", ["a", "c", "b"]),
        ] as [([String], String?, [String])])
    func taskOrder(tasks: [String], main: String?, expected: [String]) throws {
        let path = try FixturePaths.scratch("tasks.csv", "a,b,c,x\n1,p,u,0\n2,q,v,1\n")
        let d = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: tasks, main: main)))
        #expect(d.taskIndices.map { d.columns[$0].name } == expected)
        #expect(TreeSchema(d).tasks.map(\.name) == expected)
        // Weighing every task alike keeps the user's order.
        var alike = d
        try alike.setMainTask(nil)
        let order = tasks + (main.map { tasks.contains($0) ? [] : [$0] } ?? [])
        #expect(alike.taskIndices.map { d.columns[$0].name } == order)
    }
}
