import MTLTreeKit

/// One iCalendar content line (RFC 5545 §3.1), unfolded: `NAME;PARAM=VALUE:value`.
struct ContentLine: Sendable {
    /// The property or component keyword, uppercased (`DTSTART`, `BEGIN`).
    var name: String
    /// The parameters in order, names uppercased, values unquoted
    /// (a parameter with several values keeps them comma-separated).
    var parameters: [(name: String, value: String)]
    /// The raw value, after the first unquoted colon; TEXT escapes are not
    /// yet undone (see ``ContentLines/unescapeText(_:)``).
    var value: String
    /// The physical line (1-based) where the content line starts.
    var line: Int

    /// The value of parameter `name` (uppercase), or `nil`.
    func parameter(_ name: String) -> String? {
        parameters.first(where: { $0.name == name })?.value
    }
}

/// Splits an iCalendar file's bytes into unfolded content lines.
///
/// A line break (CRLF or a bare LF, which many programs write) followed by
/// one space or tab continues the previous line; the break and that one
/// character are removed (RFC 5545 §3.1). Blank lines are skipped.
enum ContentLines {
    /// The content lines of `bytes`.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the line of a content line
    ///   without a colon, with an empty name, or with an unclosed quote.
    /// - Complexity: O(bytes).
    static func parse(_ bytes: [UInt8], path: String) throws(MTLError) -> [ContentLine] {
        var lines: [ContentLine] = []
        var current: [UInt8] = []
        var currentLine = 0
        var lineNumber = 0
        var i = 0
        let n = bytes.count
        // Skip a UTF-8 byte order mark.
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < n {
            lineNumber += 1
            var end = i
            while end < n, bytes[end] != 10 { end += 1 }
            var stop = end
            if stop > i, bytes[stop - 1] == 13 { stop -= 1 }
            if stop > i, bytes[i] == 32 || bytes[i] == 9, currentLine > 0 {
                current.append(contentsOf: bytes[(i + 1)..<stop])
            } else {
                if currentLine > 0 { lines.append(try split(current, line: currentLine, path: path)) }
                current.removeAll(keepingCapacity: true)
                currentLine = 0
                if stop > i {
                    current.append(contentsOf: bytes[i..<stop])
                    currentLine = lineNumber
                }
            }
            i = end + 1
        }
        if currentLine > 0 { lines.append(try split(current, line: currentLine, path: path)) }
        return lines
    }

    /// Splits one unfolded line into name, parameters and value.
    static func split(_ bytes: [UInt8], line: Int, path: String) throws(MTLError) -> ContentLine {
        let colon = UInt8(ascii: ":"), semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\"")
        let equals = UInt8(ascii: "=")
        var i = 0
        while i < bytes.count, bytes[i] != colon, bytes[i] != semicolon { i += 1 }
        let name = String(decoding: bytes[0..<i], as: UTF8.self).uppercased()
        guard !name.isEmpty, i < bytes.count else {
            let shown = String(decoding: bytes.prefix(40), as: UTF8.self)
            throw MTLError(.badData, "expected a content line NAME:VALUE, found '\(shown)'", file: path, line: line)
        }
        var parameters: [(name: String, value: String)] = []
        while i < bytes.count, bytes[i] == semicolon {
            i += 1
            let nameStart = i
            while i < bytes.count, bytes[i] != equals, bytes[i] != colon, bytes[i] != semicolon { i += 1 }
            let parameterName = String(decoding: bytes[nameStart..<i], as: UTF8.self).uppercased()
            guard i < bytes.count, bytes[i] == equals else {
                throw MTLError(
                    .badData, "parameter '\(parameterName)' of \(name) has no '=' and value", file: path, line: line)
            }
            i += 1
            var value: [UInt8] = []
            while i < bytes.count, bytes[i] != colon, bytes[i] != semicolon {
                if bytes[i] == quote {
                    let open = i
                    i += 1
                    while i < bytes.count, bytes[i] != quote { value.append(bytes[i]); i += 1 }
                    guard i < bytes.count else {
                        throw MTLError(
                            .badData, "parameter '\(parameterName)' of \(name) opens a quote at column \(open + 1) "
                                + "that is never closed", file: path, line: line)
                    }
                    i += 1
                } else {
                    value.append(bytes[i])
                    i += 1
                }
            }
            parameters.append((parameterName, String(decoding: value, as: UTF8.self)))
        }
        guard i < bytes.count, bytes[i] == colon else {
            throw MTLError(.badData, "\(name) has no ':' before its value", file: path, line: line)
        }
        let value = String(decoding: bytes[(i + 1)...], as: UTF8.self)
        return ContentLine(name: name, parameters: parameters, value: value, line: line)
    }

    /// A TEXT value with its escapes undone: `\n` or `\N` is a line break,
    /// `\,` `\;` `\\` are the character itself (RFC 5545 §3.3.11).
    static func unescapeText(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaped = false
        for c in text {
            if escaped {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    /// A TEXT list (CATEGORIES) split at unescaped commas, each item unescaped.
    static func splitTextList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for c in text {
            if escaped {
                current.append("\\")
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "," {
                items.append(unescapeText(current))
                current = ""
            } else {
                current.append(c)
            }
        }
        items.append(unescapeText(current))
        return items
    }
}
