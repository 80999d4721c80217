import MTLTreeKit

extension DataFormat {
    /// One person's calendar: a meeting log (CSV) or an iCalendar file
    /// (`.ics`), read into the four tasks of the Calendar Apprentice by
    /// ``CalendarLog/read(path:options:)``.
    ///
    /// A `.ics` file is read as a calendar when no format is named; a meeting
    /// log has to be named (it is a CSV file).
    public static let calendar = DataFormat(name: "calendar", extensions: ["ics", "ical", "ifb", "icalendar"]) {
        path, options in
        try CalendarLog.read(path: path, options: options)
    }
}
