// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that the main build and CI stay light:
//   cd Benchmarks && swift package benchmark
let package = Package(
    name: "UndertoneBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Undertone", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FrameAnalysis",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "UndertoneDSP", package: "Undertone"),
            ],
            path: "Benchmarks/FrameAnalysis",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
