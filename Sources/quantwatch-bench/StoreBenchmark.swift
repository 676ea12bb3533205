import ArgumentParser
import Foundation
import QuantWatchCore

/// `quantwatch-bench store`: batched write throughput, database size per million results, and the time to open
/// and restore a week of history (the start-up cost before the first frame).
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Result store: writes/s batched, bytes per result, open + restore time for a week of history."
    )

    @Option(help: "Results written for the throughput and size runs.")
    var rows = 200_000

    @Option(help: "Targets in the simulated week of history.")
    var targets = 10

    @Option(help: "Probe interval of the simulated week, seconds.")
    var interval = 15.0

    @Option(help: "Generated tokens with logprobs (top-5) per result; 0 for none.")
    var logprobTokens = 16

    @Option(help: "Directory for the scratch databases (default: the system temp dir).")
    var directory: String?

    func run() async throws {
        let root = (directory ?? NSTemporaryDirectory()) + "/quantwatch-bench-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        print("store benchmark: \(rows) results, logprobs \(logprobTokens) tokens x top-5 per result")

        // 1. Throughput: append as fast as the actor takes them; the background task commits 5 000-row batches.
        let throughputPath = root + "/throughput.sqlite"
        let now = Date()
        let samples = (0..<rows).map { BenchResults.make(index: $0, targets: targets, at: now, tokens: logprobTokens) }
        let store = try ResultStore(path: throughputPath)
        let clock = ContinuousClock()
        let writeTime = try await clock.measure {
            for result in samples { await store.append(result) }
            try await store.flush()
        }
        await store.close()
        let size = Self.fileSize(throughputPath)
        print(String(format: "  write: %.0f results/s batched (%d in %.2f s, including the final commit)",
                     Double(rows) / writeTime.seconds, rows, writeTime.seconds))
        print(String(format: "  size: %.0f bytes/result -> %.2f GB per million results",
                     Double(size) / Double(rows), Double(size) / Double(rows) * 1e6 / 1e9))

        // 2. A week of history at the probe interval, then the start-up path: open, then restore.
        let weekPath = root + "/week.sqlite"
        let perTarget = Int((7 * 86_400 / interval).rounded())
        let weekRows = perTarget * targets
        let weekStore = try ResultStore(path: weekPath)
        let weekStart = now.addingTimeInterval(-7 * 86_400 + 60)
        for tick in 0..<perTarget {
            let at = weekStart.addingTimeInterval(Double(tick) * interval)
            for target in 0..<targets {
                await weekStore.append(
                    BenchResults.make(index: tick * targets + target, targets: targets, at: at, tokens: logprobTokens)
                )
            }
        }
        await weekStore.close()
        print("  week: \(targets) targets x \(perTarget) probes = \(weekRows) rows, "
            + String(format: "%.0f MB", Double(Self.fileSize(weekPath)) / 1e6))

        var reopened: ResultStore?
        let openTime = try clock.measure {
            reopened = try ResultStore(path: weekPath, options: StoreOptions(integrityCheck: .always))
        }
        guard let reopened else { return }
        var restoredWeek = 0
        let weekRestore = try await clock.measure {
            restoredWeek = try await reopened.restore(since: now.addingTimeInterval(-7 * 86_400)).results.count
        }
        var restoredHour = 0
        let hourRestore = try await clock.measure {
            restoredHour = try await reopened.restore(since: now.addingTimeInterval(-3_600)).results.count
        }
        await reopened.close()
        var noCheck: ResultStore?
        let openNoCheck = try clock.measure {
            noCheck = try ResultStore(path: weekPath, options: StoreOptions(integrityCheck: .never))
        }
        await noCheck?.close()
        print(String(format: "  open with quick_check (after a crash): %.0f ms; without (clean restart): %.0f ms",
                     openTime.milliseconds, openNoCheck.milliseconds))
        print(String(format: "  restore whole week: %d rows in %.0f ms (%.0f rows/s)", restoredWeek,
                     weekRestore.milliseconds, Double(restoredWeek) / weekRestore.seconds))
        print(String(format: "  restore last hour: %d rows in %.0f ms", restoredHour, hourRestore.milliseconds))
        print(String(format: "  start-up proxy, clean restart (open + restore 1 h): %.0f ms; after a crash: %.0f ms",
                     (openNoCheck + hourRestore).milliseconds, (openTime + hourRestore).milliseconds))
        print(String(format: "  start-up proxy, whole week replayed (open + restore 7 d): %.0f ms",
                     (openNoCheck + weekRestore).milliseconds))
    }

    private static func fileSize(_ path: String) -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }
}

/// Synthetic results shaped like real canary probes (one in 50 fails).
private enum BenchResults {
    static func make(index: Int, targets: Int, at date: Date, tokens: Int) -> ProbeResult {
        let categories = ["general", "math", "coding", "reasoning"]
        let target = "target-\(index % targets)"
        let canary = "canary-\((index / targets) % 48)"
        if index % 50 == 49 {
            return ProbeResult(
                targetID: target, canaryID: canary, category: categories[index % 4], startedAt: date,
                outcome: .failure(ProbeFailure(.timeout, "no response within 30 s", retries: 2)), correct: nil
            )
        }
        let logprobs = (0..<tokens).map { position in
            TokenLogprob(
                token: " word\(position)", logprob: -0.013 * Double(position % 11),
                top: (0..<5).map { .init(token: " word\(position + $0)", logprob: -0.013 * Double($0 * 7 + 1)) }
            )
        }
        let generation = Generation(
            text: "The answer is \(index % 1_000).", ttfb: .microseconds(35_000 + index % 20_000),
            ttft: .microseconds(80_000 + index % 50_000), e2e: .microseconds(900_000 + index % 600_000),
            outputTokens: max(tokens, 12), inputTokens: 64, logprobs: logprobs,
            serverTimings: ServerTimings(promptMilliseconds: 21.5, promptTokens: 64, predictedMilliseconds: 780,
                                         predictedTokens: max(tokens, 12))
        )
        return ProbeResult(
            targetID: target, canaryID: canary, category: categories[index % 4], startedAt: date,
            outcome: .success(generation), correct: index % 7 != 0
        )
    }
}
