import Yams

/// Reading the settings shared by the top level and the targets of a fleet file.
extension NodeReader {
    /// Reads `interval`, `timeout`/`timeouts`, `retries`, `suite`/`suites`, `seed`, `top_logprobs`, `alerts`.
    /// Suite paths are resolved against `folder`.
    mutating func probeSettings(
        _ fields: MappingFields, folder: String, environment: [String: String]
    ) -> ProbeSettings {
        var settings = ProbeSettings()
        settings.interval = duration(fields, "interval")
        readTimeouts(fields, into: &settings)
        readRetries(fields, into: &settings)
        settings.suites = suiteReferences(fields, folder: folder, environment: environment)
        settings.seed = int(fields, "seed", in: Int.min...Int.max)
        // OpenAI caps top_logprobs at 20; llama.cpp's n_probs has no cap but more is pointless for drift.
        settings.topLogprobs = int(fields, "top_logprobs", in: 0...20)
        settings.slo = serviceLevelObjective(fields)
        if let node = fields["alerts"] {
            settings.alertsNode = node
            settings.alerts = partialAlerts(node)
        }
        return settings
    }

    private mutating func readTimeouts(_ fields: MappingFields, into settings: inout ProbeSettings) {
        if fields.has("timeout") && fields.has("timeouts") {
            report("give either 'timeout' (the total deadline) or 'timeouts', not both", at: fields.keyNode("timeouts"))
        }
        settings.total = duration(fields, "timeout")
        guard let node = fields["timeouts"],
            let timeouts = self.fields(of: node, allowed: ["connect", "read_idle", "total"], what: "'timeouts'")
        else { return }
        settings.connect = duration(timeouts, "connect")
        settings.readIdle = duration(timeouts, "read_idle")
        settings.total = duration(timeouts, "total") ?? settings.total
    }

    private mutating func readRetries(_ fields: MappingFields, into settings: inout ProbeSettings) {
        guard let node = fields["retries"],
            let retries = self.fields(of: node, allowed: ["max", "base_delay", "max_delay"], what: "'retries'")
        else { return }
        settings.retriesNode = node
        settings.maxRetries = int(retries, "max", in: 0...10)
        settings.baseDelay = duration(retries, "base_delay", positive: false)
        settings.maxDelay = duration(retries, "max_delay", positive: false)
    }

    private mutating func suiteReferences(
        _ fields: MappingFields, folder: String, environment: [String: String]
    ) -> [SuiteReference]? {
        if fields.has("suite") && fields.has("suites") {
            report("give either 'suite' or 'suites', not both", at: fields.keyNode("suites"))
        }
        var nodes: [Node]
        if let node = fields["suite"] {
            nodes = [node]
        } else if let list = sequence(fields, "suites") {
            nodes = list
            if list.isEmpty { report("'suites' is empty: list at least one canary suite file", at: fields["suites"]) }
        } else {
            return nil
        }
        var references: [SuiteReference] = []
        for node in nodes {
            guard let written = string(node, key: "suite") else {
                if node.isNull { report("'suite' has no path", at: node) }
                continue
            }
            let resolved = PathResolver.resolve(written, relativeTo: folder, environment: environment)
            if references.contains(where: { $0.resolved == resolved }) {
                report("suite '\(written)' is listed twice", at: node)
                continue
            }
            references.append(SuiteReference(written: written, resolved: resolved, node: node))
        }
        return references
    }

    /// `slo: {ttft_ms, tpot_ms, e2e_ms}`: at least one, each a positive number of milliseconds.
    private mutating func serviceLevelObjective(_ fields: MappingFields) -> ServiceLevelObjective? {
        guard let node = fields["slo"],
            let slo = self.fields(of: node, allowed: ServiceLevelObjective.keys, what: "'slo'")
        else { return nil }
        let objective = ServiceLevelObjective(
            ttftMilliseconds: double(slo, "ttft_ms", in: 0.001...Double.infinity),
            tpotMilliseconds: double(slo, "tpot_ms", in: 0.001...Double.infinity),
            e2eMilliseconds: double(slo, "e2e_ms", in: 0.001...Double.infinity))
        if objective.isEmpty {
            if ServiceLevelObjective.keys.allSatisfy({ !slo.has($0) }) {
                report("'slo' names no objective: give ttft_ms, tpot_ms or e2e_ms (milliseconds)", at: node)
            }
            return nil
        }
        return objective
    }

    private mutating func partialAlerts(_ node: Node) -> PartialAlerts {
        var alerts = PartialAlerts()
        guard let fields = self.fields(of: node, allowed: PartialAlerts.keys, what: "'alerts'") else { return alerts }
        alerts.p99Milliseconds = double(fields, "p99_ms", in: 0.001...Double.infinity)
        alerts.errorRate = double(fields, "error_rate", in: 0...1)
        alerts.errorRateCritical = double(fields, "error_rate_critical", in: 0...1)
        if let drop = fields["accuracy_drop_points"],
            let levels = self.fields(of: drop, allowed: ["warning", "critical"], what: "'accuracy_drop_points'")
        {
            alerts.accuracyDropWarning = double(levels, "warning", in: 0...100)
            alerts.accuracyDropCritical = double(levels, "critical", in: 0...100)
        }
        alerts.agreementFloor = double(fields, "agreement_floor", in: 0...1)
        if let kld = fields["kld"], let levels = self.fields(of: kld, allowed: ["warning", "critical"], what: "'kld'") {
            alerts.kldWarning = double(levels, "warning", in: 0...100)
            alerts.kldCritical = double(levels, "critical", in: 0...100)
        }
        alerts.confidence = double(fields, "confidence", in: 0.5...0.9999)
        alerts.minPairs = int(fields, "min_pairs", in: 1...100_000)
        alerts.minFailures = int(fields, "min_failures", in: 1...100_000)
        alerts.downAfterFailures = int(fields, "down_after_failures", in: 1...1_000)
        alerts.holdEvaluations = int(fields, "hold_evaluations", in: 1...1_000)
        alerts.sloTarget = double(fields, "slo_target", in: 0...1)
        if let slo = alerts.sloTarget, slo <= 0 || slo >= 1 {
            report(
                "'slo_target' must be above 0 and below 1 (e.g. 0.99), got \(Self.format(slo))",
                at: fields["slo_target"])
            alerts.sloTarget = nil
        }
        return alerts
    }
}
