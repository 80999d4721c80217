extension JSONValue {
    /// Parses a JSON document.
    ///
    /// - Parameters:
    ///   - bytes: The document's UTF-8 bytes.
    ///   - file: The file name to put in errors.
    /// - Throws: ``MTLError`` (`.badData`) naming the line and column of the first problem.
    /// - Complexity: O(bytes).
    package static func parse(_ bytes: [UInt8], file: String? = nil) throws -> JSONValue {
        var parser = _JSONParser(bytes: bytes, file: file)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON document") }
        return value
    }
}

/// A recursive-descent JSON parser over bytes (RFC 8259).
struct _JSONParser {
    let bytes: [UInt8]
    let file: String?
    var position = 0

    init(bytes: [UInt8], file: String?) {
        self.bytes = bytes
        self.file = file
    }

    func error(_ message: String) -> MTLError {
        var line = 1
        var lineStart = 0
        for i in 0..<min(position, bytes.count) where bytes[i] == 10 {
            line += 1
            lineStart = i + 1
        }
        return MTLError(.badData, message, file: file, line: line, column: position - lineStart + 1)
    }

    mutating func skipSpace() {
        while position < bytes.count, [32, 9, 10, 13].contains(bytes[position]) { position += 1 }
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < 512 else { throw error("JSON nested too deeply") }
        guard position < bytes.count else { throw error("unexpected end of file (truncated?)") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(String, JSONValue)] = []
            skipSpace()
            if peek(UInt8(ascii: "}")) { return .object(members) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw error(position < bytes.count ? "expected a quoted key" : "unexpected end of file (truncated?)")
                }
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek(UInt8(ascii: "}")) { return .object(members) }
                try expect(UInt8(ascii: ","))
            }
        case UInt8(ascii: "["):
            position += 1
            var elements: [JSONValue] = []
            skipSpace()
            if peek(UInt8(ascii: "]")) { return .array(elements) }
            while true {
                skipSpace()
                elements.append(try value(depth: depth + 1))
                skipSpace()
                if peek(UInt8(ascii: "]")) { return .array(elements) }
                try expect(UInt8(ascii: ","))
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            return .number(try number())
        }
    }

    private mutating func peek(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard position < bytes.count else { throw error("unexpected end of file (truncated?)") }
        guard bytes[position] == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw error("invalid literal, expected '\(word)'") }
            position += 1
        }
    }

    private mutating func number() throws -> Double {
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        guard position > start, let text = String(validating: bytes[start..<position], as: UTF8.self),
            let x = Double(text), x.isFinite
        else {
            position = start
            throw error("expected a JSON value")
        }
        return x
    }

    private mutating func string() throws -> String {
        position += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ p: Int) throws {
            guard runStart < p else { return }
            guard let s = String(validating: bytes[runStart..<p], as: UTF8.self) else { throw error("invalid UTF-8 in string") }
            scalars.append(contentsOf: s.unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try flush(position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character in string") }
            if byte == UInt8(ascii: "\\") {
                try flush(position)
                position += 1
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{c}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count,
                        bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                    {
                        let second = position
                        position += 2
                        let low = try hex4()
                        // A high surrogate pairs only with a low one (\ud800\u0041 is not a character).
                        guard (0xDC00..<0xE000).contains(low) else {
                            position = second
                            throw error("invalid \\u escape (unpaired surrogate)")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalars.append(scalar)
                default: throw error("invalid escape in string")
                }
                runStart = position
                continue
            }
            position += 1
        }
        throw error("unterminated string (truncated?)")
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("invalid \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = UInt32(String(Unicode.Scalar(bytes[position])), radix: 16) else {
                throw error("invalid \\u escape")
            }
            code = code * 16 + digit
            position += 1
        }
        return code
    }
}
