import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchExport
import Testing

/// The exposition text: families, labels, bucket counts, and gauges that follow the snapshot.
struct MetricsExporterTests {
    private let target = TargetConfig(
        id: "q4", backend: .ollama, url: "http://127.0.0.1:1", model: "llama3", quant: "Q4_K_M"
    )

    private func success(e2e: Duration, tokens: Int = 11, retries: Int = 0) -> ProbeResult {
        ProbeResult(
            targetID: "q4", canaryID: "c", category: "math", startedAt: Date(),
            outcome: .success(
                Generation(
                    text: "4", ttfb: .milliseconds(5), ttft: .milliseconds(100), e2e: e2e,
                    outputTokens: tokens, retries: retries)),
            correct: true
        )
    }

    private func lines(_ text: String, _ prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    @Test func countersAndHistogramsCarryTheTargetLabels() {
        let exporter = MetricsExporter()
        exporter.record(success(e2e: .milliseconds(300), retries: 1), target: target)
        exporter.record(success(e2e: .milliseconds(2_000)), target: target)
        exporter.record(
            ProbeResult(
                targetID: "q4", canaryID: "c", category: "math", startedAt: Date(),
                outcome: .failure(ProbeFailure(.http429, "slow down", retries: 2)), correct: nil),
            target: target
        )
        let text = exporter.render()
        let labels = #"target="q4",backend="ollama",model="llama3",quant="Q4_K_M""#
        #expect(
            lines(text, "quantwatch_requests_total{").sorted() == [
                "quantwatch_requests_total{\(labels),outcome=\"error\",error_class=\"http_429\"} 1",
                "quantwatch_requests_total{\(labels),outcome=\"ok\",error_class=\"none\"} 2",
            ])
        #expect(lines(text, "quantwatch_retries_total{") == ["quantwatch_retries_total{\(labels)} 3"])
        #expect(lines(text, "quantwatch_output_tokens_total{") == ["quantwatch_output_tokens_total{\(labels)} 22"])
        #expect(lines(text, "quantwatch_e2e_seconds_count{") == ["quantwatch_e2e_seconds_count{\(labels)} 2"])
        #expect(
            lines(text, "quantwatch_e2e_seconds_bucket{\(labels),le=\"0.25\"}") == [
                "quantwatch_e2e_seconds_bucket{\(labels),le=\"0.25\"} 0"
            ])
        #expect(lines(text, "quantwatch_e2e_seconds_bucket{\(labels),le=\"0.4\"}").first?.hasSuffix(" 1") == true)
        #expect(lines(text, "quantwatch_e2e_seconds_bucket{\(labels),le=\"2.5\"}").first?.hasSuffix(" 2") == true)
        #expect(lines(text, "quantwatch_e2e_seconds_bucket{").count == MetricsExporter.latencyBuckets.count + 1)
        // TPOT = (2000 - 100) ms / 10 = 190 ms.
        #expect(lines(text, "quantwatch_tpot_seconds_bucket{\(labels),le=\"0.15\"}").first?.hasSuffix(" 1") == true)
        #expect(text.contains("# TYPE quantwatch_e2e_seconds histogram"))
        #expect(text.contains("# HELP quantwatch_requests_total "))
    }

    @Test func bucketsAreIncreasingAndSpanLLMLatencies() {
        for buckets in [MetricsExporter.latencyBuckets, MetricsExporter.tokenBuckets] {
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 })
        }
        #expect(MetricsExporter.latencyBuckets.first == 0.005 && MetricsExporter.latencyBuckets.last == 60)
        #expect((18...24).contains(MetricsExporter.latencyBuckets.count))
    }

    @Test func gaugesFollowTheSnapshotAndVanishWithIt() {
        let exporter = MetricsExporter()
        let accuracy = AccuracyStats(correct: 9, total: 10, wilsonLow: 0.6, wilsonHigh: 0.98)
        let math = CategoryQuality(
            category: "math", accuracy: accuracy, deltaPoints: -3.5, answerAgreement: 0.8,
            top1Agreement: 0.95, meanKLD: 0.031)
        var snapshotTarget = TargetSnapshot(
            id: "q4", backend: .ollama, model: "llama3", quant: "Q4_K_M", state: .critical,
            overall: CategoryQuality(category: "all", accuracy: accuracy), categories: [math]
        )
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [snapshotTarget]))
        let labels = #"target="q4",backend="ollama",model="llama3",quant="Q4_K_M""#
        var text = exporter.render()
        #expect(lines(text, "quantwatch_alert_state{") == ["quantwatch_alert_state{\(labels)} 2.0"])
        #expect(
            lines(text, "quantwatch_accuracy{").sorted() == [
                "quantwatch_accuracy{\(labels),category=\"all\"} 0.9",
                "quantwatch_accuracy{\(labels),category=\"math\"} 0.9",
            ])
        #expect(
            lines(text, "quantwatch_accuracy_delta_points{") == [
                "quantwatch_accuracy_delta_points{\(labels),category=\"math\"} -3.5"
            ])
        #expect(lines(text, "quantwatch_kld{") == ["quantwatch_kld{\(labels),category=\"math\"} 0.031"])
        #expect(lines(text, "quantwatch_top1_agreement{").count == 1)
        #expect(lines(text, "quantwatch_answer_agreement{").count == 1)

        // The category loses its baseline comparison and the state becomes unknown: those series go.
        snapshotTarget.categories = [CategoryQuality(category: "math", accuracy: accuracy)]
        snapshotTarget.state = .unknown
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [snapshotTarget]))
        text = exporter.render()
        #expect(lines(text, "quantwatch_alert_state{").isEmpty)
        #expect(lines(text, "quantwatch_kld{").isEmpty)
        #expect(lines(text, "quantwatch_accuracy{").count == 2)

        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: []))
        #expect(lines(exporter.render(), "quantwatch_accuracy{").isEmpty)
    }

    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("0.0.0.0:0", "0.0.0.0", 0), ("localhost:80", "localhost", 80),
        ("[::1]:9464", "::1", 9464),
    ])
    func addressesParse(text: String, host: String, port: Int) throws {
        let address = try MetricsAddress(parsing: text)
        #expect(address == MetricsAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(arguments: [
        "9464", ":9464", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:-1", "::1:9464", "[::1]9464",
        "host name:80", "127.0.0.1:http",
    ])
    func badAddressesAreRefusedWithAReason(text: String) {
        let error = #expect(throws: MetricsAddressError.self) { try MetricsAddress(parsing: text) }
        #expect(error?.description.hasPrefix("invalid --metrics-addr '\(text)': ") == true)
    }

    @Test func defaultAddressIsLoopback() {
        #expect(MetricsAddress.default.description == "127.0.0.1:9464")
        #expect(MetricsAddress.default.isLoopback)
        #expect(!MetricsAddress(host: "0.0.0.0", port: 1).isLoopback)
    }
}
