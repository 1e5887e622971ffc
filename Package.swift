// swift-tools-version:6.0
import PackageDescription

/// One set of settings for every Swift target (Hummingbird style).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// kioskd's release link (scripts/release-build compiles every function into a section of its
/// own): lld lays the functions kioskd runs side by side, in the order of `kioskd.order`
/// (scripts/order-file), so that the code the kernel maps around them is code kioskd runs;
/// relative relocations are packed (RELR) and no symbol is exported, so that the loader reads
/// about 80 KiB of tables at start instead of 8.8 MiB. The debug build, the tests', is linked as usual.
let kioskdReleaseLink: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/KioskDaemon/kioskd.order",
        "-Xlinker", "--no-warn-symbol-ordering",
        "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--no-export-dynamic",
    ], .when(configuration: .release)),
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
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.0.0"),
    ],
    targets: [
        // MARK: C shims (each in its own target, symbols prefixed)
        .systemLibrary(name: "CCUPS", path: "Sources/CCUPS"),
        .systemLibrary(name: "CUdev", path: "Sources/CUdev", pkgConfig: "libudev",
                       providers: [.apt(["libudev-dev"])]),
        // The PKCS#11 types (p11-kit's pkcs11.h), for CKioskSys's PKCS#11 client only.
        .systemLibrary(name: "CPKCS11", path: "Sources/CPKCS11", pkgConfig: "p11-kit-1",
                       providers: [.apt(["libp11-kit-dev"])]),
        .target(name: "CKioskSys", dependencies: ["CPKCS11"], path: "Sources/CKioskSys"),
        .systemLibrary(name: "CFreeType", path: "Sources/CFreeType", pkgConfig: "freetype2",
                       providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),
        // cairo + pango (PDF pages, Vietnamese shaped by HarfBuzz), for KioskDocuments only.
        .systemLibrary(name: "CPangoCairo", path: "Sources/CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),

        // MARK: Libraries
        .target(name: "KioskCore", swiftSettings: swiftSettings),
        .target(name: "KioskSystem", dependencies: ["KioskCore", "CKioskSys"], swiftSettings: swiftSettings),
        .target(name: "KioskSigning", dependencies: [
            "KioskSystem",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
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
        // kiosk.yaml: the schema (key to kioskd flag), checks with YAML paths and stable codes.
        .target(name: "KioskConfig", dependencies: [
            "KioskCore",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: swiftSettings),
        // Layouts and text rules: plain Swift, so reading or checking a layout links no C library.
        .target(name: "KioskLayout", dependencies: ["KioskCore"], swiftSettings: swiftSettings),
        .target(name: "KioskRaster", dependencies: ["KioskCore", "KioskLayout", "CFreeType", "CQRencode"], swiftSettings: swiftSettings),
        // A4 PDFs (the official forms, the handbook) drawn with cairo and pango.
        .target(name: "KioskDocuments", dependencies: ["KioskLayout", "KioskRaster", "CPangoCairo"], swiftSettings: swiftSettings),
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
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskUI", dependencies: [
            "KioskCore", "KioskTerminal", "KioskContent",
        ], swiftSettings: swiftSettings),
        .target(name: "KioskQueue", dependencies: [
            "KioskCore", "KioskContent", "KioskStore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskHTTP", dependencies: [
            "KioskCore", "KioskQueue", "KioskStore", "KioskWorkflows", "KioskContent",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "KioskWorkflows", dependencies: [
            "KioskCore", "KioskContent", "KioskStore", "KioskQueue", "KioskPrinting", "KioskForwarding", "KioskSigning",
            "KioskSystem", "KioskDocuments", "KioskLayout",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // kioskctl doctor and the heartbeat's summary: one check per part, each with its fix.
        .target(name: "KioskDoctor", dependencies: [
            "KioskConfig", "KioskCore", "KioskStore", "KioskSystem", "KioskPrinting", "KioskDevices", "KioskForwarding", "KioskSigning",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .target(name: "IntakeServer", dependencies: [
            "KioskSigning", "KioskSystem", "KioskCore",
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
            "KioskWorkflows", "KioskConfig", "KioskDoctor",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], exclude: ["kioskd.order"], swiftSettings: swiftSettings, linkerSettings: kioskdReleaseLink),
        .executableTarget(name: "KioskCtl", dependencies: [
            "KioskCore", "KioskContent", "KioskStore", "KioskPrinting", "KioskDevices", "KioskForwarding",
            "KioskSystem", "KioskSigning", "KioskLayout", "KioskRaster", "KioskWorkflows", "KioskConfig", "KioskDoctor",
            "KioskDocuments",
            .product(name: "Logging", package: "swift-log"),
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
            "KioskSigning", "KioskSystem", "KioskCore",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .executableTarget(name: "KioskBench", dependencies: [
            "KioskCore", "KioskStore", "KioskTerminal", "KioskUI", "KioskContent", "KioskPrinting", "KioskSystem",
            "KioskForwarding", "KioskSigning", "KioskRaster", "KioskQueue", "KioskWorkflows",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
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
            .product(name: "NIOFoundationCompat", package: "swift-nio"), .product(name: "GRDB", package: "GRDB.swift")],
                path: "Tests/KioskTestSupport", swiftSettings: swiftSettings),
        .systemLibrary(name: "CPNG", path: "Tests/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .testTarget(name: "KioskRasterTests", dependencies: ["KioskRaster", "KioskLayout", "KioskContent", "KioskCore", "KioskTestSupport", "CPNG"], exclude: ["Golden"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "KioskSystemTests", dependencies: ["KioskSystem", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskConfigTests", dependencies: ["KioskConfig", "KioskCore", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskContent", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskTerminalTests", dependencies: ["KioskTerminal", "KioskCore", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskUITests", dependencies: ["KioskUI", "KioskTerminal", "KioskContent", "KioskCore", "KioskTestSupport"],
                    exclude: ["Golden"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskForwardingTests", dependencies: ["KioskForwarding", "KioskStore", "KioskCore", "KioskContent",
            "KioskSigning", "KioskSystem", "KioskTestSupport", "KioskWorkflows", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "KioskCore", "KioskTestSupport",
            .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "KioskPrintingTests", dependencies: ["KioskPrinting", "KioskCore", "KioskContent", "KioskRaster", "CPNG", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskDevicesTests", dependencies: ["KioskDevices", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskSigningTests", dependencies: ["KioskSigning", "KioskSystem", "KioskTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "IntakeServerTests", dependencies: ["IntakeServer", "KioskTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KioskWorkflowsTests", dependencies: ["KioskWorkflows", "KioskTestSupport", "KioskStore", "KioskCore",
            "KioskContent", "KioskQueue", "KioskPrinting", "KioskSigning", "KioskForwarding", "KioskLayout", "KioskRaster",
            "KioskDocuments",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log")], exclude: ["Golden"], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["KioskTestSupport", "KioskStore", "KioskCore", "KioskRaster", "KioskQueue",
            "KioskContent", "KioskSigning",
            .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
    ]
)
