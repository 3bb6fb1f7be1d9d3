import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import UndertoneServer

/// A checker for the Prometheus text exposition format (version 0.0.4): comment lines, sample lines, metric and
/// label names, values, and histogram consistency (cumulative buckets ending at +Inf equal to `_count`).
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    var types: [String: String] = [:]

    init(parsing text: String) throws {
        let name = /[a-zA-Z_:][a-zA-Z0-9_:]*/
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3)
                guard parts.count >= 3, parts[1] == "HELP" || parts[1] == "TYPE", (try? name.wholeMatch(in: String(parts[2]))) != nil else {
                    throw Problem("bad comment line: \(line)")
                }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw Problem("bad TYPE line: \(line)")
                    }
                    guard types.updateValue(String(parts[3]), forKey: String(parts[2])) == nil else { throw Problem("TYPE twice: \(line)") }
                }
                continue
            }
            guard let match = try /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/.wholeMatch(in: String(line)) else {
                throw Problem("bad sample line: \(line)")
            }
            var labels: [String: String] = [:]
            if let body = match.2, !body.isEmpty {
                for pair in body.matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/) {
                    labels[String(pair.1)] = String(pair.2)
                }
                guard body.matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/).map({ $0.0.count }).reduce(0, +) == body.count else {
                    throw Problem("bad labels: \(line)")
                }
            }
            let text = String(match.3)
            guard let value = Double(text) ?? ["+Inf": .infinity, "-Inf": -.infinity, "NaN": .nan][text] else {
                throw Problem("bad value: \(line)")
            }
            samples.append(Sample(name: String(match.1), labels: labels, value: value))
        }
        try checkHistograms()
    }

    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.name == family + "_bucket" }
            let series = Set(buckets.map { $0.labels.filter { $0.key != "le" } })
            for labels in series {
                let mine = buckets.filter { $0.labels.filter { $0.key != "le" } == labels }
                let counts = mine.map(\.value)
                guard counts == counts.sorted(), mine.last?.labels["le"] == "+Inf" else { throw Problem("\(family): buckets not cumulative to +Inf") }
                let count = samples.first { $0.name == family + "_count" && $0.labels == labels }?.value
                guard count == counts.last else { throw Problem("\(family): +Inf bucket \(counts.last ?? -1) ≠ _count \(count ?? -1)") }
            }
        }
    }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

@Suite struct MetricsTests {
    @Test func checkerRejectsBadText() {
        #expect(throws: PrometheusText.Problem.self) { try PrometheusText(parsing: "bad-name 1\n") }
        #expect(throws: PrometheusText.Problem.self) { try PrometheusText(parsing: "x{a=\"1\"} one\n") }
        #expect(throws: PrometheusText.Problem.self) { try PrometheusText(parsing: "# TYPE x countr\n") }
        #expect(throws: PrometheusText.Problem.self) {
            try PrometheusText(parsing: "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n")
        }
        #expect(throws: Never.self) {
            try PrometheusText(parsing: "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3.5\nh_count 2\n")
        }
    }

    @Test func metricsParseAndCount() async throws {
        let server = try await TestServer()
        try await server.app().test(.router) { client in
            let accepted = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", MultipartBody.contentType),
                body: try MultipartBody.fixtureCall("layout-overlap").buffer
            )
            let id = try #require(try accepted.json()["id"] as? String)
            _ = try await CallRoutesTests.waitUntilFinished(client, server, id: id)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: server.headers("qa"))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let metrics = try PrometheusText(parsing: response.text)
            #expect(metrics.value("undertone_calls_accepted_total") == 1)
            #expect(metrics.value("undertone_calls_done_total") == 1)
            #expect(metrics.value("undertone_calls_failed_total") == 0)
            #expect(metrics.value("undertone_queue_depth") == 0)
            #expect(metrics.value("undertone_analysis_seconds_count") == 1)
            #expect(metrics.value("undertone_analysis_realtime_factor_count") == 1)
            #expect(metrics.types["undertone_http_request_duration_seconds"] == "histogram")
            #expect(metrics.value("undertone_http_request_duration_seconds_count", ["method": "POST", "status": "202"]) == 1)
        }
    }
}
