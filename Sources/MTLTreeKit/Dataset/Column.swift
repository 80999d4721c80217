import Foundation

/// What a column is for when a tree is learned.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// An attribute the tree may test.
    case input
    /// A nominal column of class labels that every leaf predicts.
    case task
    /// A column kept for display (e.g. an identifier) but never used.
    case ignored
}

/// The kind of values a column holds.
public enum ColumnType: String, Sendable, Codable {
    /// Class-like values stored as small integer codes into a table of names.
    case nominal
    /// Floating-point values.
    case numeric
}

/// A nominal column: one integer code per row, into a table of value names.
///
/// Codes are dense, `0..<values.count`, in the order the values were declared
/// (ARFF), in natural order for a CSV task's classes (numbers by value, then
/// text), or as first seen for other CSV columns; ``missing`` (-1) marks an
/// unknown cell. Value
/// names keep the exact text of the file (`0` stays `0`).
public struct NominalColumn: Sendable, Equatable {
    /// The code of a missing cell.
    public static let missing: Int32 = -1
    /// The code of each row, or ``missing``.
    public var codes: [Int32]
    /// The name of each code.
    public var values: [String]

    /// Creates a nominal column from codes and value names.
    public init(codes: [Int32], values: [String]) {
        self.codes = codes
        self.values = values
    }
}

/// One column of a ``Dataset``: a name, a role and encoded values.
public struct Column: Sendable, Equatable {
    /// The encoded values of a column.
    public enum Storage: Sendable, Equatable {
        /// Codes into value names; see ``NominalColumn``.
        case nominal(NominalColumn)
        /// One value per row; `.nan` marks a missing cell.
        case numeric([Double])
    }

    /// The column's name, as in the file's header.
    public var name: String
    /// What the column is for.
    public var role: Role
    /// The values.
    public var storage: Storage

    /// Creates a column.
    public init(name: String, role: Role = .input, storage: Storage) {
        self.name = name
        self.role = role
        self.storage = storage
    }

    /// Nominal or numeric.
    public var type: ColumnType {
        if case .nominal = storage { return .nominal }
        return .numeric
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .nominal(let n): n.codes.count
        case .numeric(let v): v.count
        }
    }

    /// The nominal values, or `nil` for a numeric column.
    public var nominal: NominalColumn? {
        if case .nominal(let n) = storage { return n }
        return nil
    }

    /// The numeric values, or `nil` for a nominal column.
    public var numeric: [Double]? {
        if case .numeric(let v) = storage { return v }
        return nil
    }

    /// The number of missing cells.
    ///
    /// - Complexity: O(rows).
    public var missingCount: Int {
        // Plain loops without a branch per cell (train checks every tested column).
        var missing = 0
        switch storage {
        case .nominal(let n): for c in n.codes { missing &+= c < 0 ? 1 : 0 }
        case .numeric(let v): for x in v { missing &+= x != x ? 1 : 0 }  // NaN alone is unequal to itself
        }
        return missing
    }

    /// The number of distinct non-missing values present.
    ///
    /// - Complexity: O(rows).
    public var distinctCount: Int {
        switch storage {
        case .nominal(let n):
            var seen = [Bool](repeating: false, count: n.values.count)
            var count = 0
            for c in n.codes where c >= 0 && !seen[Int(c)] {
                seen[Int(c)] = true
                count += 1
            }
            return count
        case .numeric(let v):
            return distinctKnownValues(v)
        }
    }

    /// The text of row `row`'s cell as a user would write it, or `nil` if missing.
    public func text(atRow row: Int) -> String? {
        switch storage {
        case .nominal(let n):
            let c = n.codes[row]
            return c < 0 ? nil : n.values[Int(c)]
        case .numeric(let v):
            let x = v[row]
            return x.isNaN ? nil : formatNumber(x)
        }
    }
}

/// Shortest text that reads back as `x` (`3` rather than `3.0`).
public func formatNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}

/// A predicted number as text: at most six significant digits (`11.4167`,
/// `0.000123457`), whole numbers without a decimal point.
public func formatPrediction(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "?" : "\(x)" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return formatNumber(Double(String(format: "%.6g", x)) ?? x)
}
