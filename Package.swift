// swift-tools-version:6.0
import PackageDescription

/// One set of settings for every Swift target (Hummingbird style).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "onestop-kiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kioskd", targets: ["KioskDaemon"]),
        .executable(name: "kioskctl", targets: ["KioskCtl"]),
        .executable(name: "onestop-intake", targets: ["OneStopIntake"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
    ],
    targets: [
        // MARK: C shims (each in its own target, symbols prefixed)
        .systemLibrary(name: "CCUPS", path: "Sources/CCUPS"),
        .systemLibrary(name: "CUdev", path: "Sources/CUdev", pkgConfig: "libudev",
                       providers: [.apt(["libudev-dev"])]),
        .target(name: "CKioskSys", path: "Sources/CKioskSys"),
        .systemLibrary(name: "CFreeType", path: "Sources/CFreeType", pkgConfig: "freetype2",
                       providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),

        // MARK: Libraries
        .target(name: "KioskCore", swiftSettings: swiftSettings),
        .target(name: "KioskSystem", dependencies: ["KioskCore", "CKioskSys"], swiftSettings: swiftSettings),
        .target(name: "KioskSigning", dependencies: [
            "KioskSystem",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskContent", dependencies: [
            "KioskCore", "KioskLayout",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskStore", dependencies: [
            "KioskCore", "KioskSystem", "KioskSigning",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        // Layouts and text rules: plain Swift, so reading or checking a layout links no C library.
        .target(name: "KioskLayout", swiftSettings: swiftSettings),
        .target(name: "KioskRaster", dependencies: ["KioskLayout", "CFreeType", "CQRencode"], swiftSettings: swiftSettings),
        .target(name: "KioskTerminal", dependencies: ["KioskCore", "KioskSystem"], swiftSettings: swiftSettings),
        .target(name: "KioskPrinting", dependencies: [
            "KioskCore", "KioskSystem", "KioskLayout", "KioskRaster", "CCUPS",
        ], swiftSettings: swiftSettings),
        .target(name: "KioskDevices", dependencies: [
            "KioskCore", "KioskContent", "KioskSystem", "CUdev",
        ], swiftSettings: swiftSettings),
        .target(name: "KioskForwarding", dependencies: [
            "KioskCore", "KioskStore", "KioskSigning",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskUI", dependencies: [
            "KioskCore", "KioskTerminal", "KioskContent",
        ], swiftSettings: swiftSettings),
        .target(name: "KioskQueue", dependencies: [
            "KioskCore", "KioskContent", "KioskStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskHTTP", dependencies: [
            "KioskCore", "KioskQueue",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskWorkflows", dependencies: [
            "KioskCore", "KioskContent", "KioskStore", "KioskQueue", "KioskPrinting", "KioskForwarding", "KioskSigning",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "IntakeServer", dependencies: [
            "KioskSigning",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        // MARK: Executables
        .executableTarget(name: "KioskDaemon", dependencies: [
            "KioskCore", "KioskContent", "KioskStore", "KioskTerminal", "KioskUI", "KioskPrinting",
            "KioskDevices", "KioskForwarding", "KioskSigning", "KioskSystem", "KioskQueue", "KioskHTTP",
            "KioskWorkflows",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .executableTarget(name: "KioskCtl", dependencies: [
            "KioskCore", "KioskContent", "KioskStore", "KioskPrinting", "KioskDevices", "KioskForwarding",
            "KioskSystem", "KioskSigning", "KioskLayout", "KioskRaster", "KioskWorkflows",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swiftSettings),
        .executableTarget(name: "OneStopIntake", dependencies: [
            "IntakeServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("openapi.yaml")], swiftSettings: swiftSettings),

        .executableTarget(name: "KioskChaos", dependencies: [
            "KioskSigning", "KioskSystem",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .executableTarget(name: "KioskBench", dependencies: [
            "KioskCore", "KioskStore", "KioskTerminal", "KioskUI", "KioskContent", "KioskPrinting", "KioskSystem",
            "KioskForwarding", "KioskSigning", "KioskRaster", "KioskQueue", "KioskWorkflows",
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),

        // MARK: Tests
        .systemLibrary(name: "CUmockdev", path: "Tests/CUmockdev", pkgConfig: "umockdev-1.0",
                       providers: [.apt(["libumockdev-dev"])]),
        .testTarget(name: "KioskHotplugTests", dependencies: ["CUmockdev", "KioskDevices", "KioskCore", "KioskContent", "KioskTestSupport"],
                    swiftSettings: swiftSettings),
        .target(name: "CTestPTY", path: "Tests/CTestPTY"),
        .target(name: "KioskTestSupport", dependencies: ["KioskCore", "KioskSystem", "KioskSigning", "KioskTerminal",
            "CTestPTY",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOFoundationCompat", package: "swift-nio")],
                path: "Tests/KioskTestSupport", swiftSettings: swiftSettings),
        .systemLibrary(name: "CPNG", path: "Tests/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .testTarget(name: "KioskRasterTests", dependencies: ["KioskRaster", "KioskLayout", "CPNG"], exclude: ["Golden"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "KioskSystemTests", dependencies: ["KioskSystem", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskContent"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskTerminalTests", dependencies: ["KioskTerminal", "KioskCore", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskUITests", dependencies: ["KioskUI", "KioskTerminal", "KioskContent", "KioskCore", "KioskTestSupport"],
                    exclude: ["Golden"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskForwardingTests", dependencies: ["KioskForwarding", "KioskStore", "KioskCore", "KioskContent",
            "KioskSigning", "KioskTestSupport", "KioskWorkflows", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "KioskCore", "KioskTestSupport",
            .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "KioskPrintingTests", dependencies: ["KioskPrinting", "KioskCore", "KioskRaster", "CPNG", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskDevicesTests", dependencies: ["KioskDevices", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "IntakeServerTests", dependencies: ["IntakeServer", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskWorkflowsTests", dependencies: ["KioskWorkflows", "KioskTestSupport", "KioskStore", "KioskCore",
            "KioskContent", "KioskQueue", "KioskPrinting", "KioskSigning", "KioskForwarding", "KioskLayout", "KioskRaster",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["KioskTestSupport", "KioskStore", "KioskCore", "KioskRaster", "KioskQueue",
            "KioskContent",
            .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
    ]
)
