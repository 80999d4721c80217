// libFuzzer entry point: the input as a model file.
@testable import MTLTreeKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    withInputFile(data, size, suffix: ".json") { path in
        do {
            let model = try TreeModel.read(path: path)
            // A model that loads is used as print and predict use it, on data with its columns, all missing.
            let columns = model.trees[0].schema.attributes.map { a in
                Column(name: a.name, storage: a.type == .numeric ? .numeric([.nan, 0, 1]) : .nominal(NominalColumn(codes: [-1, 0, -1], values: a.values.isEmpty ? ["?"] : [a.values[0]])))
            }
            let data = try? Dataset(name: "fuzz", columns: columns)
            checkModel(model, predicting: data)
        } catch {
            checkError(error)
        }
    }
    return 0
}
