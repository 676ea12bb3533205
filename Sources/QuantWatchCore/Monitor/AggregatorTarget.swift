import DequeModule
import Foundation

/// Everything the Aggregator keeps about one target between snapshots.
struct AggregatorTarget: Sendable {
    /// Quality figures for one state of the target's and its baseline's answers.
    struct Quality: Sendable {
        struct Key: Sendable, Equatable {
            var answers: UInt64
            var baselineAnswers: UInt64?
        }

        var key: Key
        var overall: CategoryQuality
        var categories: [CategoryQuality]
        var lastAnswers: [AnswerPair]
    }

    let config: TargetConfig
    /// Canary ids and categories in suite order, for stable rows on screen.
    let canaryOrder: [String]
    let categoryOrder: [String]
    var windows = SlidingWindows()
    var budget = ErrorBudgetRing()
    var answers = AnswerBook()
    var alerts: TargetAlerts
    var history: Deque<LatencyPoint> = []
    var lastError: ProbeFailure?
    var consecutiveFailures = 0
    /// Scheduled ticks skipped because the probe loop had fallen behind, since start.
    var skippedTicks = 0
    var hasResults = false
    var quality: Quality?
    var minutes = MinuteHistory()

    init(config: TargetConfig, canaries: [Canary]) {
        self.config = config
        canaryOrder = canaries.map(\.id)
        var seen = Set<String>()
        categoryOrder = canaries.map(\.category).filter { seen.insert($0).inserted }
        alerts = TargetAlerts(targetID: config.id)
    }

    mutating func record(_ result: ProbeResult) {
        hasResults = true
        windows.record(ProbeSample(result), at: result.startedAt)
        minutes.noteSample(at: result.startedAt)
        budget.record(at: result.startedAt, isError: result.failure != nil)
        answers.record(result)
        if let failure = result.failure {
            lastError = failure
            consecutiveFailures += 1
        } else {
            consecutiveFailures = 0
        }
    }

    /// Quality against `baseline` (nil without one), recomputed only when either side's answers changed.
    mutating func qualityFigures(baseline: AnswerBook?) -> Quality {
        let key = Quality.Key(answers: answers.generation, baselineAnswers: baseline?.generation)
        if let quality, quality.key == key { return quality }
        let compared = QualityComparison.compare(target: answers, baseline: baseline, categoryOrder: categoryOrder)
        let fresh = Quality(
            key: key, overall: compared.overall, categories: compared.categories,
            lastAnswers: QualityComparison.answerPairs(target: answers, baseline: baseline, canaryOrder: canaryOrder))
        quality = fresh
        return fresh
    }

    /// Per-minute history rows of the last hour, from the window slices.
    mutating func minuteBuckets(now: Date) -> [HistoryBucket] {
        let slices = windows.slices
        return minutes.buckets(from: slices, now: now)
    }

    mutating func appendHistory(_ point: LatencyPoint, limit: Int) {
        history.append(point)
        while history.count > limit { history.removeFirst() }
    }
}
