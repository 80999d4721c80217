import TestSupport
import Testing

@testable import MTLTreeKit

/// Reads `text` as an ARFF file.
private func readARFF(_ text: String, options: ReadOptions = ReadOptions(), chunkSize: Int = 1 << 20) throws -> Dataset {
    try Dataset.load(path: FixturePaths.scratch("t.arff", text), options: options, chunkSize: chunkSize)
}

/// The error reading `text` (or `bytes`) as an ARFF file throws.
private func arffError(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws -> MTLError {
    let path = try FixturePaths.scratch("bad.arff", bytes: bytes)
    return try #require(throws: MTLError.self) { try Dataset.load(path: path, options: options) }
}

/// The cells of column `name` as text (`nil` for missing).
private func cells(_ dataset: Dataset, _ name: String) -> [String?] {
    guard let column = dataset[name] else { return [] }
    return (0..<column.count).map { column.text(atRow: $0) }
}

@Suite("ARFF reader")
struct ARFFReaderTests {
    /// Rows, attributes and missing cells per attribute, as scipy.io.arff.loadarff
    /// reads them (NaN for numeric, b'?' for nominal), plus one numeric column's sum.
    static let fixtures: [(file: String, rows: Int, columns: Int, missing: [String: Int], sum: (String, Double)?)] = [
        (
            "bridges.arff", 107, 13,
            ["LOCATION": 1, "LENGTH": 26, "LANES": 15, "CLEAR-G": 2, "T-OR-D": 5, "MATERIAL": 2, "SPAN": 15, "REL-L": 5, "TYPE": 2],
            ("ERECTED", 203_860)
        ),
        ("water-quality.arff", 1060, 30, [:], ("std_temp", 2612.238053587365)),
        ("emotions.arff", 593, 78, [:], ("BHSUM3", 569.2242729999999)),
        ("monks/monks-1.train.arff", 124, 7, [:], nil),
        ("monks/monks-1.test.arff", 432, 7, [:], nil),
        ("monks/monks-2.train.arff", 169, 7, [:], nil),
        ("monks/monks-2.test.arff", 432, 7, [:], nil),
        ("monks/monks-3.train.arff", 122, 7, [:], nil),
        ("monks/monks-3.test.arff", 432, 7, [:], nil),
    ]

    @Test("the real ARFF fixtures, against scipy", arguments: fixtures)
    func fixture(file: String, rows: Int, columns: Int, missing: [String: Int], sum: (String, Double)?) throws {
        let d = try Dataset.load(path: FixturePaths.data(file))
        #expect(d.rowCount == rows)
        #expect(d.columns.count == columns)
        let found = Dictionary(uniqueKeysWithValues: d.columns.map { ($0.name, $0.missingCount) }.filter { $0.1 > 0 })
        #expect(found == missing)
        if let (name, expected) = sum {
            let total = d[name]?.numeric?.filter { !$0.isNaN }.reduce(0, +) ?? .nan
            #expect(abs(total - expected) <= 1e-9 * abs(expected))
        }
    }

    @Test("numeric ARFF attributes named as tasks are numeric tasks; forced nominal, classes ordered by number")
    func numericTasks() throws {
        let tasks = ["25400", "29600", "30400", "33400", "17300", "19400", "34500", "38100", "49700", "50390", "55800",
                     "57500", "59300", "37880"]
        let numeric = try Dataset.load(path: FixturePaths.data("water-quality.arff"), options: ReadOptions(roles: RoleOptions(tasks: tasks)))
        #expect(numeric.taskIndices.count == 14)
        #expect(numeric.taskIndices.allSatisfy { numeric.columns[$0].type == .numeric })
        // scipy: data['25400'].sum() = 215 + 3 · 185 + 5 · 56 = 1050
        #expect(numeric["25400"]?.numeric?.reduce(0, +) == 1050)
        let d = try Dataset.load(
            path: FixturePaths.data("water-quality.arff"), options: ReadOptions(roles: RoleOptions(tasks: tasks, nominal: tasks)))
        #expect(d.taskIndices.count == 14)
        let column = try #require(d["25400"]?.nominal)
        #expect(column.values == ["0", "1", "3", "5"])
        // scipy: collections.Counter(data['25400']) = {0: 604, 1: 215, 3: 185, 5: 56}
        let counts = (0..<4).map { c in column.codes.filter { $0 == c }.count }
        #expect(counts == [604, 215, 185, 56])
        #expect(d["std_temp"]?.type == .numeric)
    }

    @Test("declared nominal values keep the declared order")
    func declaredOrder() throws {
        let d = try Dataset.load(path: FixturePaths.data("bridges.arff"))
        #expect(d["TYPE"]?.nominal?.values == ["WOOD", "SUSPEN", "SIMPLE-T", "ARCH", "CANTILEV", "CONT-T"])
        #expect(d["PURPOSE"]?.nominal?.values == ["WALK", "AQUEDUCT", "RR", "HIGHWAY"])
        #expect(cells(d, "LENGTH").prefix(2) == [nil, "1037"])
    }

    static let handMade = """
        % a comment line
        @RELATION 'hand made'

        @Attribute 'the name' string   % trailing comment
        @attribute x REAL
        @ATTRIBUTE color {red, 'dark blue', "it's"}
        @attribute when date "yyyy-MM-dd HH:mm"
        @attribute n integer
        @DATA
        'O\\'Brien', 1.5, red, '2001-04-03 12:00', 3
        "say \\"hi\\"",?, 'dark blue',?, 4, {2.5}
        % a comment between rows

        '?', -2, "it's", "2001-04-04 08:30", ?
        {0 plain, 2 "dark blue", 4 7}
        {1 3.25}, {0.5}
        {}
        """

    @Test("quotes, escapes, comments, keyword case, dates, sparse rows and weights", arguments: [1, 3, 8, 1 << 20])
    func handMadeFile(chunkSize: Int) throws {
        let d = try readARFF(Self.handMade, chunkSize: chunkSize)
        #expect(d.columns.map(\.name) == ["the name", "x", "color", "when", "n"])
        #expect(d.rowCount == 6)
        #expect(cells(d, "the name") == ["O'Brien", "say \"hi\"", "?", "plain", nil, nil])
        let x = try #require(d["x"]?.numeric)
        #expect(x.count == 6 && x[0] == 1.5 && x[1].isNaN && x[2] == -2 && x[3] == 0 && x[4] == 3.25 && x[5] == 0)
        #expect(d["color"]?.nominal == NominalColumn(codes: [0, 1, 2, 1, 0, 0], values: ["red", "dark blue", "it's"]))
        #expect(cells(d, "when") == ["2001-04-03 12:00", nil, "2001-04-04 08:30", nil, nil, nil])
        #expect(d["n"]?.numeric?.map { $0.isNaN ? -1 : $0 } == [3, 4, -1, 7, 0, 0])
        #expect(d.weights == [1, 2.5, 1, 1, 0.5, 1])
    }
}

@Suite("ARFF reader errors")
struct ARFFReaderErrorTests {
    /// A line longer than the reader will buffer is bad data at its number
    /// (here the limit is 64 bytes, so the test needs no large file).
    @Test func aLineTooLongToBufferNamesItsNumber() throws {
        let path = try FixturePaths.scratch("long.arff", "@relation r\n@attribute a string\n@data\n'\(String(repeating: "x", count: 100))'\n")
        var lines = try LineStream(path: path, chunkSize: 16, maximumRecordSize: 64)
        for _ in 0 ..< 3 { #expect(try lines.next()) }
        let error = #expect(throws: MTLError.self) { try lines.next() }
        #expect(error?.description == "\(path):4: error: a record is longer than 64 bytes; this does not look like a table")
    }

    static let header = "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n"

    /// Malformed inputs, where the error must point, and a word its message must hold.
    static let cases: [(text: String, line: Int?, column: Int?, word: String)] = [
        ("", nil, nil, "empty"),
        ("@relation r\n@attribute x numeric\n", 3, 1, "without a @data"),
        ("@relation r\n@attribute x numeric\n@attribute y text\n@data\n", 3, 14, "unknown attribute type 'text'"),
        ("@relation r\n@attribute x relational\n", 2, 14, "relational"),
        ("@relation r\n@attribute x numeric\n@attribute x numeric\n@data\n1,2\n", 3, 12, "duplicate attribute"),
        ("@relation r\n@attribute c {a,b,a}\n@data\n", 2, 19, "duplicate nominal value"),
        ("@relation r\n@attribute c {a,b\n@data\n", 2, 18, "expected ',' or '}'"),
        ("@relation r\nx numeric\n", 2, 1, "expected @relation"),
        ("@relation r\n@attribute 'x numeric\n", 2, 12, "unterminated"),
        ("@relation r\n@attribute x numeric\n@data\n", 4, 1, "no rows"),
        (header + "1,a\n2\n", 6, 2, "expected 2 values, found 1"),
        (header + "1,a,3,4\n", 5, 5, "expected 2 values, found 4"),
        (header + "1,c\n", 5, 3, "'c' is not a declared value of attribute 'c' {a, b}"),
        (header + "one,a\n", 5, 1, "'one' is not a number"),
        (header + "1e999,a\n", 5, 1, "too large"),
        (header + "{2 a}\n", 5, 2, "sparse index 2 is out of range"),
        (header + "{x a}\n", 5, 2, "bad sparse index 'x'"),
        (header + "{1 a, 0 1}\n", 5, 7, "not greater"),
        (header + "{0 1} x\n", 5, 7, "unexpected text after a sparse row"),
        (header + "1,a,{-1}\n", 5, 6, "bad instance weight"),
        (header + "1,a,{1e308}\n2,b,{1e308}\n", 6, nil, "the instance weights add up to more than the largest number"),
        (header + "'1,a\n", 5, 1, "unterminated"),
        (header + "1,a\0\n", 5, 4, "NUL"),
    ]

    @Test("malformed ARFF is bad data, with a position", arguments: cases)
    func malformed(text: String, line: Int?, column: Int?, word: String) throws {
        let error = try arffError(Array(text.utf8))
        #expect(error.kind == .badData)
        #expect(error.file?.hasSuffix("bad.arff") == true)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(word), "\(error)")
    }

    @Test("invalid UTF-8 in a name or a string value is bad data")
    func invalidUTF8() throws {
        let name = try arffError(Array("@relation r\n@attribute ".utf8) + [0xE9] + Array(" numeric\n@data\n1\n".utf8))
        #expect(name.line == 2 && name.column == 12)
        let value = try arffError(Array("@relation r\n@attribute s string\n@data\n'ok'\n'".utf8) + [0xFF, 0x27, 10])
        #expect(value.line == 5 && value.column == 2)
        #expect(value.message.contains("UTF-8"))
    }

    @Test("a declared list longer than the limit is bad data unless the attribute is ignored")
    func tooManyDeclaredValues() throws {
        let text = "@relation r\n@attribute id {a,b,c}\n@attribute x numeric\n@data\na,1\n"
        let error = try arffError(Array(text.utf8), options: ReadOptions(maxNominalValues: 2))
        #expect(error.line == 2)
        #expect(error.message.contains("--ignore id"))
        let d = try readARFF(text, options: ReadOptions(roles: RoleOptions(ignore: ["id"]), maxNominalValues: 2))
        #expect(d["id"]?.nominal?.values == ["a", "b", "c"])
    }

    @Test("mangled files give the same dataset, or the same error, at every chunk size")
    func mangledFiles() throws {
        let pieces: [[UInt8]] = [Array(",".utf8), Array("'".utf8), Array("\n".utf8), Array("{".utf8), Array("}".utf8),
                                 Array("?".utf8), Array(" 3".utf8), Array("%".utf8), [0xFF], [0], Array("\\".utf8)]
        var rng = SplitMix64(seed: 77)
        for _ in 0..<150 {
            var bytes = Array(ARFFReaderTests.handMade.utf8)
            for _ in 0..<1 + rng.nextInt(below: 3) {
                let piece = pieces[rng.nextInt(below: pieces.count)]
                bytes.insert(contentsOf: piece, at: rng.nextInt(below: bytes.count + 1))
            }
            let path = try FixturePaths.scratch("m.arff", bytes: bytes)
            let reference = Result { try Dataset.load(path: path, options: ReadOptions(), chunkSize: 1 << 20) }
            for chunkSize in [1, 5] {
                let result = Result { try Dataset.load(path: path, options: ReadOptions(), chunkSize: chunkSize) }
                switch (reference, result) {
                case (.success(let a), .success(let b)): #expect(a.isIdentical(to: b))
                case (.failure(let a), .failure(let b)): #expect(a as? MTLError == b as? MTLError)
                default: Issue.record("chunk size \(chunkSize) disagrees on \(bytes)")
                }
            }
        }
    }

    @Test("binary garbage named .arff is bad data", arguments: [11, 12, 13])
    func garbage(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let error = try arffError(bytes)
        #expect(error.kind == .badData)
        #expect(error.line != nil)
    }
}
