import Foundation

/// Where the repository's `Fixtures/` folder is, found from this source
/// file's path, so tests run from any working directory; and scratch files
/// for tests that write their input inline.
enum FixturePaths {
    /// The repository's `Fixtures/` folder.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // MTLTreeCalendarTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The path of a file under `Fixtures/calendar/`.
    static func calendar(_ name: String) -> String {
        root.appendingPathComponent("calendar").appendingPathComponent(name).path
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
