import Prometheus
import QuantWatchDomain
import Synchronization

/// Prometheus families for the fleet: latency histograms and counters from each `ProbeResult`, quality and alert
/// gauges from each `Snapshot`; `render()` gives the text exposition format for `/metrics`.
///
/// Labels: target, backend, model, quant on every series; category on the quality gauges. Thread-safe.
public final class MetricsExporter: Sendable {
    private let registry = PrometheusCollectorRegistry()
    /// Gauges set by the last `update`, so series of vanished targets or categories can be removed.
    private let liveGauges = Mutex<[GaugeKey: Gauge]>([:])
    /// Skipped ticks per target already added to its counter: snapshots carry the running total, counters take steps.
    private let exportedSkips = Mutex<[String: Int]>([:])

    public init() {}

    /// Counts one finished probe; successes also go into the latency histograms.
    public func record(_ result: ProbeResult, target: TargetConfig) {
        let labels = Self.targetLabels(id: target.id, backend: target.backend, model: target.model, quant: target.quant)
        switch result.outcome {
        case .success(let generation):
            counter(MetricFamilies.requests, labels + [("outcome", "ok"), ("error_class", "none")]).increment()
            histogram(MetricFamilies.e2e, labels, MetricFamilies.latencyBuckets).record(generation.e2e.seconds)
            histogram(MetricFamilies.ttft, labels, MetricFamilies.latencyBuckets).record(generation.ttft.seconds)
            if let tpot = generation.tpot {
                histogram(MetricFamilies.tpot, labels, MetricFamilies.tokenBuckets).record(tpot.seconds)
            }
            if generation.outputTokens > 0 {
                counter(MetricFamilies.outputTokens, labels).increment(by: Int64(generation.outputTokens))
            }
        case .failure(let failure):
            let errorLabels = labels + [("outcome", "error"), ("error_class", failure.errorClass.rawValue)]
            counter(MetricFamilies.requests, errorLabels).increment()
        }
        // Registered at zero too, so rate() works from the first scrape.
        counter(MetricFamilies.retries, labels).increment(by: Int64(result.retries))
    }

    /// Sets the quality and alert gauges from a snapshot, and the skipped-tick counters; gauge series with no value
    /// now (or of targets no longer in the snapshot) are removed rather than left stale.
    public func update(_ snapshot: Snapshot) {
        var values: [GaugeKey: Double] = [:]
        for target in snapshot.targets {
            let labels = Self.targetLabels(
                id: target.id, backend: target.backend, model: target.model, quant: target.quant
            )
            addSkippedTicks(target.skippedTicks, targetID: target.id, labels: labels)
            values.merge(Self.runtimeGauges(target, labels: labels)) { _, new in new }
            if target.state != .unknown {
                values[GaugeKey(MetricFamilies.alertState, labels)] = Double(target.state.rawValue)
            }
            for quality in [target.overall] + target.categories {
                let categoryLabels = labels + [("category", quality.category)]
                let pairs: [(MetricNameDescriptor, Double?)] = [
                    (MetricFamilies.accuracy, quality.accuracy.rate),
                    (MetricFamilies.accuracyDelta, quality.deltaPoints),
                    (MetricFamilies.answerAgreement, quality.answerAgreement),
                    (MetricFamilies.top1Agreement, quality.top1Agreement),
                    (MetricFamilies.kld, quality.meanKLD),
                ]
                for case (let family, let value?) in pairs {
                    values[GaugeKey(family, categoryLabels)] = value
                }
                if let counts = quality.paired {
                    values[GaugeKey(MetricFamilies.pairs, categoryLabels)] = Double(counts.pairs)
                    values[GaugeKey(MetricFamilies.flipped, categoryLabels + [("direction", "worse")])] = Double(
                        counts.regressions)
                    values[GaugeKey(MetricFamilies.flipped, categoryLabels + [("direction", "better")])] = Double(
                        counts.improvements)
                }
                let severities: [(String, AlertState)] = [
                    ("accuracy_delta", quality.deltaSeverity), ("answer_agreement", quality.agreementSeverity),
                    ("kld", quality.kldSeverity),
                ]
                for (figure, severity) in severities where severity != .unknown {
                    values[GaugeKey(MetricFamilies.severity, categoryLabels + [("figure", figure)])] = Double(
                        severity.rawValue)
                }
            }
            for (window, stats) in target.windows {
                let windowLabels = labels + [("window", window.rawValue)]
                let severities: [(String, AlertState)] = [
                    ("error_rate", stats.errorSeverity), ("e2e_p99", stats.p99Severity),
                ]
                for (figure, severity) in severities where severity != .unknown {
                    values[GaugeKey(MetricFamilies.severity, windowLabels + [("figure", figure)])] = Double(
                        severity.rawValue)
                }
            }
        }
        liveGauges.withLock { live in
            for (key, gauge) in live where values[key] == nil {
                registry.unregisterGauge(gauge)
                live[key] = nil
            }
            for (key, value) in values {
                let gauge = live[key] ?? registry.makeGauge(descriptor: key.descriptor, labels: key.labels)
                live[key] = gauge
                gauge.set(value)
            }
        }
    }

    /// The Prometheus text exposition (version 0.0.4) of every family.
    public func render() -> String {
        registry.emitToString()
    }

    /// Upper bounds (seconds) of the e2e and ttft histogram buckets.
    public static var latencyBuckets: [Double] { MetricFamilies.latencyBuckets }

    /// Upper bounds (seconds) of the tpot histogram buckets.
    public static var tokenBuckets: [Double] { MetricFamilies.tokenBuckets }

    /// Content type of `render()`'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    // MARK: - Helpers

    /// Brings the target's skipped-tick counter up to `total` (registered at zero, so rate() works from the start).
    private func addSkippedTicks(_ total: Int, targetID: String, labels: [(String, String)]) {
        let step = exportedSkips.withLock { exported -> Int in
            let step = max(0, total - exported[targetID, default: 0])
            exported[targetID, default: 0] += step
            return step
        }
        counter(MetricFamilies.skippedTicks, labels).increment(by: Int64(step))
    }

    static func targetLabels(id: String, backend: BackendKind, model: String, quant: String) -> [(String, String)] {
        [("target", id), ("backend", backend.rawValue), ("model", model), ("quant", quant)]
    }

    private func counter(_ family: MetricNameDescriptor, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: family, labels: labels)
    }

    private func histogram(
        _ family: MetricNameDescriptor, _ labels: [(String, String)], _ buckets: [Double]
    ) -> ValueHistogram {
        registry.makeValueHistogram(descriptor: family, labels: labels, buckets: buckets)
    }
}

/// Identity of one gauge series: family plus ordered labels.
struct GaugeKey: Hashable, Sendable {
    var name: String
    var help: String
    var labels: [(String, String)]

    init(_ family: MetricNameDescriptor, _ labels: [(String, String)]) {
        name = family.name
        help = family.helpText ?? ""
        self.labels = labels
    }

    /// The family again (the descriptor type itself is not Sendable, so it is not kept).
    var descriptor: MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }

    static func == (lhs: GaugeKey, rhs: GaugeKey) -> Bool {
        lhs.name == rhs.name && lhs.labels.elementsEqual(rhs.labels) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        for (key, value) in labels {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}
