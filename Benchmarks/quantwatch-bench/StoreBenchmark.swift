import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchStore
import QuantWatchTUI
import Synchronization

/// `quantwatch-bench store`: batched write throughput, database size per million results, and the start-up cost
/// with a week of history: open, restore the last hour, replay it into the monitor, first snapshot and frame.
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Result store: writes/s batched, bytes per result, start-up time to the first frame with a week."
    )

    @Option(help: "Results written per throughput and size run.")
    var rows = 100_000

    @Option(help: "Targets in the simulated fleet and week of history.")
    var targets = 10

    @Option(help: "Probe interval of the simulated week, seconds.")
    var interval = 15.0

    @Option(help: "Generated tokens with logprobs (top-5) per result.")
    var logprobTokens = 16

    @Option(help: "Directory for the scratch databases (default: the system temp dir).")
    var directory: String?

    @Flag(help: "Skip the week of history (throughput and size only).")
    var noWeek = false

    func run() async throws {
        let root = (directory ?? NSTemporaryDirectory()) + "/quantwatch-bench-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = BenchResults(targets: targets, tokens: logprobTokens)
        print(
            "store benchmark: \(rows) results per run, \(targets) targets x \(BenchResults.canaries) canaries, "
                + "logprobs \(logprobTokens) tokens x top-5")

        // 1. Throughput and size: append as fast as the actor takes them; the background task commits batches.
        for mode in BenchResults.Mode.allCases {
            let path = root + "/throughput-\(mode.rawValue).sqlite"
            let now = Date()
            let samples = (0..<rows).map { data.make(index: $0, at: now, mode: mode) }
            let committing = CommitTime()
            let store = try ResultStore(path: path) { committing.add($0.duration) }
            let cpuBefore = Self.processCPUSeconds()
            let writeTime = try await ContinuousClock().measure {
                for result in samples { await store.append(result) }
                try await store.flush()
            }
            let cpu = Self.processCPUSeconds() - cpuBefore
            await store.close()
            let size = Self.fileSize(path)
            print(
                String(
                    format: "  %@: %.0f results/s (%.0f%% of it in commits), CPU %.1f µs/result, "
                        + "%.0f bytes/result = %.2f GB/million",
                    mode.label.padding(toLength: 44, withPad: " ", startingAt: 0), Double(rows) / writeTime.seconds,
                    committing.total.seconds / writeTime.seconds * 100, cpu / Double(rows) * 1e6,
                    Double(size) / Double(rows), Double(size) / Double(rows) * 1e6 / 1e9))
        }
        if !noWeek { try await week(root: root, data: data) }
    }

    /// A week of history at the probe interval (answers repeating, as at temperature 0), then the start-up path.
    private func week(root: String, data: BenchResults) async throws {
        let clock = ContinuousClock()
        let path = root + "/week.sqlite"
        let perTarget = Int((7 * 86_400 / interval).rounded())
        let now = Date()
        let writer = try ResultStore(path: path)
        let weekStart = now.addingTimeInterval(-7 * 86_400 + 60)
        for tick in 0..<perTarget {
            let at = weekStart.addingTimeInterval(Double(tick) * interval)
            for target in 0..<targets {
                await writer.append(data.make(index: tick * targets + target, at: at, mode: .repeating))
            }
            // An alert transition an hour, so the event log has something to restore.
            if tick % Int(3_600 / interval) == 0 { await writer.append(data.event(tick: tick, at: at)) }
        }
        await writer.close()
        print(
            "  week: \(targets) targets x \(perTarget) probes = \(perTarget * targets) rows, "
                + String(format: "%.0f MB", Double(Self.fileSize(path)) / 1e6))

        // What `quantwatch run` does before its first frame: open (clean restart, no integrity check), restore the
        // last hour, replay it into the monitor, take the first snapshot, render it.
        var restoredRows = 0
        var restoredEvents = 0
        var openTime = Duration.zero
        var restoreTime = Duration.zero
        var replayTime = Duration.zero
        var frameTime = Duration.zero
        let total = try await clock.measure {
            let opened = clock.now
            let store = try ResultStore(path: path, options: StoreOptions(integrityCheck: .never))
            openTime = clock.now - opened
            let restoring = clock.now
            let restored = try await store.restore(since: Date().addingTimeInterval(-3_600))
            restoreTime = clock.now - restoring
            restoredRows = restored.results.count
            restoredEvents = restored.events.count
            let replaying = clock.now
            let monitor = MonitorActor(config: data.config, backends: [:])
            await monitor.replay(
                restored.results, events: restored.events, alertStates: try await store.alertStates())
            let snapshot = await monitor.currentSnapshot()
            replayTime = clock.now - replaying
            let drawing = clock.now
            var ui = UIState(screenSize: Size(width: 160, height: 48))
            ui.observe(snapshot)
            let theme = Theme.standard.resolved(depth: .ansi256)
            _ = render(snapshot, ui, size: Size(width: 160, height: 48), theme: theme)
            frameTime = clock.now - drawing
            await store.close()
        }
        print(
            String(
                format: "  start-up to first frame: %.0f ms = open %.0f + restore 1 h (%d results, %d events) "
                    + "%.0f + replay and snapshot %.0f + render %.0f", total.milliseconds, openTime.milliseconds,
                restoredRows, restoredEvents, restoreTime.milliseconds, replayTime.milliseconds, frameTime.milliseconds)
        )
        let checked = try clock.measure {
            _ = try ResultStore(path: path, options: StoreOptions(integrityCheck: .always))
        }
        print(String(format: "  open after a crash (quick_check of the week): %.0f ms", checked.milliseconds))
        let reader = try StoreReader(path: path)
        var weekRows = 0
        let weekRestore = try clock.measure {
            weekRows = try reader.results(since: now.addingTimeInterval(-7 * 86_400)).count
        }
        print(
            String(
                format: "  read the whole week: %d rows in %.0f ms (%.0f rows/s)", weekRows,
                weekRestore.milliseconds, Double(weekRows) / weekRestore.seconds))
    }

    /// User + system CPU time of the whole process (every thread), seconds: comparable on a loaded machine.
    private static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func fileSize(_ path: String) -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }
}

/// Time spent in the store's write transactions, summed from its commit callbacks.
private final class CommitTime: Sendable {
    private let sum = Mutex<Duration>(.zero)

    func add(_ duration: Duration) { sum.withLock { $0 += duration } }

    var total: Duration { sum.withLock { $0 } }
}

/// Synthetic results shaped like real canary probes (one in 50 fails): each canary has its own answer text and
/// tokens, with top-5 alternatives drawn from a vocabulary of real-looking tokens.
private struct BenchResults {
    static let canaries = 48

    /// How the logprobs of one canary's successive answers relate.
    enum Mode: String, CaseIterable {
        /// Every answer's logprobs differ, full Doubles (a remote API): the worst case.
        case distinctDoubles = "distinct-doubles"
        /// Every answer's logprobs differ, Float32 values (vLLM, llama.cpp's OpenAI endpoint).
        case distinctFloats = "distinct-floats"
        /// Answers repeat bit for bit (a local runtime at temperature 0), one in ten differs.
        case repeating
        /// No logprobs requested.
        case none

        var label: String {
            switch self {
            case .distinctDoubles: "logprobs, every answer differs (Float64)"
            case .distinctFloats: "logprobs, every answer differs (Float32)"
            case .repeating: "logprobs, answers repeat (temperature 0)"
            case .none: "no logprobs"
            }
        }
    }

    let config: FleetConfig
    private let targets: Int
    private let tokens: Int
    private static let vocabulary = [
        " the", " answer", " is", ",", ".", " Paris", " capital", " of", " France", " 42", " =", " x", " return",
        " def", "(", ")", " because", " therefore", " so", " we", " get", " a", " an", " first", " then", " step",
        "\n", " total", " sum", " number", " value", " true", " false", " yes", " no", " city", " largest", "日本",
    ]

    init(targets: Int, tokens: Int) {
        self.targets = targets
        self.tokens = tokens
        let categories = ["general", "math", "coding", "reasoning"]
        let canaries = (0..<Self.canaries).map { index in
            Canary(
                id: "canary-\(index)", category: categories[index % categories.count],
                messages: [ChatMessage(role: .user, content: "question \(index)")], scorer: .exact("a\(index)"))
        }
        let suite = CanarySuite(name: "bench", path: "bench.yaml", canaries: canaries)
        let configs = (0..<targets).map { offset in
            TargetConfig(
                id: "target-\(offset)", backend: .llamacpp, url: "http://127.0.0.1:1", model: "bench",
                quant: "Q\(offset)", baseline: offset % 2 == 1 ? "target-\(offset - 1)" : nil, topLogprobs: 5,
                suitePaths: [suite.path])
        }
        config = FleetConfig(path: "bench.yaml", targets: configs, suites: [suite.path: suite])
    }

    func make(index: Int, at date: Date, mode: Mode) -> ProbeResult {
        let categories = ["general", "math", "coding", "reasoning"]
        let target = "target-\(index % targets)"
        let canaryIndex = (index / targets) % Self.canaries
        let canary = "canary-\(canaryIndex)"
        let category = categories[canaryIndex % categories.count]
        if index % 50 == 49 {
            return ProbeResult(
                targetID: target, canaryID: canary, category: category, startedAt: date,
                outcome: .failure(ProbeFailure(.timeout, "no response within 30 s", retries: 2)), correct: nil
            )
        }
        // The variant of the answer: per result when answers differ, mostly the same when they repeat.
        let round = index / (targets * Self.canaries)
        let variant: Int
        switch mode {
        case .distinctDoubles, .distinctFloats: variant = index
        case .repeating: variant = round % 10 == 9 ? round : 0
        case .none: variant = 0
        }
        let logprobs =
            mode == .none
            ? []
            : Self.logprobs(
                canary: canaryIndex, variant: variant, count: tokens,
                floats: mode != .distinctDoubles)
        let generation = Generation(
            text: "The answer is \(canaryIndex).", ttfb: .microseconds(35_000 + index % 20_000),
            ttft: .microseconds(80_000 + index % 50_000), e2e: .microseconds(900_000 + index % 600_000),
            outputTokens: max(tokens, 12), inputTokens: 64, logprobs: logprobs,
            serverTimings: ServerTimings(
                promptMilliseconds: 21.5, promptTokens: 64, predictedMilliseconds: 780,
                predictedTokens: max(tokens, 12))
        )
        return ProbeResult(
            targetID: target, canaryID: canary, category: category, startedAt: date,
            outcome: .success(generation), correct: index % 7 != 0
        )
    }

    func event(tick: Int, at date: Date) -> AlertEvent {
        let firing = tick % 2 == 0
        return AlertEvent(
            at: date, targetID: "target-\(tick % targets)", rule: "p99", from: firing ? .ok : .warning,
            to: firing ? .warning : .ok, message: "p99 1612 ms over 5m > 1500 ms")
    }

    /// One answer's logprobs: the canary fixes the tokens, the variant nudges the probabilities.
    private static func logprobs(canary: Int, variant: Int, count: Int, floats: Bool) -> [TokenLogprob] {
        (0..<count).map { position in
            let seed = canary * 31 + position * 7
            let jitter = Double((variant &* 2_654_435_761 &+ position) % 1_000) * 1e-6
            let top = (0..<5).map { rank in
                let value = -0.02 * Double(rank * rank + 1) - jitter - Double(rank) * 1.7
                return TokenLogprob.Alternative(
                    token: vocabulary[(seed + rank * 5) % vocabulary.count],
                    logprob: floats ? Double(Float(value)) : value)
            }
            return TokenLogprob(token: top[0].token, logprob: top[0].logprob, top: top)
        }
    }
}
