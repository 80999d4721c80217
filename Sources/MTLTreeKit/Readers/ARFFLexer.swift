#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a file, one at a time, from a ``ByteSource``: ARFF is line
/// oriented (one declaration or one instance per line).
struct LineStream {
    /// The file being read.
    let source: ByteSource
    /// The buffer, cached so that the lexer does not go through the class.
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    /// The current line's bytes, `bytes[lineStart..<lineEnd]`, without its line end.
    private(set) var lineStart = 0
    private(set) var lineEnd = 0
    /// The current line's 1-based number (0 before the first).
    private(set) var lineNumber = 0

    /// Opens `path` and skips its byte order mark.
    init(path: String, chunkSize: Int, maximumRecordSize: Int = ByteSource.defaultMaximumRecordSize) throws(MTLError) {
        source = try ByteSource(path: path, chunkSize: chunkSize, maximumRecordSize: maximumRecordSize)
        try source.skipPreamble()
        bytes = source.bytes
    }

    /// Moves to the next line.
    ///
    /// - Returns: `false` at the end of the file.
    /// - Throws: ``MTLError`` (`.badData`) for a line holding a NUL byte.
    mutating func next() throws(MTLError) -> Bool {
        while true {
            let start = source.start
            let end = source.end
            if start < end, let base = bytes.baseAddress, let found = memchr(base + start, 10, end - start) {
                try take(start, UnsafeRawPointer(found) - UnsafeRawPointer(base), endsWithLineFeed: true)
                return true
            }
            if source.isAtEOF {
                guard start < end else { return false }
                try take(start, end, endsWithLineFeed: false)
                return true
            }
            try source.refill(line: lineNumber + 1)
            bytes = source.bytes
        }
    }

    /// Makes `bytes[start..<stop]` the current line (less a trailing CR);
    /// the next starts after `stop` and its line feed, if any.
    private mutating func take(_ start: Int, _ stop: Int, endsWithLineFeed: Bool) throws(MTLError) {
        source.start = endsWithLineFeed ? stop + 1 : stop
        lineNumber += 1
        lineStart = start
        lineEnd = stop > start && bytes[stop - 1] == 13 ? stop - 1 : stop
        guard let base = bytes.baseAddress, lineEnd > lineStart,
            let nul = memchr(base + lineStart, 0, lineEnd - lineStart)
        else { return }
        let column = UnsafeRawPointer(nul) - UnsafeRawPointer(base + lineStart) + 1
        throw MTLError(.badData, "NUL byte: this is a binary file, not ARFF text", file: source.path, line: lineNumber, column: column)
    }

    /// A lexer over the current line.
    var lexer: ARFFLexer {
        ARFFLexer(bytes: bytes, start: lineStart, end: lineEnd, line: lineNumber, path: source.path)
    }
}

/// A small set of ASCII bytes, for the bytes that end a bare token.
struct ByteSet {
    private var bits: (UInt64, UInt64) = (0, 0)

    /// The set of `characters`' bytes, all ASCII.
    init(_ characters: String) {
        for b in characters.utf8 where b < 128 {
            if b < 64 { bits.0 |= 1 << UInt64(b) } else { bits.1 |= 1 << UInt64(b - 64) }
        }
    }

    /// Whether `b` is in the set.
    func contains(_ b: UInt8) -> Bool {
        b < 64 ? bits.0 & (1 << UInt64(b)) != 0 : b < 128 && bits.1 & (1 << UInt64(b - 64)) != 0
    }
}

/// One token of an ARFF line: its bytes (quotes removed, escapes resolved in
/// place) and whether it was quoted.
struct ARFFToken {
    /// The first byte of the token's text.
    var start: Int
    /// One past its last byte.
    var end: Int
    /// Whether it was written in quotes (so `?` is text, not missing).
    var quoted: Bool
}

/// Reads the tokens of one ARFF line: words, quoted strings (`'…'` or `"…"`
/// with backslash escapes), and the punctuation `{`, `}`, `,`; `%` starts a
/// comment that runs to the end of the line.
struct ARFFLexer {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let lineStart: Int
    private let end: Int
    private let line: Int
    private let path: String
    /// The next byte to read.
    private(set) var position: Int

    init(bytes: UnsafeMutableBufferPointer<UInt8>, start: Int, end: Int, line: Int, path: String) {
        self.bytes = bytes
        self.lineStart = start
        self.end = end
        self.line = line
        self.path = path
        position = start
    }

    /// Skips spaces and tabs, then says whether the line has nothing left but a comment.
    mutating func atEndOfLine() -> Bool {
        while position < end, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
        return position >= end || bytes[position] == UInt8(ascii: "%")
    }

    /// Skips blanks and consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard !atEndOfLine(), bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Skips blanks and reads one token: quoted, or bare up to a byte of
    /// `stops` (trailing blanks dropped). A bare token may be empty.
    ///
    /// - Throws: ``MTLError`` (`.badData`) for a quote that does not close.
    mutating func token(stoppingAt stops: ByteSet) throws(MTLError) -> ARFFToken {
        _ = atEndOfLine()
        guard position < end, bytes[position] == 39 || bytes[position] == 34 else {
            let start = position
            while position < end, !stops.contains(bytes[position]) { position += 1 }
            var last = position
            while last > start, bytes[last - 1] == 32 || bytes[last - 1] == 9 { last -= 1 }
            return ARFFToken(start: start, end: last, quoted: false)
        }
        let opening = position
        let quote = bytes[position]
        var read = position + 1
        var write = read
        while true {
            guard read < end else { throw error(at: opening, "unterminated quoted string: the quote opened here never closes") }
            var b = bytes[read]
            if b == quote { break }
            if b == UInt8(ascii: "\\"), read + 1 < end {
                read += 1
                switch bytes[read] {
                case UInt8(ascii: "n"): b = 10
                case UInt8(ascii: "t"): b = 9
                case UInt8(ascii: "r"): b = 13
                default: b = bytes[read]
                }
            }
            bytes[write] = b
            write += 1
            read += 1
        }
        position = read + 1
        return ARFFToken(start: opening + 1, end: write, quoted: true)
    }

    /// The bytes of `token`.
    func text(_ token: ARFFToken) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// `token` as a string, if it is valid UTF-8.
    func string(_ token: ARFFToken) throws(MTLError) -> String {
        guard let s = String(validating: text(token), as: UTF8.self) else {
            throw error(at: token.start, "text is not valid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
        }
        return s
    }

    /// `token` for a message: repaired if not UTF-8, cut if long.
    func shown(_ token: ARFFToken) -> String {
        let s = String(decoding: text(token), as: UTF8.self)
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }

    /// Whether the next byte (after blanks) is `byte`, without consuming it.
    mutating func peek(_ byte: UInt8) -> Bool {
        !atEndOfLine() && bytes[position] == byte
    }

    /// A bad-data error at byte `offset` of the line.
    func error(at offset: Int, _ message: String) -> MTLError {
        MTLError(.badData, message, file: path, line: line, column: offset - lineStart + 1)
    }

    /// A bad-data error at the current position.
    func error(_ message: String) -> MTLError { error(at: position, message) }
}
