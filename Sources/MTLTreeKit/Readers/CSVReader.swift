/// Reads a CSV file with a header row into columns, streaming it in chunks
/// and inferring each column's type.
///
/// Records are split in batches by the ``CSVTokenizer``; each batch is then
/// read column by column, so that each column's loop stays specialised to its
/// type. Columns named in the roles' ``RoleOptions/nominalNames`` are nominal
/// by exact text from the start. Every other column is inferred by a
/// ``ColumnBuilder`` of kind ``ColumnBuilder/Kind/inferred``: numeric while
/// every non-missing cell is a finite number, else nominal. A column that
/// turns nominal after it has stopped tracking its texts is read again in a
/// second pass over the file, for that column only, so the first-seen order
/// of its values and their exact text are kept.
struct CSVReader {
    /// The path, as the user named it.
    let path: String
    /// The options: missing markers, roles, value limit.
    let options: ReadOptions
    /// The field separator to use (already resolved from the extension).
    let delimiter: UInt8
    /// Bytes per read; small values exercise the chunk boundaries in tests.
    var chunkSize = ByteSource.defaultChunkSize
    /// The most fields a batch of records holds; small values give many batches in tests.
    var cellsPerBatch = CSVRecordStream.defaultCellsPerBatch

    /// Reads the file.
    ///
    /// - Returns: The column names and their values, in file order; roles are
    ///   assigned by the caller.
    /// - Throws: ``MTLError``: `.inputMissing` if the file cannot be read,
    ///   `.badData` with a position for malformed content (the first in the
    ///   file), `.usage` for a role naming no column.
    /// - Complexity: O(bytes), plus one more pass over the file if a column
    ///   turns nominal late (see ``ColumnBuilder``).
    func read() throws(MTLError) -> (names: [String], columns: [Column.Storage]) {
        var stream = try CSVRecordStream(path: path, delimiter: delimiter, chunkSize: chunkSize, cellsPerBatch: cellsPerBatch)
        let names = try Self.header(of: &stream)
        // One column whose name holds another common delimiter: the delimiter is likely wrong.
        let likely = names.count == 1 ? ReadNotice.likelyDelimiter(in: names[0], other: delimiter) : nil
        do {
            try validateRoleNames(options.roles, columns: names)
        } catch {
            guard let likely else { throw error }
            var error = error
            error.message = "the header reads as one column with the delimiter \(ReadNotice.shown(delimiter)), "
                + "but it holds \(ReadNotice.shown(likely)): is the delimiter \(ReadNotice.shown(likely))? (\(error.message))"
            error.file = error.file ?? path
            throw error
        }
        if let likely { options.notice?(.oneColumn(file: path, delimiter: delimiter, likely: likely)) }
        let headerEnd = stream.nextLine

        let nominal = options.roles.nominalNames
        let capacity = try stream.source.estimatedLinesRemaining()
        var builders = names.map { name in
            ColumnBuilder(
                kind: nominal.contains(name) ? .text(numericOrder: false) : .inferred, limit: limit(of: name),
                capacity: capacity)
        }
        let markers = MissingMarkers(options.missingMarkers)
        let rows = try readRows(&stream, columns: Array(builders.indices), into: &builders, names: names, markers: markers)
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

    /// Reads every remaining record's fields `columns` into `builders` (one
    /// per listed column), batch by batch.
    ///
    /// - Returns: The number of records read.
    private func readRows(
        _ stream: inout CSVRecordStream, columns: [Int], into builders: inout [ColumnBuilder], names: [String],
        markers: MissingMarkers
    ) throws(MTLError) -> Int {
        var rows = 0
        var bad = [(record: Int, error: CellError)?](repeating: nil, count: columns.count)
        while try stream.nextBatch() {
            // The columns are independent: they are read on all cores, while
            // the first job splits the next batch's records.
            let (batch, bytes) = (stream.batch, stream.bytes)
            withUnsafeMutablePointer(to: &stream) { stream in
                builders.withUnsafeMutableBufferPointer { builders in
                    bad.withUnsafeMutableBufferPointer { bad in
                        let out = _SendableBox((builders, bad, stream))
                        let threads = batch.count >= min(256, batch.capacity) ? defaultThreadCount : 1
                        parallelFor(columns.count + 1, threads: threads) { job in
                            guard job > 0 else { return out.value.2.pointee.scanAhead() }
                            let j = job - 1
                            out.value.1[j] = out.value.0[j].append(slot: columns[j], of: batch, bytes: bytes, markers: markers)
                        }
                    }
                }
            }
            // Each column stops at its first bad cell; the earliest record's error wins.
            var first: (record: Int, index: Int, error: CellError)?
            for j in columns.indices {
                guard let bad = bad[j] else { continue }
                if bad.record < first?.record ?? Int.max { first = (bad.record, j, bad.error) }
            }
            if let first {
                let k = columns[first.index]
                let message = cellMessage(first.error, column: names[k], limit: builders[first.index].limit)
                var error = stream.error(slot: k, record: first.record, message)
                if first.error == .tooManyValues { error.hint = .ignoreOrRaiseLimit(column: names[k]) }
                throw error
            }
            rows += stream.batch.count
        }
        return rows
    }

    /// Reads columns `indices` again as nominal text, in a second pass.
    private func reread(
        _ indices: [Int], names: [String], rows: Int, markers: MissingMarkers, isRegularFile: Bool
    ) throws(MTLError) -> [Column.Storage] {
        guard isRegularFile else {
            throw MTLError(
                .badData, "column '\(names[indices[0]])' turned out nominal late, and this input cannot be read twice",
                file: path, hint: .readAsNominal(column: names[indices[0]]))
        }
        var builders = indices.map { k in
            ColumnBuilder(kind: .text(numericOrder: false), limit: limit(of: names[k]), capacity: rows)
        }
        var stream = try CSVRecordStream(path: path, delimiter: delimiter, chunkSize: chunkSize, cellsPerBatch: cellsPerBatch)
        let changed = MTLError(.badData, "the file changed while it was being read", file: path)
        guard try stream.readHeader()?.count == names.count else { throw changed }
        let seen = try readRows(&stream, columns: indices, into: &builders, names: names, markers: markers)
        guard seen == rows else { throw changed }
        return builders.compactMap { $0.finish() }
    }

    /// The column names of the header record.
    private static func header(of stream: inout CSVRecordStream) throws(MTLError) -> [String] {
        guard let cells = try stream.readHeader() else {
            throw MTLError(.badData, "the file is empty; expected a header row of column names", file: stream.source.path)
        }
        var names: [String] = []
        var firstColumn: [String: Int] = [:]
        for (k, cell) in cells.enumerated() {
            guard let name = String(validating: cell, as: UTF8.self) else {
                throw stream.error(slot: k, record: 0, "column name is not valid UTF-8; convert the file to UTF-8 (e.g. with iconv)")
            }
            guard !name.isEmpty else { throw stream.error(slot: k, record: 0, "column \(k + 1) has no name in the header") }
            if let first = firstColumn[name] {
                throw stream.error(slot: k, record: 0, "duplicate column name '\(name)' (also column \(first + 1))")
            }
            firstColumn[name] = k
            names.append(name)
        }
        return names
    }

    /// The most distinct values column `name` may have: none for an ignored
    /// column, nor for a task that is not forced nominal (its text may turn
    /// out to be numbers, a numeric task; if not, too many classes is an
    /// error at learning time).
    private func limit(of name: String) -> Int {
        let task = options.roles.tasks.contains(name) || options.roles.main == name || options.roles.numeric.contains(name)
        return options.roles.ignore.contains(name) || (task && !options.roles.nominal.contains(name)) ? Int.max : options.maxNominalValues
    }

    /// The message for a cell that did not fit its column.
    private func cellMessage(_ error: CellError, column: String, limit: Int) -> String {
        switch error {
        case .invalidUTF8:
            "value in column '\(column)' is not valid UTF-8; convert the file to UTF-8 (e.g. with iconv)"
        case .tooManyValues:
            tooManyValuesMessage(column: column, limit: limit)
        case .notANumber, .notFinite, .undeclared:
            "unexpected value in column '\(column)'"
        }
    }
}

/// The message for a nominal column with more than `limit` distinct values
/// (its error's hint is ``MTLError/Hint/ignoreOrRaiseLimit(column:)``).
func tooManyValuesMessage(column: String, limit: Int) -> String {
    "column '\(column)' has more than \(limit) distinct values"
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
    @inline(__always)
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
