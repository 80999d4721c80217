// libFuzzer entry point: the input as a ARFF data file.
@testable import MTLTreeKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzReader(data, size, format: .arff, suffix: ".arff")
    return 0
}
