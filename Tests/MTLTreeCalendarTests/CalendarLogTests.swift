import Foundation
import TestSupport
import Testing

@testable import MTLTreeCalendar
import MTLTreeKit

/// Writes `text` to a scratch file named `name` and reads it as a meeting log.
private func readLog(_ text: String, name: String = "log.csv", options: ReadOptions = ReadOptions()) throws -> Dataset {
    try CalendarLog.read(path: FixturePaths.scratch(name, text), options: options)
}

/// The error reading `text` as a meeting log throws.
private func readError(_ text: String, options: ReadOptions = ReadOptions()) throws -> MTLError {
    try #require(throws: MTLError.self) { try readLog(text, options: options) }
}

/// Each row's label (or `nil`) in column `name`.
private func labels(_ dataset: Dataset, _ name: String) -> [String?] {
    guard let column = dataset[name] else { return [] }
    return (0..<dataset.rowCount).map { column.text(atRow: $0) }
}

@Suite("Calendar log")
struct CalendarLogTests {
    @Test(
        "day of week from the civil date",
        arguments: [
            ("2024-01-01", "mon", 19723), ("2000-02-29", "tue", 11016), ("1970-01-01", "thu", 0),
            ("1969-12-31", "wed", -1), ("2000-01-01", "sat", 10957), ("1900-03-01", "thu", -25508),
            ("1600-02-29", "tue", -135081), ("2100-12-31", "fri", 47846),
        ])
    func dayOfWeek(date: String, day: String, daysSinceEpoch: Int) throws {
        let parsed = try #require(CivilDate.parse(date[...]))
        #expect(parsed.daysSinceEpoch == daysSinceEpoch)
        #expect(CalendarSlots.dayNames[parsed.weekday] == day)
        #expect(CivilDate(daysSinceEpoch: daysSinceEpoch) == parsed)
        #expect(parsed.description == date)
    }

    @Test("days since the epoch and civil dates round-trip over four centuries")
    func civilRoundTrip() {
        var previous = CivilDate(daysSinceEpoch: -146_098)
        for days in -146_097...146_097 {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days && previous < date)
            previous = date
        }
    }

    @Test(
        "impossible or misspelt dates are rejected",
        arguments: ["2024-13-40", "2023-02-29", "1900-02-29", "2024-00-10", "24-01-01", "2024-1-01", "2024/01/01", ""])
    func impossibleDates(text: String) {
        #expect(CivilDate.parse(text[...]) == nil)
    }

    @Test("an ARFF file is refused with a reason, not read as a CSV log")
    func arffIsRefused() throws {
        let path = try FixturePaths.scratch("w.arff", "@relation w\n@attribute a {x,y}\n@data\nx\n")
        let error = try #require(throws: MTLError.self) { try CalendarLog.read(path: path, options: ReadOptions()) }
        #expect(error.kind == .usage)
        #expect(error.description == "\(path): error: this is an ARFF file, but a calendar is read from a meeting log (CSV) or an iCalendar file; read it as ARFF, without the calendar format")
    }

    @Test("a one-digit hour is read as two: 9:00 is 09:00 (documented in the fixture's README)")
    func oneDigitHour() throws {
        let short = try readLog("date,start,end,location\n2024-01-01,9:00,9:30,a\n")
        let long = try readLog("date,start,end,location\n2024-01-01,09:00,09:30,a\n")
        #expect(labels(short, "time_of_day") == ["morning"] && labels(short, "duration") == ["30"])
        #expect(labels(short, "time_of_day") == labels(long, "time_of_day"))
    }

    @Test("clock times are HH:MM from 00:00 to 23:59")
    func clockTimes() {
        for bad in ["25:61", "24:00", "09:60", "9:5", "-1:00", "0900", "09:00:00", "", "ab:cd"] {
            #expect(ClockTime.parse(bad[...]) == nil, "\(bad)")
        }
        #expect(ClockTime.parse("9:05") == 545 && ClockTime.parse("00:00") == 0 && ClockTime.parse("23:59") == 1439)
        #expect(ClockTime.format(545) == "09:05")
    }

    @Test(
        "time-of-day slot boundaries",
        arguments: [
            ("00:00", "early"), ("08:59", "early"), ("09:00", "morning"), ("11:59", "morning"), ("12:00", "midday"),
            ("13:59", "midday"), ("14:00", "afternoon"), ("16:59", "afternoon"), ("17:00", "late"), ("23:59", "late"),
        ])
    func slots(time: String, slot: String) throws {
        let log = "date,start,duration,location\n2024-01-01,\(time),0,a\n"
        #expect(labels(try readLog(log), "time_of_day") == [slot])
    }

    @Test("the committed fixture loads with four default tasks, derived from its raw fields")
    func fixture() throws {
        let path = FixturePaths.root.appendingPathComponent("calendar/meetings.csv").path
        let dataset = try CalendarLog.read(path: path, options: ReadOptions(format: .calendar))
        #expect(dataset.rowCount == 2000 && dataset.name == "meetings")
        #expect(dataset.taskIndices.map { dataset.columns[$0].name } == CalendarLog.taskNames)
        #expect(
            dataset.inputIndices.map { dataset.columns[$0].name } == [
                "event_type", "attendee", "attendee_position", "attendee_department", "attendee_group",
                "attendee_known", "num_attendees", "semester",
            ])
        #expect(dataset["num_attendees"]?.type == .numeric && dataset["attendee_group"]?.type == .nominal)
        #expect(dataset["semester"]?.nominal?.values == ["fall-2023", "spring-2024", "fall-2024", "spring-2025"])
        #expect(dataset["attendee_known"]?.missingCount ?? 0 > 0)
        // Cross-check the derivations against the raw text.
        let raw = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        let rows = raw.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let days = labels(dataset, "day_of_week")
        let minutes = labels(dataset, "duration")
        for (i, row) in rows.enumerated() {
            let date = try #require(CivilDate.parse(row[0]))
            let (start, end) = (try #require(ClockTime.parse(row[1])), try #require(ClockTime.parse(row[2])))
            #expect(days[i] == CalendarSlots.dayNames[date.weekday])
            #expect(minutes[i] == String(end - start))
        }
        #expect(dataset["duration"]?.nominal?.values == ["15", "30", "45", "60", "75", "90", "120"])
    }

    @Test("duration from end − start, from a duration column, or from both when they agree")
    func durations() throws {
        let fromEnd = try readLog(
            "date,start,end,location\n2024-01-01,09:00,10:30,a\n2024-01-02,13:15,13:45,b\n2024-01-02,13:15,13:15,b\n")
        #expect(labels(fromEnd, "duration") == ["90", "30", "0"])
        #expect(fromEnd["duration"]?.nominal?.values == ["0", "30", "90"])
        let fromColumn = try readLog("date,start,duration,location\n2024-01-01,09:00,120,a\n2024-01-01,10:00,45,a\n")
        #expect(labels(fromColumn, "duration") == ["120", "45"])
        let both = try readLog(
            "date,start,end,duration,location\n2024-01-01,09:00,10:00,60,a\n2024-01-01,10:00,?,30,a\n")
        #expect(labels(both, "duration") == ["60", "30"])
    }

    @Test("missing raw cells give missing labels; descriptive columns keep their types")
    func missingCells() throws {
        let log = """
            date,start,end,location,event_type,num_attendees,room_code
            2024-01-01,09:00,,weh-5309,meeting,3,0101
            ,?,10:00,,seminar,?,0102
            2024-01-03,17:30,18:00,weh-4623,,12,0101

            """
        let dataset = try readLog(log)
        #expect(labels(dataset, "day_of_week") == ["mon", nil, "wed"])
        #expect(labels(dataset, "time_of_day") == ["morning", nil, "late"])
        #expect(labels(dataset, "duration") == [nil, nil, "30"])
        #expect(labels(dataset, "location") == ["weh-5309", nil, "weh-4623"])
        #expect(labels(dataset, "semester") == ["spring-2024", nil, "spring-2024"])
        #expect(dataset["num_attendees"]?.numeric?.count == 3 && dataset["room_code"]?.type == .numeric)
        #expect(dataset["time_of_day"]?.nominal?.values == ["early", "morning", "midday", "afternoon", "late"])
        #expect(dataset["day_of_week"]?.nominal?.values.count == 7)
        let rooms = try readLog("date,start,end,location\n2024-01-01,09:00,10:00,0101\n2024-01-01,11:00,12:00,2\n")
        #expect(labels(rooms, "location") == ["0101", "2"])
    }

    @Test("roles apply after the tasks are derived")
    func roles() throws {
        let log =
            "date,start,end,location,event_type,note\n2024-01-01,09:00,10:00,a,meeting,x\n2024-01-02,14:00,15:00,b,class,y\n"
        let main = try readLog(
            log, options: ReadOptions(roles: RoleOptions(main: "location", ignore: ["note", "date"])))
        #expect(main.mainTask.map { main.columns[$0].name } == "location")
        #expect(main.taskIndices.count == 4 && main["note"]?.role == .ignored)
        let two = try readLog(log, options: ReadOptions(roles: RoleOptions(tasks: ["day_of_week", "duration"])))
        #expect(two.taskIndices.map { two.columns[$0].name } == ["day_of_week", "duration"])
        #expect(two["location"]?.role == .input)
        let dropped = try readLog(log, options: ReadOptions(roles: RoleOptions(ignore: ["duration"])))
        #expect(dropped.taskIndices.map { dropped.columns[$0].name } == ["location", "time_of_day", "day_of_week"])
        let typo = try readError(log, options: ReadOptions(roles: RoleOptions(main: "locaton")))
        #expect(typo.kind == .usage && typo.message.contains("did you mean 'location'"))
        let unknown = try readError(log, options: ReadOptions(roles: RoleOptions(tasks: ["weather"])))
        #expect(unknown.kind == .usage && unknown.message.contains("no column named 'weather'"))
    }

    @Test(
        "bad input is bad data at the offending cell",
        arguments: [
            (
                "date,start,end,location\n2024-01-01,09:00,10:00,a\n2024-13-40,09:00,10:00,b\n", 3, 1,
                "bad date '2024-13-40'"
            ),
            ("date,start,end,location\n2023-02-29,09:00,10:00,a\n", 2, 1, "bad date '2023-02-29'"),
            ("date,start,end,location\n2024-01-01,25:61,10:00,a\n", 2, 12, "bad time '25:61' in column 'start'"),
            ("date,start,end,location\n2024-01-01,09:00,9h,a\n", 2, 18, "bad time '9h' in column 'end'"),
            ("date,start,end,location\n\n2024-01-01,10:00,09:00,a\n", 3, 18, "ends (09:00) before it starts (10:00)"),
            ("location,date,start,duration\na,2024-01-01,09:00,-15\n", 2, 20, "bad duration '-15'"),
            ("location,date,start,duration\na,2024-01-01,09:00,1.5\n", 2, 20, "bad duration '1.5'"),
            ("date,start,end,duration,location\n2024-01-01,09:00,10:00,45,a\n", 2, 24, "duration 45 disagrees"),
            (
                "date,start,end,location,note\n2024-01-01,09:00,10:00,a,\"two\nlines\"\n2024-01-01,09:00,08:00,a,x\n",
                4, 18, "before it starts"
            ),
        ])
    func badInput(log: String, line: Int, column: Int, message: String) throws {
        let error = try readError(log)
        #expect(error.kind == .badData)
        #expect(error.file?.hasSuffix("log.csv") == true)
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test(
        "a missing required column is bad data on the header line",
        arguments: [
            ("start,end,location\n09:00,10:00,a\n", "'date'"), ("date,end,location\n2024-01-01,10:00,a\n", "'start'"),
            ("date,start,end\n2024-01-01,09:00,10:00\n", "'location'"),
            ("date,start,location\n2024-01-01,09:00,a\n", "'end' or 'duration'"),
            ("date,start,end,location,time_of_day\n2024-01-01,09:00,10:00,a,x\n", "'time_of_day' clashes"),
        ])
    func missingColumn(log: String, message: String) throws {
        let error = try readError(log)
        #expect(error.kind == .badData && error.line == 1 && error.message.contains(message), "\(error)")
    }
}
