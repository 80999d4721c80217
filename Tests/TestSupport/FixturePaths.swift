import Foundation

/// Where the repository's `Fixtures/` folder is, found from this source
/// file's path, so tests run from any working directory; and scratch files
/// for tests that write their input inline. Shared by every test target.
public enum FixturePaths {
    /// The repository's `Fixtures/` folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The path of a real dataset under `Fixtures/data/`.
    public static func data(_ name: String) -> String {
        root.appendingPathComponent("data").appendingPathComponent(name).path
    }

    /// The path of a malformed file under `Fixtures/bad/`.
    public static func bad(_ name: String) -> String {
        root.appendingPathComponent("bad").appendingPathComponent(name).path
    }

    /// The path of a file under `Fixtures/calendar/`.
    public static func calendar(_ name: String) -> String {
        root.appendingPathComponent("calendar").appendingPathComponent(name).path
    }

    /// Writes `bytes` to a new file named `name` in a fresh temporary folder
    /// and returns its path; the folder is unique, so parallel tests never clash.
    public static func scratch(_ name: String, bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("mtltree-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` (UTF-8) to a scratch file named `name`; see ``scratch(_:bytes:)``.
    public static func scratch(_ name: String, _ text: String) throws -> String {
        try scratch(name, bytes: Array(text.utf8))
    }
}
