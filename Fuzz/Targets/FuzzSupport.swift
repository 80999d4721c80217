// Shared by every fuzz target (compiled into each): the input as a file,
// the checks every outcome must pass, and training on what a reader accepted.
import Foundation
@testable import MTLTreeKit

/// A file in memory-backed storage, unique to this process, holding the input.
func withInputFile<T>(_ data: UnsafePointer<UInt8>, _ size: Int, suffix: String, _ body: (String) throws -> T) rethrows -> T {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/mtltree-fuzz-\(getpid())\(suffix)"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot create \(path)")
    var offset = 0
    while offset < size {
        let n = write(fd, data + offset, size - offset)
        precondition(n > 0, "cannot write \(path)")
        offset += n
    }
    close(fd)
    defer { unlink(path) }
    return try body(path)
}

/// An error must be the one-line kind the command line prints: a crash otherwise.
func checkError(_ error: any Error) {
    guard let error = error as? MTLError else { fatalError("not an MTLError: \(error)") }
    let text = error.description
    precondition(!text.contains("\n") && !text.contains("\r"), "multi-line error: \(text)")
    precondition(!text.isEmpty, "empty error")
}

/// What training writes must load (issue #18's finding 1): on data a reader
/// accepted, small enough to grow quickly, grow with the last nominal column
/// as the task, then write, read back, print and predict.
func checkTrainingRoundTrip(_ dataset: Dataset) {
    guard dataset.rowCount > 0, dataset.rowCount <= 300, dataset.columns.count <= 64 else { return }
    var data = dataset
    if data.taskIndices.isEmpty {
        guard let task = data.columns.lastIndex(where: { $0.type == .nominal }) else { return }
        let name = data.columns[task].name
        do {
            try data.assignRoles(RoleOptions(tasks: [name], main: name))
        } catch {
            checkError(error)
            return
        }
    }
    let tree: MultitaskTree
    do {
        tree = try TreeInducer(configuration: InductionConfiguration(minLeafWeight: 1, threads: 1)).fit(data).pruned(.default)
    } catch {
        checkError(error)
        return
    }
    checkModel(TreeModel(tree), predicting: data)
}

/// A model must write, read back unchanged, print in every format and predict.
func checkModel(_ model: TreeModel, predicting data: Dataset?) {
    let bytes = model.serialized()
    let again: TreeModel
    do {
        again = try TreeModel(json: JSONValue.parse(bytes))
    } catch {
        fatalError("a written model does not load: \(error)\n\(String(decoding: bytes.prefix(4000), as: UTF8.self))")
    }
    precondition(again == model, "a model changed on its way through its file")
    for tree in model.trees {
        for gains in [false, true] {
            guard let printer = try? TreePrinter(tree: tree, options: PrintOptions(maxDepth: 12, gains: gains)) else { continue }
            for format in PrintFormat.allCases { _ = printer.render(format) }
        }
    }
    if let data {
        do {
            let predictions = try again.predict(data)
            for p in predictions.probabilities { precondition(p.allSatisfy { $0 >= 0 && $0 <= 1 + 1e-9 }, "a probability outside [0, 1]") }
        } catch {
            checkError(error)
        }
    }
}

/// Reads the input as a data file of `format` and checks what follows.
func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int, format: DataFormat, suffix: String) {
    withInputFile(data, size, suffix: suffix) { path in
        // Small chunks put record boundaries across reads, as a large file does.
        let chunk = size > 0 ? [7, 64, 4096, 1 << 16][Int(data[0]) & 3] : 4096
        do {
            let dataset = try Dataset.load(path: path, options: ReadOptions(format: format, maxNominalValues: 512), chunkSize: chunk)
            checkTrainingRoundTrip(dataset)
        } catch {
            checkError(error)
        }
    }
}
