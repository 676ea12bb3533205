import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchExport

/// `run --probe NAME`: the name is a label on every /metrics series and a field of every JSON line, and the
/// exporter publishes what the Prometheus rules read (consecutive failures, rule states, scored answers).
struct ProbeLabelTests {
    static let target = TargetConfig(
        id: "llama-q4km", backend: .llamacpp, url: "http://127.0.0.1:1", model: "llama", quant: "Q4_K_M")

    static func result(_ outcome: Result<Generation, ProbeFailure>) -> ProbeResult {
        ProbeResult(
            targetID: target.id, canaryID: "c1", category: "general", startedAt: Date(), outcome: outcome,
            correct: true)
    }

    @Test func everySeriesCarriesTheProbeLabel() {
        let exporter = MetricsExporter(probe: "eu-1")
        exporter.record(
            Self.result(
                .success(
                    Generation(
                        text: "ok", ttfb: .milliseconds(5), ttft: .milliseconds(10), e2e: .milliseconds(90),
                        outputTokens: 4))),
            target: Self.target)
        exporter.record(Self.result(.failure(ProbeFailure(.timeout, "slow"))), target: Self.target)
        let accuracy = AccuracyStats(correct: 9, total: 10, wilsonLow: 0.6, wilsonHigh: 0.98)
        let snapshot = Snapshot(
            takenAt: Date(), startedAt: Date(),
            targets: [
                TargetSnapshot(
                    id: Self.target.id, backend: .llamacpp, model: "llama", quant: "Q4_K_M", state: .warning,
                    overall: CategoryQuality(category: "all", accuracy: accuracy), consecutiveFailures: 1,
                    ruleStates: [.p99: .ok, .errorRate: .warning, .down: .unknown])
            ], outputs: [OutputStats(consumer: "store", capacity: 10, buffered: 3, dropped: 2)])
        exporter.update(snapshot)
        let series = exporter.render().split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(!series.isEmpty)
        #expect(series.contains { $0.hasPrefix("quantwatch_output_buffered") })
        for line in series { #expect(line.contains(#"probe="eu-1""#), "\(line)") }
        let text = exporter.render()
        #expect(
            text.contains(
                #"quantwatch_consecutive_failures{target="llama-q4km",backend="llamacpp",model="llama",quant="Q4_K_M",probe="eu-1"} 1.0"#
            ))
        #expect(text.contains(#"rule="error_rate"} 1.0"#))
        #expect(text.contains(#"rule="p99"} 0.0"#))
        #expect(!text.contains(#"rule="down""#), "unknown rules have no series")
        #expect(text.contains(#"quantwatch_accuracy_answers{"#))
        #expect(!MetricsExporter().render().contains("probe="))
    }

    @Test func jsonLinesNameTheProbe() {
        let encoder = JSONLineEncoder()
        let event = AlertEvent(at: Date(), targetID: "t", rule: "p99", from: .ok, to: .warning, message: "slow")
        #expect(encoder.line(EventRecord(event).probed("eu-1")).contains(#""probe":"eu-1""#))
        #expect(!encoder.line(EventRecord(event)).contains("probe"))
        let snapshot = Snapshot(takenAt: Date(), startedAt: Date())
        #expect(encoder.line(SnapshotRecord(snapshot).probed("us-1")).contains(#""probe":"us-1""#))
        let result = Self.result(.failure(ProbeFailure(.connect, "refused")))
        #expect(encoder.line(ResultRecord(result).probed("ap-1")).contains(#""probe":"ap-1""#))
    }
}
