/// Where one field of a CSV record lies in the read buffer.
struct CSVField {
    /// The first byte of the field's text (after an opening quote).
    var start: Int
    /// One past the last byte of the field's text (before a closing quote).
    var end: Int
    /// Whether the text still holds doubled quotes (`""`) to collapse.
    var hasDoubledQuotes: Bool
}

/// What scanning for one record found.
enum CSVScan: Equatable {
    /// A record of `fieldCount` fields ending at `terminator` (its line end,
    /// or the end of the file); the next record starts at `next`. `lineEnds`
    /// counts the line ends consumed, quoted ones included. `isBlank` is set
    /// for an empty or all-space line, which readers skip.
    case record(fieldCount: Int, terminator: Int, next: Int, lineEnds: Int, isBlank: Bool)
    /// The record runs past the buffered bytes; refill and scan again.
    case needMore
    /// No bytes left.
    case endOfInput
    /// A quoted field opened at this offset never closes.
    case unterminatedQuote(at: Int)
    /// Something other than a delimiter or line end follows a closing quote.
    case textAfterQuote(at: Int)
    /// A NUL byte, which text files do not hold.
    case nulByte(at: Int)
}

/// The byte-level kernel of the CSV reader: splits one record (RFC 4180) into
/// fields, in place, without copying.
///
/// Fields are separated by ``delimiter``; records end with `\n`, `\r\n` or a
/// lone `\r`. A field that starts with `"` is quoted: it may hold delimiters,
/// line ends and doubled quotes, and ends at the next single `"`. Spaces
/// around a field are not part of it (unless the delimiter is a space); a
/// quote inside an unquoted field is kept as text.
struct CSVTokenizer {
    private static let quote = UInt8(ascii: "\"")
    private static let space = UInt8(ascii: " ")
    private static let lineFeed: UInt8 = 10
    private static let carriageReturn: UInt8 = 13

    /// The field separator.
    let delimiter: UInt8
    private let trimsSpaces: Bool

    /// Creates a tokenizer for `delimiter`, which must not be `"`, CR, LF or NUL.
    init(delimiter: UInt8) {
        self.delimiter = delimiter
        trimsSpaces = delimiter != Self.space
    }

    /// Scans the record starting at `start` in `bytes[..<end]`, storing its
    /// fields' bounds in `fields` (appending past its count only if `growable`;
    /// otherwise extra fields are counted but not stored).
    ///
    /// - Parameter atEOF: Whether `end` is the end of the file; if not, a
    ///   record that reaches `end` yields ``CSVScan/needMore``.
    /// - Complexity: O(bytes in the record).
    func scan(
        _ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, end: Int, atEOF: Bool,
        fields: inout [CSVField], growable: Bool
    ) -> CSVScan {
        if start >= end { return atEOF ? .endOfInput : .needMore }
        let delimiter = self.delimiter
        var i = start
        var count = 0
        var lineEnds = 0
        var isBlank = true
        while true {
            if trimsSpaces { while i < end, bytes[i] == Self.space { i += 1 } }
            var field = CSVField(start: i, end: i, hasDoubledQuotes: false)
            if i < end, bytes[i] == Self.quote {
                let opening = i
                i += 1
                field.start = i
                while true {
                    guard i < end else { return atEOF ? .unterminatedQuote(at: opening) : .needMore }
                    let b = bytes[i]
                    if b == Self.quote {
                        if i + 1 >= end, !atEOF { return .needMore }
                        guard i + 1 < end, bytes[i + 1] == Self.quote else { break }
                        field.hasDoubledQuotes = true
                        i += 2
                        continue
                    }
                    if b == Self.lineFeed {
                        lineEnds += 1
                    } else if b == Self.carriageReturn {
                        if i + 1 >= end, !atEOF { return .needMore }
                        if i + 1 >= end || bytes[i + 1] != Self.lineFeed { lineEnds += 1 }
                    } else if b == 0 {
                        return .nulByte(at: i)
                    }
                    i += 1
                }
                field.end = i
                i += 1
                isBlank = false
                if trimsSpaces { while i < end, bytes[i] == Self.space { i += 1 } }
                if i >= end, !atEOF { return .needMore }
                if i < end {
                    let b = bytes[i]
                    if b != delimiter, b != Self.lineFeed, b != Self.carriageReturn { return .textAfterQuote(at: i) }
                }
            } else {
                while i < end {
                    let b = bytes[i]
                    // One compare rejects most bytes; the specials are all below 14 or the delimiter.
                    if b == delimiter || b < 14 {
                        if b == delimiter || b == Self.lineFeed || b == Self.carriageReturn { break }
                        if b == 0 { return .nulByte(at: i) }
                    }
                    i += 1
                }
                if i >= end, !atEOF { return .needMore }
                var last = i
                if trimsSpaces { while last > field.start, bytes[last - 1] == Self.space { last -= 1 } }
                field.end = last
                if last > field.start { isBlank = false }
            }
            if count < fields.count {
                fields[count] = field
            } else if growable {
                fields.append(field)
            }
            count += 1
            guard i < end else {
                return .record(fieldCount: count, terminator: i, next: i, lineEnds: lineEnds, isBlank: isBlank && count == 1)
            }
            if bytes[i] == delimiter {
                i += 1
                continue
            }
            let terminator = i
            if bytes[i] == Self.carriageReturn {
                if i + 1 < end {
                    i += bytes[i + 1] == Self.lineFeed ? 2 : 1
                } else if atEOF {
                    i += 1
                } else {
                    return .needMore
                }
            } else {
                i += 1
            }
            return .record(
                fieldCount: count, terminator: terminator, next: i, lineEnds: lineEnds + 1, isBlank: isBlank && count == 1)
        }
    }

    /// Collapses the doubled quotes of a quoted field's text in place.
    ///
    /// - Returns: The new end of the text.
    static func collapseDoubledQuotes(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var read = start
        var write = start
        while read < end {
            let b = bytes[read]
            bytes[write] = b
            write += 1
            // Inside a quoted field every quote is doubled: keep one, skip its twin.
            read += b == quote ? 2 : 1
        }
        return write
    }
}

/// The cell texts that mean "missing", matched against bytes without
/// creating strings.
struct MissingMarkers {
    private let markers: [[UInt8]]
    /// Bit `n` is set if some marker has `n` bytes (for `n` < 64).
    private let shortLengths: UInt64
    private let hasLongMarker: Bool

    /// Creates the matcher for `markers`.
    init(_ markers: Set<String>) {
        self.markers = markers.sorted().map { Array($0.utf8) }
        shortLengths = self.markers.reduce(0) { $1.count < 64 ? $0 | (1 << UInt64($1.count)) : $0 }
        hasLongMarker = self.markers.contains { $0.count >= 64 }
    }

    /// Whether `cell` is one of the markers.
    func contains(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = cell.count
        if n < 64 {
            if shortLengths & (1 << UInt64(n)) == 0 { return false }
        } else if !hasLongMarker {
            return false
        }
        for marker in markers where marker.count == n && marker.elementsEqual(cell) { return true }
        return false
    }
}
