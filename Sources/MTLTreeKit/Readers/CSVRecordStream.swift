/// The records of a CSV file, one at a time, with their positions for error
/// messages: the ``CSVTokenizer`` driven over a ``ByteSource``.
///
/// After ``next()`` returns `true`, ``fieldCount`` and ``cell(_:)`` describe
/// the current record, whose bytes stay in the buffer until the next call.
struct CSVRecordStream {
    /// The file being read.
    let source: ByteSource
    private let tokenizer: CSVTokenizer
    /// The fields of the current record (only the first `fields.count` are stored).
    private var fields: [CSVField]
    /// Whether ``fields`` grows to hold every field (for the header).
    var storesEveryField = true
    /// The buffer, cached so that cell access does not go through the class.
    private var bytes: UnsafeMutableBufferPointer<UInt8>
    /// The line where the next record starts.
    private(set) var nextLine = 1
    /// The current record's first byte, its terminator, and its first line.
    private(set) var recordStart = 0
    private(set) var recordEnd = 0
    private(set) var recordLine = 1
    /// The number of fields in the current record.
    private(set) var fieldCount = 0

    /// Opens `path` and skips its byte order mark.
    ///
    /// - Throws: ``MTLError`` if the file cannot be read or is compressed.
    init(path: String, delimiter: UInt8, chunkSize: Int) throws(MTLError) {
        source = try ByteSource(path: path, chunkSize: chunkSize)
        try source.skipPreamble()
        tokenizer = CSVTokenizer(delimiter: delimiter)
        fields = []
        bytes = source.bytes
    }

    /// Stores at most `count` fields per record from now on (one more than
    /// the columns, so the first extra field can be pointed at).
    mutating func storeFields(upTo count: Int) {
        storesEveryField = false
        if fields.count < count {
            fields.append(contentsOf: repeatElement(CSVField(start: 0, end: 0, hasDoubledQuotes: false), count: count - fields.count))
        }
    }

    /// Moves to the next record that is not blank.
    ///
    /// - Returns: `false` at the end of the file.
    /// - Throws: ``MTLError`` (`.badData`) for broken quoting or a NUL byte.
    mutating func next() throws(MTLError) -> Bool {
        while true {
            let scan = tokenizer.scan(
                bytes, from: source.start, end: source.end, atEOF: source.isAtEOF,
                fields: &fields, growable: storesEveryField)
            switch scan {
            case .needMore:
                try source.refill()
                bytes = source.bytes
            case .endOfInput:
                return false
            case let .record(count, terminator, next, lineEnds, isBlank):
                recordStart = source.start
                recordEnd = terminator
                recordLine = nextLine
                source.start = next
                nextLine += lineEnds
                if !isBlank {
                    fieldCount = count
                    return true
                }
            case .unterminatedQuote(let at):
                throw pendingError(at: at, "unterminated quoted field: the quote opened here never closes")
            case .textAfterQuote(let at):
                throw pendingError(at: at, "unexpected text after a closing quote (a quote inside a quoted field is written \"\")")
            case .nulByte(let at):
                throw pendingError(at: at, "NUL byte: this is a binary file, not CSV text")
            }
        }
    }

    /// The text of the current record's field `k`, doubled quotes collapsed.
    /// `k` must be below ``fieldCount`` and the stored field count.
    mutating func cell(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        var field = fields[k]
        if field.hasDoubledQuotes {
            field.end = CSVTokenizer.collapseDoubledQuotes(bytes, from: field.start, to: field.end)
            field.hasDoubledQuotes = false
            fields[k] = field
        }
        return UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
    }

    /// The position of byte `offset` of the current record.
    func position(of offset: Int) -> TextPosition {
        TextPosition.locate(offset, in: bytes, limit: source.end, lineStart: recordStart, line: recordLine)
    }

    /// A bad-data error at byte `offset` of the current record.
    func error(at offset: Int, _ message: String) -> MTLError {
        let at = position(of: offset)
        return MTLError(.badData, message, file: source.path, line: at.line, column: at.column)
    }

    /// A bad-data error at the start of field `k` of the current record.
    func error(atField k: Int, _ message: String) -> MTLError {
        error(at: fields[k].start, message)
    }

    /// The error for a record whose field count is not `expected`, pointing
    /// at the first extra field or at the end of a short record.
    func fieldCountError(expected: Int) -> MTLError {
        let message = "expected \(expected) field\(expected == 1 ? "" : "s"), found \(fieldCount)"
        if fieldCount > expected, expected < fields.count { return error(atField: expected, message) }
        return error(at: recordEnd, message)
    }

    /// An error in a record that failed to scan, so starts at the unconsumed bytes.
    private func pendingError(at offset: Int, _ message: String) -> MTLError {
        let at = TextPosition.locate(offset, in: bytes, limit: source.end, lineStart: source.start, line: nextLine)
        return MTLError(.badData, message, file: source.path, line: at.line, column: at.column)
    }
}
