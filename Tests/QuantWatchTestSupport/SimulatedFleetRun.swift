import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// A simulated fleet driven on a manual clock: every target is a real `SimEngine` (the simulator's answers,
/// accuracy draws, token logprobs, latencies and fault script), and its results go through the real
/// `Aggregator`, evaluated as the monitor evaluates them, one second of simulated time at a time. No HTTP and no
/// sleeping: an hour of a fleet runs in well under a second, so alert rules can be judged over long spans.
///
/// Each target probes the next canary of its rotation every `interval`; the result's timings are the plan's
/// own delays, so latency alerts see the profile and the latency faults.
public struct SimulatedFleetRun: Sendable {
    /// One target: its id, simulator profile, and baseline (another target's id).
    public struct Target: Sendable {
        public var id: String
        public var profile: QuantProfile
        public var baseline: String?
        public var interval: Duration
        public var topLogprobs: Int
        /// A recorded baseline instead of `baseline` (see `recording(of:rounds:)`).
        public var recordedBaseline: RecordedBaseline?

        public init(
            id: String, profile: QuantProfile, baseline: String? = nil, interval: Duration = .seconds(1),
            topLogprobs: Int = 0, recordedBaseline: RecordedBaseline? = nil
        ) {
            self.id = id
            self.profile = profile
            self.baseline = baseline
            self.interval = interval
            self.topLogprobs = topLogprobs
            self.recordedBaseline = recordedBaseline
        }
    }

    public let config: FleetConfig
    public private(set) var aggregator: Aggregator
    /// Every event so far, oldest first.
    public private(set) var events: [AlertEvent] = []
    /// Simulated seconds run so far.
    public private(set) var elapsedSeconds = 0
    public let epoch: Date

    private let clock: ManualSimClock
    private let engines: [String: SimEngine]
    private let rotations: [String: [Canary]]
    private let targets: [Target]
    private var nextIndex: [String: Int] = [:]

    /// - Parameters:
    ///   - canaries: the suite every target runs (for example the four sample suites).
    ///   - faults: the simulator's fault script, with windows in simulated time from the start.
    ///   - seed: the simulator's seed (which canaries each profile gets right, latency draws).
    public init(
        targets: [Target], canaries: [Canary], alerts: AlertThresholds = AlertThresholds(),
        faults: FaultScript = FaultScript(), seed: UInt64 = 42, epoch: Date = Date(timeIntervalSince1970: 1_800_000_000)
    ) {
        let suite = CanarySuite(name: "simulated", path: "simulated.yaml", canaries: canaries)
        let configs = targets.map { target in
            TargetConfig(
                id: target.id, backend: .openai, url: "http://127.0.0.1:1", model: target.profile.name,
                quant: target.profile.label, baseline: target.baseline, interval: target.interval,
                topLogprobs: target.topLogprobs, suitePaths: [suite.path], alerts: alerts,
                recordedBaseline: target.recordedBaseline)
        }
        config = FleetConfig(
            path: "simulated-fleet.yaml", targets: configs, suites: [suite.path: suite], alerts: alerts)
        aggregator = Aggregator(config: config)
        clock = ManualSimClock()
        var engines: [String: SimEngine] = [:]
        for target in targets {
            engines[target.id] = SimEngine(
                model: SimModel(id: target.id, profile: target.profile), canaries: canaries, seed: seed,
                faults: faults, clock: clock.clock)
        }
        self.engines = engines
        let rotation = CanaryRotation.interleavedByCategory(canaries)
        rotations = Dictionary(uniqueKeysWithValues: targets.map { ($0.id, rotation) })
        self.targets = targets
        self.epoch = epoch
    }

    /// Runs `seconds` more of simulated time; returns the events they raised.
    @discardableResult
    public mutating func run(seconds: Int) -> [AlertEvent] {
        var fresh: [AlertEvent] = []
        for _ in 0..<seconds {
            clock.set(.seconds(elapsedSeconds))
            let now = epoch.addingTimeInterval(Double(elapsedSeconds))
            for target in targets where isDue(target) {
                let result = probe(target, at: now)
                aggregator.record(result, evaluatingAt: now.addingTimeInterval(result.latencySeconds))
            }
            fresh += aggregator.drainEvents()
            elapsedSeconds += 1
        }
        events += fresh
        return fresh
    }

    /// This run after `seconds` more, computed on a thread of its own: an hour of a fleet is seconds of CPU in a
    /// debug build, which on the cooperative pool (two threads on 2 cores) would starve every async test beside it.
    public func running(seconds: Int) async -> SimulatedFleetRun {
        let start = self
        return await OffThePool.run {
            var run = start
            run.run(seconds: seconds)
            return run
        }
    }

    /// The fleet now (a read).
    public mutating func snapshot() -> Snapshot {
        let now = epoch.addingTimeInterval(Double(elapsedSeconds))
        return aggregator.snapshot(at: now, startedAt: epoch, paused: false, inFlight: 0)
    }

    /// Seconds from the start to the first event of `rule` on `target` reaching `state`, nil if none did.
    public func secondsToFirst(_ state: AlertState, rule: AlertRule, target: String) -> Double? {
        events.first { $0.targetID == target && $0.rule == rule.rawValue && $0.to == state }
            .map { $0.at.timeIntervalSince(epoch) }
    }

    /// Events of `rule` (any target, any state change away from ok) so far.
    public func alarms(_ rule: AlertRule? = nil) -> [AlertEvent] {
        events.filter { ($0.to >= .warning) && (rule == nil || $0.rule == rule?.rawValue) }
    }

    /// A baseline file of one target made as `baseline record` makes it: every canary `rounds` times, at the
    /// current simulated time (the results are not filed in this run).
    public mutating func recording(of targetID: String, rounds: Int) -> BaselineFile {
        guard let target = targets.first(where: { $0.id == targetID }),
            let targetConfig = config.targets.first(where: { $0.id == targetID })
        else { preconditionFailure("no target \(targetID)") }
        clock.set(.seconds(elapsedSeconds))
        let now = epoch.addingTimeInterval(Double(elapsedSeconds))
        let canaries = config.canaries(for: targetConfig)
        var answers: [String: [BaselineFile.Answer]] = [:]
        for round in 1...rounds {
            for canary in canaries {
                let result = probe(target, canary: canary, at: now)
                let generation = result.generation
                answers[canary.id, default: []].append(
                    BaselineFile.Answer(
                        round: round, text: generation?.text,
                        normalized: generation.map { AnswerNormalizer.normalize($0.text) },
                        correct: result.correct, error: result.failure?.message, logprobs: generation?.logprobs ?? []))
            }
        }
        return BaselineFile(
            version: BaselineFile.currentVersion, name: targetID, recordedAt: now, quantwatchVersion: "test",
            source: BaselineFile.Source(
                id: targetID, backend: "openai", url: "http://127.0.0.1:1", model: target.profile.name,
                quant: target.profile.label),
            sampling: BaselineFile.Sampling(temperature: 0, seed: 42, topLogprobs: target.topLogprobs),
            server: ServerIdentity(modelIDs: [target.profile.name]), suitesHash: PromptHash.suites(canaries),
            rounds: rounds,
            canaries: canaries.map {
                BaselineFile.Entry(
                    id: $0.id, category: $0.category, promptHash: PromptHash.messages($0.messages),
                    answers: answers[$0.id] ?? [])
            })
    }

    private func isDue(_ target: Target) -> Bool {
        let step = Swift.max(1, Int(target.interval.components.seconds))
        return elapsedSeconds % step == 0
    }

    private mutating func probe(_ target: Target, at now: Date) -> ProbeResult {
        let rotation = rotations[target.id] ?? []
        let index = nextIndex[target.id, default: 0]
        nextIndex[target.id] = index + 1
        return probe(target, canary: rotation[index % rotation.count], at: now)
    }

    private func probe(_ target: Target, canary: Canary, at now: Date) -> ProbeResult {
        guard let engine = engines[target.id] else { preconditionFailure("engine for \(target.id)") }
        let plan = engine.plan(
            SimRequest(messages: canary.messages, maxTokens: canary.maxTokens, topLogprobs: target.topLogprobs))
        let ttft = plan.firstTokenDelay
        let e2e = ttft + plan.decodeDuration
        let outcome: Result<Generation, ProbeFailure>
        switch plan.outcome {
        case .complete:
            outcome = .success(
                Generation(
                    text: plan.text, ttfb: ttft, ttft: ttft, e2e: e2e, outputTokens: plan.tokens.count,
                    logprobs: plan.logprobs))
        case .httpError(let status):
            outcome = .failure(ProbeFailure(.http5xx, "HTTP \(status)", httpStatus: status, elapsed: ttft))
        case .rateLimited:
            outcome = .failure(ProbeFailure(.http429, "HTTP 429", httpStatus: 429, elapsed: ttft))
        case .stall:
            outcome = .failure(ProbeFailure(.timeout, "read-idle timeout", elapsed: ttft))
        case .malformed:
            outcome = .failure(ProbeFailure(.protocol, "malformed chunk", elapsed: ttft))
        case .reset, .refuse:
            outcome = .failure(ProbeFailure(.connect, "Connection reset by peer", elapsed: ttft))
        }
        let correct: Bool? =
            if case .success(let generation) = outcome { canary.scorer.accepts(generation.text) } else { nil }
        return ProbeResult(
            targetID: target.id, canaryID: canary.id, category: canary.category, startedAt: now, outcome: outcome,
            correct: correct)
    }
}

extension ProbeResult {
    /// Seconds from start to the end of the probe (its E2E, or how long the failure took).
    fileprivate var latencySeconds: Double {
        switch outcome {
        case .success(let generation): generation.e2e.seconds
        case .failure(let failure): failure.elapsed?.seconds ?? 0
        }
    }
}

/// The project's sample canary suites, loaded from `samples/canaries` of this package.
public enum SampleSuites {
    /// The canaries of the named sample suites (general, math, coding, reasoning), in that order.
    public static func canaries(_ names: [String] = ["general", "math", "coding", "reasoning"]) throws -> [Canary] {
        let root = BuiltBinary.packageRoot()
        return try names.flatMap { name in
            try CanarySuiteLoader.load(path: root.appendingPathComponent("samples/canaries/\(name).yaml").path).canaries
        }
    }
}
