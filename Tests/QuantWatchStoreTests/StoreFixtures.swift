import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchStore

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "quantwatch-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Sample results whose every field survives the store exactly (µs times, normalised answers).
enum StoreFixtures {
    /// A date on a whole microsecond, as the store keeps it.
    static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    static let base: Int64 = 1_795_000_000_000_000

    static func success(target: String = "q4", index: Int, at: Date? = nil) -> ProbeResult {
        let logprobs = [
            TokenLogprob(
                token: "Paris", logprob: -0.012_345_678_901,
                top: [.init(token: "Paris", logprob: -0.012_345_678_901), .init(token: " Lyon", logprob: -4.5)]
            ),
            // A token the server did not list among its alternatives, with -infinity and unicode.
            TokenLogprob(token: "é✓", logprob: -.infinity, top: [.init(token: "x", logprob: -0.5)]),
            TokenLogprob(token: "", logprob: 0, top: []),
        ]
        let generation = Generation(
            text: "the answer is \(index)", ttfb: .microseconds(12_345), ttft: .microseconds(23_456 + index),
            e2e: .microseconds(1_234_567 + index), outputTokens: 17, inputTokens: index.isMultiple(of: 2) ? 33 : nil,
            logprobs: index.isMultiple(of: 3) ? [] : logprobs,
            serverTimings: ServerTimings(
                promptMilliseconds: 12.5, promptTokens: 33, predictedMilliseconds: 800.25, predictedTokens: 17
            ),
            retries: index % 3
        )
        return ProbeResult(
            targetID: target, canaryID: "canary-\(index)", category: ["general", "math"][index % 2],
            startedAt: at ?? date(base + Int64(index) * 15_000_000), outcome: .success(generation),
            correct: index % 4 != 0
        )
    }

    static func failure(target: String = "q4", index: Int, at: Date? = nil) -> ProbeResult {
        ProbeResult(
            targetID: target, canaryID: "canary-\(index)", category: "coding",
            startedAt: at ?? date(base + Int64(index) * 15_000_000 + 1),
            outcome: .failure(
                ProbeFailure(
                    .http429, "rate limited, \"slow down\"", httpStatus: 429, retries: 2,
                    elapsed: .microseconds(4_321))
            ),
            correct: nil
        )
    }

    static func event(index: Int, at: Date? = nil) -> AlertEvent {
        AlertEvent(
            at: at ?? date(base + Int64(index) * 60_000_000), targetID: "q4", rule: "p99", from: .ok,
            to: index.isMultiple(of: 2) ? .warning : .critical, message: "p99 2310 ms > 1500 ms"
        )
    }
}
