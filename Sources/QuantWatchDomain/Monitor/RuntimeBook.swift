import Foundation

/// The triage side of the Aggregator: each target's runtime series (scrapes and response timings) and its
/// goodput against its SLO.
///
/// Kept apart from the latency and quality state so it can be read, tested and changed on its own; like the
/// Aggregator it reads no clock.
struct RuntimeBook: Sendable {
    private var series: [String: RuntimeSeries] = [:]
    private var objectives: [String: ServiceLevelObjective] = [:]
    /// Bad probes are counted as the ring's "errors": it already buckets counts over time exactly.
    private var goodput: [String: ErrorBudgetRing] = [:]

    init(config: FleetConfig) {
        for target in config.targets {
            series[target.id] = RuntimeSeries(metricsURL: target.metricsURL)
            if let slo = target.slo, !slo.isEmpty { objectives[target.id] = slo }
        }
    }

    mutating func record(_ outcome: ScrapeOutcome, for targetID: String) {
        series[targetID]?.record(outcome)
    }

    mutating func record(_ result: ProbeResult) {
        series[result.targetID]?.record(result)
        if let slo = objectives[result.targetID] {
            goodput[result.targetID, default: ErrorBudgetRing()].record(
                at: result.startedAt, isError: !slo.isMet(by: result))
        }
    }

    /// Sets a target snapshot's runtime, SLO and goodput fields.
    func annotate(_ snapshot: inout TargetSnapshot, at now: Date, startedAt: Date) {
        snapshot.runtime = runtime(for: snapshot.id)
        snapshot.slo = objectives[snapshot.id]
        snapshot.goodput = goodput(for: snapshot.id, at: now, startedAt: startedAt)
    }

    /// The runtime figures of a target; nil when it has no endpoint and no response carried timings.
    func runtime(for targetID: String) -> RuntimeSnapshot? {
        guard let series = series[targetID], series.isKnown else { return nil }
        return series.snapshot
    }

    func objective(for targetID: String) -> ServiceLevelObjective? { objectives[targetID] }

    /// Goodput per window; empty without an SLO.
    func goodput(for targetID: String, at now: Date, startedAt: Date) -> [MetricWindow: Goodput] {
        guard objectives[targetID] != nil else { return [:] }
        let windows = MetricWindow.allCases
        let counts = (goodput[targetID] ?? ErrorBudgetRing()).counts(
            over: windows.map { Int64($0.duration.seconds) }, at: now)
        let elapsed = max(now.timeIntervalSince(startedAt), 1)
        var result: [MetricWindow: Goodput] = [:]
        for (window, count) in zip(windows, counts) {
            let good = count.requests - count.errors
            result[window] = Goodput(
                requests: count.requests, good: good, perSecond: Double(good) / min(window.duration.seconds, elapsed))
        }
        return result
    }
}
