/// The records of a CSV file in batches, with their positions for error
/// messages: the ``CSVTokenizer`` driven over a ``ByteSource``.
///
/// After ``nextBatch()`` returns `true`, ``batch`` holds the bounds of up to
/// ``batchCapacity(columns:)`` complete records whose bytes are in ``bytes`` until the
/// next call. A malformed record ends the batch before it; its error is
/// thrown by the following call, so that the reader first sees the errors of
/// the records before it and always reports the first error in the file.
///
/// ``scanAhead()`` splits the next batch while the current one is read (on
/// another core): the reader's only serial step then overlaps its parallel one.
struct CSVRecordStream {
    /// Records per batch: small enough that a batch's bytes stay in cache
    /// while each column is read in turn.
    static let batchSize = 1024
    /// The most field bounds a batch holds: a wide file gets fewer records per
    /// batch (a 4 MB file with a 300,000-column header took 5 GB at 1024 records).
    static let defaultCellsPerBatch = 1 << 20

    /// The most field bounds a batch of this stream holds (a parameter, so
    /// that tests reach several batches with a small file).
    let cellsPerBatch: Int

    /// Records per batch for records of `columns` fields: ``batchSize``, or
    /// fewer, so that a batch stays within ``cellsPerBatch`` fields.
    func batchCapacity(columns: Int) -> Int {
        max(1, min(Self.batchSize, cellsPerBatch / (columns + 1)))
    }

    /// Replaces `batch` with an empty one unless it is sized for records of `columns` fields.
    private func fit(_ batch: inout CSVBatch, columns: Int) {
        let capacity = batchCapacity(columns: columns)
        if batch.slots != columns + 1 || batch.capacity != capacity { batch = CSVBatch(slots: columns + 1, capacity: capacity) }
    }

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
    /// The next batch, when ``scanAhead()`` has split it (`ahead`).
    private var spare = CSVBatch(slots: 0, capacity: 0)
    private var ahead = false

    /// Opens `path` and skips its byte order mark.
    ///
    /// - Throws: ``MTLError`` if the file cannot be read or is compressed.
    init(
        path: String, delimiter: UInt8, chunkSize: Int, maximumRecordSize: Int = ByteSource.defaultMaximumRecordSize,
        cellsPerBatch: Int = CSVRecordStream.defaultCellsPerBatch
    ) throws(MTLError) {
        self.cellsPerBatch = cellsPerBatch
        source = try ByteSource(path: path, chunkSize: chunkSize, maximumRecordSize: maximumRecordSize)
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
            guard try fill(intoSpare: false, refill: true), batch.count == 1 else { return nil }
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
        if ahead {
            swap(&batch, &spare)
            ahead = false
            return true
        }
        if let columns { fit(&batch, columns: columns) }
        return try fill(intoSpare: false, refill: true)
    }

    /// Splits the records after the current batch into a batch of their own,
    /// for ``nextBatch()`` to hand over, as far as the buffered bytes go (a
    /// refill would move the current batch's bytes: ``nextBatch()`` does it).
    /// It writes only the bytes after the current batch's, so the current
    /// batch may be read meanwhile. A malformed record ends the batch and is
    /// left for ``nextBatch()`` to scan again and report, after the records before it.
    mutating func scanAhead() {
        guard !ahead, pending == nil, let columns else { return }
        fit(&spare, columns: columns)
        ahead = (try? fill(intoSpare: true, refill: false)) ?? false
    }

    /// Scans records into ``batch`` (or the spare), refilling the buffer (if
    /// `refill`) when it holds no complete record. An error after some
    /// records ends ``batch`` and waits to be thrown by the next call (the
    /// spare's is dropped: its record is scanned again).
    ///
    /// - Returns: Whether the batch holds records.
    private mutating func fill(intoSpare: Bool, refill: Bool) throws(MTLError) -> Bool {
        // The batch is moved out while it is filled (so it stays uniquely referenced).
        var batch = CSVBatch(slots: 0, capacity: 0)
        intoSpare ? swap(&batch, &spare) : swap(&batch, &self.batch)
        defer { intoSpare ? swap(&batch, &spare) : swap(&batch, &self.batch) }
        let (filled, error) = try scan(into: &batch, refill: refill)
        if !intoSpare { pending = error }
        return filled
    }

    /// ``fill(intoSpare:refill:)``'s scan: whether `batch` got records, and
    /// the error that ended them (thrown at once if there are none).
    private mutating func scan(into batch: inout CSVBatch, refill: Bool) throws(MTLError) -> (Bool, MTLError?) {
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
                return (true, nil)
            case .endOfInput:
                return (batch.count > 0, nil)
            case .needMore:
                // Hand over what is complete before a refill moves the bytes.
                if batch.count > 0 || !refill { return (batch.count > 0, nil) }
                try source.refill(line: nextLine)
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
            return (true, error)
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
