// swift-tools-version:6.1
import PackageDescription

// Layers, bottom to top (each folder under Sources/ is one target):
//   C shims      CSndFile, CFFTW, COpus, CSampleRate   system libraries from Debian, each imported by one module
//                CPCRE2                               (rubric patterns, with a matching budget)
//   audio I/O    UndertoneAudio                       file decoding, live-tap stream decoding, resampling
//   DSP core     UndertoneDSP                         streaming 10 ms frame analysis (FFTW)
//   analysis     UndertoneAnalysis (+ UndertoneModels) conversation, transcripts, sentiment, rubrics, report
//   front ends   UndertoneCLI, undertone              the command line (the server comes later)
let strictSettings: [SwiftSetting] = [
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
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),

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
                "UndertoneAudio", "UndertoneDSP", "UndertoneModels", "CPCRE2",
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

        .testTarget(name: "UndertoneAudioTests", dependencies: ["UndertoneAudio"], swiftSettings: strictSettings),
        .testTarget(name: "UndertoneDSPTests", dependencies: ["UndertoneDSP", "UndertoneAudio"], swiftSettings: strictSettings),
        .testTarget(name: "UndertoneAnalysisTests", dependencies: ["UndertoneAnalysis"], swiftSettings: strictSettings),
        .testTarget(
            name: "UndertoneCLITests",
            dependencies: ["UndertoneCLI", "UndertoneAnalysis"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
