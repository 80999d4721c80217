import Foundation
import Testing
@testable import MTLTreeCLI
import MTLTreeKit

/// `mtltree describe --format json` against counts computed independently:
/// rows, columns and missing cells per column from pandas (thyroid: `read_csv`
/// with `?` as missing), scipy's `loadarff` (ARFF files), and Python's `csv`
/// module counting `?` cells (the calendar log).
struct DescribeCommandTests {
    static let cases: [(arguments: [String], rows: Int, columns: Int, missing: [String: Int])] = [
        (["data/bridges.arff"], 107, 13,
         ["LOCATION": 1, "LENGTH": 26, "LANES": 15, "CLEAR-G": 2, "T-OR-D": 5, "MATERIAL": 2, "SPAN": 15, "REL-L": 5, "TYPE": 2]),
        (["data/thyroid0387.csv"], 9172, 37,
         ["sex": 307, "TSH": 842, "T3": 2604, "TT4": 442, "T4U": 809, "FTI": 802, "TBG": 8823]),
        (["data/water-quality.arff"], 1060, 30, [:]),
        (["data/emotions.arff"], 593, 78, [:]),
        (["data/monks/monks-1.train.arff"], 124, 7, [:]),
        (["data/monks/monks-2.train.arff"], 169, 7, [:]),
        (["data/monks/monks-3.train.arff"], 122, 7, [:]),
        (["data/monks/monks-3.test.arff"], 432, 7, [:]),
        // The calendar log: 11 raw columns become 8 inputs (with `semester`) and 4 tasks.
        (["calendar/meetings.csv", "--calendar"], 2000, 12,
         ["attendee": 93, "attendee_position": 99, "attendee_department": 92, "attendee_group": 91, "attendee_known": 105]),
    ]

    @Test(arguments: cases)
    func describeCountsRowsColumnsAndMissingCells(arguments: [String], rows: Int, columns: Int, missing: [String: Int]) throws {
        let result = CLI.run(["describe", CLI.fixture(arguments[0])] + arguments.dropFirst() + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(Array(result.stdout.utf8))
        #expect(json["rows"] == .number(Double(rows)))
        let list = try #require(json["columns"]?.arrayValue)
        #expect(list.count == columns)
        var found: [String: Int] = [:]
        for column in list {
            let name = try #require(column["name"]?.stringValue)
            let count = Int(try #require(column["missing"]?.numberValue))
            if count > 0 { found[name] = count }
            #expect(["input", "task", "ignored"].contains(column["role"]?.stringValue ?? ""))
            #expect(["nominal", "numeric"].contains(column["type"]?.stringValue ?? ""))
        }
        #expect(found == missing)
    }

    /// A quoted cell or column name may hold a line break; the error shows it escaped, on one line.
    @Test func lineBreaksInCellsAndNamesAreEscapedInTheError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = try CLI.file("log.csv", "date,start,end,location\n2023-09-04,08:30,09:30,a\n\"2023-09-0\n5\",08:30,09:30,b\n", in: folder)
        expectError(
            CLI.run(["describe", log, "--calendar"]), 65,
            "mtltree describe: \(log):3:2: error: bad date '2023-09-0\\n5': expected a real day written YYYY-MM-DD")
        let data = try CLI.file("data.csv", "\"a\r\nb\",play\n1,yes\n", in: folder)
        expectError(
            CLI.run(["describe", data, "--tasks", "nope\u{1B}[31m"]), 64,
            "mtltree describe: error: no column named 'nope\\u{1B}[31m' (named as a task). Columns: a\\r\\nb, play")
    }

    @Test func calendarTasksAreTheFourDerivedOnes() throws {
        let result = CLI.run(["describe", CLI.fixture("calendar/meetings.csv"), "--calendar", "--format", "json"])
        let json = try JSONValue.parse(Array(result.stdout.utf8))
        let tasks = (json["columns"]?.arrayValue ?? []).filter { $0["role"] == .string("task") }.compactMap { $0["name"]?.stringValue }
        #expect(tasks == ["location", "time_of_day", "day_of_week", "duration"])
    }
}
