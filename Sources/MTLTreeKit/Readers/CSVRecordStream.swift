/// The records of a CSV file in batches, with their positions for error
/// messages: the ``CSVTokenizer`` driven over a ``ByteSource``.
///
/// After ``nextBatch()`` returns `true`, ``batch`` holds the bounds of up to
/// ``batchSize`` complete records whose bytes are in ``bytes`` until the
/// next call. A malformed record ends the batch before it; its error is
/// thrown by the following call, so that the reader first sees the errors of
/// the records before it and always reports the first error in the file.
struct CSVRecordStream {
    /// Records per batch: small enough that a batch's bytes stay in cache
    /// while each column is read in turn.
    static let batchSize = 1024

    /// The file being read.
    let source: ByteSource
    private let tokenizer: CSVTokenizer
    /// The buffer, cached so that cells are not reached through the class.
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    /// The current batch.
    private(set) var batch = CSVBatch(slots: 0, capacity: 0)
    /// The field count every record must have, once the header is read.
    private var columns: Int?
    /// The line where the next record starts.
    private(set) var nextLine = 1
    /// The error that ended the current batch, thrown by the next call.
    private var pending: MTLError?

    /// Opens `path` and skips its byte order mark.
    ///
    /// - Throws: ``MTLError`` if the file cannot be read or is compressed.
    init(path: String, delimiter: UInt8, chunkSize: Int) throws(MTLError) {
        source = try ByteSource(path: path, chunkSize: chunkSize)
        try source.skipPreamble()
        tokenizer = CSVTokenizer(delimiter: delimiter)
        bytes = source.bytes
    }

    /// Reads the first non-blank record as the header; later records must
    /// have as many fields.
    ///
    /// - Returns: The header's cells, or `nil` if the file has no record.
    /// - Throws: ``MTLError`` (`.badData`) for broken quoting or a NUL byte.
    mutating func readHeader() throws(MTLError) -> [UnsafeBufferPointer<UInt8>]? {
        var slots = 64
        while true {
            let (start, line) = (source.discarded + source.start, nextLine)
            batch = CSVBatch(slots: slots, capacity: 1)
            guard try fill(), batch.count == 1 else { return nil }
            guard batch.lastFieldCount > slots else { break }
            // A wide header: scan it again with room for every field. A refill
            // drops only bytes before it, so it is still buffered.
            slots = batch.lastFieldCount
            source.start = start - source.discarded
            nextLine = line
        }
        let count = batch.lastFieldCount
        columns = count
        let header = (0..<count).map { batch.cell($0, 0, in: bytes) }
        return header
    }

    /// Fills ``batch`` with the next records.
    ///
    /// - Returns: `false` at the end of the file.
    /// - Throws: ``MTLError`` (`.badData`) for broken quoting, a NUL byte or
    ///   a record with the wrong number of fields.
    mutating func nextBatch() throws(MTLError) -> Bool {
        if let pending { throw pending }
        if batch.capacity != Self.batchSize, let columns {
            batch = CSVBatch(slots: columns + 1, capacity: Self.batchSize)
        }
        return try fill()
    }

    /// Scans records into the batch, refilling the buffer when it holds no
    /// complete record.
    private mutating func fill() throws(MTLError) -> Bool {
        batch.count = 0
        while true {
            let result = tokenizer.scan(
                bytes, from: source.start, end: source.end, atEOF: source.isAtEOF, line: nextLine, expected: columns,
                into: &batch)
            source.start = result.next
            nextLine = result.nextLine
            let message: String
            var offset: Int
            switch result.stop {
            case .full:
                return true
            case .endOfInput:
                return batch.count > 0
            case .needMore:
                // Hand over what is complete before a refill moves the bytes.
                if batch.count > 0 { return true }
                try source.refill()
                bytes = source.bytes
                continue
            case .unterminatedQuote(let at):
                (message, offset) = ("unterminated quoted field: the quote opened here never closes", at)
            case .textAfterQuote(let at):
                (message, offset) = ("unexpected text after a closing quote (a quote inside a quoted field is written \"\")", at)
            case .nulByte(let at):
                (message, offset) = ("NUL byte: this is a binary file, not CSV text", at)
            case .fieldCount(let found, let at):
                let expected = columns ?? found
                (message, offset) = ("expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)", at)
            }
            let at = TextPosition.locate(offset, in: bytes, limit: source.end, lineStart: result.next, line: result.nextLine)
            let error = MTLError(.badData, message, file: source.path, line: at.line, column: at.column)
            guard batch.count > 0 else { throw error }
            pending = error
            return true
        }
    }

    /// A bad-data error at the start of field `slot` of record `record` of the batch.
    func error(slot: Int, record: Int, _ message: String) -> MTLError {
        let offset = Int(batch.starts[slot * batch.stride + record])
        let at = TextPosition.locate(
            offset, in: bytes, limit: source.end, lineStart: batch.recordStarts[record], line: batch.recordLines[record])
        return MTLError(.badData, message, file: source.path, line: at.line, column: at.column)
    }
}
