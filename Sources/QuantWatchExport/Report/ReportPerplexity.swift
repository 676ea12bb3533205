import QuantWatchDomain

/// The report's perplexity block: both sides' PPL over the suites' reference texts, Δ% and how it was measured.
public struct ReportPerplexity: Sendable, Equatable, Encodable {
    public var baseline: Double?
    public var target: Double?
    /// (target - baseline) / baseline x 100, when both were measured the same way.
    public var deltaPercent: Double?
    /// The target's method (`prompt_logprobs`, `echo`, `llama-perplexity`); nil when it has no figure.
    public var method: String?
    public var baselineMethod: String?
    /// Why a figure or the delta is missing.
    public var note: String?
    /// The source articles' rule on Δ%: > 5% do not deploy, 2-5% caution; nil without a delta.
    public var verdict: Verdict?

    enum CodingKeys: String, CodingKey {
        case baseline, target, method, note, verdict
        case deltaPercent = "delta_pct"
        case baselineMethod = "baseline_method"
    }

    /// Δ% above these (percent) is caution / do not deploy.
    public static let cautionPercent = 2.0
    public static let doNotDeployPercent = 5.0

    public init(baseline: PerplexityMeasurement, target: PerplexityMeasurement) {
        self.baseline = baseline.perplexity
        self.target = target.perplexity
        self.method = target.method?.rawValue
        self.baselineMethod = baseline.method?.rawValue
        deltaPercent = PerplexityMeasurement.deltaPercent(baseline: baseline, target: target)
        var notes: [String] = []
        if let reason = baseline.note { notes.append("baseline: \(reason)") }
        if let reason = target.note { notes.append("target: \(reason)") }
        if deltaPercent == nil, let base = baseline.method, let quant = target.method, base != quant {
            notes.append("measured differently (\(base.rawValue) vs \(quant.rawValue)): no delta")
        }
        note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        verdict = deltaPercent.map {
            Verdict(dropPoints: $0, warning: Self.cautionPercent, critical: Self.doNotDeployPercent)
        }
    }

    /// Neither side measured, for one reason.
    public init(unavailable reason: String) {
        note = reason
    }
}

extension Verdict {
    /// The worse of two verdicts: do not deploy, caution, inconclusive, ok.
    public func combined(with other: Verdict?) -> Verdict {
        guard let other else { return self }
        let order: [Verdict] = [.ok, .inconclusive, .caution, .doNotDeploy]
        return (order.firstIndex(of: self) ?? 0) >= (order.firstIndex(of: other) ?? 0) ? self : other
    }
}
