// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode (strict
/// concurrency) plus the upcoming features we rely on.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // Test hooks (Library/TestHooks.swift) exist in debug builds only.
    .define("PDFANCHOR_TEST_HOOKS", .when(configuration: .debug)),
]

/// A libFuzzer target over `module`'s parsers (Tests/Fixtures/fuzz holds
/// what the fuzzers found).
func fuzzTarget(_ name: String, over module: Target.Dependency) -> Target {
    .executableTarget(name: name, dependencies: [module, "FuzzDriver"], swiftSettings: swiftSettings)
}

/// A system library of Poppler's, found by pkg-config: the packages that
/// provide it on Debian (`apt`) and Fedora (`yum`); Homebrew's `poppler`
/// has them all.
func popplerLibrary(_ name: String, pkgConfig: String, apt: [String], yum: [String]) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt(apt), .yum(yum), .brew(["poppler"])])
}

let package = Package(
    name: "PDFAnchor",
    products: [
        .executable(name: "pdfanchor", targets: ["pdfanchor"]),
        .library(name: "PDFCore", targets: ["PDFCore"]),
        .library(name: "Notes", targets: ["Notes"]),
        .library(name: "Anchoring", targets: ["Anchoring"]),
        .library(name: "Library", targets: ["Library"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The one door to C: poppler-glib (and the GLib/cairo it brings).
        // Only PDFCore imports it.
        popplerLibrary("CPoppler", pkgConfig: "poppler-glib", apt: ["libpoppler-glib-dev", "libglib2.0-dev"], yum: ["poppler-glib-devel", "glib2-devel"]),
        // Poppler's core C++ library, only for its pkg-config flags: the
        // include path and link flags CPopplerCore builds with. CPopplerCore
        // also reads poppler-glib's glib/poppler-features.h (the version).
        popplerLibrary("CPopplerPrivate", pkgConfig: "poppler", apt: ["libpoppler-private-dev", "libpoppler-glib-dev"], yum: ["poppler-devel", "poppler-glib-devel"]),
        // The second door to C: a small C++ target over Poppler's core API
        // (text in content-stream order) with a C interface. Only PDFCore
        // imports it.
        .target(
            name: "CPopplerCore",
            dependencies: ["CPopplerPrivate"]
        ),
        .target(
            name: "PDFCore",
            dependencies: ["CPoppler", "CPopplerCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Notes",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Anchoring",
            dependencies: ["PDFCore", "Notes"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Library",
            dependencies: [
                "PDFCore", "Notes", "Anchoring", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reports",
            dependencies: [
                "PDFCore", "Notes", "Anchoring", "Library",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "pdfanchor",
            dependencies: [
                "PDFCore",
                "Notes",
                "Anchoring",
                "Library",
                "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Workloads timed by Scripts/bench (not a product).
        .executableTarget(
            name: "pdfanchor-bench",
            dependencies: ["PDFCore", "Notes", "Anchoring"],
            swiftSettings: swiftSettings
        ),
        // libFuzzer targets (Scripts/fuzz builds them with -sanitize=fuzzer);
        // built normally they replay inputs given as files.
        .target(
            name: "FuzzDriver",
            swiftSettings: swiftSettings
        ),
        fuzzTarget("fuzz-notes", over: "Notes"),
        fuzzTarget("fuzz-fingerprint", over: "PDFCore"),
        // What the test targets share: the repository's paths, scratch
        // folders, a seeded random generator.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PDFCoreTests",
            dependencies: ["TestSupport", "PDFCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NotesTests",
            dependencies: ["TestSupport", "Notes"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AnchoringTests",
            dependencies: ["TestSupport", "Anchoring", "Notes", "PDFCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LibraryTests",
            dependencies: ["TestSupport", "Library", "Anchoring", "Notes", "PDFCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["TestSupport", "Reports", "Library", "Anchoring", "Notes", .product(name: "SwiftCSV", package: "SwiftCSV")],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        // End-to-end: runs the built binary and checks output and exit codes.
        .testTarget(
            name: "pdfanchorTests",
            dependencies: ["TestSupport", "pdfanchor", "fuzz-notes", "fuzz-fingerprint"],
            swiftSettings: swiftSettings
        ),
    ],
    // Poppler's headers need C++20 from 24.06 on (CPopplerCore builds
    // against 22.12 to 26.07).
    cxxLanguageStandard: .cxx20
)
