/// Severities of the quality figures from the target's thresholds *and* the weight of the evidence.
///
/// A figure past its threshold is not yet a finding: Δ must also be significant by the one-sided mid-p McNemar
/// test on the discordant pairs (and, for critical, bounded past the warning threshold), agreement below the floor by a binomial test against the floor, both at the
/// fleet's confidence and over at least `minPairs` pairs. Unknown means "too few pairs to say".
public enum QualityEvidence {
    public static func deltaSeverity(_ paired: PairedCounts, thresholds: AlertThresholds) -> AlertState {
        guard paired.scored >= thresholds.minPairs, let delta = paired.deltaPoints else { return .unknown }
        let drop = -delta
        guard drop > thresholds.accuracyDropWarning else { return .ok }
        guard PairedStatistics.mcNemarWorse(paired) <= thresholds.alpha else { return .ok }
        guard drop > thresholds.accuracyDropCritical else { return .warning }
        // "Do not deploy" also needs the loss to be material at the same confidence: the one-sided bound of Δ
        // (the smallest drop the pairs allow) past the warning threshold. 4 of 56 canaries flipped is evidence
        // of *a* drop (a warning), not yet of one worth blocking a deploy; 5 of 56, or 4 of 14, is.
        let bound = PairedStatistics.deltaInterval(paired, confidence: 1 - 2 * thresholds.alpha)?.high ?? 0
        return -bound > thresholds.accuracyDropWarning ? .critical : .warning
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
