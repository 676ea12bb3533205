import Foundation
import Testing

@testable import QuantWatchDomain
import QuantWatchTestSupport

/// Snapshots are computed incrementally (window parts moved along with time, running totals, cached quality,
/// minute rows and whole target snapshots): these tests hold every figure equal to a computation from scratch
/// over randomized result streams on a manual clock, so a caching bug shows as a difference.
struct IncrementalSnapshotTests {
    typealias F = MetricsFixtures

    // MARK: - Dense bucket numbering

    @Test func denseIndexNumbersBucketFloorsInOrder() {
        var generator = SeededGenerator(seed: 7)
        var values: [UInt32] = [0, 1, 2047, 2048, 2049, 4095, 4096, 1_000_000, HistogramLayout.maximumValue, .max]
        for _ in 0..<5000 {
            values.append(UInt32.random(in: 0...UInt32.max, using: &generator) >> (generator.next() % 32))
        }
        for value in values {
            let floor = HistogramLayout.bucketFloor(value)
            let index = HistogramLayout.denseIndex(ofFloor: floor)
            #expect(index >= 0 && index < HistogramLayout.denseIndexCount)
            #expect(HistogramLayout.floor(ofDenseIndex: index) == floor, "value \(value)")
        }
        var previous: UInt32?
        for index in 0..<HistogramLayout.denseIndexCount {
            let floor = HistogramLayout.floor(ofDenseIndex: index)
            #expect(HistogramLayout.bucketFloor(floor) == floor)
            #expect(HistogramLayout.denseIndex(ofFloor: floor) == index)
            if let previous { #expect(previous < floor, "index \(index)") }
            previous = floor
        }
    }

    @Test func denseTallyEqualsPairwiseMerges() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<50 {
            let lists = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                SliceSamples.bucket(
                    (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                        UInt32.random(in: 0...50_000_000, using: &generator)
                    }.sorted())
            }
            let pairwise = lists.reduce([SliceSamples.Entry]()) { SliceSamples.merge($0, $1) }
            #expect(DenseTally.merged(lists) == pairwise)
        }
    }

    @Test func readEqualsFullScan() {
        var generator = SeededGenerator(seed: 13)
        for round in 0..<300 {
            let closedValues = (0..<Int.random(in: 0...400, using: &generator)).map { _ in
                Self.randomLatency(&generator)
            }
            let openValues = (0..<Int.random(in: 0...(round % 3 == 0 ? 0 : 12), using: &generator)).map { _ in
                Self.randomLatency(&generator)
            }
            var moments = ExactMoments()
            for value in closedValues + openValues { moments.add(value) }
            let closed = SliceSamples.bucket(closedValues.sorted())
            let open = SliceSamples.bucket(openValues.sorted())
            let levels = [0, 1, 50, 95, 99, 99.9, 100]
            let binCount = round % 4 == 0 ? 0 : 20
            let expected = DistributionScan.scan(
                closed, open, moments: moments, percentiles: levels, binCount: binCount)
            var closedDistribution = SparseDistribution()
            closedDistribution.replace(with: closed)
            var openDistribution = SparseDistribution()
            openDistribution.replace(with: open)
            let closedBins =
                moments.count == 0
                ? []
                : DistributionScan.binCounts(
                    closed, low: UInt64(moments.min), high: UInt64(moments.max), count: binCount)
            let read = DistributionScan.read(
                closed: closedDistribution, open: openDistribution, moments: moments, percentiles: levels,
                closedBins: closedBins)
            #expect(read == expected, "round \(round)")
        }
    }

    // MARK: - Sliding windows against a from-scratch computation

    @Test func windowsEqualAFromScratchComputationOverRandomStreams() async {
        let mismatches = await OffThePool.run { Self.windowsEqualAFromScratchComputationOverRandomStreamsChecks() }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    private static func windowsEqualAFromScratchComputationOverRandomStreamsChecks() -> [String] {
        let mismatches = Mismatches()
        for seed in UInt64(1)...6 {
            var generator = SeededGenerator(seed: seed)
            var windows = SlidingWindows()
            var recorded: [(ProbeSample, Date)] = []
            let startedAt = F.at(-30)
            var now = F.at(0)
            for step in 0..<700 {
                now = now.addingTimeInterval(Self.randomStep(&generator))
                for _ in 0..<Int.random(in: 0...4, using: &generator) {
                    let at = Self.randomStart(now: now, &generator)
                    let sample = ProbeSample(Self.randomResult(target: "t", at: at, &generator))
                    windows.record(sample, at: at)
                    recorded.append((sample, at))
                }
                if generator.next() % 3 == 0 {
                    let recent = windows.recentStats(at: now)
                    let expected = Self.fromScratch(windows.slices, now: now, startedAt: startedAt, binCount: 0)
                    for window in [MetricWindow.oneMinute, .fiveMinutes] {
                        var figures = expected[window] ?? .empty
                        figures.requestsPerSecond = 0
                        figures.tokensPerSecond = 0
                        mismatches.check(recent[window] == figures, "seed \(seed) step \(step) recent \(window)")
                    }
                }
                if generator.next() % 2 == 0 {
                    let stats = windows.stats(at: now, startedAt: startedAt)
                    let expected = Self.fromScratch(windows.slices, now: now, startedAt: startedAt)
                    mismatches.check(stats == expected, "seed \(seed) step \(step)")
                    // The same samples recorded into fresh windows read the same (nothing depends on read history).
                    if step % 50 == 0 {
                        var fresh = SlidingWindows()
                        for (sample, at) in recorded { fresh.record(sample, at: at) }
                        mismatches.check(
                            fresh.stats(at: now, startedAt: startedAt) == stats, "seed \(seed) step \(step) fresh")
                    }
                }
            }
        }
        return mismatches.all
    }

    /// Every window's figures from the slices alone: merge the bucket lists of every slice the window holds and
    /// scan them, as the windows did before they were kept incrementally.
    private static func fromScratch(
        _ slices: some Sequence<WindowSlice>, now: Date, startedAt: Date, binCount: Int = SlidingWindows.e2eBinCount
    ) -> [MetricWindow: WindowStats] {
        let slices = Array(slices)
        let nowIndex = SlidingWindows.sliceIndex(now)
        var result: [MetricWindow: WindowStats] = [:]
        for window in MetricWindow.allCases {
            let lower = nowIndex - window.sliceCount
            let held = slices.filter { $0.index > lower && $0.index > nowIndex - SlidingWindows.retainedSlices }
            var counters = WindowCounters()
            func metric(_ path: KeyPath<WindowSlice, SliceSamples>) -> ([SliceSamples.Entry], ExactMoments) {
                var moments = ExactMoments()
                var entries: [SliceSamples.Entry] = []
                for slice in held {
                    moments.add(slice[keyPath: path].moments)
                    entries = SliceSamples.merge(entries, slice[keyPath: path].bucketed)
                }
                return (entries, moments)
            }
            for slice in held { counters.add(slice.counters) }
            let (e2e, e2eMoments) = metric(\.e2e)
            let (ttft, ttftMoments) = metric(\.ttft)
            let (tpot, tpotMoments) = metric(\.tpot)
            let (decode, decodeMoments) = metric(\.decode)
            let e2eScan = DistributionScan.scan(
                e2e, moments: e2eMoments, percentiles: [50, 95, 99], binCount: binCount)
            let decodeMedian = DistributionScan.scan(decode, moments: decodeMoments, percentiles: [50]).percentiles[0]
            var stats = WindowStats(
                e2e: WindowAccumulator.summary(e2eScan, e2eMoments),
                ttft: WindowAccumulator.summary(
                    DistributionScan.scan(ttft, moments: ttftMoments, percentiles: [50, 95, 99]), ttftMoments),
                tpot: WindowAccumulator.summary(
                    DistributionScan.scan(tpot, moments: tpotMoments, percentiles: [50, 95, 99]), tpotMoments),
                requests: counters.requests, successes: counters.successes, errors: counters.errors.dictionary,
                retries: counters.retries,
                decodeTokensPerSecond: decodeMoments.count == 0 ? nil : Double(decodeMedian) / 100,
                e2eHistogram: e2eScan.bins.map { HistogramBin(upperMilliseconds: $0.upper / 1000, count: $0.count) })
            let windowStart = Double((nowIndex - window.sliceCount + 1) * SlidingWindows.sliceSeconds)
            let dataStart = held.first.map { Double($0.index * SlidingWindows.sliceSeconds) }
            let coveredFrom = max(windowStart, min(startedAt.timeIntervalSince1970, dataStart ?? .infinity))
            let span = max(now.timeIntervalSince1970 - coveredFrom, 1)
            stats.requestsPerSecond = Double(stats.requests) / span
            stats.tokensPerSecond = Double(counters.outputTokens) / span
            result[window] = stats
        }
        return result
    }

    // MARK: - Whole snapshots against a fresh Aggregator

    /// What the monitor does to an Aggregator, replayed into a fresh one to compare.
    private enum Operation {
        case record(ProbeResult, evaluatingAt: Date?)
        case evaluateAll(Date)
        case skipped(String, Int)
        case restore(events: [AlertEvent], states: [AlertEvent])
    }

    private static let fleetSuite = CanarySuite(
        name: "random", path: "/suites/random.yaml",
        canaries: (0..<8).map { index in
            Canary(
                id: "c\(index)", category: ["general", "math", "coding"][index % 3],
                messages: [ChatMessage(role: .user, content: "question \(index)")], scorer: .exact("a"))
        })

    private static func fleet() -> FleetConfig {
        let alerts = AlertThresholds(p99Milliseconds: 900, downAfterFailures: 3, holdEvaluations: 2)
        func target(_ id: String, baseline: String? = nil) -> TargetConfig {
            TargetConfig(
                id: id, backend: .llamacpp, url: "http://127.0.0.1:1", model: "m", quant: id, baseline: baseline,
                topLogprobs: 2, suitePaths: [fleetSuite.path], alerts: alerts)
        }
        return FleetConfig(
            path: "fleet.yaml",
            targets: [target("fp16"), target("q8", baseline: "fp16"), target("q4", baseline: "fp16"), target("solo")],
            suites: [fleetSuite.path: fleetSuite], alerts: alerts)
    }

    private static let targetIDs = ["fp16", "q8", "q4", "solo", "unknown"]

    private static func apply(_ operation: Operation, to aggregator: inout Aggregator) {
        switch operation {
        case .record(let result, let now): aggregator.record(result, evaluatingAt: now)
        case .evaluateAll(let now): aggregator.evaluateAll(at: now)
        case .skipped(let id, let count): aggregator.noteSkipped(targetID: id, count: count)
        case .restore(let events, let states): aggregator.restore(events: events, states: states)
        }
    }

    @Test func snapshotsEqualAFreshAggregatorOverRandomStreams() async {
        let mismatches = await OffThePool.run { Self.snapshotsEqualAFreshAggregatorOverRandomStreamsChecks() }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    private static func snapshotsEqualAFreshAggregatorOverRandomStreamsChecks() -> [String] {
        let mismatches = Mismatches()
        let config = fleet()
        for seed in UInt64(21)...24 {
            var generator = SeededGenerator(seed: seed)
            let startedAt = F.at(0)
            var now = F.at(0)
            var incremental = Aggregator(config: config)
            // Operations since the aggregator in use started (a restart begins a new list).
            var operations: [Operation] = []
            // Everything recorded, for the restart's replay of the last hour.
            var history: [ProbeResult] = []
            var events: [AlertEvent] = []
            for step in 0..<320 {
                now = now.addingTimeInterval(Self.randomStep(&generator))
                for _ in 0..<Int.random(in: 0...6, using: &generator) {
                    let id = Self.targetIDs[Int(generator.next() % UInt64(Self.targetIDs.count))]
                    let result = Self.randomResult(
                        target: id, at: Self.randomStart(now: now, &generator), &generator, withAnswers: true)
                    let operation = Operation.record(result, evaluatingAt: generator.next() % 4 == 0 ? nil : now)
                    Self.apply(operation, to: &incremental)
                    operations.append(operation)
                    history.append(result)
                }
                if generator.next() % 10 == 0 {
                    let operation = Operation.skipped(Self.targetIDs[Int(generator.next() % 4)], 1)
                    Self.apply(operation, to: &incremental)
                    operations.append(operation)
                }
                events += incremental.drainEvents()
                if step % 97 == 96 {
                    // A restart: the last hour of results and the events come back from the store.
                    let restored = history.filter { $0.startedAt > now.addingTimeInterval(-3600) }
                    operations = [.restore(events: events.suffix(50), states: events)]
                    operations += restored.map { .record($0, evaluatingAt: nil) }
                    operations.append(.evaluateAll(now))
                    incremental = Aggregator(config: config)
                    for operation in operations { Self.apply(operation, to: &incremental) }
                    _ = incremental.drainEvents()
                }
                guard generator.next() % 3 == 0 else { continue }
                let paused = generator.next() % 8 == 0
                let taken = incremental.snapshot(at: now, startedAt: startedAt, paused: paused, inFlight: 1)
                var fresh = Aggregator(config: config)
                for operation in operations { Self.apply(operation, to: &fresh) }
                let expected = fresh.snapshot(at: now, startedAt: startedAt, paused: paused, inFlight: 1)
                mismatches.check(taken == expected, "seed \(seed) step \(step)")
                if taken != expected {
                    for (mine, theirs) in zip(taken.targets, expected.targets) where mine != theirs {
                        mismatches.record("\(mine.id) differs:\n\(mine)\nexpected:\n\(theirs)")
                    }
                    return mismatches.all
                }
                // Taken again with nothing changed, and a second later: the cached path.
                mismatches.check(
                    incremental.snapshot(at: now, startedAt: startedAt, paused: paused, inFlight: 1) == taken,
                    "seed \(seed) step \(step) again")
                let later = now.addingTimeInterval(1)
                mismatches.check(
                    incremental.snapshot(at: later, startedAt: startedAt, paused: paused, inFlight: 1)
                        == fresh.snapshot(at: later, startedAt: startedAt, paused: paused, inFlight: 1),
                    "seed \(seed) step \(step) a second later")
            }
        }
        return mismatches.all
    }

    // MARK: - Random streams

    /// Mostly a few seconds; sometimes past a slice, a minute or a whole window (evictions), or not at all.
    private static func randomStep(_ generator: inout SeededGenerator) -> TimeInterval {
        switch generator.next() % 20 {
        case 0: 0
        case 1: Double.random(in: 60...400, using: &generator)
        case 2: Double.random(in: 900...4000, using: &generator)
        default: Double.random(in: 0.2...12, using: &generator)
        }
    }

    /// Mostly just before `now`; sometimes late (a slow probe filed after newer ones) or a little ahead.
    private static func randomStart(now: Date, _ generator: inout SeededGenerator) -> Date {
        switch generator.next() % 12 {
        case 0: now.addingTimeInterval(-Double.random(in: 5...400, using: &generator))
        case 1: now.addingTimeInterval(Double.random(in: 0...7, using: &generator))
        default: now.addingTimeInterval(-Double.random(in: 0...3, using: &generator))
        }
    }

    private static func randomLatency(_ generator: inout SeededGenerator) -> UInt32 {
        let spread = Double.random(in: -2...2.5, using: &generator)
        return UInt32(min(400_000 * exp(spread), Double(HistogramLayout.maximumValue)))
    }

    private static func randomResult(
        target: String, at date: Date, _ generator: inout SeededGenerator, withAnswers: Bool = false
    ) -> ProbeResult {
        let canary = fleetSuite.canaries[Int(generator.next() % UInt64(fleetSuite.canaries.count))]
        if generator.next() % 10 == 0 {
            let errorClass = ErrorClass.allCases[Int(generator.next() % UInt64(ErrorClass.allCases.count))]
            return F.failure(
                target: target, canary: canary.id, category: canary.category, at: date, errorClass,
                retries: Int(generator.next() % 2))
        }
        let e2e = Double(randomLatency(&generator)) / 1000
        let logprobs: [TokenLogprob] =
            withAnswers && generator.next() % 2 == 0
            ? (0..<3).map { position in
                let probability = Double.random(in: 0.5...0.99, using: &generator)
                let token = generator.next() % 5 == 0 ? "x\(position)" : "t\(position)"
                return TokenLogprob(
                    token: token, logprob: log(probability),
                    top: [.init(token: token, logprob: log(probability)), .init(token: "~", logprob: log(0.01))])
            } : []
        return F.success(
            target: target, canary: canary.id, category: canary.category, at: date, e2eMilliseconds: e2e,
            ttftMilliseconds: e2e * Double.random(in: 0.05...0.5, using: &generator),
            outputTokens: Int(generator.next() % 40), text: generator.next() % 3 == 0 ? "b" : "a",
            correct: generator.next() % 5 == 0 ? nil : generator.next() % 4 != 0, logprobs: logprobs,
            retries: Int(generator.next() % 2))
    }
}
