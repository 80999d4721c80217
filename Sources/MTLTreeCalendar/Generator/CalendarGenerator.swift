import MTLTreeKit

/// A synthetic meeting log in the style of Mitchell's Calendar Apprentice
/// (CAP): one faculty member's meetings over two academic years, with the
/// string-valued attendee attributes CAP learned from, missing cells, label
/// noise, and a change of rules with the new academic year.
///
/// The log is a CSV file that ``CalendarLog/read(path:options:)`` loads. Its
/// hidden rules make the four tasks (location, time of day, day of week,
/// duration) depend on shared attributes, so a multitask tree has something to
/// gain; they are listed in `Fixtures/calendar/README.md`.
///
/// Everything random comes from ``SplitMix64``: one seed gives the same bytes
/// on every platform. Label noise and missing cells draw from streams of their
/// own, so changing `labelNoise` or `missingRate` keeps the same meetings and
/// only changes which labels are flipped or which cells are blanked (a higher
/// rate flips or blanks a superset of what a lower one does; a flipped day or
/// start may move a meeting within its week).
///
/// ```swift
/// let text = CalendarGenerator(configuration: .init(meetings: 2000, seed: 1)).csv()
/// ```
public struct CalendarGenerator: Sendable {
    /// How big and how noisy a log to make.
    public struct Configuration: Sendable, Equatable {
        /// The number of meetings (rows).
        public var meetings: Int
        /// The seed of the ``SplitMix64`` streams.
        public var seed: UInt64
        /// The probability, per meeting and per task, that the label is
        /// replaced by a uniformly drawn value (which may equal the true one).
        public var labelNoise: Double
        /// The probability that each attendee cell (`attendee`,
        /// `attendee_position`, `attendee_department`, `attendee_group`,
        /// `attendee_known`) is written as missing (`?`).
        public var missingRate: Double

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - meetings: The number of rows, at least 0.
        ///   - seed: The random seed.
        ///   - labelNoise: Per-task label noise probability, in [0, 1].
        ///   - missingRate: Per-cell missing probability for attendee attributes, in [0, 1].
        public init(meetings: Int = 2000, seed: UInt64 = 1, labelNoise: Double = 0.05, missingRate: Double = 0.05) {
            self.meetings = meetings
            self.seed = seed
            self.labelNoise = labelNoise
            self.missingRate = missingRate
        }

        /// Checks the values a user may have typed.
        ///
        /// - Throws: ``MTLError`` (`.usage`) if `meetings` is negative or a rate is outside [0, 1].
        public func validate() throws {
            guard meetings >= 0 else {
                throw MTLError(.usage, "the number of meetings must be at least 0, not \(meetings)")
            }
            for (name, rate) in [("label noise", labelNoise), ("missing rate", missingRate)]
            where !(rate >= 0 && rate <= 1) {
                throw MTLError(.usage, "the \(name) must be between 0 and 1, not \(rate)")
            }
        }
    }

    /// The configuration this generator was made with.
    public var configuration: Configuration

    /// Creates a generator.
    ///
    /// - Parameter configuration: The size, seed and noise levels; see
    ///   ``Configuration/validate()`` for the valid ranges.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The columns of the log, in order.
    public static let columnNames = [
        "date", "start", "end", "location", "event_type", "attendee", "attendee_position",
        "attendee_department", "attendee_group", "attendee_known", "num_attendees",
    ]

    /// The CSV text of the log: a header line, then one line per meeting in
    /// chronological order, each ending in `\n`.
    ///
    /// Deterministic byte for byte for a configuration. Meeting *i* of *n*
    /// falls in semester week ⌊*i*·62/*n*⌋, so the change of rules (the
    /// second academic year) starts at row ⌈*n*/2⌉.
    ///
    /// - Precondition: The configuration is valid (``Configuration/validate()``).
    /// - Complexity: O(meetings × log meetings).
    public func csv() -> String {
        var text = Self.columnNames.joined(separator: ",") + "\n"
        for row in rows() {
            let times = [row.date.description, ClockTime.format(row.start), ClockTime.format(row.start + row.duration)]
            let fields = times + [row.location, row.event] + row.attendee + [String(row.attendees)]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// One meeting of the log as written: its day, start and length, and its descriptive cells.
    struct LogRow: Sendable {
        var date: CivilDate
        /// Minutes after midnight.
        var start: Int
        /// Minutes.
        var duration: Int
        var location: String
        var event: String
        /// `attendee`, `attendee_position`, `attendee_department`, `attendee_group`, `attendee_known`; `?` if missing.
        var attendee: [String]
        var attendees: Int
    }

    /// The log's meetings in chronological order, as ``csv()`` writes them.
    func rows() -> [LogRow] {
        let c = configuration
        precondition(c.meetings >= 0 && (0...1).contains(c.labelNoise) && (0...1).contains(c.missingRate))
        var rng = SplitMix64(seed: c.seed)
        var noise = SplitMix64(seed: c.seed ^ 0x6E6F_6973_655F_5F5F)  // "noise___"
        var blanks = SplitMix64(seed: c.seed ^ 0x6D69_7373_696E_6721)  // "missing!"
        var cast = Cast()
        var plan = WeekPlan()
        var meetings: [Meeting] = []
        meetings.reserveCapacity(c.meetings)
        for i in 0..<c.meetings {
            let week = i * Self.weeksPerYear * 2 / c.meetings
            if i > 0, week != meetings[i - 1].week { plan = WeekPlan() }
            var meeting = Self.drawMeeting(order: i, week: week, plan: &plan, cast: &cast, rng: &rng)
            Self.addNoise(to: &meeting, rate: c.labelNoise, year2: week >= Self.weeksPerYear, rng: &noise)
            meeting.blanks = (0..<5).map { _ in Self.chance(c.missingRate, &blanks) }
            meetings.append(meeting)
        }
        meetings.sort { ($0.week, $0.weekday, $0.start, $0.order) < ($1.week, $1.weekday, $1.start, $1.order) }

        var rows: [LogRow] = []
        rows.reserveCapacity(meetings.count)
        var met = Set<String>()
        for m in meetings {
            let date = CivilDate(daysSinceEpoch: Self.firstDay(ofWeek: m.week) + m.weekday)
            let who = m.attendee
            let known = who.knownAtStart || met.contains(who.name)
            met.insert(who.name)
            var attendee = [who.name, who.position, who.department, who.group, known ? "yes" : "no"]
            for i in attendee.indices where m.blanks[i] { attendee[i] = "?" }
            rows.append(LogRow(
                date: date, start: m.start, duration: m.duration, location: m.location, event: m.event,
                attendee: attendee, attendees: m.attendees))
        }
        return rows
    }

    /// Teaching weeks per academic year: a 15-week fall and a 16-week spring semester.
    static let weeksPerYear = 31

    /// The Monday each semester starts, and its length in weeks: fall 2023
    /// to spring 2025. The second academic year (fall 2024) brings the drift.
    static let semesters: [(start: CivilDate, weeks: Int)] = [
        (CivilDate(uncheckedYear: 2023, month: 9, day: 4), 15),
        (CivilDate(uncheckedYear: 2024, month: 1, day: 15), 16),
        (CivilDate(uncheckedYear: 2024, month: 9, day: 2), 15),
        (CivilDate(uncheckedYear: 2025, month: 1, day: 13), 16),
    ]

    /// Days since 1970-01-01 of the Monday of semester week `week` (0-based, over both years).
    static func firstDay(ofWeek week: Int) -> Int {
        var rest = week
        for semester in semesters {
            if rest < semester.weeks { return semester.start.daysSinceEpoch + 7 * rest }
            rest -= semester.weeks
        }
        preconditionFailure("week \(week) is past the last semester")
    }

    /// Rooms a noisy location is drawn from: every room the rules use that year.
    static func rooms(year2: Bool) -> [String] {
        ["weh-5309", "weh-4623", "dh-2210", "wh-600", "nsh-3305", "faculty-club", "skibo-cafe"]
            + (year2 ? ["ghc-6115", "ghc-8102", "nsh-4201"] : ["weh-7500", "nsh-1305"])
    }
    /// Durations a noisy duration is drawn from, in minutes.
    static let durations = [15, 30, 45, 60, 75, 90, 120]

    /// Replaces each of the four labels, with probability `rate`, by a uniform
    /// draw: a room in use that year, a start from 08:00 to 18:00 in steps of
    /// 15 minutes, a weekday, a duration. Draws the same numbers whatever `rate` is.
    static func addNoise(to meeting: inout Meeting, rate: Double, year2: Bool, rng: inout SplitMix64) {
        let flip = (0..<4).map { _ in chance(rate, &rng) }
        let rooms = rooms(year2: year2)
        let room = rooms[rng.nextInt(below: rooms.count)]
        let start = 8 * 60 + 15 * rng.nextInt(below: 41)
        let weekday = rng.nextInt(below: 5)
        let duration = durations[rng.nextInt(below: durations.count)]
        if flip[0] { meeting.location = room }
        if flip[1] { meeting.start = start }
        if flip[2] { meeting.weekday = weekday }
        if flip[3] { meeting.duration = duration }
    }
}

extension CivilDate {
    /// A date known to be valid (a constant in the source).
    init(uncheckedYear year: Int, month: Int, day: Int) {
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("\(year)-\(month)-\(day) is not a date")
        }
        self = date
    }
}
