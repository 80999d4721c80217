// libFuzzer entry point: the input as a CSV data file.
@testable import MTLTreeKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzReader(data, size, format: .csv, suffix: ".csv")
    return 0
}
