import Foundation
import Testing

@testable import MTLTreeKit

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

/// Helpers shared by the calendar test files.
enum CalendarTestSupport {
    /// The package root, found by walking up from this file to `Package.swift`.
    static func packageRoot(from file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The ``MTLError`` that `body` throws, if any.
    static func error(_ body: () throws -> Void) -> MTLError? {
        do { try body() } catch let error as MTLError { return error } catch { return nil }
        return nil
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
        let path = CalendarTestSupport.packageRoot().appendingPathComponent("Fixtures/calendar/meetings.csv").path
        let committed = try #require(FileManager.default.contents(atPath: path), "missing \(path)")
        let generated = CalendarGenerator(configuration: .init(meetings: 2000, seed: 1)).csv()
        #expect(Array(generated.utf8) == Array(committed))
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
        let attendeeColumns = ["attendee", "attendee_position", "attendee_department", "attendee_group", "attendee_known"]
        let cells = attendeeColumns.flatMap { log.column($0) }
        let observed = Double(cells.filter { $0 == "?" }.count) / Double(cells.count)
        #expect(abs(observed - rate) < 0.01, "observed \(observed), configured \(rate)")
        let others = CalendarGenerator.columnNames.filter { !attendeeColumns.contains($0) }.flatMap { log.column($0) }
        #expect(!others.contains("?") && !others.contains(""))
    }

    @Test("label noise changes labels only, about at its rate, and a higher rate flips a superset")
    func labelNoise() {
        let clean = GeneratedLog(meetings: 3000, seed: 5, labelNoise: 0)
        let noisy = GeneratedLog(meetings: 3000, seed: 5, labelNoise: 0.1)
        let noisier = GeneratedLog(meetings: 3000, seed: 5, labelNoise: 0.3)
        // Noise can move a meeting within its week, so compare the multiset of inputs.
        let inputs = ["event_type", "attendee", "attendee_group", "num_attendees"]
        func inputRows(_ log: GeneratedLog) -> [String] {
            log.rows.indices.map { i in inputs.map { log.column($0)[i] }.joined(separator: ",") }.sorted()
        }
        #expect(inputRows(clean) == inputRows(noisy))
        let cleanRooms = clean.column("location"), noisyRooms = noisy.column("location")
        let noisierRooms = noisier.column("location")
        let changed = zip(cleanRooms, noisyRooms).filter { $0 != $1 }.count
        let changedMore = zip(cleanRooms, noisierRooms).filter { $0 != $1 }.count
        // A flip may draw the true room again, and a moved meeting changes row, so allow slack.
        #expect(changed > 100 && changed < 600, "\(changed) of 3000 locations changed")
        #expect(changedMore > changed)
    }

    @Test("without noise the fixed rules hold exactly")
    func rulesWithoutNoise() throws {
        let log = GeneratedLog(meetings: 2000, seed: 2, labelNoise: 0)
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
        let before = log.rows[..<half], after = log.rows[half...]
        #expect(share(before, event: "seminar", room: "weh-7500") > 0.8)
        #expect(share(after, event: "seminar", room: "weh-7500") < 0.1)
        #expect(share(after, event: "seminar", room: "ghc-6115") > 0.8)
        #expect(share(before, event: "meeting", group: "ml-lab", room: "nsh-1305") > 0.6)
        #expect(share(after, event: "meeting", group: "ml-lab", room: "nsh-1305") < 0.1)
        let seminarDays = try after.filter { $0[4] == "seminar" }.map { try #require(CivilDate.parse($0[0][...])).weekday }
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
            CalendarGenerator.Configuration(meetings: -1), .init(labelNoise: 1.5), .init(missingRate: -0.1), .init(labelNoise: .nan),
        ] {
            #expect(throws: MTLError.self) { try bad.validate() }
        }
        let error = try #require(CalendarTestSupport.error(CalendarGenerator.Configuration(missingRate: 2).validate))
        #expect(error.kind == .usage && error.message.contains("missing rate"))
    }
}
