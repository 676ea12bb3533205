import DequeModule
import Foundation

/// Turns ProbeResults into alert events and Snapshots: rolling latency windows, paired quality against each
/// target's baseline, and alerts. A value type owned by the MonitorActor; it reads no clock (times come in as
/// arguments).
///
/// - `record(_:evaluatingAt:)` files a result under its target at `result.startedAt`, re-pairs that canary for
///   the target and for every target whose baseline it is, and then evaluates the target's alert rules: rules
///   are evaluated on new evidence, so hysteresis counts results, not screen ticks. Results of a baseline that
///   is not a target of the fleet (a recorded baseline replayed in) are kept for pairing only; other unknown ids
///   are ignored.
/// - `snapshot` is a read: it changes no alert state, event or history (only caches), so the TUI, `report` and
///   tests may take as many as they like.
/// - `drainEvents` hands over the events produced since the previous drain (at most `maxPendingEvents`).
public struct Aggregator: Sendable {
    /// Events kept in snapshots.
    public static let maxEvents = 200
    /// Undrained events kept; older ones are dropped if nobody drains.
    public static let maxPendingEvents = 10_000

    private let historyLength: Int
    private var targets: [AggregatorTarget]
    private let positions: [String: Int]
    /// Positions of the targets whose baseline is the key.
    private let dependents: [String: [Int]]
    /// Answers of baselines that are not fleet targets.
    private var externalBaselines: [String: AnswerBook]
    private var events: Deque<AlertEvent> = []
    private var pending: Deque<AlertEvent> = []
    /// Runtime scrapes, response timings and goodput (issue 14), kept apart from the rest.
    private var runtime: RuntimeBook

    /// - Parameters:
    ///   - config: the fleet; targets appear in snapshots in its order.
    ///   - historyLength: LatencyPoints kept per target (at most one per second of evaluations).
    public init(config: FleetConfig, historyLength: Int = 120) {
        self.historyLength = Swift.max(historyLength, 0)
        targets = config.targets.map { AggregatorTarget(config: $0, canaries: config.canaries(for: $0)) }
        positions = Dictionary(
            config.targets.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var dependents: [String: [Int]] = [:]
        for (position, target) in config.targets.enumerated() {
            if let baseline = target.baseline { dependents[baseline, default: []].append(position) }
        }
        self.dependents = dependents
        runtime = RuntimeBook(config: config)
        let ids = Set(config.targets.map(\.id))
        externalBaselines = Dictionary(
            config.targets.compactMap(\.baseline).filter { !ids.contains($0) }.map { ($0, AnswerBook()) },
            uniquingKeysWith: { first, _ in first })
        // A recorded baseline's answers are there from the start, filed once per canary even when several
        // targets share the file.
        var filed = Set<String>()
        for target in config.targets {
            guard let recorded = target.recordedBaseline else { continue }
            for result in recorded.results(for: config.canaries(for: target))
            where filed.insert(result.targetID + "\u{1F}" + result.canaryID).inserted {
                externalBaselines[result.targetID]?.record(result)
            }
        }
    }

    /// Files a result; with `now`, then evaluates the target's rules at `now` (results replayed from the store
    /// and rounds of `once` are filed without, and evaluated once afterwards).
    public mutating func record(_ result: ProbeResult, evaluatingAt now: Date? = nil) {
        runtime.record(result)
        if let position = positions[result.targetID] {
            targets[position].record(result)
            targets[position].refreshPair(result.canaryID, baseline: baselineAnswers(for: targets[position].config))
        } else if externalBaselines[result.targetID] != nil {
            externalBaselines[result.targetID]?.record(result)
        } else {
            return
        }
        if result.generation != nil, let followers = dependents[result.targetID] {
            for position in followers {
                targets[position].refreshPair(result.canaryID, baseline: baselineAnswers(for: targets[position].config))
            }
        }
        if let now { evaluate(targetID: result.targetID, at: now) }
    }

    /// Evaluates one target's alert rules at `now` (one hysteresis step), publishing the changes as events, and
    /// adds a point to its latency history.
    public mutating func evaluate(targetID: String, at now: Date) {
        guard let position = positions[targetID] else { return }
        let config = targets[position].config
        let windows = targets[position].windows.recentStats(at: now)
        let recent = windows[AlertInput.window] ?? .empty
        let quality = targets[position].currentQuality()
        let input = AlertInput(
            p99Milliseconds: recent.e2e.p99, latencySamples: recent.e2e.count, recent: recent.errorCounts,
            baselineID: config.baseline, quality: config.baseline == nil ? [] : [quality.overall] + quality.categories,
            consecutiveFailures: targets[position].consecutiveFailures, hasResults: targets[position].hasResults,
            lastErrorClass: targets[position].lastError?.errorClass,
            burn: BurnWindows(targets[position].budget, at: now), drift: targets[position].driftInput(quality.overall),
            queueNote: runtime.runtime(for: config.id)?.queueNote(at: now))
        publish(targets[position].alerts.evaluate(input, thresholds: config.alerts, at: now))

        let minute = windows[.oneMinute] ?? .empty
        let hasLatency = minute.e2e.count > 0
        targets[position].appendHistory(
            LatencyPoint(
                at: now, p50: hasLatency ? minute.e2e.p50 : nil, p95: hasLatency ? minute.e2e.p95 : nil,
                p99: hasLatency ? minute.e2e.p99 : nil, errorRate: minute.requests > 0 ? minute.errorRate : nil),
            limit: historyLength)
    }

    /// Evaluates every target once at `now`.
    public mutating func evaluateAll(at now: Date) {
        for target in targets where target.hasResults { evaluate(targetID: target.config.id, at: now) }
    }

    /// Counts `count` scheduled ticks of `targetID` that were skipped, not probed, because the loop had fallen behind.
    public mutating func noteSkipped(targetID: String, count: Int) {
        guard count > 0, let position = positions[targetID] else { return }
        targets[position].skippedTicks += count
    }

    /// Files what a target's server reports it is, compared with its own recording (`baseline_drift`); a change
    /// counts from the next evaluation.
    public mutating func noteIdentity(_ identity: ServerIdentity, for targetID: String) {
        guard let position = positions[targetID] else { return }
        // The endpoints' answer, with what the responses said kept (the endpoints never report those).
        var merged = identity
        merged.systemFingerprint = targets[position].liveIdentity.systemFingerprint
        merged.servedModel = targets[position].liveIdentity.servedModel
        targets[position].observe(identity: merged)
    }

    /// Files one scrape of a target's runtime metrics endpoint.
    public mutating func recordRuntime(_ outcome: ScrapeOutcome, for targetID: String) {
        runtime.record(outcome, for: targetID)
    }

    /// Puts stored alert transitions back after a restart: `events` (the last hour's, oldest first) into the event
    /// log, and each rule of each target into the state its latest transition in `states` or `events` left it,
    /// so an alert firing before the restart is not announced again.
    ///
    /// Neither is handed out by `drainEvents`
    /// (they were delivered and stored the first time).
    public mutating func restore(events restored: [AlertEvent], states: [AlertEvent] = []) {
        for event in (states + restored).sorted(by: { $0.at < $1.at }) {
            guard let position = positions[event.targetID], let rule = AlertRule(rawValue: event.rule) else { continue }
            targets[position].alerts.restore(rule, to: event.to, message: event.message)
        }
        events = Deque((restored + events).suffix(Self.maxEvents))
    }

    /// The fleet at `now`. A read: alert states, events and histories are as the last evaluations left them.
    public mutating func snapshot(at now: Date, startedAt: Date, paused: Bool, inFlight: Int) -> Snapshot {
        var snapshots: [TargetSnapshot] = []
        snapshots.reserveCapacity(targets.count)
        var probesPerSecond = 0.0
        for position in targets.indices {
            var snapshot = targetSnapshot(position, now: now, startedAt: startedAt, paused: paused)
            runtime.annotate(&snapshot, at: now, startedAt: startedAt)
            probesPerSecond += snapshot.stats(.oneMinute).requestsPerSecond
            snapshots.append(snapshot)
        }
        return Snapshot(
            takenAt: now, startedAt: startedAt, targets: snapshots, events: Array(events),
            probesPerSecond: probesPerSecond, inFlight: inFlight, paused: paused)
    }

    public mutating func drainEvents() -> [AlertEvent] {
        defer { pending.removeAll() }
        return Array(pending)
    }

    // MARK: - Internals

    private func baselineAnswers(for target: TargetConfig) -> AnswerBook? {
        guard let id = target.baseline else { return nil }
        if let position = positions[id] { return targets[position].answers }
        return externalBaselines[id] ?? AnswerBook()
    }

    private mutating func targetSnapshot(_ position: Int, now: Date, startedAt: Date, paused: Bool) -> TargetSnapshot {
        let config = targets[position].config
        let windows = targets[position].windows.stats(at: now, startedAt: startedAt).mapValues {
            $0.judged(by: config.alerts)
        }
        let quality = targets[position].currentQuality()
        let verdict =
            config.baseline == nil || quality.overall.pairs == 0
            ? nil : Verdict(quality: [quality.overall] + quality.categories, thresholds: config.alerts)
        let minutes = targets[position].minuteBuckets(now: now)
        let lastAnswers = targets[position].currentAnswerPairs(baseline: baselineAnswers(for: config))
        let target = targets[position]
        return TargetSnapshot(
            id: config.id, backend: config.backend, model: config.model, quant: config.quant,
            baseline: config.baseline, baselineLabel: config.recordedBaseline?.label,
            unpaired: target.unpaired, baselineNoiseFloor: target.noiseFloor, state: target.alerts.state,
            reasons: target.alerts.reasons, windows: windows,
            overall: quality.overall, categories: quality.categories, verdict: verdict,
            history: Array(target.history), minutes: minutes,
            lastAnswers: lastAnswers,
            lastError: target.lastError,
            consecutiveFailures: target.consecutiveFailures, skippedTicks: target.skippedTicks, price: config.price,
            paused: paused)
    }

    private mutating func publish(_ fresh: [AlertEvent]) {
        for event in fresh {
            events.append(event)
            pending.append(event)
        }
        while events.count > Self.maxEvents { events.removeFirst() }
        while pending.count > Self.maxPendingEvents { pending.removeFirst() }
    }
}
