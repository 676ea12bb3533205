import Foundation

/// What one target answered to each canary: the latest answer, and the outcomes of its last few scored answers.
///
/// Rolling accuracy is taken over the last `outcomesPerCanary` scored answers *of each canary*, not over a time
/// window: every canary weighs the same whatever its probe interval, the figure does not empty out when probing
/// pauses, and a regression shows after a few rounds. Failed probes are not answers and are left out (they count
/// in the error rate). Caveat: at temperature 0 repeated answers to one canary are far from independent, so the
/// Wilson interval, which treats each answer as a trial, is narrower than the evidence warrants.
struct AnswerBook: Sendable {
    /// Scored answers kept per canary for rolling accuracy.
    static let outcomesPerCanary = 5

    /// The most recent successful answer to one canary.
    struct Answer: Sendable, Equatable {
        var text: String
        var normalized: String
        var correct: Bool?
        var at: Date
        var logprobs: [TokenLogprob]
    }

    /// One canary's latest answer and last outcomes (oldest first).
    struct Entry: Sendable, Equatable {
        var category: String
        var latest: Answer?
        var outcomes: [Bool] = []

        var correctCount: Int { outcomes.reduce(0) { $0 + ($1 ? 1 : 0) } }
    }

    private(set) var entries: [String: Entry] = [:]
    /// Canary ids in the order they were first answered.
    private(set) var order: [String] = []

    mutating func record(_ result: ProbeResult) {
        guard case .success(let answer) = result.outcome else { return }
        if entries[result.canaryID] == nil { order.append(result.canaryID) }
        Self.apply(answer, of: result, to: &entries[result.canaryID, default: Entry(category: result.category)])
    }

    private static func apply(_ answer: Generation, of result: ProbeResult, to entry: inout Entry) {
        entry.category = result.category
        // A late result (started before the one we hold) does not replace the latest answer.
        if entry.latest.map({ $0.at <= result.startedAt }) ?? true {
            // Canaries mostly get the same answer again: reuse its normalised form instead of redoing it.
            let normalized =
                entry.latest.flatMap { $0.text == answer.text ? $0.normalized : nil }
                ?? AnswerNormalizer.normalize(answer.text)
            entry.latest = Answer(
                text: answer.text, normalized: normalized, correct: result.correct, at: result.startedAt,
                logprobs: answer.logprobs)
        }
        if let correct = result.correct {
            entry.outcomes.append(correct)
            if entry.outcomes.count > outcomesPerCanary { entry.outcomes.removeFirst() }
        }
    }

    /// Rolling accuracy over the given canaries (those never answered add nothing).
    func accuracy(of canaryIDs: some Sequence<String>) -> AccuracyStats {
        var correct = 0
        var total = 0
        for id in canaryIDs {
            guard let entry = entries[id] else { continue }
            correct += entry.correctCount
            total += entry.outcomes.count
        }
        return AccuracyStats(correct: correct, total: total)
    }
}
