import Foundation
import TestSupport
import Testing

@testable import MTLTreeKit

@Suite("Loading data files")
struct DataLoadingTests {
    @Test(
        "the format comes from the extension",
        arguments: [("a.csv", DataFormat.csv), ("dir.v2/B.CSV", .csv), ("x.tsv", .csv), ("notes.txt", .csv), ("w.arff", .arff)])
    func formatByExtension(path: String, format: DataFormat) throws {
        #expect(try DataFormat(inferredFrom: path) == format)
    }

    @Test("a format another module adds is chosen by its extension, and named when none matches")
    func addedFormat() throws {
        let notes = DataFormat(name: "notes", extensions: ["note"]) { path, _ in try Dataset(name: path, columns: []) }
        let formats = DataFormat.standard + [notes]
        #expect(try DataFormat(inferredFrom: "a/b.NOTE", among: formats) == notes)
        #expect(try DataFormat(inferredFrom: "a/b.csv", among: formats) == .csv)
        let error = try #require(throws: MTLError.self) { try DataFormat(inferredFrom: "x.dat", among: formats) }
        #expect(error.message.hasSuffix("name its format: csv, arff or notes"))
    }

    @Test("an unknown or absent extension is a usage error naming it", arguments: [("data.dat", "'.dat'"), ("data", "no extension")])
    func unknownExtension(path: String, shown: String) throws {
        let error = try #require(throws: MTLError.self) { try Dataset.load(path: path) }
        #expect(error.kind == .usage)
        #expect(error.kind.exitCode == 64)
        #expect(error.message.contains(shown))
    }

    @Test("an explicit format overrides the extension")
    func explicitFormat() throws {
        let path = try FixturePaths.scratch("table.dat", "a,b\n1,x\n")
        let d = try Dataset.load(path: path, options: ReadOptions(format: .csv))
        #expect(d.rowCount == 1 && d.name == "table")
    }

    @Test("a missing file or a directory is 'input missing'")
    func missingInput() throws {
        let missing = try #require(throws: MTLError.self) { try Dataset.load(path: "/nonexistent/nothing.csv") }
        #expect(missing.kind == .inputMissing)
        #expect(missing.kind.exitCode == 66)
        let folder = URL(fileURLWithPath: try FixturePaths.scratch("x.csv", "a\n1\n")).deletingLastPathComponent()
        let directory = folder.appendingPathComponent("dir.csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let error = try #require(throws: MTLError.self) { try Dataset.load(path: directory.path) }
        #expect(error.kind == .inputMissing)
        #expect(error.message.contains("directory"))
    }

    @Test("an unknown role name fails before any row is read")
    func rolesCheckedAgainstHeader() throws {
        // Row 2 is broken: a usage error rather than a data error shows the header was checked first.
        let path = try FixturePaths.scratch("roles.csv", "age,label\n1,2,3\n")
        let error = try #require(throws: MTLError.self) {
            try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["lable"])))
        }
        #expect(error.kind == .usage)
        #expect(error.message.contains("did you mean 'label'"))
        let arff = try FixturePaths.scratch("roles.arff", "@relation r\n@attribute age numeric\n@data\nbroken\n")
        let arffError = try #require(throws: MTLError.self) {
            try Dataset.load(path: arff, options: ReadOptions(roles: RoleOptions(ignore: ["agee"])))
        }
        #expect(arffError.kind == .usage)
        let both = try #require(throws: MTLError.self) {
            try Dataset.load(path: path, options: ReadOptions(roles: RoleOptions(tasks: ["age"], ignore: ["age"])))
        }
        #expect(both.kind == .usage)
    }

    @Test("bad option values are usage errors")
    func badOptions() throws {
        let path = try FixturePaths.scratch("x.csv", "a\n1\n")
        for options in [ReadOptions(delimiter: UInt8(ascii: "\"")), ReadOptions(delimiter: 10), ReadOptions(delimiter: 0xC3),
                        ReadOptions(maxNominalValues: 0)] {
            let error = try #require(throws: MTLError.self) { try Dataset.load(path: path, options: options) }
            #expect(error.kind == .usage)
        }
    }

    @Test("the dataset is named after the file", arguments: [("/a/b/thyroid.csv", "thyroid"), ("x.y.arff", "x.y"), ("plain", "plain"), (".hidden", ".hidden")])
    func name(path: String, expected: String) {
        #expect(Dataset.datasetName(path) == expected)
    }

    @Test("roles are assigned after reading: tasks, main task, ignored")
    func roles() throws {
        let roles = RoleOptions(tasks: ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"], main: "TYPE", ignore: ["IDENTIF"])
        let d = try Dataset.load(path: FixturePaths.data("bridges.arff"), options: ReadOptions(roles: roles))
        #expect(d.name == "bridges")
        #expect(d.mainTask == d.columnIndex(named: "TYPE"))
        #expect(d.taskIndices.map { d.columns[$0].name } == ["TYPE", "T-OR-D", "MATERIAL", "SPAN", "REL-L"])
        #expect(d["IDENTIF"]?.role == .ignored)
        #expect(d.inputIndices.count == 7)
    }

    @Test("files with many rows: chunk boundaries and the row estimate do not change the result")
    func largeFile() throws {
        var text = "x,y,label\n"
        var rng = SplitMix64(seed: 3)
        for i in 0..<30_000 {
            text += "\(rng.nextUnit()),\(i % 7 == 0 ? "?" : String(i % 11)),\"l\(rng.nextInt(below: 5))\"\n"
        }
        let path = try FixturePaths.scratch("big.csv", text)
        let whole = try Dataset.load(path: path)
        #expect(whole.rowCount == 30_000)
        #expect(whole["y"]?.missingCount == 4286)  // ceil(30000 / 7)
        #expect(whole["label"]?.nominal?.values.count == 5)
        #expect(try Dataset.load(path: path, options: ReadOptions(), chunkSize: 4093).isIdentical(to: whole))
    }
}
