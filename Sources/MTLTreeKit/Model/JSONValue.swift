import Foundation

/// A JSON document, with object keys kept in the order they were written.
///
/// mtltree writes its model files, `--format json` outputs and reports with
/// this type so that the same input always gives the same bytes (key order
/// and number formatting are fixed), and reads model files back with
/// ``JSONValue/parse(_:file:)``, whose errors carry a line and column.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
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
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The elements of an array, if this is one.
    package var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The number, if this is one.
    package var numberValue: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The string, if this is one.
    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The Boolean, if this is one.
    package var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// A number, or `null` for a non-finite one (which JSON cannot hold).
    package static func finite(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

    /// A measured figure (an accuracy, an error, a p-value), rounded to 12
    /// significant digits, or `null` when it is not finite.
    ///
    /// Sums and differences of doubles carry noise in their last digits
    /// (1 − 0.8 is 0.19999999999999996); twelve digits are far more than any
    /// estimate here is good to, and they print as the figure meant (0.2).
    /// Model files keep full precision: they use ``number(_:)``.
    package static func measure(_ x: Double) -> JSONValue {
        guard x.isFinite else { return .null }
        // The decimal text of 12 significant digits, read back: the double nearest to it.
        return .number(Double(String(format: "%.12g", x)) ?? x)
    }

    /// The document as text.
    ///
    /// - Parameters:
    ///   - pretty: Indent nested arrays and objects by two spaces per level;
    ///     arrays of numbers or strings stay on one line.
    ///   - compactDepth: With `pretty`, values nested this deep or deeper are
    ///     written on one line (a tree's nodes, one per line).
    /// - Complexity: O(size of the document).
    package func serialized(pretty: Bool = true, compactDepth: Int = .max) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: pretty ? 0 : nil, compactDepth: compactDepth)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the document's text to `out`; `indent` is the nesting level
    /// (`nil` for compact output). See ``serialized(pretty:compactDepth:)``.
    func write(into out: inout [UInt8], indent: Int?, compactDepth: Int) {
        if let level = indent, level >= compactDepth {
            write(into: &out, indent: nil, compactDepth: compactDepth)
            return
        }
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let x): out += Self.format(x).utf8
        case .string(let s): Self.quote(s, into: &out)
        case .array(let elements):
            let flat = indent == nil || elements.allSatisfy { $0.isScalar }
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out += (flat ? (indent == nil ? "," : ", ") : ",").utf8 }
                if !flat, let indent { Self.newline(&out, indent + 1) }
                element.write(into: &out, indent: indent.map { $0 + 1 }, compactDepth: compactDepth)
            }
            if !flat, let indent, !elements.isEmpty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if let indent { Self.newline(&out, indent + 1) }
                Self.quote(key, into: &out)
                out += (indent == nil ? ":" : ": ").utf8
                value.write(into: &out, indent: indent.map { $0 + 1 }, compactDepth: compactDepth)
            }
            if let indent, !members.isEmpty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and two spaces per level.
    static func newline(_ out: inout [UInt8], _ level: Int) {
        out.append(10)
        // Slices of a ready row of spaces, not repeatElement: unspecialised
        // (debug) builds copied that one byte at a time through generics.
        var left = 2 * level
        while left > 0 {
            let n = min(left, spaces.count)
            out += spaces[..<n]
            left -= n
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// Integers without a fraction (`3`), others in Swift's shortest round-trip form.
    static func format(_ x: Double) -> String {
        x.isFinite ? formatNumber(x) : "null"
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\"".utf8
            case UInt8(ascii: "\\"): out += "\\\\".utf8
            case 10: out += "\\n".utf8
            case 13: out += "\\r".utf8
            case 9: out += "\\t".utf8
            case 0 ..< 0x20:
                let hex = String(byte, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
