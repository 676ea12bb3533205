// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "quantwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quantwatch", targets: ["quantwatch"]),
        .executable(name: "quantwatch-bench", targets: ["quantwatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The pure domain: no I/O, no networking, no database (the import rule test enforces the list).
        .target(
            name: "QuantWatchDomain",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuantWatchBackends",
            dependencies: [
                "QuantWatchDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuantWatchStore",
            dependencies: [
                "QuantWatchDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuantWatchExport",
            dependencies: [
                "QuantWatchDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuantWatchSimulator",
            dependencies: [
                "QuantWatchDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuantWatchTUI",
            dependencies: [
                "QuantWatchDomain",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "QuantWatchTerminal",
            dependencies: ["CNcursesw", "QuantWatchDomain", "QuantWatchTUI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "quantwatch",
            dependencies: [
                "QuantWatchDomain",
                "QuantWatchBackends",
                "QuantWatchStore",
                "QuantWatchExport",
                "QuantWatchSimulator",
                "QuantWatchTUI",
                "QuantWatchTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "quantwatch-bench",
            dependencies: [
                "QuantWatchDomain",
                "QuantWatchBackends",
                "QuantWatchStore",
                "QuantWatchExport",
                "QuantWatchSimulator",
                "QuantWatchTUI",
                "QuantWatchTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/quantwatch-bench",
            swiftSettings: swiftSettings
        ),
        // Test code: never a dependency of the `quantwatch` product.
        .target(
            name: "QuantWatchTestSupport",
            dependencies: [
                "QuantWatchDomain",
                "QuantWatchBackends",
                "QuantWatchSimulator",
                "QuantWatchTUI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/QuantWatchTestSupport",
            swiftSettings: swiftSettings
        ),
        // The hidden fixture commands the end-to-end tests run (a fixture dashboard, a crash-test store writer).
        .executableTarget(
            name: "quantwatch-fixtures",
            dependencies: [
                "QuantWatchDomain",
                "QuantWatchStore",
                "QuantWatchTUI",
                "QuantWatchTerminal",
                "QuantWatchTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/quantwatch-fixtures",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchDomainTests",
            dependencies: [
                "QuantWatchDomain", "QuantWatchBackends", "QuantWatchSimulator", "QuantWatchTestSupport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchBackendsTests",
            dependencies: [
                "QuantWatchDomain", "QuantWatchBackends", "QuantWatchSimulator", "QuantWatchTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchStoreTests",
            dependencies: [
                "QuantWatchDomain", "QuantWatchStore", "QuantWatchBackends", "QuantWatchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchExportTests",
            dependencies: ["QuantWatchDomain", "QuantWatchExport", "QuantWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchSimulatorTests",
            dependencies: [
                "QuantWatchDomain", "QuantWatchBackends", "QuantWatchSimulator", "QuantWatchTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchTUITests",
            dependencies: ["QuantWatchDomain", "QuantWatchTUI", "QuantWatchSimulator", "QuantWatchTestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "QuantWatchEndToEndTests",
            dependencies: [
                "QuantWatchDomain", "QuantWatchBackends", "QuantWatchStore", "QuantWatchExport",
                "QuantWatchSimulator", "QuantWatchTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
