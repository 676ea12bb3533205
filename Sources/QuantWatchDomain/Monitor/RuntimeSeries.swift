import DequeModule
import Foundation

/// What the Aggregator keeps about one target's runtime between snapshots: recent scrapes (for counter rates and
/// histogram deltas), the time-axis points, the latest failure, and recent response timings.
///
/// Every derived figure is computed when evidence arrives, so taking a snapshot only copies values.
struct RuntimeSeries: Sendable {
    /// Span of scrapes rates and server quantiles are computed over.
    static let rateSpan: TimeInterval = 60
    /// Response timings kept (the most recent probes).
    static let timingsKept = 64
    /// Time-axis points kept, and their age limit.
    static let pointsKept = 600
    static let pointsSpan: TimeInterval = 3600
    /// A model load longer than this is a cold load (Ollama loads a resident model in a few ms).
    static let coldLoadMilliseconds = 500.0

    let metricsURL: String?
    private var readings: Deque<RuntimeReading> = []
    private var timings: Deque<Timing> = []
    private(set) var snapshot: RuntimeSnapshot

    private struct Timing: Sendable {
        var serverTTFT: Double
        var clientGap: Double
        var load: Double?
        var eval: Double?
        var prompt: Double?
    }

    init(metricsURL: String?) {
        self.metricsURL = metricsURL
        snapshot = RuntimeSnapshot(metricsURL: metricsURL)
    }

    /// Whether there is anything to show: an endpoint to scrape, or timings from responses.
    var isKnown: Bool { metricsURL != nil || !timings.isEmpty }

    mutating func record(_ outcome: ScrapeOutcome) {
        switch outcome {
        case .failure(let failure, _):
            // The last figures stay, with the error beside them: the table then shows no queue, JSON both.
            snapshot.scrapeError = failure
        case .reading(let reading):
            // A reading older than the newest is a late answer; the schedule is serial, so only a clock step does it.
            if let last = readings.last, reading.at < last.at { return }
            readings.append(reading)
            while let first = readings.first, reading.at.timeIntervalSince(first.at) > Self.rateSpan,
                readings.count > 2
            {
                readings.removeFirst()
            }
            refreshScrapeFigures(latest: reading)
        }
    }

    /// Files the server-side timings of a probe's response, if it carried any.
    mutating func record(_ result: ProbeResult) {
        guard let generation = result.generation, let server = generation.serverTimings else { return }
        let load = server.loadMilliseconds
        guard let prompt = server.promptMilliseconds else { return }
        let serverTTFT = prompt + (load ?? 0)
        timings.append(
            Timing(
                serverTTFT: serverTTFT, clientGap: generation.ttft.milliseconds - serverTTFT, load: load,
                eval: server.predictedTokensPerSecond, prompt: server.promptTokensPerSecond))
        while timings.count > Self.timingsKept { timings.removeFirst() }
        refreshTimingFigures()
    }

    private mutating func refreshScrapeFigures(latest: RuntimeReading) {
        var figures = RuntimeSnapshot(
            metricsURL: metricsURL, naming: latest.naming, lastScrapeAt: latest.at, scrapeError: nil,
            requestsRunning: latest.requestsRunning, requestsWaiting: latest.requestsWaiting,
            kvCacheUsage: latest.kvCacheUsage, timings: snapshot.timings, history: snapshot.history)
        if let earliest = readings.first, earliest.at < latest.at {
            let seconds = latest.at.timeIntervalSince(earliest.at)
            figures.promptTokensPerSecond = Self.rate(earliest.promptTokensTotal, latest.promptTokensTotal, seconds)
            figures.generationTokensPerSecond = Self.rate(
                earliest.generationTokensTotal, latest.generationTokensTotal, seconds)
            if let before = earliest.preemptionsTotal, let now = latest.preemptionsTotal, now >= before {
                figures.preemptions = now - before
            }
            figures.serverTTFT = Self.quantiles(earliest.ttft, latest.ttft)
            figures.serverE2E = Self.quantiles(earliest.e2e, latest.e2e)
            figures.serverQueue = Self.quantiles(earliest.queue, latest.queue)
        }
        figures.history.append(
            RuntimeSnapshot.Point(at: latest.at, running: latest.requestsRunning, waiting: latest.requestsWaiting))
        let oldest = latest.at.addingTimeInterval(-Self.pointsSpan)
        if figures.history.count > Self.pointsKept || (figures.history.first.map { $0.at < oldest } ?? false) {
            figures.history.removeAll { $0.at < oldest }
            if figures.history.count > Self.pointsKept {
                figures.history.removeFirst(figures.history.count - Self.pointsKept)
            }
        }
        snapshot = figures
    }

    private mutating func refreshTimingFigures() {
        let loads = timings.compactMap(\.load)
        snapshot.timings = RuntimeSnapshot.ResponseTimings(
            samples: timings.count, serverTTFTP95: Self.percentile(timings.map(\.serverTTFT), 0.95),
            clientGapP95: Self.percentile(timings.map(\.clientGap), 0.95), lastLoad: timings.last?.load,
            maxLoad: loads.max(), coldLoads: loads.filter { $0 > Self.coldLoadMilliseconds }.count,
            evalTokensPerSecond: Self.percentile(timings.compactMap(\.eval), 0.5),
            promptTokensPerSecond: Self.percentile(timings.compactMap(\.prompt), 0.5))
    }

    /// Per second between two counter values; nil across a reset or without both.
    static func rate(_ before: Double?, _ after: Double?, _ seconds: TimeInterval) -> Double? {
        guard let before, let after, after >= before, seconds > 0 else { return nil }
        return (after - before) / seconds
    }

    /// p50 and p95 in milliseconds of what the histogram gained between two scrapes; nil when it gained nothing.
    static func quantiles(_ before: PrometheusHistogram?, _ after: PrometheusHistogram?) -> RuntimeSnapshot.Quantiles? {
        guard let after else { return nil }
        let delta = before.map { after.since($0) } ?? after
        guard delta.count > 0, let p50 = delta.quantile(0.5), let p95 = delta.quantile(0.95) else { return nil }
        return RuntimeSnapshot.Quantiles(p50: p50 * 1000, p95: p95 * 1000, count: delta.count)
    }

    /// Nearest-rank percentile of a few dozen values (the timings ring, sorted once per probe, not per frame).
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
