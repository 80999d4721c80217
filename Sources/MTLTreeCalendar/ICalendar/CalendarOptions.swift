import MTLTreeKit

/// How an iCalendar file becomes meetings: whose calendar it is, in which
/// time zone its times are read, what to do with all-day events, and how far
/// recurring series are expanded.
public struct CalendarOptions: Sendable {
    /// The calendar owner's time zone (an IANA name such as
    /// `America/New_York`, or a TZID the file defines); `nil` uses the
    /// file's `X-WR-TIMEZONE`, else the machine's zone. Time of day, day of
    /// week and semester are the owner's.
    public var timeZone: String?
    /// The owner's email address; `nil` picks the address that organises or
    /// attends the most events.
    public var owner: String?
    /// Whether all-day events are kept (with time of day missing) rather than skipped.
    public var keepAllDay: Bool
    /// The last day (`YYYY-MM-DD`, in the owner's zone) recurring series
    /// are expanded to; `nil` expands to the day of the last event that is
    /// not part of a series.
    public var until: String?
    /// Called once per file read with what was read and skipped.
    public var report: (@Sendable (CalendarReadReport) -> Void)?

    /// Creates calendar options; see the properties.
    public init(
        timeZone: String? = nil, owner: String? = nil, keepAllDay: Bool = false, until: String? = nil,
        report: (@Sendable (CalendarReadReport) -> Void)? = nil
    ) {
        self.timeZone = timeZone
        self.owner = owner
        self.keepAllDay = keepAllDay
        self.until = until
        self.report = report
    }

    /// The `until` day, checked.
    ///
    /// - Throws: ``MTLError`` (`.usage`) if it is not a real day written `YYYY-MM-DD`.
    func untilDate() throws(MTLError) -> CivilDate? {
        guard let until else { return nil }
        guard let date = CivilDate.parse(until[...]) else {
            throw MTLError(.usage, "the last day to expand series to must be a real day written YYYY-MM-DD, not '\(until)'")
        }
        return date
    }
}

/// What reading an iCalendar file found: the meetings kept and what was left out.
public struct CalendarReadReport: Sendable, Equatable {
    /// The file.
    public var path: String
    /// Meetings (rows), every instance of a series counted.
    public var meetings: Int
    /// Rows that are instances of a recurring series.
    public var recurringMeetings: Int
    /// All-day events (or instances) skipped.
    public var allDaySkipped: Int
    /// Cancelled events, series and instances skipped (a cancelled series counts once).
    public var cancelledSkipped: Int
    /// The owner's address, if one was given or found.
    public var owner: String?
    /// The owner's time zone.
    public var timeZone: String
    /// The last day series were expanded to, `YYYY-MM-DD`.
    public var expandedUntil: String?
}
