// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for everything a client can send Undertone (issue 16). A separate package so the main one
// stays free of sanitizer builds; `Undertone` is a symlink to the repository root, giving the dependency the same
// identity whatever the clone's folder is called. Build and run with Scripts/fuzz/run.sh (which passes
// -sanitize=fuzzer,address on the command line: no unsafeFlags here).
let fuzzTargets: [(name: String, product: String)] = [
    ("FuzzAudioFile", "UndertoneAudio"),
    ("FuzzStreamDecoder", "UndertoneAudio"),
    ("FuzzTranscript", "UndertoneAnalysis"),
    ("FuzzMetadata", "UndertoneAnalysis"),
    ("FuzzRubric", "UndertoneAnalysis"),
]

let package = Package(
    name: "UndertoneFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "Undertone")],
    targets: [.target(name: "LibFuzzerDriver")] + fuzzTargets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: ["LibFuzzerDriver", .product(name: target.product, package: "Undertone")],
            path: "Sources/\(target.name)"
        )
    },
    swiftLanguageModes: [.v6]
)
