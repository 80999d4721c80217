/// An error that a user can act on: what went wrong, and where.
///
/// Readers name the file, line and column, compiler style
/// (`meetings.csv:17:4: error: expected 12 fields, found 11`); errors with no
/// position print as `error: MESSAGE`. The ``kind`` maps to the command line's
/// exit status (see ``Kind/exitCode``).
public struct MTLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What class of failure this is; decides the exit status.
    public enum Kind: String, Sendable, Equatable {
        /// The caller asked for something that cannot be (unknown column, bad option value).
        case usage
        /// A data or model file is malformed.
        case badData
        /// An input file does not exist or cannot be read.
        case inputMissing
        /// An output file cannot be written.
        case outputFailed
        /// Anything else.
        case other

        /// The `sysexits.h` status for this kind: 64, 65, 66, 73, or 1.
        public var exitCode: Int32 {
            switch self {
            case .usage: 64
            case .badData: 65
            case .inputMissing: 66
            case .outputFailed: 73
            case .other: 1
            }
        }
    }

    /// What class of failure this is.
    public var kind: Kind
    /// The message, without position or `error:` prefix.
    public var message: String
    /// The file the error is in, if any (as the user named it).
    public var file: String?
    /// The 1-based line, if known.
    public var line: Int?
    /// The 1-based column (in bytes), if known.
    public var column: Int?
    /// The data cell the error is about, when it was found after reading
    /// (the file is not known there): a caller that knows the file finds its
    /// line and column with `Dataset.locate(_:path:options:)`.
    package var cell: DataCell?

    /// A data cell: the 0-based row (after any header) and the column's name.
    package struct DataCell: Sendable, Equatable {
        package var row: Int
        package var column: String

        package init(row: Int, column: String) {
            self.row = row
            self.column = column
        }
    }

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// The one-line form: `FILE:LINE:COLUMN: error: MESSAGE`, or `error: MESSAGE`.
    ///
    /// Line breaks and other control characters in the file name or message
    /// (a quoted cell or column name may hold them) are escaped, so the error
    /// stays on one line.
    public var description: String {
        var prefix = ""
        if let file {
            prefix = file
            if let line {
                prefix += ":\(line)"
                if let column { prefix += ":\(column)" }
            }
            prefix += ": "
        }
        return Self.oneLine(prefix + "error: " + message)
    }

    /// `text` with line breaks, tabs and other control characters escaped
    /// (`\n`, `\r`, `\t`, `\u{1B}`), so that it prints as one line.
    package static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isEscaped(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A usage error for a column name that does not exist, listing the
    /// available columns and suggesting the closest one.
    public static func unknownColumn(_ name: String, available: [String], option: String? = nil) -> MTLError {
        var message = "no column named '\(name)'"
        if let option { message += " (in \(option))" }
        if let best = closestMatch(to: name, in: available) {
            message += "; did you mean '\(best)'?"
        } else {
            message += "."
        }
        let shown = available.count > 40 ? available.prefix(40).joined(separator: ", ") + ", …" : available.joined(separator: ", ")
        message += " Columns: \(shown)"
        return MTLError(.usage, message)
    }
}

/// The candidate with the smallest edit distance to `name` (case-insensitive),
/// if it is close enough to be a plausible typo.
///
/// - Complexity: O(candidates × name length × candidate length).
public func closestMatch(to name: String, in candidates: [String]) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(target, Array(candidate.lowercased().unicodeScalars))
        if best == nil || d < best!.1 { best = (candidate, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    return distance <= max(2, target.count / 2) ? candidate : nil
}

/// Levenshtein distance between two scalar arrays.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
