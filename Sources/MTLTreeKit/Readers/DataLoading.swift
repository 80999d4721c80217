/// The kinds of data file mtltree reads.
public enum DataFormat: String, Sendable, CaseIterable {
    /// Comma- (or otherwise) separated values with a header row (RFC 4180).
    case csv
    /// Weka's Attribute-Relation File Format, dense or sparse.
    case arff
    /// A meeting log, as the calendar generator writes it.
    case calendar
}

/// How ``Dataset/load(path:options:)`` reads a file.
public struct ReadOptions: Sendable {
    /// The file's format; `nil` chooses by extension: `.csv`, `.tsv` and
    /// `.txt` are CSV, `.arff` is ARFF.
    public var format: DataFormat?
    /// The CSV field separator, one ASCII byte other than `"`, CR, LF or NUL.
    /// A `.tsv` file read with the default comma uses a tab instead.
    public var delimiter: UInt8
    /// The CSV cell texts that mean "missing" (ARFF has only `?`).
    public var missingMarkers: Set<String>
    /// Which columns are tasks, the main task, ignored, or forced nominal.
    public var roles: RoleOptions
    /// The most distinct values a nominal column may have, unless ignored;
    /// more is reported as bad data, since such a column is usually an identifier.
    public var maxNominalValues: Int

    /// Creates reading options.
    ///
    /// - Parameters:
    ///   - format: The format, or `nil` to go by the file's extension.
    ///   - delimiter: The CSV field separator.
    ///   - missingMarkers: The CSV cell texts that mean "missing".
    ///   - roles: The columns' roles.
    ///   - maxNominalValues: The most distinct values of a non-ignored nominal column.
    public init(
        format: DataFormat? = nil, delimiter: UInt8 = UInt8(ascii: ","), missingMarkers: Set<String> = ["?", "", "NA"],
        roles: RoleOptions = RoleOptions(), maxNominalValues: Int = 65_536
    ) {
        self.format = format
        self.delimiter = delimiter
        self.missingMarkers = missingMarkers
        self.roles = roles
        self.maxNominalValues = maxNominalValues
    }
}

extension Dataset {
    /// Reads a CSV, ARFF or calendar-log file into a dataset with roles.
    ///
    /// The file is streamed in chunks and parsed as bytes; it is never held
    /// whole in memory. CSV columns are numeric when every non-missing cell is
    /// a finite number, else nominal; columns named as tasks, main task or
    /// `nominal` in `options.roles` are nominal with each value's exact text.
    /// ARFF attributes keep their declared types, except that a numeric
    /// attribute named as a task becomes nominal, its values ordered by
    /// number. Role names are checked against the header before any row is
    /// read. The dataset is named after the file, without its extension.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - options: Format, CSV dialect, roles and limits.
    /// - Returns: The dataset, its roles assigned.
    /// - Throws: ``MTLError``: `.inputMissing` if the file does not exist,
    ///   cannot be read or is a directory; `.usage` for an unknown extension,
    ///   a bad option or a role naming no column; `.badData`, with file, line
    ///   and column, for malformed content.
    /// - Complexity: O(bytes in the file); a CSV column that turns out
    ///   nominal late costs one more pass over the file.
    public static func load(path: String, options: ReadOptions = ReadOptions()) throws -> Dataset {
        try load(path: path, options: options, chunkSize: ByteSource.defaultChunkSize)
    }

    /// ``load(path:options:)`` reading `chunkSize` bytes at a time (small
    /// sizes let tests put chunk boundaries everywhere).
    static func load(path: String, options: ReadOptions, chunkSize: Int) throws -> Dataset {
        let format = try options.format ?? DataFormat(inferredFrom: path)
        guard options.maxNominalValues >= 1 else {
            throw MTLError(.usage, "the limit on distinct nominal values must be at least 1, not \(options.maxNominalValues)")
        }
        let name = datasetName(path)
        var dataset: Dataset
        switch format {
        case .csv:
            let delimiter = try csvDelimiter(for: path, options.delimiter)
            let reader = CSVReader(path: path, options: options, delimiter: delimiter, chunkSize: chunkSize)
            let (names, storage) = try reader.read()
            dataset = try Dataset(name: name, columns: zip(names, storage).map { Column(name: $0, storage: $1) })
        case .arff:
            let table = try ARFFReader(path: path, options: options, chunkSize: chunkSize).read()
            dataset = try Dataset(
                name: name, columns: zip(table.names, table.columns).map { Column(name: $0, storage: $1) },
                weights: table.weights)
        case .calendar:
            // The loader derives the four tasks and applies the roles itself.
            return try CalendarLog.read(path: path, options: options)
        }
        try dataset.assignRoles(options.roles)
        return dataset
    }

    /// The file name without directory and extension.
    static func datasetName(_ path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// The delimiter to use: tab for a `.tsv` file left at the default comma.
    private static func csvDelimiter(for path: String, _ delimiter: UInt8) throws(MTLError) -> UInt8 {
        guard delimiter < 0x80, delimiter != UInt8(ascii: "\""), delimiter != 10, delimiter != 13, delimiter != 0 else {
            throw MTLError(.usage, "the CSV delimiter must be one ASCII character other than a quote or a line end")
        }
        if delimiter == UInt8(ascii: ","), DataFormat.fileExtension(path) == "tsv" { return UInt8(ascii: "\t") }
        return delimiter
    }
}

extension DataFormat {
    /// The format a file's extension names.
    ///
    /// - Throws: ``MTLError`` (`.usage`) naming the extension if it is not one mtltree knows.
    init(inferredFrom path: String) throws(MTLError) {
        switch Self.fileExtension(path) {
        case "csv", "tsv", "txt": self = .csv
        case "arff": self = .arff
        case let other:
            let shown = other.isEmpty ? "no extension" : "the extension '.\(other)'"
            throw MTLError(
                .usage, "cannot tell the format of '\(path)' from \(shown); name it with --input-format csv, arff or calendar")
        }
    }

    /// The lowercased extension of `path`'s file name, or "" if it has none.
    static func fileExtension(_ path: String) -> String {
        let file = path.split(separator: "/").last ?? ""
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return "" }
        return file[file.index(after: dot)...].lowercased()
    }
}

/// Checks, before any row is read, that every column `roles` names exists and
/// that no task is also ignored, so that a typo fails fast on a big file.
///
/// - Throws: ``MTLError`` (`.usage`), naming the closest column for a typo.
func validateRoleNames(_ roles: RoleOptions, columns: [String]) throws(MTLError) {
    let known = Set(columns)
    let named: [(String, String)] =
        roles.tasks.map { ($0, "--tasks") } + (roles.main.map { [($0, "--main")] } ?? [])
        + roles.ignore.map { ($0, "--ignore") } + roles.nominal.map { ($0, "--nominal") }
    for (name, option) in named where !known.contains(name) {
        throw MTLError.unknownColumn(name, available: columns, option: option)
    }
    let tasks = Set(roles.tasks).union(roles.main.map { [$0] } ?? [])
    if let both = roles.ignore.first(where: tasks.contains) {
        throw MTLError(.usage, "column '\(both)' is both a task and ignored")
    }
}
