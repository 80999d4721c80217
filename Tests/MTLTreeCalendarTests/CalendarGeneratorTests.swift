import Foundation
import TestSupport
import Testing

@testable import MTLTreeCalendar
import MTLTreeKit

/// The generated log as rows of fields keyed by column name (the generator
/// never quotes, so splitting on commas is exact).
private struct GeneratedLog {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    init(meetings: Int = 2000, seed: UInt64 = 1, labelNoise: Double = 0.05, missingRate: Double = 0.05) {
        let configuration = CalendarGenerator.Configuration(
            meetings: meetings, seed: seed, labelNoise: labelNoise, missingRate: missingRate)
        self.init(CalendarGenerator(configuration: configuration).csv())
    }

    func column(_ name: String) -> [String] {
        guard let i = header.firstIndex(of: name) else { return [] }
        return rows.map { $0[i] }
    }
}

@Suite("Calendar generator")
struct CalendarGeneratorTests {
    @Test("the same seed gives the same bytes; another seed another log")
    func determinism() {
        let a = CalendarGenerator(configuration: .init(meetings: 500, seed: 7)).csv()
        let b = CalendarGenerator(configuration: .init(meetings: 500, seed: 7)).csv()
        let c = CalendarGenerator(configuration: .init(meetings: 500, seed: 8)).csv()
        #expect(a == b)
        #expect(a != c)
    }

    @Test("the committed fixture is the log for seed 1 and 2000 meetings, byte for byte")
    func committedFixture() throws {
        let path = FixturePaths.root.appendingPathComponent("calendar/meetings.csv").path
        let committed = try #require(FileManager.default.contents(atPath: path), "missing \(path)")
        let generated = CalendarGenerator(configuration: .init(meetings: 2000, seed: 1)).csv()
        #expect(generated.utf8.count == committed.count)
        let lines = (
            generated.split(separator: "\n"), String(decoding: committed, as: UTF8.self).split(separator: "\n")
        )
        let firstDifference = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "line \((firstDifference?.offset ?? 0) + 1) differs; regenerate the fixture")
        #expect(generated.utf8.elementsEqual(committed))
    }

    @Test("one header line and one line per meeting", arguments: [0, 1, 7, 62, 2000])
    func rowCount(meetings: Int) {
        let log = GeneratedLog(meetings: meetings)
        #expect(log.header == CalendarGenerator.columnNames)
        #expect(log.rows.count == meetings)
        #expect(log.rows.allSatisfy { $0.count == CalendarGenerator.columnNames.count })
    }

    @Test("meetings are in chronological order, on 15-minute marks, mostly on weekdays, inside the semesters")
    func chronology() throws {
        let log = GeneratedLog(meetings: 3000, seed: 3)
        var previous = ""
        var weekend = 0
        for row in log.rows {
            let key = row[0] + " " + row[1]
            #expect(previous <= key, "\(key) comes after \(previous)")
            previous = key
            let date = try #require(CivilDate.parse(row[0][...]))
            let start = try #require(ClockTime.parse(row[1][...]))
            let end = try #require(ClockTime.parse(row[2][...]))
            #expect(start % 15 == 0 && end % 15 == 0 && end > start)
            if date.weekday >= 5 { weekend += 1 }
            #expect(CalendarSlots.semester(of: date).hasPrefix("summer") == false)
        }
        #expect(weekend > 0 && weekend < log.rows.count / 50)
        #expect(log.rows.first?[0] == "2023-09-04")
        #expect(try #require(log.rows.last?[0]) <= "2025-05-04")
    }

    @Test("every semester starts on a Monday, and the second year starts at the middle row")
    func semesters() throws {
        for semester in CalendarGenerator.semesters { #expect(semester.start.weekday == 0) }
        let log = GeneratedLog(meetings: 2000)
        let dates = log.column("date")
        #expect(dates[999] < "2024-09-02" && dates[1000] >= "2024-09-02")
    }

    @Test("attendee cells are missing at about the configured rate, other cells never", arguments: [0.0, 0.05, 0.2])
    func missingRate(rate: Double) {
        let log = GeneratedLog(meetings: 4000, seed: 11, missingRate: rate)
        let attendeeColumns = [
            "attendee", "attendee_position", "attendee_department", "attendee_group", "attendee_known",
        ]
        let cells = attendeeColumns.flatMap { log.column($0) }
        let observed = Double(cells.filter { $0 == "?" }.count) / Double(cells.count)
        #expect(abs(observed - rate) < 0.01, "observed \(observed), configured \(rate)")
        let others = CalendarGenerator.columnNames.filter { !attendeeColumns.contains($0) }.flatMap { log.column($0) }
        #expect(!others.contains("?") && !others.contains(""))
    }

    @Test("label noise changes labels only, about at its rate, and a higher rate flips a superset")
    func labelNoise() {
        let logs = [0, 0.1, 0.3].map { GeneratedLog(meetings: 3000, seed: 5, labelNoise: $0) }
        // Noise may move a meeting within its week, so compare multisets of rows.
        func rows(_ log: GeneratedLog, _ columns: [String]) -> [String: Int] {
            let values = columns.map { log.column($0) }
            return Dictionary(
                log.rows.indices.map { i in (values.map { $0[i] }.joined(separator: ","), 1) }, uniquingKeysWith: +)
        }
        func changed(_ a: [String: Int], _ b: [String: Int]) -> Int {
            a.reduce(0) { $0 + max(0, $1.value - (b[$1.key] ?? 0)) }
        }
        let inputs = ["event_type", "attendee", "attendee_position", "attendee_group", "num_attendees"]
        #expect(rows(logs[0], inputs) == rows(logs[1], inputs))
        #expect(rows(logs[0], inputs) == rows(logs[2], inputs))
        let located = logs.map { rows($0, inputs + ["location"]) }
        let flips = changed(located[0], located[1])
        let moreFlips = changed(located[0], located[2])
        // A flip draws the true room again about one time in ten.
        #expect(flips > 220 && flips < 320, "\(flips) of 3000 locations changed at 10% noise")
        #expect(moreFlips > 700 && moreFlips < 950, "\(moreFlips) of 3000 locations changed at 30% noise")
        #expect(changed(located[1], located[2]) <= moreFlips - flips + 30)
    }

    @Test("without noise the fixed rules hold exactly")
    func rulesWithoutNoise() throws {
        let log = GeneratedLog(meetings: 2000, seed: 2, labelNoise: 0, missingRate: 0)
        for row in log.rows where row[4] == "class" {
            let day = try #require(CivilDate.parse(row[0][...])).weekday
            #expect(row[1] == "10:30" && row[2] == "11:45" && row[3] == "dh-2210" && (day == 1 || day == 3))
        }
        for row in log.rows where row[4] == "interview" {
            #expect(row[3] == "weh-4623" && row[8] == "faculty-search" && row[9] != "yes")
        }
        let advising = log.rows.filter { $0[4] == "advising" }
        #expect(!advising.isEmpty && advising.allSatisfy { $0[3] == "weh-5309" })
    }

    @Test("the new academic year moves the seminar and the ML lab")
    func drift() throws {
        let log = GeneratedLog(meetings: 2000, seed: 1)
        let half = log.rows.count / 2
        func share(_ rows: ArraySlice<[String]>, event: String, group: String? = nil, room: String) -> Double {
            let matching = rows.filter { $0[4] == event && (group == nil || $0[8] == group) }
            return Double(matching.filter { $0[3] == room }.count) / Double(max(matching.count, 1))
        }
        let before = log.rows[..<half]
        let after = log.rows[half...]
        #expect(share(before, event: "seminar", room: "weh-7500") > 0.8)
        #expect(share(after, event: "seminar", room: "weh-7500") < 0.1)
        #expect(share(after, event: "seminar", room: "ghc-6115") > 0.8)
        #expect(share(before, event: "meeting", group: "ml-lab", room: "nsh-1305") > 0.6)
        #expect(share(after, event: "meeting", group: "ml-lab", room: "nsh-1305") < 0.1)
        let seminarDays = try after.filter { $0[4] == "seminar" }.map {
            try #require(CivilDate.parse($0[0][...])).weekday
        }
        #expect(seminarDays.filter { $0 == 4 }.count > seminarDays.count * 8 / 10)
    }

    @Test("values unseen in the first year appear in the second")
    func newValues() {
        let log = GeneratedLog(meetings: 2000, seed: 1)
        let half = log.rows.count / 2
        for (column, value) in [(4, "defense"), (8, "vision-lab"), (7, "psych"), (5, "haddad")] {
            #expect(!log.rows[..<half].contains { $0[column] == value }, "\(value) before the drift")
            #expect(log.rows[half...].contains { $0[column] == value }, "\(value) never appears")
        }
    }

    @Test("an attendee is known from their second meeting on")
    func knownAfterFirstMeeting() {
        let log = GeneratedLog(meetings: 2000, seed: 4, missingRate: 0)
        var seen = Set<String>()
        for row in log.rows where row[8] == "faculty-search" || row[5] == "haddad" {
            #expect(row[9] == (seen.contains(row[5]) ? "yes" : "no"), "\(row[5]) on \(row[0])")
            seen.insert(row[5])
        }
        #expect(!seen.isEmpty)
    }

    @Test("bad configurations are usage errors")
    func validation() throws {
        try CalendarGenerator.Configuration().validate()
        for bad in [
            CalendarGenerator.Configuration(meetings: -1), .init(labelNoise: 1.5), .init(missingRate: -0.1),
            .init(labelNoise: .nan),
        ] {
            #expect(throws: MTLError.self) { try bad.validate() }
        }
        let error = try #require(throws: MTLError.self) { try CalendarGenerator.Configuration(missingRate: 2).validate() }
        #expect(error.kind == .usage && error.message.contains("missing rate"))
    }
}
