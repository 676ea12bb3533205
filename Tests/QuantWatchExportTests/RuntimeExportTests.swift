import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchExport
import Testing

/// The runtime's figures and goodput in the two outputs: the JSON snapshot line and the /metrics gauges.
struct RuntimeExportTests {
    private static let runtime = RuntimeSnapshot(
        metricsURL: "http://127.0.0.1:8080/metrics", naming: .vllm, lastScrapeAt: Date(timeIntervalSince1970: 0),
        requestsRunning: 4, requestsWaiting: 6, kvCacheUsage: 0.5, generationTokensPerSecond: 120,
        serverTTFT: .init(p50: 80, p95: 240, count: 20), serverQueue: .init(p50: 10, p95: 30, count: 20),
        timings: .init(samples: 3, serverTTFTP95: 200, clientGapP95: 45))

    private static func target(runtime: RuntimeSnapshot? = Self.runtime) -> TargetSnapshot {
        TargetSnapshot(
            id: "v", backend: .openai, model: "m", quant: "AWQ", runtime: runtime,
            slo: ServiceLevelObjective(ttftMilliseconds: 500),
            goodput: [.oneMinute: Goodput(requests: 10, good: 8, perSecond: 0.2)])
    }

    @Test func snapshotLinesCarryAServerObjectAndGoodput() throws {
        let snapshot = Snapshot(takenAt: Date(timeIntervalSince1970: 0), startedAt: Date(), targets: [Self.target()])
        let line = JSONLineEncoder().line(SnapshotRecord(snapshot))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let target = try #require((object["targets"] as? [[String: Any]])?.first)
        let server = try #require(target["server"] as? [String: Any])
        #expect(server["requests_running"] as? Double == 4)
        #expect(server["requests_waiting"] as? Double == 6)
        #expect(server["kv_cache_usage"] as? Double == 0.5)
        #expect(server["generation_tokens_per_second"] as? Double == 120)
        // The histogram's figure wins over the responses' timings where both exist.
        #expect(server["server_ttft_p95_ms"] as? Double == 240)
        #expect(server["response_server_ttft_p95_ms"] as? Double == 200)
        #expect(server["client_minus_server_ttft_p95_ms"] as? Double == 45)
        #expect(server["server_queue_p95_ms"] as? Double == 30)
        #expect(server["scrape_error"] == nil)
        let goodput = try #require((target["goodput"] as? [String: Any])?["1m"] as? [String: Any])
        #expect(goodput["share"] as? Double == 0.8)
        #expect(goodput["good"] as? Int == 8)
        #expect((target["slo"] as? [String: Any])?["ttft_ms"] as? Double == 500)
    }

    @Test func aScrapeErrorIsASentenceAndNoRuntimeIsNoServerObject() throws {
        let failing = RuntimeSnapshot(metricsURL: "http://h/metrics", scrapeError: .notEnabled)
        let record = SnapshotRecord.Target(Self.target(runtime: failing))
        #expect(record.server?.scrapeError == "runtime metrics off (start llama-server with --metrics)")
        #expect(SnapshotRecord.Target(Self.target(runtime: nil)).server == nil)
    }

    @Test func gaugesCarryTheRuntimeFiguresAndGoodputPerWindow() {
        let exporter = MetricsExporter()
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [Self.target()]))
        let text = exporter.render()
        let labels = #"target="v",backend="openai",model="m",quant="AWQ""#
        for expected in [
            "quantwatch_runtime_requests_running{\(labels)} 4",
            "quantwatch_runtime_requests_waiting{\(labels)} 6",
            "quantwatch_runtime_kv_cache_usage_ratio{\(labels)} 0.5",
            "quantwatch_runtime_server_ttft_p95_seconds{\(labels)} 0.24",
            "quantwatch_runtime_scrape_up{\(labels)} 1",
            "quantwatch_goodput_ratio{\(labels),window=\"1m\"} 0.8",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        // Without runtime figures the series go away rather than stay stale.
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [Self.target(runtime: nil)]))
        #expect(!exporter.render().contains("quantwatch_runtime_requests_waiting{"))
    }
}
