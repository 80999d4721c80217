/// How the calendar log turns a meeting's raw date and times into classes:
/// the time-of-day slots, the day names and the semester of a date.
///
/// Kept in one place so that the loader, the generator and the documentation
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
