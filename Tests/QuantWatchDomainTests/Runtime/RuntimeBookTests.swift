import Foundation
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

/// The Aggregator's runtime side: rates from counter deltas, server quantiles from histogram deltas, response
/// timings, scrape errors, and goodput against an SLO.
struct RuntimeBookTests {
    private static let epoch = MetricsFixtures.epoch

    private static func config(slo: ServiceLevelObjective? = nil, backend: BackendKind = .llamacpp) -> FleetConfig {
        FleetConfig(
            path: "/f.yaml",
            targets: [
                TargetConfig(
                    id: "t", backend: backend, url: "http://127.0.0.1:8080",
                    suitePaths: [MetricsFixtures.miniSuite.path],
                    slo: slo)
            ],
            suites: [MetricsFixtures.miniSuite.path: MetricsFixtures.miniSuite])
    }

    private static func reading(
        at seconds: Double, waiting: Double = 0, generated: Double, ttft: [(Double, Double)] = []
    ) -> ScrapeOutcome {
        let histogram =
            ttft.isEmpty
            ? nil
            : PrometheusHistogram(
                buckets: ttft.map { .init(upperBound: $0.0, count: $0.1) }, sum: 0, count: ttft.last?.1 ?? 0)
        return .reading(
            RuntimeReading(
                at: MetricsFixtures.at(seconds), naming: .vllm, requestsRunning: 1, requestsWaiting: waiting,
                generationTokensTotal: generated, ttft: histogram))
    }

    @Test func ratesComeFromCounterDeltasAndQuantilesFromHistogramDeltas() throws {
        var book = RuntimeBook(config: Self.config())
        book.record(Self.reading(at: 0, generated: 1000, ttft: [(0.1, 100), (1, 100), (.infinity, 100)]), for: "t")
        // Before a second scrape there is no rate, and the whole-life histogram is all there is.
        #expect(book.runtime(for: "t")?.generationTokensPerSecond == nil)
        book.record(
            Self.reading(at: 10, waiting: 3, generated: 1500, ttft: [(0.1, 100), (1, 110), (.infinity, 110)]), for: "t")
        let runtime = try #require(book.runtime(for: "t"))
        #expect(runtime.generationTokensPerSecond == 50)
        #expect(runtime.requestsWaiting == 3)
        // The ten new observations all sit in (0.1, 1]: p50 at 0.1 + 0.9 * 5/10 s.
        let ttft = try #require(runtime.serverTTFT)
        #expect(ttft.count == 10)
        #expect(abs(ttft.p50 - 550) < 1e-9)
        #expect(runtime.history.map(\.waiting) == [0, 3])
        #expect(runtime.queueNote(at: MetricsFixtures.at(10)) == "queue 3, was 0")
    }

    @Test func aCounterResetGivesNoRateRatherThanANegativeOne() {
        var book = RuntimeBook(config: Self.config())
        book.record(Self.reading(at: 0, generated: 1000), for: "t")
        book.record(Self.reading(at: 5, generated: 10), for: "t")
        #expect(book.runtime(for: "t")?.generationTokensPerSecond == nil)
    }

    @Test func aFailureIsShownUntilTheNextSuccessAndKeepsTheLastFigures() {
        var book = RuntimeBook(config: Self.config())
        book.record(Self.reading(at: 0, waiting: 2, generated: 1), for: "t")
        book.record(.failure(.notEnabled, at: MetricsFixtures.at(1)), for: "t")
        #expect(book.runtime(for: "t")?.scrapeError == .notEnabled)
        #expect(book.runtime(for: "t")?.requestsWaiting == 2)
        book.record(Self.reading(at: 2, waiting: 0, generated: 2), for: "t")
        #expect(book.runtime(for: "t")?.scrapeError == nil)
    }

    @Test func responseTimingsGiveServerTTFTAndTheClientGap() throws {
        var book = RuntimeBook(config: Self.config(backend: .ollama))
        // Ollama: no endpoint, so nothing to show until a response carries timings.
        #expect(book.runtime(for: "t") == nil)
        for (index, load) in [2.0, 2.0, 900.0].enumerated() {
            var result = MetricsFixtures.success(
                at: MetricsFixtures.at(Double(index)), e2eMilliseconds: 2000, ttftMilliseconds: 1000)
            if case .success(var generation) = result.outcome {
                generation.serverTimings = ServerTimings(
                    promptMilliseconds: 40, promptTokens: 20, predictedMilliseconds: 500, predictedTokens: 50,
                    loadMilliseconds: load)
                result.outcome = .success(generation)
            }
            book.record(result)
        }
        let timings = try #require(book.runtime(for: "t")?.timings)
        #expect(timings.samples == 3)
        #expect(timings.lastLoad == 900)
        #expect(timings.coldLoads == 1)
        // Server TTFT = load + prompt; the cold one is the p95 of three.
        #expect(timings.serverTTFTP95 == 940)
        #expect(timings.clientGapP95 == 958)
        #expect(timings.evalTokensPerSecond == 100)
        #expect(timings.promptTokensPerSecond == 500)
    }

    @Test func goodputCountsProbesMeetingEveryObjective() throws {
        let slo = ServiceLevelObjective(ttftMilliseconds: 500, tpotMilliseconds: 50, e2eMilliseconds: 3000)
        var book = RuntimeBook(config: Self.config(slo: slo))
        let start = Self.epoch
        // Met; TTFT over; E2E over; TPOT over ((2000-100)/9 = 211 ms); a failure; met again.
        let results = [
            MetricsFixtures.success(at: MetricsFixtures.at(1), e2eMilliseconds: 400, ttftMilliseconds: 100),
            MetricsFixtures.success(at: MetricsFixtures.at(2), e2eMilliseconds: 800, ttftMilliseconds: 600),
            MetricsFixtures.success(
                at: MetricsFixtures.at(3), e2eMilliseconds: 3500, ttftMilliseconds: 100, outputTokens: 100),
            MetricsFixtures.success(at: MetricsFixtures.at(4), e2eMilliseconds: 2000, ttftMilliseconds: 100),
            MetricsFixtures.failure(at: MetricsFixtures.at(5)),
            MetricsFixtures.success(at: MetricsFixtures.at(6), e2eMilliseconds: 300, ttftMilliseconds: 50),
        ]
        for result in results { book.record(result) }
        let goodput = book.goodput(for: "t", at: MetricsFixtures.at(20), startedAt: start)
        let minute = try #require(goodput[.oneMinute])
        #expect(minute.requests == 6)
        #expect(minute.good == 2)
        #expect(minute.share == 2.0 / 6.0)
        // Twenty seconds since the start: 2 good in 20 s.
        #expect(minute.perSecond == 0.1)
        // Ten minutes later the 1m window is empty, the 15m one still holds them.
        let later = book.goodput(for: "t", at: MetricsFixtures.at(620), startedAt: start)
        #expect(later[.oneMinute]?.requests == 0)
        #expect(later[.oneMinute]?.share == nil)
        #expect(later[.fifteenMinutes]?.good == 2)
    }

    @Test func noSLOMeansNoGoodput() {
        var book = RuntimeBook(config: Self.config())
        book.record(MetricsFixtures.success(e2eMilliseconds: 10))
        #expect(book.goodput(for: "t", at: Self.epoch, startedAt: Self.epoch).isEmpty)
    }

    @Test func aSingleTokenProbeHasNoTPOTToMiss() {
        let slo = ServiceLevelObjective(tpotMilliseconds: 1)
        #expect(slo.isMet(by: MetricsFixtures.success(e2eMilliseconds: 5000, outputTokens: 1)))
        #expect(!slo.isMet(by: MetricsFixtures.success(e2eMilliseconds: 5000, outputTokens: 3)))
    }

    @Test func theAggregatorPutsRuntimeAndGoodputIntoItsSnapshots() throws {
        var aggregator = Aggregator(config: Self.config(slo: ServiceLevelObjective(e2eMilliseconds: 100)))
        aggregator.recordRuntime(Self.reading(at: 0, waiting: 5, generated: 0), for: "t")
        aggregator.record(
            MetricsFixtures.success(target: "t", canary: "g1", at: MetricsFixtures.at(1), e2eMilliseconds: 50))
        aggregator.record(
            MetricsFixtures.success(target: "t", canary: "m1", at: MetricsFixtures.at(2), e2eMilliseconds: 500))
        let snapshot = aggregator.snapshot(
            at: MetricsFixtures.at(10), startedAt: Self.epoch, paused: false, inFlight: 0)
        let target = try #require(snapshot.targets.first)
        #expect(target.runtime?.requestsWaiting == 5)
        #expect(target.slo?.e2eMilliseconds == 100)
        #expect(target.goodput[.oneMinute]?.good == 1)
        #expect(target.goodput[.oneMinute]?.requests == 2)
    }
}
