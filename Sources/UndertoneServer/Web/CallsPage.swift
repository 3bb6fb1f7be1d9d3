import Foundation
import Hummingbird
import UndertoneAnalysis

/// The calls page: one page of the `/v1/calls` listing as a table, with the listing's filters and one more,
/// "failed criterion", which the listing's columns do not hold: it is checked against each listed call's report,
/// reading further pages until this one is full (at most `scanLimit` calls).
struct CallsPage {
    struct Row {
        var id: String
        var name: String
        var created: String
        var createdSort: String
        var agent: String?
        var status: String
        var duration: String
        var durationSort: String
        var openingScore: String?
        var openingSort: String
        var moments: Int
        var failed: Int
        var deadAir: String
        var deadAirSort: String
        var live: Bool
    }

    var rows: [Row] = []
    var hasRows = false
    var agent = ""
    var from = ""
    var to = ""
    var minOpeningScore = ""
    var criterion = ""
    var momentOptions: [SelectOption] = []
    var next: String?
    var error: String?
    var countLabel = ""
    var csrf = ""

    static let pageSize = 25
    static let scanLimit = 2000
    /// The form's fields that the listing takes as they are.
    private static let listingFields = ["agent", "from", "to", "minOpeningScore", "moment", "cursor"]

    static func load(parameters: Parameters, store: any CallStore, csrf: String) async throws -> CallsPage {
        var page = CallsPage()
        page.csrf = csrf
        let value = { (name: String) in parameters.get(name)?.trimmingCharacters(in: .whitespaces) ?? "" }
        page.agent = value("agent")
        page.from = value("from")
        page.to = value("to")
        page.minOpeningScore = value("minOpeningScore")
        page.criterion = value("criterion")
        let moment = value("moment")
        page.momentOptions = [SelectOption(value: "", label: "Any", selected: moment.isEmpty)]
            + CallAnalysisService.momentKinds.sorted().map { SelectOption(value: $0, label: WebFormat.label($0), selected: $0 == moment) }

        var listing: Parameters = [:]
        for name in listingFields where !value(name).isEmpty { listing[Substring(name)] = Substring(value(name)) }
        var query: CallQuery
        do {
            query = try CallListQuery.parse(listing)
        } catch {
            page.error = error.description
            return page
        }
        query.limit = pageSize
        var scanned = 0
        var records: [CallRecord] = []
        var cursor: CallCursor?
        repeat {
            let batch = try await store.list(query)
            scanned += batch.calls.count
            for record in batch.calls where records.count < pageSize {
                let matches = page.criterion.isEmpty ? true : try await failed(record, page.criterion, store)
                if matches {
                    records.append(record)
                    cursor = CallCursor(createdAt: record.createdAt.timeIntervalSince1970, id: record.id)
                }
            }
            query.cursor = batch.nextCursor
        } while records.count < pageSize && query.cursor != nil && scanned < scanLimit
        // A full page may be followed by more (the next page can turn out empty when it was exactly full).
        if records.count == pageSize { page.next = page.link(moment: moment, cursor: cursor) }
        page.rows = records.map(Self.row)
        page.hasRows = !records.isEmpty
        page.countLabel = "\(records.count) call\(records.count == 1 ? "" : "s") on this page"
            + (page.criterion.isEmpty ? "" : ", \(scanned) checked for a failed \(page.criterion)")
        return page
    }

    /// Whether the call's report fails a criterion or opening check whose id (or TEMPLATE/ID) is `criterion`.
    private static func failed(_ record: CallRecord, _ criterion: String, _ store: any CallStore) async throws -> Bool {
        guard record.status == .done, let data = try await store.report(id: record.id),
              let report = try? JSONDecoder().decode(CallReport.self, from: data) else { return false }
        let failedCriteria = report.criteria.filter { $0.applicable && $0.passed == false }.flatMap { [$0.id, "\($0.template)/\($0.id)"] }
        let failedChecks = (report.opening?.checks ?? []).filter { $0.applicable && $0.passed == false }.flatMap { [$0.id, "opening/\($0.id)"] }
        return (failedCriteria + failedChecks).contains(criterion)
    }

    private func link(moment: String, cursor: CallCursor?) -> String? {
        guard let cursor else { return nil }
        var components = URLComponents()
        components.path = "/calls"
        let fields = ["agent": agent, "from": from, "to": to, "minOpeningScore": minOpeningScore, "moment": moment, "criterion": criterion]
        components.queryItems = fields.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }.map { URLQueryItem(name: $0.key, value: $0.value) }
            + [URLQueryItem(name: "cursor", value: cursor.text)]
        return components.string
    }

    private static func row(_ record: CallRecord) -> Row {
        let summary = record.summary
        return Row(
            id: record.id, name: record.audio.name, created: WebFormat.date(record.createdAt), createdSort: String(record.createdAt.timeIntervalSince1970),
            agent: record.agent, status: record.status.rawValue,
            duration: summary.map { WebFormat.time($0.durationSeconds) } ?? "–",
            durationSort: summary.map { String($0.durationSeconds) } ?? "-1",
            openingScore: summary?.openingScore.map { String(format: "%.0f", $0) },
            openingSort: summary?.openingScore.map { String($0) } ?? "-1",
            moments: summary?.momentCounts.values.reduce(0, +) ?? 0, failed: summary?.momentCounts["failedCriterion"] ?? 0,
            deadAir: summary.map { String(format: "%.1f s", $0.deadAirSeconds) } ?? "–",
            deadAirSort: summary.map { String($0.deadAirSeconds) } ?? "-1", live: record.status == .live
        )
    }
}
