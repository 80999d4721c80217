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

extension Dataset {
    /// `error` placed in the data file it is about: when it names a data
    /// cell (a value found unfit after reading, as when a model's numeric
    /// input holds text), the file, line and column where that cell starts in
    /// a CSV or ARFF file; otherwise, or for other formats, `error` with the
    /// file alone. An error that already names a file is returned unchanged.
    ///
    /// - Parameters:
    ///   - error: The error, from reading or using the dataset read from `path`.
    ///   - path: The data file, as the user named it.
    ///   - options: The options it was read with (its format and delimiter).
    /// - Returns: The error with its position.
    /// - Complexity: O(bytes up to the cell's row).
    package static func locate(_ error: MTLError, path: String, options: ReadOptions) -> MTLError {
        guard error.file == nil else { return error }
        var located = error
        located.file = path
        guard let cell = error.cell,
            let format = options.format ?? (try? DataFormat(inferredFrom: path, among: options.formats))
        else { return located }
        let found: MTLError?
        switch format {
        case .csv:
            guard let delimiter = try? csvDelimiter(for: path, options.delimiter) else { return located }
            found = csvCellError(error.message, row: cell.row, column: cell.column, path: path, delimiter: delimiter)
        case .arff:
            found = arffCellError(error.message, row: cell.row, column: cell.column, path: path)
        default:
            found = nil
        }
        guard var found else { return located }
        found.kind = error.kind
        found.cell = error.cell
        return found
    }

    /// ``csvCellError(_:row:field:path:delimiter:)`` for the field whose
    /// header names `column` (the first, if several do).
    ///
    /// - Complexity: O(bytes up to the row).
    package static func csvCellError(
        _ message: String, row: Int, column: String, path: String, delimiter: UInt8
    ) -> MTLError? {
        do {
            var stream = try CSVRecordStream(path: path, delimiter: delimiter, chunkSize: ByteSource.defaultChunkSize)
            guard let header = try stream.readHeader() else { return nil }
            let names = header.map { String(decoding: $0, as: UTF8.self) }
            guard let field = names.firstIndex(of: column) else { return nil }
            return csvCellError(message, row: row, field: field, path: path, delimiter: delimiter)
        } catch {
            return nil
        }
    }
}
