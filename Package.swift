// swift-tools-version:6.1
import PackageDescription

// Layers, bottom to top (each folder under Sources/ is one target; a target imports only targets below it, which
// Scripts/check-architecture.py checks):
//   C shims       CSndFile, CFFTW, CBLAS, COpus, CSampleRate system libraries from Debian, each imported by one module
//                 CPCRE2 (rubric patterns, with a matching budget)
//   audio I/O     UndertoneAudio          file and in-memory decoding, live-tap stream reading, resampling; the
//                                         party enum, channel maps and the error protocol every layer conforms to
//   DSP core      UndertoneDSP            streaming 10 ms frame analysis (FFTW; OpenBLAS for the speech network)
//   transcripts   UndertoneTranscripts    words, transcript formats, role assignment, the one normaliser and turn
//                                         builder
//   analysis      UndertoneConversation   speech, pauses, overlaps, statistics (batch and live share the tracker)
//                 UndertoneSentiment      text and voice sentiment, arcs
//                 UndertoneRubrics        rubric templates (the only user of Yams), opening audit, moments
//   facade        UndertoneAnalysis       batch and live pipelines (CallAnalyzer, LiveTap), the report
//   front ends    UndertoneCLI, undertone the command line
//                 UndertoneServer,        the HTTP server and its workers (undertone serve/worker/keys exec
//                 undertone-server        undertone-server, so the CLI never links the server)
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
// Tests see what their files import, as before the module split (a test file imports the facade and the modules
// whose internals it checks).
let testSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
// The server uses members of modules it reaches through Hummingbird (NIOHTTP1, UnixSignals) without importing them;
// it gets MemberImportVisibility once those are declared dependencies of its own.
let serverSettings = testSettings

let package = Package(
    name: "Undertone",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "undertone", targets: ["undertone"]),
        .executable(name: "undertone-server", targets: ["undertone-server"]),
        .library(name: "UndertoneAnalysis", targets: ["UndertoneAnalysis"]),
        .library(name: "UndertoneDSP", targets: ["UndertoneDSP"]),
        .library(name: "UndertoneAudio", targets: ["UndertoneAudio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSampleRate", pkgConfig: "samplerate", providers: [.apt(["libsamplerate0-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),

        .target(
            name: "UndertoneAudio",
            dependencies: ["CSndFile", "COpus", "CSampleRate"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneDSP",
            dependencies: ["CFFTW", "CBLAS"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneModels",
            path: "Models",
            exclude: ["README.md"],
            resources: [.copy("lexicon"), .copy("templates"), .copy("vad")],
            swiftSettings: strictSettings
        ),
        .target(name: "UndertoneTranscripts", dependencies: ["UndertoneAudio", "UndertoneDSP"], swiftSettings: strictSettings),
        .target(
            name: "UndertoneConversation",
            dependencies: ["UndertoneAudio", "UndertoneDSP", "UndertoneTranscripts"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneSentiment",
            dependencies: ["UndertoneAudio", "UndertoneDSP", "UndertoneModels", "UndertoneTranscripts"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneRubrics",
            dependencies: [
                "UndertoneAudio", "UndertoneDSP", "UndertoneModels", "UndertoneTranscripts", "UndertoneConversation",
                "UndertoneSentiment", "CPCRE2", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneAnalysis",
            dependencies: [
                "UndertoneAudio", "UndertoneDSP", "UndertoneTranscripts", "UndertoneConversation", "UndertoneSentiment",
                "UndertoneRubrics",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneCLI",
            dependencies: [
                "UndertoneAnalysis", "UndertoneAudio", "UndertoneDSP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "undertone", dependencies: ["UndertoneCLI"], swiftSettings: strictSettings),
        .target(
            name: "UndertoneServer",
            dependencies: [
                "UndertoneAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                // The load generator's client side (`undertone-server loadtest`).
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            resources: [.copy("Web/templates"), .copy("Web/static")],
            swiftSettings: serverSettings
        ),
        .executableTarget(name: "undertone-server", dependencies: ["UndertoneServer"], swiftSettings: serverSettings),

        // Shared by the test targets (as NIOTestUtils or HummingbirdTesting): fixture paths, the seeded generator,
        // decoded fixture calls cached per process, opt-in timing output.
        .target(
            name: "UndertoneTestSupport",
            dependencies: ["UndertoneAnalysis", "UndertoneAudio", "UndertoneDSP"],
            path: "Tests/UndertoneTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UndertoneAudioTests", dependencies: ["UndertoneAudio", "UndertoneTestSupport"],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "UndertoneDSPTests", dependencies: ["UndertoneDSP", "UndertoneAudio", "UndertoneTestSupport"],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "UndertoneAnalysisTests",
            dependencies: [
                "UndertoneAnalysis", "UndertoneAudio", "UndertoneDSP", "UndertoneTranscripts", "UndertoneConversation",
                "UndertoneSentiment", "UndertoneRubrics", "UndertoneTestSupport",
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "UndertoneCLITests",
            dependencies: ["UndertoneCLI", "UndertoneAnalysis", "UndertoneTestSupport"],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "UndertoneServerTests",
            dependencies: [
                "UndertoneServer", "UndertoneAnalysis",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            swiftSettings: testSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
