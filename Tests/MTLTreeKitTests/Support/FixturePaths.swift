import Foundation
import MTLTreeKit

/// Where the repository's `Fixtures/` folder is, found from this source
/// file's path, so tests run from any working directory; and scratch files
/// for tests that write their input inline.
enum FixturePaths {
    /// The repository's `Fixtures/` folder.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // MTLTreeKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The path of a real dataset under `Fixtures/data/`.
    static func data(_ name: String) -> String {
        root.appendingPathComponent("data").appendingPathComponent(name).path
    }

    /// The path of a malformed file under `Fixtures/bad/`.
    static func bad(_ name: String) -> String {
        root.appendingPathComponent("bad").appendingPathComponent(name).path
    }

    /// Writes `bytes` to a new file named `name` in a fresh temporary folder
    /// and returns its path; the folder is unique, so parallel tests never clash.
    static func scratch(_ name: String, bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("mtltree-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` (UTF-8) to a scratch file named `name`; see ``scratch(_:bytes:)``.
    static func scratch(_ name: String, _ text: String) throws -> String {
        try scratch(name, bytes: Array(text.utf8))
    }
}

extension Dataset {
    /// Whether `other` has the same name, columns, roles, values and weights,
    /// counting two missing numbers (NaN) as equal, which `==` does not.
    func isIdentical(to other: Dataset) -> Bool {
        guard name == other.name, mainTask == other.mainTask, weights == other.weights,
            columns.count == other.columns.count
        else { return false }
        return zip(columns, other.columns).allSatisfy { a, b in
            guard a.name == b.name, a.role == b.role else { return false }
            switch (a.storage, b.storage) {
            case (.nominal(let x), .nominal(let y)): return x == y
            case (.numeric(let x), .numeric(let y)): return x.map(\.bitPattern) == y.map(\.bitPattern)
            default: return false
            }
        }
    }
}
