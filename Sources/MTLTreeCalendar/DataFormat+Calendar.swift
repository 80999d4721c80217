import MTLTreeKit

extension DataFormat {
    /// One person's calendar: a meeting log (CSV) or an iCalendar file
    /// (`.ics`), read into the four tasks of the Calendar Apprentice by
    /// ``CalendarLog/read(path:options:calendar:)`` with default calendar options.
    ///
    /// A `.ics` file is read as a calendar when no format is named; a meeting
    /// log has to be named (it is a CSV file).
    public static let calendar = calendar(CalendarOptions())

    /// The calendar format reading iCalendar files with `options` (the
    /// owner, time zone, all-day choice and expansion bound).
    ///
    /// - Parameter options: How an iCalendar file's events become meetings.
    /// - Returns: A format named `calendar`.
    public static func calendar(_ options: CalendarOptions) -> DataFormat {
        DataFormat(name: "calendar", extensions: ["ics", "ical", "ifb", "icalendar"]) { path, readOptions in
            try CalendarLog.read(path: path, options: readOptions, calendar: options)
        }
    }
}
