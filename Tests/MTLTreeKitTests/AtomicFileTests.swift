import Foundation
import Testing
@testable import MTLTreeKit

struct AtomicFileTests {
    /// A fresh folder, removed by the caller.
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "mtltree-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func replacesAFileAndLeavesNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("old", to: dir + "/out.txt")
        try AtomicFile.write("new", to: dir + "/out.txt")
        #expect(try String(contentsOfFile: dir + "/out.txt", encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    /// A failing producer leaves the old file as it was.
    @Test func aFailureKeepsTheOldFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("old", to: dir + "/out.txt")
        #expect(throws: MTLError.self) {
            try AtomicFile.stream(to: dir + "/out.txt") { emit in
                try emit(Array("partial".utf8))
                throw MTLError(.badData, "stop")
            }
        }
        #expect(try String(contentsOfFile: dir + "/out.txt", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    /// Writing through a symbolic link replaces the file it points to and keeps
    /// the link (renaming over the link replaced it, and as root replaced
    /// `/dev/stdout` or `/dev/full` with a regular file).
    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
        try AtomicFile.write("old", to: dir + "/real/out.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: "real/out.txt")
        try AtomicFile.write("new", to: dir + "/link.txt")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.txt") == "real/out.txt")
        #expect(try String(contentsOfFile: dir + "/real/out.txt", encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real") == ["out.txt"])
    }

    /// A device is written in place, and its write error reported: /dev/full
    /// (reached through a link, so that an old build cannot replace the device) is full.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aDeviceIsWrittenInPlaceAndItsErrorReported() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/full", withDestinationPath: "/dev/full")
        let error = try #require(throws: MTLError.self) { try AtomicFile.write("x", to: dir + "/full") }
        #expect(error.kind == .outputFailed)
        #expect(error.description == "error: cannot write '\(dir)/full': No space left on device")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/full") == "/dev/full")
    }

    @Test func aMissingFolderOrAFolderIsReportedBeforeAnyWork() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try #require(throws: MTLError.self) { try AtomicFile.checkWritable(dir + "/no/out.txt") }
        #expect(missing.description == "error: cannot write '\(dir)/no/out.txt': no folder '\(dir)/no'")
        let folder = try #require(throws: MTLError.self) { try AtomicFile.checkWritable(dir) }
        #expect(folder.description == "error: cannot write '\(dir)': it is a directory")
    }
}
