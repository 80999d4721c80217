// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "mtltree",
    products: [
        .library(name: "MTLTreeKit", targets: ["MTLTreeKit"]),
        .library(name: "MTLTreeCalendar", targets: ["MTLTreeCalendar"]),
        .executable(name: "mtltree", targets: ["mtltree"]),
    ],
    dependencies: [],
    targets: [
        // The engine: datasets, readers, induction, trees, printers, evaluation.
        .target(name: "MTLTreeKit", swiftSettings: swiftSettings),
        // Calendars: the meeting-log and iCalendar readers, the CAP tasks, the generator.
        .target(name: "MTLTreeCalendar", dependencies: ["MTLTreeKit"], swiftSettings: swiftSettings),
        // The command line as a library, so it can be tested without spawning a process.
        .target(name: "MTLTreeCLI", dependencies: ["MTLTreeKit", "MTLTreeCalendar"], swiftSettings: swiftSettings),
        .executableTarget(name: "mtltree", dependencies: ["MTLTreeCLI"], swiftSettings: swiftSettings),
        // Test helpers shared by every test target (where the fixtures are, scratch files).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "MTLTreeKitTests", dependencies: ["MTLTreeKit", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MTLTreeCalendarTests", dependencies: ["MTLTreeCalendar", "MTLTreeKit", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MTLTreeCLITests", dependencies: ["MTLTreeCLI", "MTLTreeKit", "TestSupport"],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
