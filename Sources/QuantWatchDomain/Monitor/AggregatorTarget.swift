import DequeModule
import Foundation

/// Everything the Aggregator keeps about one target between snapshots.
struct AggregatorTarget: Sendable {
    /// Quality figures for the current answers of the target and its baseline.
    struct Quality: Sendable {
        var overall: CategoryQuality
        var categories: [CategoryQuality]
    }

    let config: TargetConfig
    /// Canary ids and categories in suite order, for stable rows on screen.
    let canaryOrder: [String]
    let categoryOrder: [String]
    /// Canaries the recorded baseline cannot pair (empty without one).
    let unpaired: [UnpairedCanary]
    /// The recorded baseline's own run-to-run agreement (nil without one, or with a single round).
    let noiseFloor: NoiseFloor?
    /// Per canary, how far the recording's own token distributions moved between rounds (mean KLD).
    let logprobNoise: [String: Double]
    var windows = SlidingWindows()
    var budget = ErrorBudgetRing()
    var answers = AnswerBook()
    /// Per canary, the latest answers of both sides (only canaries both sides answered).
    var pairs: [String: CanaryPair] = [:]
    var alerts: TargetAlerts
    var history: Deque<LatencyPoint> = []
    var lastError: ProbeFailure?
    var consecutiveFailures = 0
    /// Scheduled ticks skipped because the probe loop had fallen behind, since start.
    var skippedTicks = 0
    var hasResults = false
    /// Figures of the answers as they were when last computed; `qualityIsStale` once either side answered since.
    private var quality: Quality
    private var qualityIsStale = false
    /// The latest answers beside the baseline's, for the detail view; nil once either side answered since.
    private var lastAnswers: [AnswerPair]? = []
    var minutes = MinuteHistory()
    /// What the server reports differently from the target's own recording (see `Aggregator.noteIdentity`).
    var identityChanges: [String] = []
    /// What the server last reported it is: endpoints (`noteIdentity`) and responses (fingerprint, model).
    var liveIdentity = ServerIdentity()

    /// Takes a new identity and recomputes what changed since the target's own recording.
    mutating func observe(identity: ServerIdentity) {
        liveIdentity = identity
        guard let recorded = config.recordedBaseline, recorded.file.source.id == config.id else { return }
        identityChanges = identity.changes(since: recorded.file.server)
    }

    init(config: TargetConfig, canaries: [Canary]) {
        self.config = config
        canaryOrder = canaries.map(\.id)
        var seen = Set<String>()
        categoryOrder = canaries.map(\.category).filter { seen.insert($0).inserted }
        unpaired = config.recordedBaseline?.unpaired(canaries) ?? []
        noiseFloor = config.recordedBaseline?.noiseFloor
        logprobNoise = config.recordedBaseline?.logprobNoise ?? [:]
        alerts = TargetAlerts(targetID: config.id)
        quality = Quality(
            overall: CategoryQuality(category: QualityComparison.overallCategory, accuracy: .empty), categories: [])
    }

    mutating func record(_ result: ProbeResult) {
        hasResults = true
        windows.record(ProbeSample(result), at: result.startedAt)
        minutes.noteSample(at: result.startedAt)
        budget.record(at: result.startedAt, isError: result.failure != nil)
        answers.record(result)
        if let generation = result.generation, generation.systemFingerprint != nil || generation.servedModel != nil {
            observe(identity: liveIdentity.observing(generation))
        }
        if let failure = result.failure {
            lastError = failure
            consecutiveFailures += 1
        } else {
            consecutiveFailures = 0
        }
    }

    /// The baseline_drift evidence, when the target's baseline is a recording of the target itself.
    func driftInput(_ overall: CategoryQuality) -> BaselineDriftInput? {
        guard let recorded = config.recordedBaseline, recorded.file.source.id == config.id else { return nil }
        let counts = overall.paired ?? PairedCounts()
        var shifted = 0
        for (canary, pair) in pairs where pair.agree {
            guard let kld = pair.drift?.meanKLD else { continue }
            if kld > 2 * (logprobNoise[canary] ?? 0) + BaselineDriftInput.logprobShift { shifted += 1 }
        }
        return BaselineDriftInput(
            pairs: counts.pairs, agreeing: counts.agreeing, noiseFloor: noiseFloor, identityChanges: identityChanges,
            logprobShifted: shifted)
    }

    /// Re-pairs one canary after either side answered it.
    mutating func refreshPair(_ canaryID: String, baseline: AnswerBook?) {
        qualityIsStale = true
        lastAnswers = nil
        guard let baseline else { return }
        pairs[canaryID] = CanaryPair(target: answers.entries[canaryID], baseline: baseline.entries[canaryID])
    }

    /// The quality figures, recomputed from the answers and pairs only when either side answered since (a sum
    /// over the paired canaries; the token drift of each pair was computed when it was paired).
    mutating func currentQuality() -> Quality {
        if qualityIsStale {
            let compared = QualityComparison.compare(
                target: answers, hasBaseline: config.baseline != nil, pairs: pairs, categoryOrder: categoryOrder,
                thresholds: config.alerts)
            quality = Quality(overall: compared.overall, categories: compared.categories)
            qualityIsStale = false
        }
        return quality
    }

    /// The latest answers beside `baseline`'s, rebuilt only when either side answered since (snapshots read them
    /// every second; evaluations never do).
    mutating func currentAnswerPairs(baseline: AnswerBook?) -> [AnswerPair] {
        if let lastAnswers { return lastAnswers }
        let fresh = QualityComparison.answerPairs(target: answers, baseline: baseline, canaryOrder: canaryOrder)
        lastAnswers = fresh
        return fresh
    }

    /// Per-minute history rows of the last hour, from the window slices.
    mutating func minuteBuckets(now: Date) -> [HistoryBucket] {
        let slices = windows.slices
        return minutes.buckets(from: slices, now: now)
    }

    /// Adds a point of the latency history; a point in the same second as the last one replaces it.
    mutating func appendHistory(_ point: LatencyPoint, limit: Int) {
        if let last = history.last,
            last.at.timeIntervalSince1970.rounded(.down) == point.at.timeIntervalSince1970.rounded(.down)
        {
            history[history.count - 1] = point
        } else {
            history.append(point)
        }
        while history.count > limit { history.removeFirst() }
    }
}
