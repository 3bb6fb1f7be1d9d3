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
//   front ends    UndertoneCLI, undertone the command line (the server comes next)
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

let package = Package(
    name: "Undertone",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "undertone", targets: ["undertone"]),
        .library(name: "UndertoneAnalysis", targets: ["UndertoneAnalysis"]),
        .library(name: "UndertoneDSP", targets: ["UndertoneDSP"]),
        .library(name: "UndertoneAudio", targets: ["UndertoneAudio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
    ],
    swiftLanguageModes: [.v6]
)
