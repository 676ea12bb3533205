import Foundation
import QuantWatchDomain

/// Turns the answers of one refresh (`PromQLQueries.all`) into a `Snapshot`.
///
/// The dashboard draws it as it draws a local fleet: one row per probe and target (id `target@probe`) plus one aggregate row per target (id `target`,
/// probe nil); the dashboard shows one kind or the other. Rows whose probe stopped answering are `stale`.
///
/// A value: it keeps each row's p95 history and rule states between refreshes, to draw trends and to log rule
/// changes as events.
public struct PrometheusSnapshotBuilder: Sendable {
    public let startedAt: Date
    private var history: [String: [LatencyPoint]] = [:]
    private var ruleStates: [String: [AlertRule: AlertState]] = [:]
    private var events: [AlertEvent] = []
    private var warnedNoRecordings = false
    static let maxHistory = 120
    static let maxEvents = 200

    public init(startedAt: Date) {
        self.startedAt = startedAt
    }

    /// The picture from one refresh's four answers.
    public mutating func build(
        recorded: [PromQLSample], gauges: [PromQLSample], known: [PromQLSample], live: [PromQLSample], at now: Date
    ) -> Snapshot {
        var rows: [PromQLRowKey: PromQLRowFigures] = [:]
        let liveKeys = Set(live.compactMap { PromQLRowKey($0, level: .probeTarget) })
        for sample in known {
            guard let key = PromQLRowKey(sample, level: .probeTarget) else { continue }
            rows[key, default: PromQLRowFigures()].identify(sample)
            rows[key]?.stale = !liveKeys.contains(key)
            let aggregate = PromQLRowKey(target: key.target, probe: nil)
            rows[aggregate, default: PromQLRowFigures(stale: true)].identify(sample)
            if liveKeys.contains(key) { rows[aggregate]?.stale = false }
        }
        for sample in gauges {
            guard let key = PromQLRowKey(sample, level: .probeTarget), rows[key] != nil else { continue }
            rows[key]?.addGauge(sample)
        }
        var recordedRows = 0
        for sample in recorded {
            guard let entry = PromQLRecordedName.table[sample.name],
                let key = PromQLRowKey(sample, level: entry.0), rows[key] != nil
            else { continue }
            recordedRows += 1
            Self.add(sample, entry.2, window: entry.1, to: &rows[key, default: PromQLRowFigures()])
        }
        Self.aggregateGauges(&rows)
        if recordedRows == 0, !rows.isEmpty, !warnedNoRecordings {
            warnedNoRecordings = true
            log(
                AlertEvent(
                    at: now, targetID: "prometheus", rule: "recording_rules", from: .unknown, to: .warning,
                    message: "no quantwatch recording rules in this Prometheus: latency and error figures stay "
                        + "empty; load the output of `quantwatch rules --config FLEET` (rule_files:)"))
        }
        var targets: [TargetSnapshot] = []
        for (key, row) in rows.sorted(by: { $0.key < $1.key }) {
            targets.append(targetSnapshot(key, row, at: now))
        }
        let probesPerSecond = rows.filter { $0.key.probe != nil && !$0.value.stale }.values.reduce(0.0) {
            $0 + ($1.windows[.oneMinute]?.requestRate ?? 0)
        }
        return Snapshot(
            takenAt: now, startedAt: startedAt, targets: targets, events: events, probesPerSecond: probesPerSecond)
    }

    /// The last picture with every row stale and the failure as an event: a refresh that failed.
    public mutating func failed(_ error: PromQLError, previous: Snapshot?, at now: Date) -> Snapshot {
        let message = error.description
        if events.last?.message != message {
            log(
                AlertEvent(
                    at: now, targetID: "prometheus", rule: "query", from: .ok, to: .critical, message: message))
        }
        var snapshot = previous ?? Snapshot(takenAt: now, startedAt: startedAt)
        snapshot.takenAt = now
        snapshot.targets = snapshot.targets.map { target in
            var target = target
            target.stale = true
            return target
        }
        snapshot.events = events
        return snapshot
    }

    // MARK: - Helpers

    private static func add(
        _ sample: PromQLSample, _ meaning: PromQLRecordedName, window: MetricWindow, to row: inout PromQLRowFigures
    ) {
        let value = sample.value
        var figures = row.windows[window] ?? PromQLRowFigures.Window()
        switch meaning {
        case .quantile(let family, let name):
            if value.isFinite { figures.quantiles[family, default: [:]][name] = value }
        case .requestRate: figures.requestRate = value
        case .tokenRate: figures.tokenRate = value
        case .errorRatio: figures.errorRatio = value
        case .errorsByClass:
            if let errorClass = sample["error_class"], value.isFinite { figures.errorsByClass[errorClass] = value }
        }
        row.windows[window] = figures
    }

    /// An aggregate row's gauges: the worst state of any live probe, quality from the first probe that has it.
    private static func aggregateGauges(_ rows: inout [PromQLRowKey: PromQLRowFigures]) {
        let probeKeys = rows.keys.filter { $0.probe != nil }.sorted()
        for key in probeKeys {
            guard let probe = rows[key], !probe.stale else { continue }
            let aggregate = PromQLRowKey(target: key.target, probe: nil)
            guard var row = rows[aggregate] else { continue }
            row.alertState = max(row.alertState, probe.alertState)
            row.ruleStates.merge(probe.ruleStates) { max($0, $1) }
            row.consecutiveFailures = max(row.consecutiveFailures, probe.consecutiveFailures)
            if row.quality.isEmpty { row.quality = probe.quality }
            for (window, figures) in probe.windows {
                for (figure, severity) in figures.severities {
                    let current = row.windows[window]?.severities[figure] ?? .unknown
                    row.windows[window, default: PromQLRowFigures.Window()].severities[figure] = max(current, severity)
                }
            }
            rows[aggregate] = row
        }
    }

    private mutating func targetSnapshot(_ key: PromQLRowKey, _ row: PromQLRowFigures, at now: Date) -> TargetSnapshot {
        let windows = Dictionary(
            uniqueKeysWithValues: MetricWindow.allCases.compactMap { window in
                row.windows[window].map { (window, Self.stats($0, window: window)) }
            })
        let one = windows[.oneMinute]
        let point = LatencyPoint(
            at: now, p50: one.flatMap { $0.e2e.count > 0 ? $0.e2e.p50 : nil },
            p95: one.flatMap { $0.e2e.count > 0 ? $0.e2e.p95 : nil },
            p99: one.flatMap { $0.e2e.count > 0 ? $0.e2e.p99 : nil },
            errorRate: one.flatMap { $0.requests > 0 ? $0.errorRate : nil })
        var points = history[key.id] ?? []
        if !row.stale { points.append(point) }
        if points.count > Self.maxHistory { points.removeFirst(points.count - Self.maxHistory) }
        history[key.id] = points
        logRuleChanges(key, row, at: now)
        var target = TargetSnapshot(
            id: key.id, backend: BackendKind(rawValue: row.backend) ?? .openai, model: row.model, quant: row.quant,
            state: row.alertState,
            reasons: row.ruleStates.filter { $0.value >= .warning }.sorted { $0.value > $1.value }.map {
                "\($0.key.rawValue): \($0.value.name)" + (key.probe.map { " (probe \($0))" } ?? "")
            },
            windows: windows, overall: Self.quality("all", row.quality["all"]),
            categories: row.quality.keys.filter { $0 != "all" }.sorted().map { Self.quality($0, row.quality[$0]) },
            history: points, consecutiveFailures: row.consecutiveFailures, ruleStates: row.ruleStates)
        target.probe = key.probe
        target.stale = row.stale
        return target
    }

    private mutating func logRuleChanges(_ key: PromQLRowKey, _ row: PromQLRowFigures, at now: Date) {
        guard key.probe != nil, !row.stale else { return }
        let before = ruleStates[key.id] ?? [:]
        for rule in AlertRule.allCases {
            let old = before[rule] ?? .unknown
            let new = row.ruleStates[rule] ?? .unknown
            guard old != new, !(old == .unknown && new == .ok), new != .unknown || old >= .warning else { continue }
            log(
                AlertEvent(
                    at: now, targetID: key.id, rule: rule.rawValue, from: old, to: new,
                    message: "\(rule.rawValue) \(old.name) -> \(new.name), seen by probe \(key.probe ?? "")"))
        }
        ruleStates[key.id] = row.ruleStates
    }

    private mutating func log(_ event: AlertEvent) {
        events.append(event)
        if events.count > Self.maxEvents { events.removeFirst(events.count - Self.maxEvents) }
    }

    /// A window's stats from rates: counts are rate x window length (what Prometheus extrapolates).
    static func stats(_ figures: PromQLRowFigures.Window, window: MetricWindow) -> WindowStats {
        let seconds = Double(window.duration.components.seconds)
        let requests = Int(((figures.requestRate ?? 0) * seconds).rounded())
        var errors: [ErrorClass: Int] = [:]
        for (name, count) in figures.errorsByClass {
            if let errorClass = ErrorClass(rawValue: name), count.rounded() > 0 {
                errors[errorClass] = Int(count.rounded())
            }
        }
        let successes = max(0, requests - errors.values.reduce(0, +))
        func summary(_ family: String) -> LatencySummary {
            guard let values = figures.quantiles[family], let p50 = values["p50"], successes > 0 else { return .empty }
            return LatencySummary(
                count: successes, p50: p50 * 1000, p95: (values["p95"] ?? .nan) * 1000,
                p99: (values["p99"] ?? .nan) * 1000, min: .nan, max: .nan, mean: .nan)
        }
        let tokensPerSecond = figures.tokenRate ?? 0
        var stats = WindowStats(
            e2e: summary("e2e"), ttft: summary("ttft"), tpot: summary("tpot"), requests: requests,
            successes: successes, errors: errors, requestsPerSecond: figures.requestRate ?? 0,
            tokensPerSecond: tokensPerSecond,
            decodeTokensPerSecond: figures.quantiles["tpot"]?["p50"].flatMap { $0 > 0 ? 1 / $0 : nil })
        stats.errorSeverity = figures.severities["error_rate"] ?? .unknown
        stats.p99Severity = figures.severities["e2e_p99"] ?? .unknown
        return stats
    }

    static func quality(_ category: String, _ figures: PromQLRowFigures.Quality?) -> CategoryQuality {
        guard let figures else { return CategoryQuality(category: category, accuracy: .empty) }
        let values = figures.values
        let total = Int((values["accuracy_answers"] ?? 0).rounded())
        let correct = Int(((values["accuracy"] ?? 0) * Double(total)).rounded())
        let interval = WilsonInterval.bounds(successes: correct, total: total)
        return CategoryQuality(
            category: category,
            accuracy: AccuracyStats(correct: correct, total: total, wilsonLow: interval.low, wilsonHigh: interval.high),
            deltaPoints: values["accuracy_delta_points"], answerAgreement: values["answer_agreement"],
            top1Agreement: values["top1_agreement"], meanKLD: values["kld"],
            pairs: Int((values["quality_pairs"] ?? 0).rounded()),
            deltaSeverity: figures.severities["accuracy_delta"] ?? .unknown,
            agreementSeverity: figures.severities["answer_agreement"] ?? .unknown,
            kldSeverity: figures.severities["kld"] ?? .unknown)
    }
}
