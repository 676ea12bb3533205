import Yams

/// Checks that span several targets or merged levels: ids, baselines, environment, threshold order.
extension NodeReader {
    /// Reports thresholds that contradict each other once merged (warning above critical).
    mutating func checkConsistency(_ alerts: AlertThresholds, at node: Node?) {
        if alerts.errorRateCritical < alerts.errorRate {
            report(
                "'error_rate_critical' (\(Self.format(alerts.errorRateCritical))) must be at least "
                    + "'error_rate' (\(Self.format(alerts.errorRate)))", at: node)
        }
        if alerts.accuracyDropCritical < alerts.accuracyDropWarning {
            report(
                "'accuracy_drop_points.critical' (\(Self.format(alerts.accuracyDropCritical))) must be at least "
                    + "'accuracy_drop_points.warning' (\(Self.format(alerts.accuracyDropWarning)))", at: node)
        }
        if alerts.kldCritical < alerts.kldWarning {
            report(
                "'kld.critical' (\(Self.format(alerts.kldCritical))) must be at least "
                    + "'kld.warning' (\(Self.format(alerts.kldWarning)))", at: node)
        }
    }

    /// Reports a base delay longer than the cap on every delay.
    mutating func checkConsistency(_ retry: RetryPolicy, at node: Node?) {
        if retry.baseDelay > retry.maxDelay {
            report(
                "'retries.base_delay' (\(DurationParser.format(retry.baseDelay))) must not exceed "
                    + "'retries.max_delay' (\(DurationParser.format(retry.maxDelay)))", at: node)
        }
    }

    /// Reports every target id used twice, pointing at the second use and naming the line of the first.
    mutating func checkIdentities(_ drafts: [TargetDraft]) {
        var first: [String: TargetDraft] = [:]
        for draft in drafts {
            guard let id = draft.id else { continue }
            if id.hasPrefix(RecordedBaseline.idPrefix) {
                // A recording's answers are filed under that prefix; a target there would pair with them.
                report(
                    "target id '\(id)' starts with '\(RecordedBaseline.idPrefix)', which names recorded baselines; "
                        + "choose another id", at: draft.idNode)
            }
            if let earlier = first[id] {
                let line = earlier.idNode?.mark?.line ?? earlier.node.mark?.line ?? 0
                report("duplicate target id '\(id)' (first defined at line \(line))", at: draft.idNode)
            } else {
                first[id] = draft
            }
        }
    }

    /// Reports baselines that name no target, the target itself, or close a cycle.
    mutating func checkBaselines(_ drafts: [TargetDraft]) {
        var edges: [String: String] = [:]
        var owners: [String: TargetDraft] = [:]
        let ids = drafts.compactMap(\.id)
        for draft in drafts {
            guard let id = draft.id, owners[id] == nil else { continue }
            owners[id] = draft
            guard let baseline = draft.baseline else { continue }
            if baseline == id {
                report("target '\(id)' names itself as its baseline", at: draft.baselineNode)
            } else if !ids.contains(baseline) {
                var message = "baseline '\(baseline)' of target '\(id)' is not a target in this file"
                if let hint = KeySuggester.nearest(to: baseline, among: ids) { message += " (did you mean '\(hint)'?)" }
                report(message, at: draft.baselineNode)
            } else {
                edges[id] = baseline
            }
        }
        // Each target has at most one baseline, so every cycle is found by walking forward from its members.
        var reported: Set<String> = []
        for draft in drafts {
            guard let start = draft.id, owners[start]?.position == draft.position, !reported.contains(start) else {
                continue
            }
            var path = [start]
            var current = start
            while let next = edges[current] {
                if let loopStart = path.firstIndex(of: next) {
                    let cycle = Array(path[loopStart...])
                    if cycle.first == start {
                        report("baseline cycle: \((cycle + [start]).joined(separator: " -> "))", at: draft.baselineNode)
                    }
                    // Members that start later in the file are the same cycle: report it once.
                    if cycle.contains(start) { reported.formUnion(cycle) }
                    break
                }
                path.append(next)
                current = next
            }
        }
    }

    /// Reports `api_key_env` variables that are unset or empty, by name only.
    mutating func checkEnvironment(_ drafts: [TargetDraft], environment: [String: String]) {
        for draft in drafts {
            guard let name = draft.apiKeyEnv else { continue }
            switch environment[name] {
            case nil:
                report(
                    "environment variable '\(name)' (api_key_env of \(draft.label)) is not set", at: draft.apiKeyEnvNode
                )
            case let value? where value.trimmingSpaces().isEmpty:
                report(
                    "environment variable '\(name)' (api_key_env of \(draft.label)) is empty", at: draft.apiKeyEnvNode)
            default:
                break
            }
        }
    }

    /// The target with fleet defaults merged in, or nil when required fields are missing (already reported).
    mutating func resolve(_ draft: TargetDraft, defaults: FleetDefaults) -> TargetConfig? {
        let settings = draft.settings
        let alerts = settings.alerts.applied(to: defaults.alerts)
        if !settings.alerts.isEmpty { checkConsistency(alerts, at: settings.alertsNode) }
        let retry = settings.retry(over: defaults.retry)
        if settings.retriesNode != nil { checkConsistency(retry, at: settings.retriesNode) }
        let suites = settings.suites ?? defaults.settings.suites
        if !draft.suitesGiven && !defaults.suitesGiven {
            report(
                "\(draft.label) has no canary suite: set 'suite' at the top level or on the target", at: draft.node)
        }
        guard draft.complete, let id = draft.id, let backend = draft.backend, let url = draft.url else { return nil }
        return TargetConfig(
            id: id, backend: backend, url: url, model: draft.model, quant: draft.quant, baseline: draft.baseline,
            apiKeyEnv: draft.apiKeyEnv, interval: settings.interval ?? defaults.settings.interval ?? .seconds(15),
            timeouts: settings.timeouts(over: defaults.timeouts), retry: retry,
            topLogprobs: settings.topLogprobs ?? defaults.settings.topLogprobs ?? 0,
            seed: settings.seed ?? defaults.settings.seed ?? 42, suitePaths: (suites ?? []).map(\.resolved),
            alerts: alerts, price: draft.price, headers: draft.headers, metrics: draft.metrics,
            metricsInterval: draft.metricsInterval, slo: settings.slo ?? defaults.settings.slo,
            recordedBaseline: draft.recordedBaseline)
    }
}
