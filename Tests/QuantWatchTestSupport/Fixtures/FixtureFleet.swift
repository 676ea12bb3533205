import Foundation
import QuantWatchDomain
import QuantWatchTUI

/// A deterministic fleet whose figures move over time, for the fixture dashboard, tests and benchmarks.
///
/// `snapshot(tick:)` is a pure function of the tick (one tick = one second): the same tick always gives the
/// same Snapshot. Six hand-made targets (FP16, Q8_0, Q4_K_M, Q4_0, an Ollama model with a recurring latency
/// incident, a priced remote API); larger fleets repeat them under numbered names.
public struct FixtureFleet: Sendable {
    public var targetCount: Int
    public var start: Date
    /// Latency history points kept per target.
    public var historyLength: Int

    /// Probes per target per minute (one every five seconds).
    static let probesPerMinute = 12
    static let categories = ["general", "math", "coding", "reasoning"]

    public init(
        targetCount: Int = 6, start: Date = Date(timeIntervalSince1970: 1_795_000_000),
        historyLength: Int = 120
    ) {
        self.targetCount = max(0, targetCount)
        self.start = start
        self.historyLength = historyLength
    }

    public func snapshot(tick: Int) -> Snapshot {
        let now = start.addingTimeInterval(Double(tick))
        let targets = (0..<targetCount).map { targetSnapshot(index: $0, tick: tick, now: now) }
        return Snapshot(
            takenAt: now, startedAt: start, targets: targets, events: events(tick: tick),
            probesPerSecond: Double(targetCount * FixtureFleet.probesPerMinute) / 60
                * (1 + 0.05 * sin(Double(tick) / 7)),
            inFlight: targetCount == 0 ? 0 : (tick % 3) + 1)
    }

    /// An endless stream of snapshots, one per `interval`, starting at tick 0 (for the fixture dashboard).
    public func stream(interval: Duration = .seconds(1), firstTick: Int = 0) -> AsyncStream<Snapshot> {
        let fleet = self
        return AsyncStream { continuation in
            let task = Task {
                var tick = firstTick
                while !Task.isCancelled {
                    continuation.yield(fleet.snapshot(tick: tick))
                    tick += 1
                    try? await Task.sleep(for: interval)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: - One target

    func traits(_ index: Int) -> FixtureTarget {
        let base = FixtureTarget.base
        var traits = base[index % base.count]
        if index >= base.count {
            let number = String(format: "%03d", index)
            traits.id = "\(traits.id)-\(number)"
            if let baseline = traits.baseline { traits.baseline = "\(baseline)-\(number)" }
        }
        return traits
    }

    /// E2E p95 of a target at a tick: a slow wave, noise, and the scripted incident.
    func p95(_ traits: FixtureTarget, index: Int, tick: Int) -> Double {
        let wave = 0.12 * sin(Double(tick) / 9 + Double(index))
        let noise = 0.10 * (FixtureFleet.noise(index, tick) - 0.5)
        return traits.latency * (1 + wave + noise) * incidentFactor(traits, tick: tick)
    }

    func incidentFactor(_ traits: FixtureTarget, tick: Int) -> Double {
        guard traits.incident else { return 1 }
        let phase = tick % 90
        return (40..<62).contains(phase) ? 2.6 + 0.3 * sin(Double(phase)) : 1
    }

    private func targetSnapshot(index: Int, tick: Int, now: Date) -> TargetSnapshot {
        let traits = traits(index)
        let history = (max(0, tick - historyLength + 1)...max(0, tick)).map { moment -> LatencyPoint in
            let value = p95(traits, index: index, tick: moment)
            return LatencyPoint(
                at: start.addingTimeInterval(Double(moment)), p50: value * 0.7, p95: value,
                p99: value * 1.25)
        }
        var windows: [MetricWindow: WindowStats] = [:]
        for window in MetricWindow.allCases {
            windows[window] = stats(traits, index: index, tick: tick, window: window).judged(by: AlertThresholds())
        }
        let quality = FixtureQuality(traits: traits, tick: tick, index: index)
        let errorRate = windows[.oneMinute]?.errorRate ?? 0
        let delta = quality.overall.deltaPoints ?? 0
        let state: AlertState
        if tick < 3 {
            state = .unknown
        } else if delta < -5 || errorRate >= 0.05 {
            state = .critical
        } else if delta <= -2 || incidentFactor(traits, tick: tick) > 1 {
            state = .warning
        } else {
            state = .ok
        }
        var reasons: [String] = []
        if delta < -2 { reasons.append("accuracy \(Figures.points(delta)) pts vs \(traits.baseline ?? "baseline")") }
        if incidentFactor(traits, tick: tick) > 1 { reasons.append("p99 over 1500 ms") }
        return TargetSnapshot(
            id: traits.id, backend: traits.backend, model: traits.model, quant: traits.quant,
            baseline: traits.baseline, state: state, reasons: reasons, windows: windows, overall: quality.overall,
            categories: quality.categories, verdict: traits.baseline == nil ? nil : Verdict(dropPoints: -delta),
            history: tick < 3 ? [] : history, minutes: minutes(traits, index: index, tick: tick),
            lastAnswers: quality.answers(at: now),
            lastError: errorRate > 0
                ? ProbeFailure(.timeout, "no response within 30s", retries: 2) : nil,
            consecutiveFailures: errorRate > 0.1 ? 2 : 0, price: traits.price)
    }

    private func stats(_ traits: FixtureTarget, index: Int, tick: Int, window: MetricWindow) -> WindowStats {
        let seconds = Int(window.duration.components.seconds)
        let elapsed = min(seconds, tick)
        let count = tick < 3 ? 0 : max(1, elapsed * FixtureFleet.probesPerMinute / 60)
        guard count > 0 else { return .empty }
        // The window's percentile is the mean of the per-tick p95 over the window (cheap, smooth, deterministic).
        let samples = stride(from: tick, to: max(tick - elapsed, -1), by: -max(1, elapsed / 30)).map {
            self.p95(traits, index: index, tick: $0)
        }
        let meanP95 = samples.reduce(0, +) / Double(samples.count)
        let e2e = LatencySummary(
            count: count, p50: meanP95 * 0.7, p95: meanP95, p99: meanP95 * 1.25, min: meanP95 * 0.45,
            max: meanP95 * 1.4, mean: meanP95 * 0.75)
        let ttft = LatencySummary(
            count: count, p50: meanP95 * 0.16, p95: meanP95 * 0.24, p99: meanP95 * 0.3, min: meanP95 * 0.1,
            max: meanP95 * 0.35, mean: meanP95 * 0.17)
        let tpotValue = 1000 / traits.decodeSpeed
        let tpot = LatencySummary(
            count: count, p50: tpotValue, p95: tpotValue * 1.2, p99: tpotValue * 1.4,
            min: tpotValue * 0.9, max: tpotValue * 1.5, mean: tpotValue * 1.05)
        var errors: [ErrorClass: Int] = [:]
        if incidentFactor(traits, tick: tick) > 1 {
            errors[.timeout] = max(1, count / 8)
            errors[.http5xx] = max(1, count / 20)
        } else if traits.backend == .openai, count >= 50 {
            errors[.http429] = count / 50
        }
        let errorCount = errors.values.reduce(0, +)
        let speed = traits.decodeSpeed / incidentFactor(traits, tick: tick)
        return WindowStats(
            e2e: e2e, ttft: ttft, tpot: tpot, requests: count + errorCount, successes: count, errors: errors,
            retries: errorCount / 2 + (count / 40), requestsPerSecond: Double(count) / Double(max(1, elapsed)),
            tokensPerSecond: Double(count) * 180 / Double(max(1, elapsed)), decodeTokensPerSecond: speed,
            e2eHistogram: FixtureFleet.histogram(median: meanP95 * 0.7, count: count))
    }

    /// Twelve log-spaced bins around the median, counts shaped like a skewed bell.
    static func histogram(median: Double, count: Int) -> [HistogramBin] {
        let weights = [1.0, 3, 7, 14, 20, 18, 13, 9, 6, 4, 3, 2]
        let total = weights.reduce(0, +)
        return weights.enumerated().map { offset, weight in
            let upper = median * pow(1.25, Double(offset - 4))
            return HistogramBin(
                upperMilliseconds: (upper / 10).rounded() * 10,
                count: Int((Double(count) * weight / total).rounded()))
        }
    }

    /// Deterministic noise in 0..<1 for a (target, tick) pair (splitmix64).
    static func noise(_ index: Int, _ tick: Int) -> Double {
        var value = UInt64(bitPattern: Int64(index &* 1_000_003 &+ tick)) &+ 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Double(value >> 11) / Double(1 << 53)
    }
}
