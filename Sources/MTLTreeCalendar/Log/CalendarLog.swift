import Foundation
import MTLTreeKit

/// The calendar meeting-log reader: a CSV of one user's meetings, turned into
/// the four tasks of Mitchell's Calendar Apprentice (CAP).
///
/// Reads the format that ``CalendarGenerator`` writes and `--calendar` (or
/// `--input-format calendar`) selects; `Fixtures/calendar/README.md`
/// describes it with an example.
public enum CalendarLog {
    /// The four derived tasks, the default tasks with `--calendar`.
    public static let taskNames = ["location", "time_of_day", "day_of_week", "duration"]

    /// The raw columns that the tasks replace; they are not inputs.
    static let rawNames: Set<String> = ["date", "start", "end", "duration", "location"]

    /// Reads a meeting log into a dataset whose tasks are a meeting's
    /// location, time of day, day of week and duration.
    ///
    /// The file is a CSV (read by the shared CSV reader, so `options`'
    /// delimiter, missing markers and value limit apply) with a header and
    /// one row per meeting, in chronological order. Expected columns:
    ///
    /// - `date`: `YYYY-MM-DD`.
    /// - `start`: `HH:MM`, 24-hour; a one-digit hour (`9:00`, as
    ///   spreadsheets write it) is read as `09:00`.
    /// - `end` (`HH:MM`, not before `start`) or `duration` (whole minutes,
    ///   0 or more), or both, which must then agree.
    /// - `location`: any text.
    /// - Any other columns describe the meeting and its attendees (e.g.
    ///   `event_type`, `attendee`, `attendee_position`,
    ///   `attendee_department`, `attendee_group`, `attendee_known`,
    ///   `num_attendees`). They become inputs as the CSV reader types them:
    ///   numeric if every known cell is a number, else nominal.
    ///
    /// The raw `date`, `start`, `end`, `duration` and `location` columns are
    /// replaced by derived columns, appended after the inputs:
    ///
    /// - `semester` (input): `spring-YYYY` for January–May, `summer-YYYY`
    ///   for June–August, `fall-YYYY` for September–December; it tells when,
    ///   not what, and lets a tree notice a new semester's rules. Not added
    ///   if the file has a `semester` column of its own.
    /// - `location` (task): the location's exact text.
    /// - `time_of_day` (task): the start's slot, `early` (before 09:00),
    ///   `morning` (09:00–11:59), `midday` (12:00–13:59), `afternoon`
    ///   (14:00–16:59) or `late` (from 17:00).
    /// - `day_of_week` (task): `mon` … `sun`, computed from the civil date
    ///   (proleptic Gregorian), independent of time zone and locale.
    /// - `duration` (task): minutes as text (`30`, `60`, `90`), from the
    ///   `duration` column, else `end` − `start`; classes in increasing order.
    ///
    /// `time_of_day` and `day_of_week` declare all their classes, in the
    /// order above, even those no meeting has. A missing raw cell gives a
    /// missing label (and a missing `semester` for a missing date). Rows keep
    /// their order. Then `options.roles` apply as for any file; with no
    /// tasks named, the tasks are ``taskNames`` less any ignored ones.
    ///
    /// - Parameters:
    ///   - path: The meeting log.
    ///   - options: CSV dialect, missing markers, value limit and roles;
    ///     `format` is not consulted.
    /// - Returns: The dataset, named after the file, its roles assigned.
    /// - Throws: ``MTLError``: `.usage` for an `.arff` file (ARFF is not a
    ///   meeting log); `.inputMissing` if the file cannot be read;
    ///   `.badData` for a missing required column, a column that clashes
    ///   with a derived one, or a bad date, time or duration (with the file,
    ///   line and column of the cell); `.usage` for a role naming no column.
    /// - Complexity: O(bytes in the file + rows × columns).
    public static func read(path: String, options: ReadOptions) throws -> Dataset {
        try read(path: path, options: options, calendar: CalendarOptions())
    }

    /// Reads a calendar: an iCalendar file (by its extension, `.ics`, or its
    /// first line, `BEGIN:VCALENDAR`) with ``readICalendar(path:options:calendar:)``,
    /// else a meeting log as ``read(path:options:)`` describes.
    ///
    /// - Parameters:
    ///   - path: The calendar.
    ///   - options: How to read it (see the two readers).
    ///   - calendar: The owner, zone, all-day choice and expansion bound (iCalendar only).
    /// - Returns: The dataset, its roles assigned.
    /// - Throws: ``MTLError`` as the two readers do.
    /// - Complexity: O(bytes in the file + rows × columns).
    public static func read(path: String, options: ReadOptions, calendar: CalendarOptions) throws -> Dataset {
        if isICalendar(path) { return try readICalendar(path: path, options: options, calendar: calendar) }
        if DataFormat.fileExtension(path) == "arff" {
            throw MTLError(
                .usage,
                "this is an ARFF file, but a calendar is read from a meeting log (CSV) or an iCalendar file; "
                    + "read it as ARFF, without the calendar format",
                file: path)
        }
        let raw = try loadRaw(path: path, options: options)
        let names = raw.columns.map(\.name)
        for required in ["date", "start", "location"] where !names.contains(required) {
            throw missingColumn(required, path: path)
        }
        guard names.contains("end") || names.contains("duration") else {
            throw missingColumn("end' or 'duration", path: path)
        }
        if let clash = names.first(where: { ["time_of_day", "day_of_week"].contains($0) }) {
            throw MTLError(
                .badData, "column '\(clash)' clashes with the task derived from date and start; rename it",
                file: path, line: 1)
        }

        let tasks = try deriveTasks(from: raw, path: path, options: options)
        var columns = raw.columns.filter { !rawNames.contains($0.name) }
        for i in columns.indices { columns[i].role = .input }
        if !names.contains("semester") {
            columns.append(Column(name: "semester", storage: .nominal(tasks.semester)))
        }
        columns += [
            Column(name: "location", storage: .nominal(tasks.location)),
            Column(name: "time_of_day", storage: .nominal(tasks.timeOfDay)),
            Column(name: "day_of_week", storage: .nominal(tasks.dayOfWeek)),
            Column(name: "duration", storage: .nominal(tasks.duration)),
        ]
        var dataset = try Dataset(name: raw.name, columns: columns)

        var roles = options.roles
        let gone: Set<String> = ["date", "start", "end"]
        roles.ignore.removeAll(where: gone.contains)
        roles.nominal.removeAll(where: gone.contains)
        if roles.tasks.isEmpty { roles.tasks = taskNames.filter { !roles.ignore.contains($0) } }
        try dataset.assignRoles(roles)
        return dataset
    }

    /// Whether `path` is an iCalendar file: by extension, or by a first line
    /// `BEGIN:VCALENDAR` (after a byte order mark and blank lines).
    static func isICalendar(_ path: String) -> Bool {
        if ["ics", "ical", "ifb", "icalendar"].contains(DataFormat.fileExtension(path)) { return true }
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = fread(&buffer, 1, 64, file)
        var text = String(decoding: buffer[0..<n], as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.drop(while: { $0.isWhitespace }).uppercased().hasPrefix("BEGIN:VCALENDAR")
    }

    /// The log as the CSV reader sees it: the raw fields as exact text,
    /// descriptive columns typed by inference, no roles yet.
    private static func loadRaw(path: String, options: ReadOptions) throws -> Dataset {
        var csv = options
        csv.format = .csv
        let derived = rawNames.union(taskNames).union(["semester"])
        // Only the descriptive columns exist in the raw file under these names;
        // ignored ones are exempt from the value limit, as in any CSV.
        csv.roles = RoleOptions(
            ignore: options.roles.ignore.filter { !derived.contains($0) },
            nominal: options.roles.nominal.filter { !derived.contains($0) })
        // Exact text for the raw fields (room `0101` stays `0101`), and for a
        // model's nominal inputs when the caller reads data to predict.
        csv.roles.nominalIfPresent = options.roles.nominalIfPresent.union(rawNames)
        return try Dataset.load(path: path, options: csv)
    }

    /// The error for a log without the required column `name`, on the header line.
    private static func missingColumn(_ name: String, path: String) -> MTLError {
        MTLError(
            .badData,
            "the meeting log has no '\(name)' column; expected columns date, start, end or duration, location, "
                + "and any columns describing the meeting",
            file: path, line: 1)
    }
}
