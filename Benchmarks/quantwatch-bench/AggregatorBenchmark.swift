import ArgumentParser
import Foundation
import QuantWatchDomain

/// `quantwatch-bench aggregator`: how fast the Aggregator files results and builds snapshots.
struct AggregatorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Record synthetic results into the Aggregator; time record() and snapshot().")

    @Option(help: "Results to record in the throughput run.")
    var results = 1_000_000

    @Option(help: "Targets in the throughput run.")
    var targets = 10

    @Option(help: "Fleet sizes for the snapshot timing.")
    var snapshotTargets: [Int] = [10, 100]

    @Option(help: "Snapshots timed per measurement.")
    var repetitions = 20

    func validate() throws {
        guard results > 0, targets > 0, repetitions > 0, snapshotTargets.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("counts must be positive")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = Date(timeIntervalSince1970: 1_800_000_000)

        // Throughput: results spread over one hour, so every window and slice is exercised.
        let fleet = SyntheticFleet(targets: targets, canaries: 20, withBaselines: false)
        let batch = fleet.results(count: results, from: start, over: 3600, logprobs: false)
        var aggregator = Aggregator(config: fleet.config)
        let recording = clock.measure {
            for result in batch { aggregator.record(result) }
        }
        let seconds = recording.seconds
        print("record: \(results) results, \(targets) targets, spread over 1h")
        let perSecond = Double(results) / seconds
        print(String(format: "  %.0f results/s, %.1f ns/result", perSecond, seconds * 1e9 / Double(results)))
        let afterRecording = clock.measure {
            _ = aggregator.snapshot(at: start.addingTimeInterval(3600), startedAt: start, paused: false, inFlight: 0)
        }
        print(String(format: "  first snapshot over that data: %.2f ms", afterRecording.seconds * 1000))

        for size in snapshotTargets {
            try snapshotTiming(targets: size, start: start, clock: clock)
        }
    }

    /// One hour of canary traffic per target (20 canaries every 15 s, logprobs on), then snapshot timings.
    private func snapshotTiming(targets size: Int, start: Date, clock: ContinuousClock) throws {
        let fleet = SyntheticFleet(targets: size, canaries: 20, withBaselines: true)
        let perTarget = 240 * 20
        var aggregator = Aggregator(config: fleet.config)
        for result in fleet.results(count: perTarget * size, from: start, over: 3600, logprobs: true) {
            aggregator.record(result)
        }
        var now = start.addingTimeInterval(3600)
        let cold = clock.measure {
            _ = aggregator.snapshot(at: now, startedAt: start, paused: false, inFlight: 0)
        }
        let warm = clock.measure {
            for _ in 0..<repetitions {
                _ = aggregator.snapshot(at: now, startedAt: start, paused: false, inFlight: 0)
            }
        }
        // Every target changed since the last snapshot: the worst steady case.
        var changed = Duration.zero
        for round in 0..<repetitions {
            now = now.addingTimeInterval(1)
            for result in fleet.results(count: size, from: now, over: 0.5, logprobs: true, seed: UInt64(round)) {
                aggregator.record(result)
            }
            let snapshotTime = now
            changed += clock.measure {
                _ = aggregator.snapshot(at: snapshotTime, startedAt: start, paused: false, inFlight: 0)
            }
        }
        print("snapshot: \(size) targets, \(perTarget) results each over 1h, 20 canaries, logprobs")
        print(String(format: "  cold (first after recording): %.2f ms", cold.seconds * 1000))
        print(String(format: "  unchanged targets: %.3f ms", warm.seconds * 1000 / Double(repetitions)))
        print(String(format: "  every target changed: %.2f ms", changed.seconds * 1000 / Double(repetitions)))
    }
}

/// A generated fleet and its probe results: log-normal-ish latencies, 1% failures, half the targets compared
/// with a baseline, answers that sometimes differ.
private struct SyntheticFleet {
    let config: FleetConfig
    private let canaries: [Canary]
    private let targetIDs: [String]
    private let tokenVariants: [[TokenLogprob]]

    init(targets: Int, canaries count: Int, withBaselines: Bool) {
        let categories = ["general", "math", "coding", "reasoning"]
        canaries = (0..<count).map { index in
            Canary(
                id: "c\(index)", category: categories[index % categories.count],
                messages: [ChatMessage(role: .user, content: "question \(index)")], scorer: .exact("a\(index)"))
        }
        let suite = CanarySuite(name: "bench", path: "bench.yaml", canaries: canaries)
        let ids = (0..<targets).map { "target-\($0)" }
        targetIDs = ids
        let configs = ids.enumerated().map { offset, id in
            TargetConfig(
                id: id, backend: .llamacpp, url: "http://127.0.0.1:1", model: "bench", quant: "Q\(offset)",
                baseline: withBaselines && offset % 2 == 1 ? ids[offset - 1] : nil, topLogprobs: 5,
                suitePaths: [suite.path])
        }
        config = FleetConfig(path: "bench.yaml", targets: configs, suites: [suite.path: suite])
        tokenVariants = (0..<4).map { variant in
            (0..<32).map { position in
                let token = "t\(position)"
                let top = (0..<5).map { rank in
                    TokenLogprob.Alternative(
                        token: rank == 0 ? token : "alt\(rank)",
                        logprob: log(rank == 0 ? 0.8 - 0.05 * Double(variant) : 0.03))
                }
                return TokenLogprob(token: token, logprob: top[0].logprob, top: top)
            }
        }
    }

    /// `count` results round-robin over targets and canaries, start times evenly over `span` seconds.
    func results(count: Int, from start: Date, over span: Double, logprobs: Bool, seed: UInt64 = 42) -> [ProbeResult] {
        var generator = SplitMix(seed: seed)
        var results: [ProbeResult] = []
        results.reserveCapacity(count)
        let texts = ["a", "b"]
        for index in 0..<count {
            let target = targetIDs[index % targetIDs.count]
            let canary = canaries[(index / targetIDs.count) % canaries.count]
            let startedAt = start.addingTimeInterval(span * Double(index) / Double(count))
            let roll = generator.unit()
            if roll < 0.01 {
                let errorClass = ErrorClass.allCases[Int(generator.next() % UInt64(ErrorClass.allCases.count))]
                results.append(
                    ProbeResult(
                        targetID: target, canaryID: canary.id, category: canary.category, startedAt: startedAt,
                        outcome: .failure(ProbeFailure(errorClass, "synthetic")), correct: nil))
                continue
            }
            // Sum of uniforms: a bell around 1, skewed by exp into a long right tail.
            let bell = (generator.unit() + generator.unit() + generator.unit() - 1.5) * 1.2
            let e2e = 400 * exp(bell)
            let ttft = e2e * (0.1 + 0.1 * generator.unit())
            let generation = Generation(
                text: texts[Int(generator.next() % 2)], ttfb: .milliseconds(ttft / 2), ttft: .milliseconds(ttft),
                e2e: .milliseconds(e2e), outputTokens: 32,
                logprobs: logprobs ? tokenVariants[Int(generator.next() % 4)] : [])
            results.append(
                ProbeResult(
                    targetID: target, canaryID: canary.id, category: canary.category, startedAt: startedAt,
                    outcome: .success(generation), correct: generator.unit() < 0.9))
        }
        return results
    }
}

/// SplitMix64: deterministic synthetic data.
private struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
