import MTLTreeKit

/// Deriving the calendar tasks from the raw date, time and location cells,
/// and pointing at the cell when one is malformed. The classes themselves
/// (slots, day names, semesters) are defined by ``CalendarSlots`` below.
extension CalendarLog {
    /// The derived columns, one code per row.
    struct DerivedColumns {
        var semester: NominalColumn
        var location: NominalColumn
        var timeOfDay: NominalColumn
        var dayOfWeek: NominalColumn
        var duration: NominalColumn
    }

    /// A malformed raw cell: the column it is in and what is wrong.
    struct CellProblem: Error {
        var column: String
        var message: String
    }

    /// Derives every row's semester and task labels.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the first malformed cell, in row order.
    static func deriveTasks(from raw: Dataset, path: String, options: ReadOptions) throws -> DerivedColumns {
        let rows = raw.rowCount
        let cells = RawCells(date: raw["date"], start: raw["start"], end: raw["end"], duration: raw["duration"])
        var semesters = FirstSeenCodes()
        var semesterCodes = [Int32](repeating: NominalColumn.missing, count: rows)
        var slots = [Int32](repeating: NominalColumn.missing, count: rows)
        var days = [Int32](repeating: NominalColumn.missing, count: rows)
        var minutes = [Int?](repeating: nil, count: rows)
        for row in 0..<rows {
            do throws(CellProblem) {
                let meeting = try cells.parse(row: row)
                if let date = meeting.date {
                    days[row] = Int32(date.weekday)
                    semesterCodes[row] = semesters.code(CalendarSlots.semester(of: date))
                }
                if let start = meeting.start { slots[row] = Int32(CalendarSlots.timeSlot(startingAt: start)) }
                minutes[row] = meeting.duration
            } catch {
                throw locate(error, row: row, in: raw, path: path, options: options)
            }
        }
        let distinct = Set(minutes.compactMap { $0 }).sorted()
        var durationCode = [Int: Int32]()
        for (code, value) in distinct.enumerated() { durationCode[value] = Int32(code) }
        let location =
            raw["location"]?.nominal
            ?? NominalColumn(codes: [Int32](repeating: NominalColumn.missing, count: rows), values: [])
        return DerivedColumns(
            semester: NominalColumn(codes: semesterCodes, values: semesters.values),
            location: location,
            timeOfDay: NominalColumn(codes: slots, values: CalendarSlots.timeSlotNames),
            dayOfWeek: NominalColumn(codes: days, values: CalendarSlots.dayNames),
            duration: NominalColumn(
                codes: minutes.map { $0.flatMap { durationCode[$0] } ?? NominalColumn.missing },
                values: distinct.map(String.init)))
    }

    /// The raw columns a meeting's times come from; `nil` if the file has none.
    struct RawCells {
        var date: Column?
        var start: Column?
        var end: Column?
        var duration: Column?

        /// A row's date, start and duration, each `nil` where the cells are missing.
        func parse(row: Int) throws(CellProblem) -> (date: CivilDate?, start: Int?, duration: Int?) {
            func text(_ column: Column?) -> Substring? { column?.text(atRow: row).map { $0[...] } }
            var day: CivilDate?
            if let cell = text(date) {
                guard let parsed = CivilDate.parse(cell) else {
                    throw CellProblem(
                        column: "date", message: "bad date '\(cell)': expected a real day written YYYY-MM-DD")
                }
                day = parsed
            }
            func time(_ column: Column?) throws(CellProblem) -> Int? {
                guard let column, let cell = text(column) else { return nil }
                guard let minutes = ClockTime.parse(cell) else {
                    throw CellProblem(
                        column: column.name,
                        message: "bad time '\(cell)' in column '\(column.name)': expected HH:MM from 00:00 to 23:59")
                }
                return minutes
            }
            let from = try time(start)
            let to = try time(end)
            var span: Int?
            if let from, let to {
                guard to >= from else {
                    throw CellProblem(
                        column: "end",
                        message:
                            "the meeting ends (\(ClockTime.format(to))) before it starts (\(ClockTime.format(from)))")
                }
                span = to - from
            }
            guard let cell = text(duration) else { return (day, from, span) }
            guard let minutes = CivilDate.digits(cell) else {
                throw CellProblem(
                    column: "duration", message: "bad duration '\(cell)': expected whole minutes, 0 or more")
            }
            if let span, span != minutes {
                throw CellProblem(
                    column: "duration", message: "duration \(minutes) disagrees with end − start (\(span) minutes)")
            }
            return (day, from, minutes)
        }
    }

    /// `problem` as an error at its cell: the file, line and column where
    /// the row's field starts, found by reading the file again up to that
    /// row (errors are rare, so the common path keeps no positions).
    static func locate(_ problem: CellProblem, row: Int, in raw: Dataset, path: String, options: ReadOptions)
        -> MTLError
    {
        let fallback = MTLError(.badData, problem.message + " (data row \(row + 1))", file: path)
        guard let field = raw.columnIndex(named: problem.column),
            let delimiter = try? Dataset.csvDelimiter(for: path, options.delimiter)
        else { return fallback }
        return Dataset.csvCellError(problem.message, row: row, field: field, path: path, delimiter: delimiter) ?? fallback
    }
}

extension CalendarLog {
    /// Codes for values in first-seen order.
    struct FirstSeenCodes {
        private(set) var values: [String] = []
        private var codes: [String: Int32] = [:]

        /// The code of `value`, adding it if new.
        mutating func code(_ value: String) -> Int32 {
            if let code = codes[value] { return code }
            let code = Int32(values.count)
            values.append(value)
            codes[value] = code
            return code
        }
    }
}

/// How the calendar log turns a meeting's raw date and times into classes:
/// the time-of-day slots, the day names and the semester of a date.
///
/// Kept in one place so that the loader, its tests and the documentation
/// (`Fixtures/calendar/README.md`) agree.
enum CalendarSlots {
    /// The day-of-week classes, Monday first, in the order the task declares them.
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// The time-of-day classes in the order the task declares them, each with
    /// the first minute after midnight that belongs to it.
    ///
    /// A meeting starting before 09:00 is `early`, 09:00–11:59 `morning`,
    /// 12:00–13:59 `midday`, 14:00–16:59 `afternoon`, from 17:00 on `late`.
    /// Coarser than CAP's half-hour start times, so that a two-year log has
    /// enough meetings in every class for a tree to learn from.
    static let timeSlots: [(name: String, from: Int)] = [
        ("early", 0),
        ("morning", 9 * 60),
        ("midday", 12 * 60),
        ("afternoon", 14 * 60),
        ("late", 17 * 60),
    ]

    /// The time-of-day class names, earliest first.
    static var timeSlotNames: [String] { timeSlots.map(\.name) }

    /// The index into ``timeSlots`` of a meeting starting `minutes` after midnight.
    static func timeSlot(startingAt minutes: Int) -> Int {
        var slot = 0
        for (i, s) in timeSlots.enumerated() where minutes >= s.from { slot = i }
        return slot
    }

    /// The academic term of a date: `spring-YYYY` (January–May),
    /// `summer-YYYY` (June–August) or `fall-YYYY` (September–December).
    ///
    /// An honest input: it says when a meeting happened, not what it was,
    /// and it lets a tree notice that the rules changed with a new semester.
    static func semester(of date: CivilDate) -> String {
        let term = date.month <= 5 ? "spring" : date.month <= 8 ? "summer" : "fall"
        return term + "-" + String(date.year)
    }
}
