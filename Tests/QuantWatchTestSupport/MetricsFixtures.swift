import Foundation
import QuantWatchDomain

/// Builders for the probe results and times the metrics tests feed in.
package enum MetricsFixtures {
    /// Two canaries in two categories, for aggregator and restart tests.
    package static let miniSuite = CanarySuite(
        name: "mini", path: "/suites/mini.yaml",
        canaries: [
            Canary(
                id: "g1", category: "general", messages: [ChatMessage(role: .user, content: "Capital of France?")],
                scorer: .exact("Paris")),
            Canary(
                id: "m1", category: "math", messages: [ChatMessage(role: .user, content: "2+2?")],
                scorer: .numeric(value: 4, tolerance: 0)),
        ])

    /// A slice-aligned instant (divisible by 5 s and 10 s), so window edges fall on known seconds.
    package static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    package static func at(_ seconds: Double) -> Date { epoch.addingTimeInterval(seconds) }

    package static func success(
        target: String = "t", canary: String = "c1", category: String = "general", at date: Date = epoch,
        e2eMilliseconds: Double, ttftMilliseconds: Double? = nil, outputTokens: Int = 10, text: String = "ok",
        correct: Bool? = true, logprobs: [TokenLogprob] = [], retries: Int = 0
    ) -> ProbeResult {
        let ttft = ttftMilliseconds ?? e2eMilliseconds / 4
        let generation = Generation(
            text: text, ttfb: .microseconds(Int64(ttft * 500)), ttft: .microseconds(Int64((ttft * 1000).rounded())),
            e2e: .microseconds(Int64((e2eMilliseconds * 1000).rounded())), outputTokens: outputTokens,
            logprobs: logprobs, retries: retries)
        return ProbeResult(
            targetID: target, canaryID: canary, category: category, startedAt: date, outcome: .success(generation),
            correct: correct)
    }

    package static func failure(
        target: String = "t", canary: String = "c1", category: String = "general", at date: Date = epoch,
        _ errorClass: ErrorClass = .timeout, retries: Int = 0
    ) -> ProbeResult {
        ProbeResult(
            targetID: target, canaryID: canary, category: category, startedAt: date,
            outcome: .failure(ProbeFailure(errorClass, "\(errorClass.rawValue) failure", retries: retries)),
            correct: nil)
    }

    /// Nearest-rank percentile of an exact sort: the value of rank ceil(q/100 * n).
    package static func exactPercentile(_ sorted: [UInt64], _ level: Double) -> UInt64 {
        let rank = Swift.max(1, Int((level / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[Swift.min(rank, sorted.count) - 1]
    }

    /// Milliseconds back to whole microseconds.
    package static func micros(_ milliseconds: Double) -> UInt64 { UInt64((milliseconds * 1000).rounded()) }
}

/// A small deterministic generator (SplitMix64), so random sets are the same on every run.
package struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
