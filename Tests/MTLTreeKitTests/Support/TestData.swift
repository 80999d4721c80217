@testable import MTLTreeKit

/// Builds small datasets for tests from columns of text (`nil` is missing).
enum TestData {
    /// A column given as text; `numeric` ones are parsed as numbers.
    struct Spec {
        var name: String
        var role: Role
        var numeric: Bool
        var cells: [String?]
    }

    static func input(_ name: String, _ cells: [String?]) -> Spec { Spec(name: name, role: .input, numeric: false, cells: cells) }
    static func numeric(_ name: String, _ cells: [Double?]) -> Spec {
        Spec(name: name, role: .input, numeric: true, cells: cells.map { $0.map { "\($0)" } })
    }
    static func task(_ name: String, _ cells: [String?]) -> Spec { Spec(name: name, role: .task, numeric: false, cells: cells) }
    static func numericTask(_ name: String, _ cells: [Double?]) -> Spec {
        Spec(name: name, role: .task, numeric: true, cells: cells.map { $0.map { "\($0)" } })
    }

    static func dataset(_ specs: [Spec], main: String? = nil, weights: [Double]? = nil, name: String = "test") throws -> Dataset {
        let columns = specs.map { spec -> Column in
            if spec.numeric {
                return Column(name: spec.name, role: spec.role, storage: .numeric(spec.cells.map { $0.flatMap(Double.init) ?? .nan }))
            }
            var values: [String] = []
            var codes: [Int32] = []
            for cell in spec.cells {
                guard let cell else {
                    codes.append(-1)
                    continue
                }
                if let i = values.firstIndex(of: cell) {
                    codes.append(Int32(i))
                } else {
                    values.append(cell)
                    codes.append(Int32(values.count - 1))
                }
            }
            return Column(name: spec.name, role: spec.role, storage: .nominal(NominalColumn(codes: codes, values: values)))
        }
        return try Dataset(name: name, columns: columns, weights: weights, mainTask: main)
    }

    /// Random data with a structure the tasks share: `tasks` binary tasks,
    /// `numeric` numeric and `nominal` nominal inputs, some cells missing.
    static func random(
        seed: UInt64, rows: Int, numeric: Int = 3, nominal: Int = 2, tasks: Int = 3, missing: Double = 0.05,
        labelMissing: Double = 0.05
    ) throws -> Dataset {
        var rng = SplitMix64(seed: seed)
        var columns: [Column] = []
        var x = [[Double]](repeating: [], count: numeric)
        for a in 0 ..< numeric {
            x[a] = (0 ..< rows).map { _ in (rng.nextUnit() * 100).rounded() / 10 }
        }
        var n = [[Int32]](repeating: [], count: nominal)
        for a in 0 ..< nominal { n[a] = (0 ..< rows).map { _ in Int32(rng.nextInt(below: 3 + a)) } }
        for t in 0 ..< tasks {
            let codes: [Int32] = (0 ..< rows).map { r in
                if rng.nextUnit() < labelMissing { return -1 }
                var s = numeric > 0 ? x[t % numeric][r] - 5 : 0
                if nominal > 0 { s += n[0][r] == Int32(t % 3) ? 3 : 0 }
                if rng.nextUnit() < 0.1 { s = -s }
                return s > 0 ? 1 : 0
            }
            columns.append(Column(name: "task\(t)", role: .task, storage: .nominal(NominalColumn(codes: codes, values: ["no", "yes"]))))
        }
        for a in 0 ..< numeric {
            let values = x[a].map { rng.nextUnit() < missing ? Double.nan : $0 }
            columns.append(Column(name: "x\(a)", storage: .numeric(values)))
        }
        for a in 0 ..< nominal {
            let codes = n[a].map { rng.nextUnit() < missing ? -1 : $0 }
            columns.append(Column(name: "n\(a)", storage: .nominal(NominalColumn(codes: codes, values: (0 ..< 3 + a).map { "v\($0)" }))))
        }
        return try Dataset(name: "random\(seed)", columns: columns, mainTask: tasks > 0 ? "task0" : nil)
    }
}
