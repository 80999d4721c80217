/// A kind of data file mtltree reads: its name, the file extensions that
/// choose it, and its reader.
///
/// The engine knows ``csv`` and ``arff``. Other modules add formats of their
/// own as static members (MTLTreeCalendar adds `calendar`), and a program
/// lists the formats it offers in one array, ``ReadOptions/formats``: that
/// list chooses a reader by extension and names the formats in messages, so
/// no list of format names is written out anywhere else.
public struct DataFormat: Sendable, Equatable, CustomStringConvertible {
    /// The format's name, as a user selects it (`csv`, `arff`, …); lowercase.
    public let name: String
    /// The lowercased file extensions, without the dot, that choose this
    /// format when none is named.
    public let extensions: [String]
    /// Reads a file into a dataset with its roles assigned.
    let reader: @Sendable (_ path: String, _ options: ReadOptions, _ chunkSize: Int) throws -> Dataset

    /// Creates a format.
    ///
    /// - Parameters:
    ///   - name: The name a user selects it by; lowercase, unique among the formats offered.
    ///   - extensions: The lowercased extensions (no dot) that choose it.
    ///   - read: Reads the file at a path with the given options into a
    ///     dataset whose roles (`options.roles`) are assigned; it throws
    ///     ``MTLError`` for a missing file or bad data.
    public init(
        name: String, extensions: [String], read: @escaping @Sendable (_ path: String, _ options: ReadOptions) throws -> Dataset
    ) {
        self.init(name: name, extensions: extensions) { path, options, _ in try read(path, options) }
    }

    /// Creates a format whose reader takes a chunk size (tests use small ones).
    init(
        name: String, extensions: [String],
        reader: @escaping @Sendable (_ path: String, _ options: ReadOptions, _ chunkSize: Int) throws -> Dataset
    ) {
        self.name = name
        self.extensions = extensions
        self.reader = reader
    }

    /// Two formats are the same if they have the same name.
    public static func == (a: DataFormat, b: DataFormat) -> Bool { a.name == b.name }

    /// The format's name.
    public var description: String { name }

    /// Comma- (or otherwise) separated values with a header row (RFC 4180):
    /// `.csv`, `.tsv` (tab-separated unless another delimiter is given) and `.txt`.
    public static let csv = DataFormat(name: "csv", extensions: ["csv", "tsv", "txt"]) { path, options, chunkSize in
        let delimiter = try Dataset.csvDelimiter(for: path, options.delimiter)
        let reader = CSVReader(path: path, options: options, delimiter: delimiter, chunkSize: chunkSize)
        let (names, storage) = try reader.read()
        var dataset = try Dataset(
            name: Dataset.datasetName(path), columns: zip(names, storage).map { Column(name: $0, storage: $1) })
        try dataset.assignRoles(options.roles)
        dataset.inferNumericTasks(keepNominal: options.roles.nominal)
        dataset.orderClassesNaturally()
        return dataset
    }

    /// Weka's Attribute-Relation File Format, dense or sparse: `.arff`.
    public static let arff = DataFormat(name: "arff", extensions: ["arff"]) { path, options, chunkSize in
        let table = try ARFFReader(path: path, options: options, chunkSize: chunkSize).read()
        var dataset = try Dataset(
            name: Dataset.datasetName(path),
            columns: zip(table.names, table.columns).map { Column(name: $0, storage: $1) }, weights: table.weights)
        try dataset.assignRoles(options.roles)
        if let notice = options.notice {
            for name in table.stringAttributes {
                guard let column = dataset[name], column.role == .input, let n = column.nominal else { continue }
                notice(.stringAttributeAsInput(file: path, attribute: name, values: n.values.count))
            }
        }
        return dataset
    }

    /// The formats the engine reads: CSV and ARFF.
    public static let standard: [DataFormat] = [.csv, .arff]

    /// `formats`' names as a sentence: `csv, arff or calendar`.
    public static func names(_ formats: [DataFormat]) -> String {
        let names = formats.map(\.name)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}

/// How ``Dataset/load(path:options:)`` reads a file.
public struct ReadOptions: Sendable {
    /// The file's format; `nil` chooses one of ``formats`` by the file's extension.
    public var format: DataFormat?
    /// The formats offered: the one a file's extension names is used when
    /// ``format`` is `nil`, and messages list them. Default ``DataFormat/standard``.
    public var formats: [DataFormat]
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
    /// Called with what a reader accepted but the caller may not have meant
    /// (see ``ReadNotice``); `nil` ignores it.
    public var notice: (@Sendable (ReadNotice) -> Void)?

    /// Creates reading options.
    ///
    /// - Parameters:
    ///   - format: The format, or `nil` to go by the file's extension.
    ///   - formats: The formats an extension chooses from.
    ///   - delimiter: The CSV field separator.
    ///   - missingMarkers: The CSV cell texts that mean "missing".
    ///   - roles: The columns' roles.
    ///   - maxNominalValues: The most distinct values of a non-ignored nominal column.
    public init(
        format: DataFormat? = nil, formats: [DataFormat] = DataFormat.standard, delimiter: UInt8 = UInt8(ascii: ","), missingMarkers: Set<String> = ["?", "", "NA"],
        roles: RoleOptions = RoleOptions(), maxNominalValues: Int = 65_536
    ) {
        self.format = format
        self.formats = formats
        self.delimiter = delimiter
        self.missingMarkers = missingMarkers
        self.roles = roles
        self.maxNominalValues = maxNominalValues
    }
}

extension Dataset {
    /// Reads a data file into a dataset with roles, in `options.format`, or
    /// else in the format of `options.formats` its extension names.
    ///
    /// For CSV and ARFF:
    /// The file is streamed in chunks and parsed as bytes; it is never held
    /// whole in memory. CSV columns are numeric when every non-missing cell is
    /// a finite number, else nominal; columns named as tasks, main task or
    /// `nominal` in `options.roles` are nominal with each value's exact text,
    /// except that a CSV task whose values are all numbers, not all whole, is
    /// numeric (a regression target). A CSV task's classes are in natural
    /// order (numbers by value, then text; see ``NaturalOrder``), whatever
    /// order the rows show them in. ARFF attributes keep their declared
    /// types (a numeric task is numeric), except that a numeric attribute
    /// forced nominal becomes nominal, its values ordered by number. Tasks
    /// in `options.roles.numeric` are numeric whatever the format. Role names are checked against the header before any row is
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
        let format = try options.format ?? DataFormat(inferredFrom: path, among: options.formats)
        guard options.maxNominalValues >= 1 else {
            throw MTLError(.usage, "the limit on distinct nominal values must be at least 1, not \(options.maxNominalValues)")
        }
        return try format.reader(path, options, chunkSize)
    }

    /// The file name without directory and extension.
    package static func datasetName(_ path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// The delimiter to use: tab for a `.tsv` file left at the default comma.
    package static func csvDelimiter(for path: String, _ delimiter: UInt8) throws(MTLError) -> UInt8 {
        guard delimiter < 0x80, delimiter != UInt8(ascii: "\""), delimiter != 10, delimiter != 13, delimiter != 0 else {
            throw MTLError(.usage, "the CSV delimiter must be one ASCII character other than a quote or a line end")
        }
        if delimiter == UInt8(ascii: ","), DataFormat.fileExtension(path) == "tsv" { return UInt8(ascii: "\t") }
        return delimiter
    }
}

extension DataFormat {
    /// The format among `formats` that a file's extension names.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - formats: The formats offered, in order; the first whose extensions
    ///     include the file's is chosen.
    /// - Throws: ``MTLError`` (`.usage`) naming the extension and the formats
    ///   if none of them claims it.
    public init(inferredFrom path: String, among formats: [DataFormat] = DataFormat.standard) throws(MTLError) {
        let ext = Self.fileExtension(path)
        if let format = formats.first(where: { $0.extensions.contains(ext) }) {
            self = format
            return
        }
        let shown = ext.isEmpty ? "no extension" : "the extension '.\(ext)'"
        throw MTLError(
            .usage, "cannot tell the format of '\(path)' from \(shown); name its format: \(Self.names(formats))")
    }

    /// The lowercased extension of `path`'s file name, or "" if it has none.
    package static func fileExtension(_ path: String) -> String {
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
        roles.tasks.map { ($0, RoleOptions.words.tasks) } + (roles.main.map { [($0, RoleOptions.words.main)] } ?? [])
        + roles.ignore.map { ($0, RoleOptions.words.ignore) } + roles.nominal.map { ($0, RoleOptions.words.nominal) }
        + roles.numeric.map { ($0, RoleOptions.words.numeric) }
    for (name, option) in named where !known.contains(name) {
        throw MTLError.unknownColumn(name, available: columns, option: option)
    }
    let tasks = Set(roles.tasks).union(roles.main.map { [$0] } ?? []).union(roles.numeric)
    if let both = roles.ignore.first(where: tasks.contains) {
        throw MTLError(.usage, "column '\(both)' is both a task and ignored")
    }
}
