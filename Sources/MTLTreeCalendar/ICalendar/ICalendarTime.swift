import MTLTreeKit

/// A wall-clock date and time with no zone: days and seconds since
/// 1970-01-01T00:00:00 of some clock, so that comparing and adding are
/// integer operations.
struct LocalTime: Sendable, Comparable, Hashable {
    /// Seconds since 1970-01-01T00:00:00 on this clock.
    var seconds: Int

    init(seconds: Int) { self.seconds = seconds }

    init(date: CivilDate, secondOfDay: Int) {
        seconds = date.daysSinceEpoch * 86_400 + secondOfDay
    }

    /// The civil date.
    var date: CivilDate { CivilDate(daysSinceEpoch: Self.floorDiv(seconds, 86_400)) }
    /// Seconds after midnight, 0 ..< 86 400.
    var secondOfDay: Int { seconds - Self.floorDiv(seconds, 86_400) * 86_400 }

    static func < (a: LocalTime, b: LocalTime) -> Bool { a.seconds < b.seconds }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

/// A DATE or DATE-TIME value as an iCalendar file writes it (RFC 5545 §3.3.4, §3.3.5).
enum ICalendarTime: Sendable, Equatable {
    /// A whole day (`VALUE=DATE`): an all-day event.
    case date(CivilDate)
    /// A local time with no zone: the same wall-clock time wherever the reader is.
    case floating(LocalTime)
    /// An instant, seconds since the Unix epoch (`…Z`).
    case utc(Int)
    /// A local time in the zone named by `TZID`.
    case zoned(LocalTime, zone: String)

    /// Parses a property's value, its `VALUE` and `TZID` parameters deciding the form.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at the property's line for a malformed value.
    static func parse(_ property: ContentLine, path: String) throws(MTLError) -> ICalendarTime {
        try parse(property.value, property: property, path: path)
    }

    /// Parses one value (an item of an `EXDATE` or `RDATE` list) of `property`.
    static func parse(_ text: String, property: ContentLine, path: String) throws(MTLError) -> ICalendarTime {
        let bytes = Array(text.utf8)
        func bad() -> MTLError {
            MTLError(
                .badData,
                "bad date '\(text)' in \(property.name): expected YYYYMMDD or YYYYMMDDTHHMMSS, optionally ending in Z",
                file: path, line: property.line)
        }
        func number(_ range: Range<Int>) throws(MTLError) -> Int {
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw bad() }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard bytes.count >= 8 else { throw bad() }
        guard let date = CivilDate(year: try number(0..<4), month: try number(4..<6), day: try number(6..<8)) else {
            throw bad()
        }
        if bytes.count == 8 { return .date(date) }
        guard bytes.count == 15 || (bytes.count == 16 && (bytes[15] == UInt8(ascii: "Z") || bytes[15] == UInt8(ascii: "z"))),
            bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t")
        else { throw bad() }
        let hour = try number(9..<11), minute = try number(11..<13), second = try number(13..<15)
        guard hour < 24, minute < 60, second <= 60 else { throw bad() }
        // A leap second (60) is read as 59: calendars never schedule at one.
        let local = LocalTime(date: date, secondOfDay: hour * 3600 + minute * 60 + min(second, 59))
        if bytes.count == 16 { return .utc(local.seconds) }
        if let zone = property.parameter("TZID") { return .zoned(local, zone: zone) }
        return .floating(local)
    }

    /// Parses a DURATION value (RFC 5545 §3.3.6) into seconds: `P1W`,
    /// `PT1H30M`, `P1DT2H`, `-PT15M`. A day is 86 400 seconds.
    ///
    /// - Throws: ``MTLError`` (`.badData`) at `line` for a malformed value.
    static func parseDuration(_ text: String, line: Int, path: String) throws(MTLError) -> Int {
        func bad() -> MTLError {
            MTLError(
                .badData, "bad duration '\(text)': expected a form like PT1H30M, P1D or P2W", file: path, line: line)
        }
        var chars = Substring(text.uppercased())
        var sign = 1
        if chars.first == "+" || chars.first == "-" {
            if chars.first == "-" { sign = -1 }
            chars = chars.dropFirst()
        }
        guard chars.first == "P" else { throw bad() }
        chars = chars.dropFirst()
        var total = 0
        var number: Int?
        var inTime = false
        var units = 0
        for c in chars {
            if let digit = c.wholeNumberValue, c.isASCII {
                number = (number ?? 0) * 10 + digit
                guard number! < 1_000_000_000 else { throw bad() }
                continue
            }
            if c == "T" {
                guard number == nil, !inTime else { throw bad() }
                inTime = true
                continue
            }
            guard let n = number else { throw bad() }
            switch (c, inTime) {
            case ("W", false): total += n * 7 * 86_400
            case ("D", false): total += n * 86_400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: throw bad()
            }
            number = nil
            units += 1
        }
        guard number == nil, units > 0 else { throw bad() }
        return sign * total
    }

    /// Parses a UTC offset `±HHMM` or `±HHMMSS` (TZOFFSETFROM, TZOFFSETTO) into seconds.
    static func parseOffset(_ text: String, line: Int, path: String) throws(MTLError) -> Int {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            bytes.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else {
            throw MTLError(.badData, "bad UTC offset '\(text)': expected +HHMM or -HHMM", file: path, line: line)
        }
        let digits = bytes.dropFirst().map { Int($0 - 0x30) }
        var seconds = (digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60
        if digits.count == 6 { seconds += digits[4] * 10 + digits[5] }
        return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
    }
}
