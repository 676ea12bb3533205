/// Severities of the quality figures from the target's thresholds *and* the weight of the evidence.
///
/// A figure past its threshold is not yet a finding: Δ must also be significant by the one-sided mid-p McNemar
/// test on the discordant pairs, agreement below the floor by a binomial test against the floor, both at the
/// fleet's confidence and over at least `minPairs` pairs. Unknown means "too few pairs to say".
public enum QualityEvidence {
    public static func deltaSeverity(_ paired: PairedCounts, thresholds: AlertThresholds) -> AlertState {
        guard paired.scored >= thresholds.minPairs, let delta = paired.deltaPoints else { return .unknown }
        let drop = -delta
        guard drop > thresholds.accuracyDropWarning else { return .ok }
        guard PairedStatistics.mcNemarWorse(paired) <= thresholds.alpha else { return .ok }
        return drop > thresholds.accuracyDropCritical ? .critical : .warning
    }

    public static func agreementSeverity(_ paired: PairedCounts, thresholds: AlertThresholds) -> AlertState {
        guard paired.pairs >= thresholds.minPairs, let agreement = paired.agreement else { return .unknown }
        guard agreement < thresholds.agreementFloor else { return .ok }
        let pValue = BinomialTail.midPBelow(paired.agreeing, trials: paired.pairs, p: thresholds.agreementFloor)
        return pValue <= thresholds.alpha ? .warning : .ok
    }

    public static func kldSeverity(_ kld: Double?, thresholds: AlertThresholds) -> AlertState {
        guard let kld else { return .unknown }
        if kld > thresholds.kldCritical { return .critical }
        if kld > thresholds.kldWarning { return .warning }
        return .ok
    }
}
