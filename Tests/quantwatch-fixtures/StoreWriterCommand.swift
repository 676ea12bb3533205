import ArgumentParser
import Foundation
import QuantWatchDomain
import QuantWatchStore
import Synchronization

/// `quantwatch-fixtures store-writer`: appends synthetic results at a steady rate and prints one line per committed
/// batch (`committed <total> generated <total>`), until killed.
///
/// The crash-safety test SIGKILLs it mid-write.
struct StoreWriterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-writer",
        abstract: "Write synthetic results to a database continuously (for crash tests)."
    )

    @Option(name: .long, help: "Database file.")
    var db: String

    @Option(name: .long, help: "Results per second.")
    var rate: Int = 1_000

    @Option(name: .long, help: "Stop after this many seconds (default: run until killed).")
    var seconds: Double?

    func validate() throws {
        guard rate > 0 else { throw ValidationError("--rate must be positive") }
    }

    func run() async throws {
        let generated = GeneratedCount()
        let store = try ResultStore(path: db) { commit in
            let line = "committed \(commit.totalResults) generated \(generated.value.load(ordering: .acquiring))\n"
            // Unbuffered, so the line is out before the next batch even if the process dies right after.
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        let clock = ContinuousClock()
        let begin = clock.now
        let tick = Duration.milliseconds(10)
        var next = begin
        var written = 0
        while seconds.map({ clock.now - begin < .seconds($0) }) ?? true {
            next += tick
            try await clock.sleep(until: next)
            // Catch up to the rate from the start, so a slow tick does not lower it.
            let due = Int((clock.now - begin).seconds * Double(rate))
            while written < due {
                generated.value.add(1, ordering: .releasing)
                await store.append(SyntheticResult.make(index: written))
                written += 1
            }
        }
        await store.close()
    }
}

/// Results handed to the store so far, read by the commit callback.
private final class GeneratedCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Deterministic, realistic-looking probe results (timings, tokens, logprobs) for the hidden store writer.
private enum SyntheticResult {
    static func make(index: Int, at date: Date = Date()) -> ProbeResult {
        let target = "target-\(index % 10)"
        let categories = ["general", "math", "coding", "reasoning"]
        if index % 50 == 49 {
            return ProbeResult(
                targetID: target, canaryID: "c\(index % 40)", category: categories[index % 4], startedAt: date,
                outcome: .failure(ProbeFailure(.http5xx, "HTTP 503 from server", httpStatus: 503, retries: 2)),
                correct: nil
            )
        }
        let tokens = 8 + index % 24
        let logprobs = (0..<tokens).map { position in
            TokenLogprob(
                token: "tok\(position)", logprob: -0.01 * Double(position % 7),
                top: (0..<4).map { TokenLogprob.Alternative(token: "tok\(position + $0)", logprob: -Double($0) - 0.01) }
            )
        }
        let generation = Generation(
            text: "the answer is \(index % 97)", ttfb: .milliseconds(40 + index % 30),
            ttft: .milliseconds(60 + index % 40), e2e: .milliseconds(300 + index % 700), outputTokens: tokens,
            inputTokens: 42, logprobs: logprobs, retries: index % 17 == 0 ? 1 : 0
        )
        return ProbeResult(
            targetID: target, canaryID: "c\(index % 40)", category: categories[index % 4], startedAt: date,
            outcome: .success(generation), correct: index % 9 != 0
        )
    }
}
