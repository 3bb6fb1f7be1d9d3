// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for everything a client can send Undertone (issue 16), in one executable: `UndertoneFuzz` runs
// the target UNDERTONE_FUZZ_TARGET names (FuzzAudioFile, FuzzStreamDecoder, FuzzTranscript, FuzzMetadata,
// FuzzRubric). A separate package so the main one stays free of sanitizer builds; `Undertone` is a symlink to the
// repository root, giving the dependency the same identity whatever the clone's folder is called. Build and run with
// Scripts/fuzz/run.sh (which passes -sanitize=fuzzer,address on the command line: no unsafeFlags here).
let package = Package(
    name: "UndertoneFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "Undertone")],
    targets: [
        .executableTarget(
            name: "UndertoneFuzz",
            dependencies: [
                .product(name: "UndertoneAudio", package: "Undertone"),
                .product(name: "UndertoneAnalysis", package: "Undertone"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
