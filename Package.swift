// swift-tools-version:6.1
import PackageDescription

// Layers, bottom to top (each folder under Sources/ is one target):
//   C shims      CSndFile, CFFTW, COpus, CSampleRate   system libraries from Debian, each imported by one module
//   audio I/O    UndertoneAudio                       file decoding, live-tap stream decoding, resampling
//   DSP core     UndertoneDSP                         streaming 10 ms frame analysis (FFTW)
//   analysis     UndertoneAnalysis (+ UndertoneModels) conversation, transcripts, sentiment, rubrics, report
//   front ends   UndertoneCLI, undertone              the command line
//                UndertoneServer, undertone-server    the HTTP server and its workers (undertone serve/worker/keys
//                                                     exec undertone-server, so the CLI never links the server)
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

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
    ],
    targets: [
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSampleRate", pkgConfig: "samplerate", providers: [.apt(["libsamplerate0-dev"])]),

        .target(
            name: "UndertoneAudio",
            dependencies: ["CSndFile", "COpus", "CSampleRate"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneDSP",
            dependencies: ["CFFTW"],
            swiftSettings: strictSettings + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "UndertoneModels",
            path: "Models",
            exclude: ["README.md"],
            resources: [.copy("lexicon"), .copy("templates")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneAnalysis",
            dependencies: [
                "UndertoneAudio", "UndertoneDSP", "UndertoneModels",
                .product(name: "Yams", package: "Yams"),
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
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "undertone-server", dependencies: ["UndertoneServer"], swiftSettings: strictSettings),

        .testTarget(name: "UndertoneAudioTests", dependencies: ["UndertoneAudio"], swiftSettings: strictSettings),
        .testTarget(name: "UndertoneDSPTests", dependencies: ["UndertoneDSP", "UndertoneAudio"], swiftSettings: strictSettings),
        .testTarget(name: "UndertoneAnalysisTests", dependencies: ["UndertoneAnalysis"], swiftSettings: strictSettings),
        .testTarget(
            name: "UndertoneCLITests",
            dependencies: ["UndertoneCLI", "UndertoneAnalysis"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UndertoneServerTests",
            dependencies: [
                "UndertoneServer", "UndertoneAnalysis",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
