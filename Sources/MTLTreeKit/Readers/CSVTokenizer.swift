/// The field bounds of a batch of CSV records, stored slot-major (all first
/// fields, then all second fields, …) so that each column is read by one
/// tight loop.
struct CSVBatch {
    /// Fields stored per record; later fields are counted, not stored.
    let slots: Int
    /// The most records the batch holds.
    let capacity: Int
    /// The distance between one slot's fields and the next's: a little more
    /// than ``capacity``, so that a record's fields, written together, do not
    /// fall 4 KiB apart into the same cache set.
    let stride: Int
    /// `starts[slot * stride + record]`: the first byte of a field's text
    /// (after an opening quote), as an offset in the read buffer.
    var starts: [Int32]
    /// One past the last byte of each field's text (before a closing quote).
    var ends: [Int32]
    /// The buffer offset where each record starts, and the line it starts on.
    var recordStarts: [Int]
    var recordLines: [Int]
    /// The number of records in the batch.
    var count = 0
    /// The field count of the last record scanned, kept or not.
    var lastFieldCount = 0

    /// Creates an empty batch for `capacity` records of `slots` stored fields.
    init(slots: Int, capacity: Int) {
        self.slots = slots
        self.capacity = capacity
        stride = capacity + 16
        starts = [Int32](repeating: 0, count: slots * stride)
        ends = starts
        recordStarts = [Int](repeating: 0, count: capacity)
        recordLines = recordStarts
    }

    /// The text of field `slot` of record `record`.
    func cell(_ slot: Int, _ record: Int, in bytes: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let i = slot * stride + record
        return UnsafeBufferPointer(rebasing: bytes[Int(starts[i])..<Int(ends[i])])
    }
}

/// How a batch scan stopped.
enum CSVStop: Equatable {
    /// The batch is full.
    case full
    /// The next record runs past the buffered bytes: refill and scan again.
    case needMore
    /// No bytes left.
    case endOfInput
    /// A quoted field opened at this offset never closes.
    case unterminatedQuote(at: Int)
    /// Something other than a delimiter or line end follows a closing quote.
    case textAfterQuote(at: Int)
    /// A NUL byte, which text files do not hold.
    case nulByte(at: Int)
    /// A record has `found` fields, not the expected number; `at` is its first
    /// extra field or its end.
    case fieldCount(found: Int, at: Int)
}

/// The result of a batch scan: why it stopped, and where the next record
/// (the failing one, after an error) starts.
struct CSVScanResult {
    var stop: CSVStop
    var next: Int
    var nextLine: Int
}

/// The byte-level kernel of the CSV reader: splits records (RFC 4180) into
/// fields, in place, without copying.
///
/// Fields are separated by ``delimiter``; records end with `\n`, `\r\n` or a
/// lone `\r`; empty and all-space lines are skipped. A field that starts with
/// `"` is quoted: it may hold delimiters, line ends and doubled quotes
/// (collapsed in place once its record is complete), and ends at the next
/// single `"`. Spaces around a field are not part of it (unless the delimiter
/// is a space); a quote inside an unquoted field is kept as text. Unquoted
/// fields are scanned eight bytes at a time.
struct CSVTokenizer {
    static let quote = UInt8(ascii: "\"")
    static let space = UInt8(ascii: " ")
    static let lineFeed: UInt8 = 10
    static let carriageReturn: UInt8 = 13

    /// The field separator.
    let delimiter: UInt8
    let trimsSpaces: Bool
    private let delimiterWord: UInt64

    /// Creates a tokenizer for `delimiter`, which must not be `"`, CR, LF or NUL.
    init(delimiter: UInt8) {
        self.delimiter = delimiter
        trimsSpaces = delimiter != Self.space
        delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
    }

    /// Scans records from `start` in `bytes[..<end]` into `batch` until it is
    /// full, the bytes run out, or a record is malformed.
    ///
    /// - Parameters:
    ///   - atEOF: Whether `end` is the end of the file; if not, a record that
    ///     reaches `end` stops the scan with ``CSVStop/needMore``.
    ///   - line: The line `start` is on.
    ///   - expected: The field count every record must have, or `nil`.
    /// - Complexity: O(bytes scanned).
    func scan(
        _ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, end: Int, atEOF: Bool, line: Int, expected: Int?,
        into batch: inout CSVBatch
    ) -> CSVScanResult {
        var next = start
        var line = line
        var doubled: [Int] = []
        let (slots, capacity, stride) = (batch.slots, batch.capacity, batch.stride)
        return batch.starts.withUnsafeMutableBufferPointer { starts in
            batch.ends.withUnsafeMutableBufferPointer { ends in
                while batch.count < capacity {
                    let record = batch.count
                    var i = next
                    if i >= end { return CSVScanResult(stop: atEOF ? .endOfInput : .needMore, next: next, nextLine: line) }
                    var count = 0
                    var lineEnds = 0
                    var isBlank = true
                    doubled.removeAll(keepingCapacity: true)
                    while true {
                        if trimsSpaces { while i < end, bytes[i] == Self.space { i += 1 } }
                        var fieldStart = i
                        var fieldEnd: Int
                        if i < end, bytes[i] == Self.quote {
                            let opening = i
                            i += 1
                            fieldStart = i
                            var hasDoubled = false
                            while true {
                                guard i < end else {
                                    let stop: CSVStop = atEOF ? .unterminatedQuote(at: opening) : .needMore
                                    return CSVScanResult(stop: stop, next: next, nextLine: line)
                                }
                                let b = bytes[i]
                                if b == Self.quote {
                                    if i + 1 >= end, !atEOF { return CSVScanResult(stop: .needMore, next: next, nextLine: line) }
                                    guard i + 1 < end, bytes[i + 1] == Self.quote else { break }
                                    hasDoubled = true
                                    i += 2
                                    continue
                                }
                                if b == Self.lineFeed {
                                    lineEnds += 1
                                } else if b == Self.carriageReturn {
                                    if i + 1 >= end, !atEOF { return CSVScanResult(stop: .needMore, next: next, nextLine: line) }
                                    if i + 1 >= end || bytes[i + 1] != Self.lineFeed { lineEnds += 1 }
                                } else if b == 0 {
                                    return CSVScanResult(stop: .nulByte(at: i), next: next, nextLine: line)
                                }
                                i += 1
                            }
                            fieldEnd = i
                            i += 1
                            isBlank = false
                            if hasDoubled, count < slots { doubled.append(count) }
                            if trimsSpaces { while i < end, bytes[i] == Self.space { i += 1 } }
                            if i >= end, !atEOF { return CSVScanResult(stop: .needMore, next: next, nextLine: line) }
                            if i < end {
                                let b = bytes[i]
                                if b != delimiter, b != Self.lineFeed, b != Self.carriageReturn {
                                    return CSVScanResult(stop: .textAfterQuote(at: i), next: next, nextLine: line)
                                }
                            }
                        } else {
                            i = unquotedEnd(bytes, from: i, end: end)
                            if i >= end, !atEOF { return CSVScanResult(stop: .needMore, next: next, nextLine: line) }
                            if i < end, bytes[i] == 0 { return CSVScanResult(stop: .nulByte(at: i), next: next, nextLine: line) }
                            fieldEnd = i
                            if trimsSpaces { while fieldEnd > fieldStart, bytes[fieldEnd - 1] == Self.space { fieldEnd -= 1 } }
                            if fieldEnd > fieldStart { isBlank = false }
                        }
                        if count < slots {
                            starts[count &* stride &+ record] = Int32(truncatingIfNeeded: fieldStart)
                            ends[count &* stride &+ record] = Int32(truncatingIfNeeded: fieldEnd)
                        }
                        count += 1
                        if i < end, bytes[i] == delimiter {
                            i += 1
                            continue
                        }
                        break
                    }
                    let terminator = i
                    if i < end {
                        if bytes[i] == Self.carriageReturn, i + 1 >= end, !atEOF {
                            return CSVScanResult(stop: .needMore, next: next, nextLine: line)
                        }
                        i += bytes[i] == Self.carriageReturn && i + 1 < end && bytes[i + 1] == Self.lineFeed ? 2 : 1
                        lineEnds += 1
                    }
                    if isBlank, count == 1 {
                        next = i
                        line += lineEnds
                        continue
                    }
                    batch.lastFieldCount = count
                    if let expected, count != expected {
                        let at = count > expected && expected < slots ? Int(starts[expected &* stride &+ record]) : terminator
                        return CSVScanResult(stop: .fieldCount(found: count, at: at), next: next, nextLine: line)
                    }
                    for slot in doubled {
                        let at = slot &* stride &+ record
                        ends[at] = Int32(Self.collapseDoubledQuotes(bytes, from: Int(starts[at]), to: Int(ends[at])))
                    }
                    batch.recordStarts[record] = next
                    batch.recordLines[record] = line
                    batch.count += 1
                    next = i
                    line += lineEnds
                }
                return CSVScanResult(stop: .full, next: next, nextLine: line)
            }
        }
    }

    /// The offset of the first delimiter, CR, LF or NUL at or after `i`, or `end`.
    ///
    /// Eight bytes at a time, the first in the least significant byte: a byte
    /// equal to the target is a zero byte of `word ^ target`, and `(x - 0x01…01) & ~x & 0x80…80` flags the lowest
    /// zero byte of `x` exactly (a borrow can only flag bytes above it).
    @inline(__always)
    func unquotedEnd(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i &+ 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let hits = Self.zeroBytes(word ^ delimiterWord) | Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                    | Self.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) | Self.zeroBytes(word)
                if hits != 0 { return i &+ (hits.trailingZeroBitCount >> 3) }
                i &+= 8
            }
        }
        while i < end {
            let b = bytes[i]
            if b == delimiter || b == Self.lineFeed || b == Self.carriageReturn || b == 0 { return i }
            i += 1
        }
        return end
    }

    /// The high bit of each byte of `x` that is zero, and possibly of bytes above the lowest one.
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
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
