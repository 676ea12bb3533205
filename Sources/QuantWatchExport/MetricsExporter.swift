import Prometheus
import QuantWatchDomain
import Synchronization

/// Prometheus families for the fleet: latency histograms and counters from each `ProbeResult`, quality and alert
/// gauges from each `Snapshot`; `render()` gives the text exposition format for `/metrics`.
///
/// Labels: target, backend, model, quant on every series (and probe, when the exporter has a probe name);
/// category on the quality gauges. Thread-safe.
public final class MetricsExporter: Sendable {
    /// The vantage point (`run --probe NAME`) labelled on every series, so Prometheus can tell probes of the same
    /// target apart; nil: no probe label (a single process that is its own dashboard).
    public let probe: String?
    private let registry = PrometheusCollectorRegistry()
    /// Gauges set by the last `update`, so series of vanished targets or categories can be removed.
    private let liveGauges = Mutex<[GaugeKey: Gauge]>([:])
    /// Skipped ticks per target already added to its counter: snapshots carry the running total, counters take steps.
    private let exportedSkips = Mutex<[String: Int]>([:])
    /// The monitor's own running totals already added to the `self_*` counters, for the same reason.
    private let exportedHealth = Mutex(MonitorHealth())
    /// Dropped outputs per consumer already added to its counter, for the same reason.
    private let exportedDrops = Mutex<[String: Int]>([:])

    /// `probe` as a label, or none: appended to every series.
    private let probeLabels: [(String, String)]

    public init(probe: String? = nil) {
        self.probe = probe
        probeLabels = probe.map { [("probe", $0)] } ?? []
    }

    /// Counts one finished probe; successes also go into the latency histograms.
    public func record(_ result: ProbeResult, target: TargetConfig) {
        let labels = targetLabels(id: target.id, backend: target.backend, model: target.model, quant: target.quant)
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
        addHealth(snapshot.health)
        var values: [GaugeKey: Double] = [:]
        for target in snapshot.targets {
            let labels = targetLabels(
                id: target.id, backend: target.backend, model: target.model, quant: target.quant
            )
            addSkippedTicks(target.skippedTicks, targetID: target.id, labels: labels)
            values.merge(Self.runtimeGauges(target, labels: labels)) { _, new in new }
            if target.state != .unknown {
                values[GaugeKey(MetricFamilies.alertState, labels)] = Double(target.state.rawValue)
            }
            values[GaugeKey(MetricFamilies.consecutiveFailures, labels)] = Double(target.consecutiveFailures)
            for (rule, state) in target.ruleStates where state != .unknown {
                values[GaugeKey(MetricFamilies.ruleState, labels + [("rule", rule.rawValue)])] = Double(
                    state.rawValue)
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
                if quality.accuracy.total > 0 {
                    values[GaugeKey(MetricFamilies.accuracyAnswers, categoryLabels)] = Double(quality.accuracy.total)
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
        for output in snapshot.outputs {
            let labels = [("consumer", output.consumer)] + probeLabels
            addDroppedOutputs(output.dropped, consumer: output.consumer)
            values[GaugeKey(MetricFamilies.outputBuffered, labels)] = Double(output.buffered)
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

    /// Brings the `self_*` counters up to the snapshot's totals (an older snapshot never moves them back) and sets
    /// the gauges.
    private func addHealth(_ health: MonitorHealth) {
        let (snapshots, snapshotSeconds, starts, lagSeconds) = exportedHealth.withLock {
            exported -> (Int, Double, Int, Double) in
            let steps = (
                max(0, health.snapshots - exported.snapshots),
                max(0, health.snapshotSeconds - exported.snapshotSeconds),
                max(0, health.probeStarts - exported.probeStarts),
                max(0, health.scheduleLagSeconds - exported.scheduleLagSeconds)
            )
            exported.snapshots += steps.0
            exported.snapshotSeconds += steps.1
            exported.probeStarts += steps.2
            exported.scheduleLagSeconds += steps.3
            return steps
        }
        counter(MetricFamilies.selfSnapshots, probeLabels).increment(by: Int64(snapshots))
        counter(MetricFamilies.selfSnapshotSeconds, probeLabels).increment(by: snapshotSeconds)
        counter(MetricFamilies.selfProbeStarts, probeLabels).increment(by: Int64(starts))
        counter(MetricFamilies.selfScheduleLag, probeLabels).increment(by: lagSeconds)
        registry.makeGauge(descriptor: MetricFamilies.selfLastSnapshot, labels: probeLabels).set(
            health.lastSnapshotSeconds)
        registry.makeGauge(descriptor: MetricFamilies.selfMaxScheduleLag, labels: probeLabels).set(
            health.maxScheduleLagSeconds)
    }

    /// Brings a consumer's dropped-output counter up to `total`, registered at zero like the skipped ticks.
    private func addDroppedOutputs(_ total: Int, consumer: String) {
        let step = exportedDrops.withLock { exported -> Int in
            let step = max(0, total - exported[consumer, default: 0])
            exported[consumer, default: 0] += step
            return step
        }
        counter(MetricFamilies.outputDropped, [("consumer", consumer)] + probeLabels).increment(by: Int64(step))
    }

    func targetLabels(id: String, backend: BackendKind, model: String, quant: String) -> [(String, String)] {
        let labels = [("target", id), ("backend", backend.rawValue), ("model", model), ("quant", quant)]
        return labels + probeLabels
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
