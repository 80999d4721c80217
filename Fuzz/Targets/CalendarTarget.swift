// libFuzzer entry point: the input as a Calendar data file.
@testable import MTLTreeKit
import MTLTreeCalendar

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzReader(data, size, format: .calendar, suffix: ".csv")
    return 0
}
