/// The rows of a dataset that hold, in a nominal attribute a tree tests, a
/// value the training data never had.
///
/// Prediction accepts such rows: at the test, the row goes down every branch
/// and the branches' predictions are mixed by their training weight, as for a
/// missing value (see ``MultitaskTree/predict(_:)``). That is lenient, and a
/// caller may want to say how often it happened.
public struct UnseenValues: Sendable, Equatable {
    /// The number of rows with at least one unseen value.
    public var rows: Int
    /// Each attribute with unseen values: its name, how many rows, and its
    /// first unseen value in row order. In the schema's attribute order.
    public var attributes: [(name: String, rows: Int, firstValue: String)]

    /// Whether every tested value was seen in training.
    public var isEmpty: Bool { rows == 0 }

    public static func == (a: Self, b: Self) -> Bool {
        a.rows == b.rows && a.attributes.map(\.name) == b.attributes.map(\.name)
            && a.attributes.map(\.rows) == b.attributes.map(\.rows) && a.attributes.map(\.firstValue) == b.attributes.map(\.firstValue)
    }

    /// Finds the unseen values of `dataset` in the nominal attributes that
    /// some of `trees` test.
    ///
    /// Columns are matched by name, values by text, as prediction matches
    /// them; an attribute the data lack is left out (prediction reports it).
    /// A numeric column for a nominal attribute is compared by the numbers'
    /// text (`3` for 3.0).
    ///
    /// - Parameters:
    ///   - dataset: The rows to be predicted.
    ///   - trees: Trees sharing one schema: a model's trees, or a forest's.
    /// - Complexity: O(rows × tested nominal attributes + the trees' nodes).
    public init(in dataset: Dataset, trees: [MultitaskTree]) {
        rows = 0
        attributes = []
        guard let schema = trees.first?.schema else { return }
        var tested = [Bool](repeating: false, count: schema.attributes.count)
        for tree in trees {
            for node in tree.nodes { if let a = node.test?.attribute, a < tested.count { tested[a] = true } }
        }
        var unseenRow = [Bool](repeating: false, count: dataset.rowCount)
        for (a, attribute) in schema.attributes.enumerated() where tested[a] && attribute.type == .nominal {
            guard let column = dataset[attribute.name] else { continue }
            let known = Set(attribute.values)
            var count = 0
            var first: String?
            func mark(_ row: Int, _ text: String) {
                count += 1
                if first == nil { first = text }
                unseenRow[row] = true
            }
            switch column.storage {
            case .nominal(let n):
                // One lookup per distinct value, not per row.
                let unseen = n.values.map { !known.contains($0) }
                for (row, c) in n.codes.enumerated() where c >= 0 && unseen[Int(c)] { mark(row, n.values[Int(c)]) }
            case .numeric:
                for row in 0 ..< dataset.rowCount {
                    if let text = column.text(atRow: row), !known.contains(text) { mark(row, text) }
                }
            }
            if let first { attributes.append((attribute.name, count, first)) }
        }
        rows = unseenRow.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}
