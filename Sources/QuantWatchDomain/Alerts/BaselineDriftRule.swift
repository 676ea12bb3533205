/// What the baseline_drift rule looks at: a target's latest answers paired with a recording of itself.
public struct BaselineDriftInput: Sendable, Equatable {
    /// Canaries paired with the recording, and how many of them got the recorded answer again.
    public var pairs: Int
    public var agreeing: Int
    /// The recording's own run-to-run agreement (nil: a single round, taken as no noise seen).
    public var noiseFloor: NoiseFloor?
    /// What the server reports differently from the recording ("model_path a -> b"); empty when nothing changed
    /// or nothing was asked yet.
    public var identityChanges: [String]
    /// Paired canaries with the recorded answer whose token distributions moved beyond the recording's own
    /// run-to-run movement (see `BaselineDriftInput.logprobShift`).
    public var logprobShifted: Int

    /// Mean KLD (nats) a canary's tokens may move beyond twice the recording's own movement before it counts as
    /// changed: below this, float noise of the same build.
    public static let logprobShift = 0.001

    public init(
        pairs: Int, agreeing: Int, noiseFloor: NoiseFloor?, identityChanges: [String] = [], logprobShifted: Int = 0
    ) {
        self.pairs = pairs
        self.agreeing = agreeing
        self.logprobShifted = logprobShifted
        self.noiseFloor = noiseFloor
        self.identityChanges = identityChanges
    }

    /// The disagreement rate expected without any change: the recording's own, by the rule of succession
    /// ((d + 1) / (n + 2)), so a recording that never disagreed with itself still allows some noise, less the
    /// more rounds it compared.
    public var expectedDisagreement: Double {
        let compared = noiseFloor?.compared ?? 0
        let disagreeing = compared - (noiseFloor?.agreeing ?? 0)
        return (Double(disagreeing) + 1) / (Double(compared) + 2)
    }

    /// Canaries that changed: another answer, or the same answer with moved token distributions.
    public var changed: Int { pairs - agreeing + logprobShifted }

    /// One-sided binomial p-value of at least `changed` changes at `expectedDisagreement`.
    public var pValue: Double {
        BinomialTail.atLeast(changed, trials: pairs, p: expectedDisagreement)
    }
}

/// The baseline_drift rule: whether the provider changed the model under a target that is its own baseline.
enum BaselineDriftRule {
    static func observe(_ input: BaselineDriftInput?, thresholds: AlertThresholds) -> RuleObservation {
        guard let input else {
            return RuleObservation(rule: .baselineDrift, state: nil, message: "no recording of this target")
        }
        if !input.identityChanges.isEmpty {
            return RuleObservation(
                rule: .baselineDrift, state: .critical,
                message: "server identity changed since the recording: "
                    + input.identityChanges.joined(separator: "; "), immediate: true)
        }
        let disagreeing = input.pairs - input.agreeing
        let changed = input.changed
        let floor = input.noiseFloor.map { AlertRules.percent($0.agreement) } ?? "n/a (one round)"
        guard input.pairs >= thresholds.minPairs else {
            return RuleObservation(
                rule: .baselineDrift, state: nil,
                message: "answers vs own recording: \(input.pairs) pairs (needs \(thresholds.minPairs))")
        }
        let agreement = Double(input.agreeing) / Double(input.pairs)
        let figure =
            "answers vs own recording: \(AlertRules.percent(agreement)) agree (\(changed) of \(input.pairs) "
            + "changed: \(disagreeing) answers, \(input.logprobShifted) token distributions), recording's noise floor "
            + "\(floor), p=\(AlertRules.pValue(input.pValue))"
        if input.pValue <= thresholds.alpha && changed >= thresholds.minFailures {
            return RuleObservation(
                rule: .baselineDrift, state: .warning,
                message: "\(figure): changed beyond the noise floor, the model may have changed")
        }
        return RuleObservation(rule: .baselineDrift, state: .ok, message: "\(figure): within the noise floor")
    }
}
