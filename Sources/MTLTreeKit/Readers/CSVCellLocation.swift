extension Dataset {
    /// An error at one cell of a CSV file: `message` with the file, line
    /// and column where field `field` of data row `row` (0-based, after the
    /// header) starts, found by reading the file again up to that row.
    ///
    /// For readers built on the CSV reader that find a problem after the
    /// file is read (the calendar log's dates and times): errors are rare, so
    /// the common path keeps no positions. The CSV reader's own record stream
    /// counts blank lines and quoted line breaks exactly as it did the first
    /// time.
    ///
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - row: The data row, 0-based.
    ///   - field: The field's index in the header.
    ///   - path: The file.
    ///   - delimiter: The delimiter the file was read with (after the `.tsv` rule).
    /// - Returns: The located error, or `nil` if the file can no longer be
    ///   read or has fewer rows.
    /// - Complexity: O(bytes up to the row).
    package static func csvCellError(
        _ message: String, row: Int, field: Int, path: String, delimiter: UInt8
    ) -> MTLError? {
        do {
            var stream = try CSVRecordStream(path: path, delimiter: delimiter, chunkSize: ByteSource.defaultChunkSize)
            guard try stream.readHeader() != nil else { return nil }
            var before = 0
            while try stream.nextBatch() {
                if row < before + stream.batch.count {
                    return stream.error(slot: field, record: row - before, message)
                }
                before += stream.batch.count
            }
            return nil
        } catch {
            return nil
        }
    }
}
