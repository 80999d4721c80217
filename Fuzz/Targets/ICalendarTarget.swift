// libFuzzer entry point: the input as an iCalendar (.ics) file, read by
// MTLTreeCalendar's reader (CalendarLog.readICalendar through the calendar
// format), in a fixed zone so runs do not depend on the machine's.
@testable import MTLTreeKit
import MTLTreeCalendar

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // The first byte also picks whether all-day events are kept (with time of day missing).
    let keepAllDay = size > 0 && data[0] & 4 != 0
    let options = CalendarOptions(timeZone: "UTC", keepAllDay: keepAllDay)
    fuzzReader(data, size, format: .calendar(options), suffix: ".ics")
    return 0
}
