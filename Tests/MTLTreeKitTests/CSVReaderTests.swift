import TestSupport
import Testing

@testable import MTLTreeKit

/// Reads `text` as a CSV file named `file`.
private func readCSV(
    _ text: String, file: String = "t.csv", options: ReadOptions = ReadOptions(), chunkSize: Int = 1 << 20
) throws -> Dataset {
    try Dataset.load(path: FixturePaths.scratch(file, text), options: options, chunkSize: chunkSize)
}

/// The error reading `bytes` as a CSV file throws.
private func csvError(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws -> MTLError {
    let path = try FixturePaths.scratch("bad.csv", bytes: bytes)
    return try #require(throws: MTLError.self) { try Dataset.load(path: path, options: options) }
}

private func csvError(_ text: String, options: ReadOptions = ReadOptions()) throws -> MTLError {
    try csvError(Array(text.utf8), options: options)
}

/// The nominal values of column `name`, cell by cell (`nil` for missing).
private func cells(_ dataset: Dataset, _ name: String) -> [String?] {
    guard let column = dataset[name] else { return [] }
    return (0..<column.count).map { column.text(atRow: $0) }
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("quoted fields hold delimiters, doubled quotes and line ends")
    func quoting() throws {
        let d = try readCSV("a,b\n\"x,1\",\"he said \"\"hi\"\"\"\n\"multi\nline\",plain\n  spaced  ,\" kept \"\n")
        #expect(d.rowCount == 3)
        #expect(d["a"]?.nominal?.values == ["x,1", "multi\nline", "spaced"])
        #expect(d["b"]?.nominal?.values == ["he said \"hi\"", "plain", " kept "])
    }

    @Test("CRLF line ends, a byte order mark and a last line without a line end")
    func crlfAndBOM() throws {
        let d = try readCSV("\u{FEFF}a,b\r\n1,x\r\n\r\n2.5,\"y\r\nz\"\r\n-3,w")
        #expect(d.columns.map(\.name) == ["a", "b"])
        #expect(d["a"]?.numeric == [1, 2.5, -3])
        #expect(cells(d, "b") == ["x", "y\r\nz", "w"])
    }

    @Test("semicolon and tab delimiters; .tsv files default to tabs")
    func delimiters() throws {
        let semicolon = try readCSV("a;b\n1,5;x\n", options: ReadOptions(delimiter: UInt8(ascii: ";")))
        #expect(cells(semicolon, "a") == ["1,5"])
        let tab = try readCSV("a\tb c\n1\tx y\n", options: ReadOptions(delimiter: 9))
        #expect(tab.columns.map(\.name) == ["a", "b c"])
        #expect(tab["a"]?.numeric == [1])
        let tsv = try readCSV("a\tb\n1\t2\n", file: "t.tsv")
        #expect(tsv["b"]?.numeric == [2])
    }

    @Test("?, empty and NA are missing by default; the markers are configurable")
    func missingMarkers() throws {
        let d = try readCSV("n,s\n1,?\n?,NA\n,x\nNA,\n\"\",y\n")
        #expect(d["n"]?.type == .numeric)
        #expect(d["n"]?.missingCount == 4)
        #expect(cells(d, "s") == [nil, nil, "x", nil, "y"])
        let custom = try readCSV("n,s\n1,NA\n-,x\n", options: ReadOptions(missingMarkers: ["-"]))
        #expect(custom["n"]?.numeric?.map(\.isNaN) == [false, true])
        #expect(cells(custom, "s") == ["NA", "x"])
    }

    @Test("a column is numeric only if every known cell is a finite number")
    func typeInference() throws {
        let d = try readCSV("num,mixed,big,hex\n1,1,1,1\n2.50,1.0,2,0x10\n-3e2,b,1e999,2\n")
        #expect(d["num"]?.numeric == [1, 2.5, -300])
        #expect(d["mixed"]?.nominal == NominalColumn(codes: [0, 1, 2], values: ["1", "1.0", "b"]))
        #expect(d["big"]?.nominal?.values == ["1", "2", "1e999"])
        #expect(d["hex"]?.type == .nominal)
    }

    @Test("tasks and --nominal columns keep each value's exact text, in first-seen order")
    func forcedNominal() throws {
        let roles = RoleOptions(tasks: ["t"], nominal: ["f"])
        let d = try readCSV("t,f,x\n1,0.0,1\n0,0,2\n1.0,0.0,3\n?,10,4\n", options: ReadOptions(roles: roles))
        #expect(d["t"]?.nominal == NominalColumn(codes: [0, 1, 2, -1], values: ["1", "0", "1.0"]))
        #expect(d["t"]?.role == .task)
        #expect(d["f"]?.nominal == NominalColumn(codes: [0, 1, 0, 2], values: ["0.0", "0", "10"]))
        #expect(d["x"]?.type == .numeric)
    }

    @Test("a column that turns nominal late keeps every value's text and first-seen order", arguments: [10, 5000])
    func lateNominal(distinctNumbers: Int) throws {
        // 5000 distinct numbers pass the tracking limit, so the column is read again.
        var text = "id,v\n"
        for i in 0..<distinctNumbers { text += "\(i).50,\(i % 3)\n" }
        text += "last,7\n0.50,8\n"
        let d = try readCSV(text, chunkSize: 4096)
        let id = try #require(d["id"]?.nominal)
        #expect(id.values.count == distinctNumbers + 1)
        #expect(id.values.prefix(2) == ["0.50", "1.50"])
        #expect(id.values.last == "last")
        #expect(id.codes.suffix(2) == [Int32(distinctNumbers), 0])
        #expect(d["v"]?.numeric?.last == 8)
    }

    @Test("the builder defers a column only after it stops tracking texts")
    func deferral() throws {
        func feed(_ texts: [String]) throws -> ColumnBuilder {
            var builder = ColumnBuilder(kind: .inferred, limit: 100_000, capacity: texts.count)
            for var text in texts { try text.withUTF8 { try builder.append($0) } }
            return builder
        }
        let few = try feed((0..<ColumnBuilder.trackingLimit).map { "\($0)" } + ["x"])
        #expect(!few.isDeferred)
        #expect(few.finish().map { if case .nominal(let n) = $0 { n.values.count } else { 0 } } == ColumnBuilder.trackingLimit + 1)
        let many = try feed((0...ColumnBuilder.trackingLimit).map { "\($0)" } + ["x"])
        #expect(many.isDeferred)
        #expect(many.count == ColumnBuilder.trackingLimit + 2)
    }

    @Test("the eight-bytes-at-a-time field scan stops where a byte-by-byte scan does")
    func fieldScan() {
        var rng = SplitMix64(seed: 5)
        let alphabet: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: "1"), UInt8(ascii: ","), UInt8(ascii: ";"), 9, 10, 13, 0, 0x80, 0xFF]
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 9] {
            let tokenizer = CSVTokenizer(delimiter: delimiter)
            for _ in 0..<5_000 {
                var bytes = (0..<rng.nextInt(below: 40)).map { _ in
                    rng.nextInt(below: 4) == 0 ? alphabet[rng.nextInt(below: alphabet.count)] : UInt8(ascii: "x")
                }
                let end = bytes.count
                let start = end == 0 ? 0 : rng.nextInt(below: end)
                let expected = bytes[start...].firstIndex { $0 == delimiter || $0 == 10 || $0 == 13 || $0 == 0 } ?? end
                bytes += [UInt8](repeating: 0, count: 8)
                let found = bytes.withUnsafeMutableBufferPointer { tokenizer.unquotedEnd($0, from: start, end: end) }
                #expect(found == expected)
            }
        }
    }

    @Test("interning by bytes: codes in first-seen order, short and long keys, padded or not")
    func interner() throws {
        var table = ValueInterner()
        var rng = SplitMix64(seed: 11)
        var expected: [String: Int32] = [:]
        var order: [String] = []
        for _ in 0..<20_000 {
            let length = rng.nextInt(below: 20)
            let text = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8(97 + rng.nextInt(below: 3)))) })
            var bytes = Array(text.utf8) + [UInt8](repeating: 0x7A, count: 8)
            let padded = rng.nextInt(below: 2) == 0
            let code = try bytes.withUnsafeMutableBufferPointer { buffer in
                let key = UnsafeBufferPointer(rebasing: buffer[..<length])
                return padded ? try table.intern(padded: key, limit: .max) : try table.intern(key, limit: .max)
            }
            if expected[text] == nil {
                expected[text] = Int32(order.count)
                order.append(text)
            }
            #expect(code == expected[text])
        }
        #expect(table.values == order)
        var probe = Array("abc".utf8)
        #expect(probe.withUnsafeMutableBufferPointer { table.code(of: UnsafeBufferPointer($0)) } == expected["abc"])
        var invalid: [UInt8] = [0xC3, 0x28]
        #expect(throws: CellError.invalidUTF8) { try invalid.withUnsafeMutableBufferPointer { try table.intern(UnsafeBufferPointer($0), limit: .max) } }
        #expect(throws: CellError.tooManyValues) { try invalid.withUnsafeMutableBufferPointer { try table.intern(UnsafeBufferPointer($0), limit: 3) } }
    }

    static let tricky =
        "\u{FEFF}name,\"score\",comment,late\r\n"
        + "alpha,1.5,\"with, comma\",1\r\n\r\n"
        + "\"be\"\"ta\",?,\"two\nlines\",2\n"
        + "  gamma ,3e2,plain,3\r"
        + "delta,NA,\"\"\"quoted\"\"\",x\n"
        + "epsilon,-0.25,,4"

    @Test("every chunk size gives the same dataset", arguments: [1, 2, 3, 5, 7, 13, 64])
    func chunkBoundaries(chunkSize: Int) throws {
        let expected = try readCSV(Self.tricky)
        #expect(expected.rowCount == 5)
        #expect(cells(expected, "name") == ["alpha", "be\"ta", "gamma", "delta", "epsilon"])
        #expect(cells(expected, "comment") == ["with, comma", "two\nlines", "plain", "\"quoted\"", nil])
        #expect(cells(expected, "late") == ["1", "2", "3", "x", "4"])
        #expect(try readCSV(Self.tricky, chunkSize: chunkSize).isIdentical(to: expected))
    }

    @Test("a header wider than the first guess, across chunk boundaries", arguments: [5, 1 << 20])
    func wideHeader(chunkSize: Int) throws {
        let names = (0..<200).map { "c\($0)" }
        let text = names.joined(separator: ",") + "\n" + (0..<200).map(String.init).joined(separator: ",") + "\n"
        let d = try readCSV(text, chunkSize: chunkSize)
        #expect(d.columns.map(\.name) == names)
        #expect(d["c199"]?.numeric == [199])
    }

    @Test("a very wide file is read in batches of fewer records, within a bounded size")
    func wideFilesGetSmallerBatches() throws {
        #expect(CSVRecordStream.defaultCellsPerBatch == 1 << 20)
        // 300 columns against a bound of 2^14 fields a batch: 54 records a
        // batch, so 150 rows take three batches (as 3,000 columns and 700 rows
        // do against the default bound).
        let columns = 300
        let cells = 1 << 14
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        // Row r holds (c + r) mod 7 in column c: seven distinct lines, repeated.
        let lines = (0..<7).map { row in (0..<columns).map { String(($0 + row) % 7) }.joined(separator: ",") + "\n" }
        for row in 0..<150 { text += lines[row % 7] }
        let path = try FixturePaths.scratch("wide.csv", text)
        var stream = try CSVRecordStream(path: path, delimiter: UInt8(ascii: ","), chunkSize: 1 << 23, cellsPerBatch: cells)
        #expect(try stream.readHeader()?.count == columns)
        #expect(try stream.nextBatch())
        #expect(stream.batch.slots == columns + 1)
        #expect(stream.batch.capacity == cells / (columns + 1))
        #expect(stream.batch.count == stream.batch.capacity)
        // Three batches, and every cell where it belongs.
        var reader = CSVReader(path: path, options: ReadOptions(), delimiter: UInt8(ascii: ","))
        reader.cellsPerBatch = cells
        let (names, storage) = try reader.read()
        #expect(names.count == columns)
        for k in [0, 1, 150, 299] {
            guard case .numeric(let values) = storage[k] else {
                Issue.record("column c\(k) is not numeric")
                continue
            }
            #expect(values == (0..<150).map { Double((k + $0) % 7) })
        }
    }

    @Test("mangled files give the same dataset, or the same error, at every chunk size")
    func mangledFiles() throws {
        let pieces: [[UInt8]] = [Array(",".utf8), Array("\"".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("?".utf8),
                                 Array(" ".utf8), Array("1e999".utf8), [0xFF], [0], Array("x".utf8), Array("\"\"".utf8)]
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<150 {
            var bytes = Array(Self.tricky.utf8)
            for _ in 0..<1 + rng.nextInt(below: 3) {
                let piece = pieces[rng.nextInt(below: pieces.count)]
                bytes.insert(contentsOf: piece, at: rng.nextInt(below: bytes.count + 1))
            }
            let path = try FixturePaths.scratch("m.csv", bytes: bytes)
            let reference = Result { try Dataset.load(path: path, options: ReadOptions(), chunkSize: 1 << 20) }
            for chunkSize in [1, 4, 9] {
                let result = Result { try Dataset.load(path: path, options: ReadOptions(), chunkSize: chunkSize) }
                switch (reference, result) {
                case (.success(let a), .success(let b)): #expect(a.isIdentical(to: b))
                case (.failure(let a), .failure(let b)): #expect(a as? MTLError == b as? MTLError)
                default: Issue.record("chunk size \(chunkSize) disagrees on \(bytes)")
                }
            }
        }
    }

    @Test("the thyroid fixture, against pandas")
    func thyroid() throws {
        let roles = RoleOptions(tasks: ["t_hyperthyroid", "t_misc"], ignore: ["record_id"])
        let d = try Dataset.load(path: FixturePaths.data("thyroid0387.csv"), options: ReadOptions(roles: roles))
        // pandas.read_csv(keep_default_na=False, na_values=['?','','NA'], dtype=str): shape and
        // missing counts; numeric columns are those whose every known cell float()s finitely.
        #expect(d.rowCount == 9172)
        #expect(d.columns.count == 37)
        let missing = Dictionary(uniqueKeysWithValues: d.columns.map { ($0.name, $0.missingCount) }.filter { $0.1 > 0 })
        #expect(missing == ["sex": 307, "TSH": 842, "T3": 2604, "TT4": 442, "T4U": 809, "FTI": 802, "TBG": 8823])
        let numeric = d.columns.filter { $0.type == .numeric }.map(\.name)
        #expect(numeric == ["record_id", "age", "TSH", "T3", "TT4", "T4U", "FTI", "TBG"])
        #expect(d["referral_source"]?.nominal?.values == ["other", "SVI", "SVHC", "STMW", "SVHD", "WEST"])
        #expect(d["t_hyperthyroid"]?.nominal?.values == ["none", "A", "D", "B", "C"])
        // pandas: df['age'].astype(float).sum() and df['TSH'].astype(float).sum()
        #expect(d["age"]?.numeric?.reduce(0, +) == 674_654)
        let tsh = d["TSH"]?.numeric?.filter { !$0.isNaN }.reduce(0, +) ?? 0
        #expect(abs(tsh - 43_469.294939) < 1e-6)
    }
}

@Suite("CSV reader errors")
struct CSVReaderErrorTests {
    /// Malformed inputs, where the error must point, and a word its message must hold.
    static let cases: [(bytes: [UInt8], line: Int?, column: Int?, word: String)] = [
        (Array("".utf8), nil, nil, "empty"),
        ([0xEF, 0xBB, 0xBF], nil, nil, "empty"),
        (Array("a,b\n\n".utf8), 2, 1, "no data rows"),
        (Array("a,b,c\n1,2,3\n4,5\n".utf8), 3, 4, "expected 3 fields, found 2"),
        (Array("a,b\n1,2,3\n".utf8), 2, 5, "expected 2 fields, found 3"),
        (Array("a,b\n\"x\ny\",1\n1\n".utf8), 4, 2, "expected 2 fields, found 1"),
        (Array("a,b\n1,\"abc\n2,3\n".utf8), 2, 3, "unterminated"),
        (Array("a\n\"x\"y\n".utf8), 2, 4, "after a closing quote"),
        (Array("a,b,a\n1,2,3\n".utf8), 1, 5, "duplicate column name 'a'"),
        (Array("a,,c\n1,2,3\n".utf8), 1, 3, "no name"),
        ([UInt8(ascii: "a"), UInt8(ascii: ","), 0xFF, 10, UInt8(ascii: "1"), UInt8(ascii: ","), UInt8(ascii: "2"), 10], 1, 3, "UTF-8"),
        (Array("a,b\n1,x\n2,".utf8) + [0xC3, 0x28, 10], 3, 3, "UTF-8"),
        (Array("a,b\n1,".utf8) + [0, 10], 2, 3, "NUL"),
        ([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], 1, 1, "gzip"),
    ]

    @Test("malformed CSV is bad data, with a position", arguments: cases)
    func malformed(bytes: [UInt8], line: Int?, column: Int?, word: String) throws {
        let error = try csvError(bytes)
        #expect(error.kind == .badData)
        #expect(error.kind.exitCode == 65)
        #expect(error.file?.hasSuffix("bad.csv") == true)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(word), "\(error)")
    }

    @Test("the first error in the file is the one reported, whatever its kind")
    func firstErrorWins() throws {
        // A bad value on line 3 comes before a short record on line 4, and the other way round.
        let valueFirst = try csvError(Array("a,b\n1,x\n2,".utf8) + [0xFF] + Array("\n3\n".utf8))
        #expect(valueFirst.line == 3 && valueFirst.message.contains("UTF-8"))
        let recordFirst = try csvError(Array("a,b\n1,x\n2\n3,".utf8) + [0xFF, 10])
        #expect(recordFirst.line == 3 && recordFirst.message.contains("expected 2 fields"))
        // Within one record, the leftmost bad cell.
        let leftmost = try csvError(Array("a,b\nx,y\n".utf8) + [0xFF, UInt8(ascii: ","), 0xFE, 10])
        #expect(leftmost.line == 3 && leftmost.column == 1)
    }

    @Test("in a batch of records read column by column on several cores, the first error still wins")
    func firstErrorWinsInALargeBatch() throws {
        // 1,000 records (one batch); column c goes bad on record 300, column a on 700,
        // and on record 500 both a and c: the earliest record, then the leftmost cell.
        func file(badA: Set<Int>, badC: Set<Int>) -> [UInt8] {
            var bytes = Array("a,b,c\n".utf8)
            for r in 1 ... 1000 {
                bytes += badA.contains(r) ? [0xFF] : Array("\(r)".utf8)
                bytes += Array(",x\(r % 3),".utf8)
                bytes += badC.contains(r) ? [0xFE] : Array("\(r % 5)".utf8)
                bytes.append(10)
            }
            return bytes
        }
        let earliest = try csvError(file(badA: [700], badC: [300]))
        #expect(earliest.line == 301 && earliest.message.contains("column 'c'"), "\(earliest)")
        let leftmost = try csvError(file(badA: [500, 700], badC: [500, 900]))
        #expect(leftmost.line == 501 && leftmost.column == 1 && leftmost.message.contains("column 'a'"), "\(leftmost)")
    }

    @Test("random binary garbage is rejected as bad data, never a crash", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func garbage(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let error = try csvError(bytes)
        #expect(error.kind == .badData)
        #expect(error.line != nil)
    }

    @Test("a nominal column with a million distinct values stops at the default limit, on the row that crosses it")
    func millionDistinctValues() throws {
        var bytes = Array("id,x\n".utf8)
        bytes.reserveCapacity(16_000_000)
        for i in 0 ..< 1_000_000 { bytes += "id\(i),\(i % 7)\n".utf8 }
        let error = try csvError(bytes)
        #expect(error.kind == .badData)
        // Row 65,537 brings the 65,537th distinct value; the header is line 1.
        #expect(error.line == 65_538 && error.column == 1)
        #expect(error.message.contains("--ignore id"))
    }

    @Test("a nominal column with too many values is bad data; ignored columns are exempt")
    func tooManyValues() throws {
        let text = "v,n\na,1\nb,2\nc,3\nd,4\n"
        let error = try csvError(text, options: ReadOptions(maxNominalValues: 3))
        #expect(error.kind == .badData)
        #expect(error.line == 5 && error.column == 1)
        #expect(error.message.contains("--ignore v"))
        let ignored = try readCSV(text, options: ReadOptions(roles: RoleOptions(ignore: ["v"]), maxNominalValues: 3))
        #expect(ignored["v"]?.nominal?.values == ["a", "b", "c", "d"])
        #expect(ignored["v"]?.role == .ignored)
    }

    @Test("a column of numbers with too many values stops being tracked, then fails on its first text")
    func tooManyValuesAfterNumbers() throws {
        let error = try csvError("v\n1\n2\n3\nx\n", options: ReadOptions(maxNominalValues: 2))
        #expect(error.line == 5)
        #expect(error.message.contains("more than 2 distinct values"))
    }

    @Test("100,000 distinct identifiers: past the default limit, fine when ignored")
    func hundredThousandValues() throws {
        var text = "id,x\n"
        text.reserveCapacity(1_500_000)
        for i in 0..<100_000 { text += "id\(i),\(i % 3)\n" }
        let path = try FixturePaths.scratch("ids.csv", text)
        let error = try #require(throws: MTLError.self) { try Dataset.load(path: path) }
        #expect(error.kind == .badData)
        #expect(error.line == 65_538)  // the 65,537th value, after the header line
        let d = try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(ignore: ["id"])))
        #expect(d["id"]?.nominal?.values.count == 100_000)
        #expect(d["id"]?.nominal?.values.last == "id99999")
    }
}

/// The reader splits the next batch of 1,024 records while the current one's
/// columns are read. Records past the first batches must come out whole and
/// in order, and the error reported must still be the first in the file,
/// whether it is a cell's (found while reading a batch) or a record's
/// (found while splitting the next).
@Suite("CSV reader across batches")
struct CSVBatchTests {
    /// A record longer than the reader will buffer is bad data at the line it
    /// starts on (here the limit is 64 bytes, so the test needs no large file).
    @Test func aRecordTooLongToBufferNamesItsLine() throws {
        let path = try FixturePaths.scratch("long.csv", "a,b\n1,2\n\"\n3\",\(String(repeating: "x", count: 100))\n5,6\n")
        var stream = try CSVRecordStream(path: path, delimiter: 44, chunkSize: 16, maximumRecordSize: 64)
        #expect(try stream.readHeader()?.count == 2)
        let error = #expect(throws: MTLError.self) {
            while try stream.nextBatch() {}
        }
        #expect(error?.description == "\(path):3: error: a record is longer than 64 bytes; this does not look like a table")
        // Under the limit, the same record is read whole.
        var roomy = try CSVRecordStream(path: path, delimiter: 44, chunkSize: 16, maximumRecordSize: 256)
        _ = try roomy.readHeader()
        var records = 0
        while try roomy.nextBatch() { records += roomy.batch.count }
        #expect(records == 3)
    }

    /// `rows` records `i,i mod 7,w<i mod 5>`, with record `at` replaced by each given text.
    static func text(rows: Int, replacing: [Int: [UInt8]] = [:]) -> [UInt8] {
        var bytes = Array("a,b,c\n".utf8)
        for i in 0 ..< rows {
            bytes += replacing[i] ?? Array("\(i),\(i % 7),w\(i % 5)".utf8)
            bytes.append(10)
        }
        return bytes
    }

    @Test(arguments: [4096, 1 << 20])
    func recordsPastTheFirstBatchesComeOutInOrder(chunkSize: Int) throws {
        let path = try FixturePaths.scratch("batches.csv", bytes: Self.text(rows: 5000))
        let d = try Dataset.load(path: path, options: ReadOptions(), chunkSize: chunkSize)
        #expect(d.rowCount == 5000)
        #expect(d["a"]?.numeric == (0 ..< 5000).map(Double.init))
        #expect(d["b"]?.numeric == (0 ..< 5000).map { Double($0 % 7) })
        #expect(d["c"]?.nominal?.codes == (0 ..< 5000).map { Int32($0 % 5) })
    }

    /// Record r is on line r + 2 (after the header).
    @Test(arguments: [
        // A record with a field too many in the second batch, then a bad cell in the third.
        ([1500: Array("1,2,3,4".utf8), 2500: [0x31, 0x2C, 0x32, 0x2C, 0xFF]], 1502, "expected 3 fields, found 4"),
        // In the second batch, a bad cell before a record with a field too many.
        ([1200: [0x31, 0x2C, 0x32, 0x2C, 0xFF], 1500: Array("1,2,3,4".utf8)], 1202, "not valid UTF-8"),
        // A bad cell in the first batch, a record with a field too many in the second.
        ([1000: [0x31, 0x2C, 0x32, 0x2C, 0xFF], 1030: Array("1,2,3,4".utf8)], 1002, "not valid UTF-8"),
        // A quote left open in the third batch.
        ([2100: Array("1,2,\"w".utf8)], 2102, "unterminated quoted field"),
        // The last record of the first batch, then the first of the second.
        ([1023: Array("1,2".utf8), 1024: Array("1,2,3,4".utf8)], 1025, "expected 3 fields, found 2"),
    ] as [([Int: [UInt8]], Int, String)])
    func theFirstErrorInTheFileIsReported(replacing: [Int: [UInt8]], line: Int, message: String) throws {
        let path = try FixturePaths.scratch("bad-batches.csv", bytes: Self.text(rows: 3000, replacing: replacing))
        for chunkSize in [4096, 1 << 20] {
            let error = try #require(throws: MTLError.self) { try Dataset.load(path: path, options: ReadOptions(), chunkSize: chunkSize) }
            #expect(error.line == line, "chunk size \(chunkSize): \(error)")
            #expect(error.message.contains(message), "chunk size \(chunkSize): \(error)")
        }
    }
}
