#!/usr/bin/env python3
"""Checks Undertone's layering, then builds and runs a throwaway package that depends on Undertone by path.

  Scripts/check-architecture.py            both checks
  Scripts/check-architecture.py --imports  the import graph only (a second)

The import graph: every Swift module under Sources/ imports only modules of lower layers (peers in one layer do not
import each other), each C shim is imported by exactly one module, and third-party modules only where listed.
The consumer: a package in a temporary folder names Undertone as a path dependency, analyzes the sample call from
bytes and checks the report; it fails if Undertone needs unsafe flags or leaks a target a consumer cannot build.
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Layer of each module, bottom to top (see Package.swift). A module may import only modules of lower layers.
LAYERS = {
    "CSndFile": 0, "CFFTW": 0, "COpus": 0, "CSampleRate": 0, "CBLAS": 0, "CPCRE2": 0,
    "UndertoneAudio": 1, "UndertoneDSP": 1, "UndertoneModels": 1,
    "UndertoneTranscripts": 2,
    "UndertoneConversation": 3, "UndertoneSentiment": 3,
    "UndertoneRubrics": 4,
    "UndertoneAnalysis": 5,
    "UndertoneCLI": 6, "UndertoneServer": 6,
    "undertone": 7, "undertone-server": 7,
}
C_SHIMS = {"CSndFile", "CFFTW", "COpus", "CSampleRate", "CBLAS", "CPCRE2"}
# Third-party modules and the only modules allowed to import them; anything not listed (Foundation, Glibc…) is free.
THIRD_PARTY = {
    "Yams": {"UndertoneRubrics"},
    "ArgumentParser": {"UndertoneCLI", "UndertoneServer"},
    **{module: {"UndertoneServer"} for module in (
        "Hummingbird", "HummingbirdTesting", "GRDB", "PostgresNIO", "MultipartKit", "Logging", "Metrics", "Prometheus",
        "ServiceLifecycle", "AsyncHTTPClient", "Crypto",
    )},
}
IMPORT = re.compile(r"^\s*(?:@[\w(). ,:]+\s+)*(?:public |package |internal |private |fileprivate )?import\s+(?:\w+\s+)?(\w+)", re.M)


def module_imports():
    found = {}
    for directory in sorted((ROOT / "Sources").iterdir()):
        if not directory.is_dir() or not any(directory.rglob("*.swift")):
            continue
        imports = set()
        for source in directory.rglob("*.swift"):
            imports |= set(IMPORT.findall(source.read_text(encoding="utf-8")))
        found[directory.name] = imports
    return found


def check_imports():
    problems = []
    graph = module_imports()
    shim_users = {shim: set() for shim in C_SHIMS}
    for module, imports in graph.items():
        if module not in LAYERS:
            problems.append(f"Sources/{module}: not in the layer table of {pathlib.Path(__file__).name}")
            continue
        for imported in sorted(imports):
            if imported in C_SHIMS:
                shim_users[imported].add(module)
            if imported in LAYERS and LAYERS[imported] >= LAYERS[module]:
                problems.append(f"{module} (layer {LAYERS[module]}) imports {imported} (layer {LAYERS[imported]})")
            if imported in THIRD_PARTY and module not in THIRD_PARTY[imported]:
                problems.append(f"{module} imports {imported}, allowed only in {', '.join(sorted(THIRD_PARTY[imported]))}")
    for shim, users in sorted(shim_users.items()):
        if len(users) > 1:
            problems.append(f"C shim {shim} is imported by {len(users)} modules ({', '.join(sorted(users))}); one owns it")
    package = (ROOT / "Package.swift").read_text(encoding="utf-8")
    if "unsafeFlags" in package:
        problems.append("Package.swift uses unsafeFlags: SwiftPM refuses such a package as a versioned dependency")
    return problems


CONSUMER_PACKAGE = """// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "UndertoneConsumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Undertone", path: {root!r})],
    targets: [
        .executableTarget(
            name: "consumer",
            dependencies: [.product(name: "UndertoneAnalysis", package: "Undertone")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
"""

CONSUMER_MAIN = """import Foundation
import UndertoneAnalysis

// Analyzes the sample call from bytes, as a server would, and prints what the report says about it.
let sample = URL(fileURLWithPath: CommandLine.arguments[1])
let analyzer = try CallAnalyzer()
let report = try analyzer.analyze(
    audio: try Data(contentsOf: sample.appendingPathExtension("wav")),
    transcript: try Data(contentsOf: sample.appendingPathExtension("json")),
    sourceName: "consumer-sample"
)
print(report.call.source, report.speech.count > 0, report.sentiment.turns.count > 0)
"""


def check_consumer():
    with tempfile.TemporaryDirectory(prefix="undertone-consumer-") as folder:
        folder = pathlib.Path(folder)
        (folder / "Sources" / "consumer").mkdir(parents=True)
        (folder / "Package.swift").write_text(CONSUMER_PACKAGE.replace("{root!r}", repr(str(ROOT)).replace("'", '"')))
        (folder / "Sources" / "consumer" / "main.swift").write_text(CONSUMER_MAIN)
        swift = os.environ.get("SWIFT", "swift")
        build = subprocess.run([swift, "build", "--package-path", str(folder)], capture_output=True, text=True)
        if build.returncode != 0:
            return [f"a package depending on Undertone by path does not build:\n{build.stdout[-3000:]}{build.stderr[-3000:]}"]
        run = subprocess.run(
            [swift, "run", "--skip-build", "--package-path", str(folder), "consumer", str(ROOT / "AudioFixtures/calls/sample-call")],
            capture_output=True, text=True,
        )
        if run.returncode != 0 or run.stdout.strip() != "consumer-sample true true":
            return [f"the consumer package ran but its report is wrong: {run.stdout.strip()!r} {run.stderr[-2000:]}"]
    return []


def main():
    problems = check_imports()
    if not problems and "--imports" not in sys.argv:
        problems = check_consumer()
    for problem in problems:
        print(f"check-architecture: {problem}", file=sys.stderr)
    if not problems:
        print("check-architecture: import graph OK" + ("" if "--imports" in sys.argv else "; consumer package builds and runs"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
