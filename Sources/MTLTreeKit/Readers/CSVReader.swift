/// Reads a CSV file with a header row into a ``Dataset``, streaming it in
/// chunks and inferring each column's type.
///
/// Columns named in the roles' ``RoleOptions/nominalNames`` are nominal by
/// exact text from the start. Every other column is inferred by a
/// ``ColumnBuilder`` of kind ``ColumnBuilder/Kind/inferred``: numeric while
/// every non-missing cell is a finite number, else nominal. A column that
/// turns nominal after it has stopped tracking its texts is read again in a
/// second pass over the file, for that column only, so the first-seen order
/// of its values and their exact text are kept.
struct CSVReader {
    /// The path, as the user named it.
    let path: String
    /// The options: delimiter, missing markers, roles, value limit.
    let options: ReadOptions
    /// The field separator to use (already resolved from the extension).
    let delimiter: UInt8
    /// Bytes per read; small values exercise the chunk boundaries in tests.
    var chunkSize = ByteSource.defaultChunkSize

    /// Reads the file.
    ///
    /// - Returns: The column names and their values, in file order; roles are
    ///   assigned by the caller.
    /// - Throws: ``MTLError``: `.inputMissing` if the file cannot be read,
    ///   `.badData` with a position for malformed content, `.usage` for a
    ///   role naming no column.
    /// - Complexity: O(bytes), plus one more pass over the file if a column
    ///   turns nominal late (see ``ColumnBuilder``).
    func read() throws(MTLError) -> (names: [String], columns: [Column.Storage]) {
        var stream = try CSVRecordStream(path: path, delimiter: delimiter, chunkSize: chunkSize)
        guard try stream.next() else {
            throw MTLError(.badData, "the file is empty; expected a header row of column names", file: path)
        }
        let names = try Self.header(of: &stream)
        let headerEnd = stream.nextLine
        try validateRoleNames(options.roles, columns: names)
        stream.storeFields(upTo: names.count + 1)

        let nominal = options.roles.nominalNames
        let ignored = Set(options.roles.ignore)
        let capacity = try stream.source.estimatedLinesRemaining()
        var builders = names.map { name in
            ColumnBuilder(
                kind: nominal.contains(name) ? .text(numericOrder: false) : .inferred,
                limit: ignored.contains(name) ? Int.max : options.maxNominalValues, capacity: capacity)
        }
        let markers = MissingMarkers(options.missingMarkers)
        var rows = 0
        while try stream.next() {
            guard stream.fieldCount == names.count else { throw stream.fieldCountError(expected: names.count) }
            for k in builders.indices {
                let cell = stream.cell(k)
                if markers.contains(cell) {
                    builders[k].appendMissing()
                    continue
                }
                do throws(CellError) {
                    try builders[k].append(cell)
                } catch {
                    throw cellError(error, column: names[k], limit: builders[k].limit, at: stream.error(atField: k, ""))
                }
            }
            rows += 1
        }
        guard rows > 0 else {
            throw MTLError(.badData, "the file has a header but no data rows", file: path, line: headerEnd, column: 1)
        }
        let deferred = builders.indices.filter { builders[$0].isDeferred }
        var again: [Int: Column.Storage] = [:]
        if !deferred.isEmpty {
            let storage = try reread(deferred, names: names, rows: rows, markers: markers, isRegularFile: stream.source.isRegularFile)
            again = Dictionary(uniqueKeysWithValues: zip(deferred, storage))
        }
        var columns: [Column.Storage] = []
        for k in builders.indices {
            guard let column = builders[k].finish() ?? again[k] else {
                throw MTLError(.other, "internal error: column '\(names[k])' was not read", file: path)
            }
            columns.append(column)
        }
        return (names, columns)
    }

    /// Reads columns `indices` again as nominal text, in a second pass.
    private func reread(
        _ indices: [Int], names: [String], rows: Int, markers: MissingMarkers, isRegularFile: Bool
    ) throws(MTLError) -> [Column.Storage] {
        guard isRegularFile else {
            throw MTLError(
                .badData,
                "column '\(names[indices[0]])' turned out nominal late, and this input cannot be read twice; "
                    + "save it to a regular file or name the column with --nominal", file: path)
        }
        let ignored = Set(options.roles.ignore)
        var builders = indices.map { k in
            ColumnBuilder(
                kind: .text(numericOrder: false), limit: ignored.contains(names[k]) ? Int.max : options.maxNominalValues,
                capacity: rows)
        }
        var stream = try CSVRecordStream(path: path, delimiter: delimiter, chunkSize: chunkSize)
        stream.storeFields(upTo: names.count + 1)
        let changed = MTLError(.badData, "the file changed while it was being read", file: path)
        guard try stream.next(), stream.fieldCount == names.count else { throw changed }
        var seen = 0
        while try stream.next() {
            guard stream.fieldCount == names.count, seen < rows else { throw changed }
            for (j, k) in indices.enumerated() {
                let cell = stream.cell(k)
                if markers.contains(cell) {
                    builders[j].appendMissing()
                    continue
                }
                do throws(CellError) {
                    try builders[j].append(cell)
                } catch {
                    throw cellError(error, column: names[k], limit: builders[j].limit, at: stream.error(atField: k, ""))
                }
            }
            seen += 1
        }
        guard seen == rows else { throw changed }
        return builders.compactMap { $0.finish() }
    }

    /// The column names of the header record.
    private static func header(of stream: inout CSVRecordStream) throws(MTLError) -> [String] {
        var names: [String] = []
        var firstColumn: [String: Int] = [:]
        for k in 0..<stream.fieldCount {
            guard let name = String(validating: stream.cell(k), as: UTF8.self) else {
                throw stream.error(atField: k, "column name is not valid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
            }
            guard !name.isEmpty else { throw stream.error(atField: k, "column \(k + 1) has no name in the header") }
            if let first = firstColumn[name] {
                throw stream.error(atField: k, "duplicate column name '\(name)' (also column \(first + 1))")
            }
            firstColumn[name] = k
            names.append(name)
        }
        return names
    }

    /// The error for a cell that did not fit its column.
    private func cellError(_ error: CellError, column: String, limit: Int, at place: MTLError) -> MTLError {
        var result = place
        switch error {
        case .invalidUTF8:
            result.message = "value in column '\(column)' is not valid UTF-8; convert the file to UTF-8 (e.g. with iconv)"
        case .tooManyValues:
            result.message = tooManyValuesMessage(column: column, limit: limit)
        case .notANumber, .notFinite, .undeclared:
            result.message = "unexpected value in column '\(column)'"
        }
        return result
    }
}

/// The message for a nominal column with more than `limit` distinct values.
func tooManyValuesMessage(column: String, limit: Int) -> String {
    "column '\(column)' has more than \(limit) distinct values; if it is an identifier, "
        + "ignore it with --ignore \(column), else raise the limit with --max-values"
}
