import MTLTreeKit

extension Dataset {
    /// Whether `other` has the same name, columns, roles, values and weights,
    /// counting two missing numbers (NaN) as equal, which `==` does not.
    func isIdentical(to other: Dataset) -> Bool {
        guard name == other.name, mainTask == other.mainTask, weights == other.weights,
            columns.count == other.columns.count
        else { return false }
        return zip(columns, other.columns).allSatisfy { a, b in
            guard a.name == b.name, a.role == b.role else { return false }
            switch (a.storage, b.storage) {
            case (.nominal(let x), .nominal(let y)): return x == y
            case (.numeric(let x), .numeric(let y)): return x.map(\.bitPattern) == y.map(\.bitPattern)
            default: return false
            }
        }
    }
}
