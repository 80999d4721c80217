/// A JSON document, with object keys kept in the order they were written.
///
/// mtltree writes its model files, `--format json` outputs and reports with
/// this type so that the same input always gives the same bytes (key order
/// and number formatting are fixed), and reads model files back with
/// ``JSONValue/parse(_:file:)``, whose errors carry a line and column.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The member called `key` of an object, if any.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The elements of an array, if this is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The number, if this is one.
    public var numberValue: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The Boolean, if this is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// A number, or `null` for a non-finite one (which JSON cannot hold).
    public static func finite(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

    /// The document as text.
    ///
    /// - Parameters:
    ///   - pretty: Indent nested arrays and objects by two spaces per level;
    ///     arrays of numbers or strings stay on one line.
    ///   - compactDepth: With `pretty`, values nested this deep or deeper are
    ///     written on one line (a tree's nodes, one per line).
    /// - Complexity: O(size of the document).
    public func serialized(pretty: Bool = true, compactDepth: Int = .max) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : nil, compactDepth: compactDepth)
        return out
    }

    private func write(to out: inout String, indent: Int?, compactDepth: Int) {
        if let level = indent, level >= compactDepth {
            write(to: &out, indent: nil, compactDepth: compactDepth)
            return
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += Self.format(x)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let elements):
            let flat = indent == nil || elements.allSatisfy { $0.isScalar }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += flat ? (indent == nil ? "," : ", ") : "," }
                if !flat, let indent { out += "\n" + String(repeating: "  ", count: indent + 1) }
                element.write(to: &out, indent: indent.map { $0 + 1 }, compactDepth: compactDepth)
            }
            if !flat, let indent, !elements.isEmpty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: "  ", count: indent + 1) }
                Self.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(to: &out, indent: indent.map { $0 + 1 }, compactDepth: compactDepth)
            }
            if let indent, !members.isEmpty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// Integers without a fraction (`3`), others in Swift's shortest round-trip form.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
