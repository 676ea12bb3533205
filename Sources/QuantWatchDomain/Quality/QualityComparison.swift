/// Quality of a target per canary category and overall, against its baseline's answers to the same canaries.
///
/// - accuracy: the target's rolling accuracy (see AnswerBook) over its canaries in the category.
/// - everything against the baseline comes from the paired canaries (`CanaryPair`): the paired table, Δ with
///   its Newcombe interval and McNemar p-value, agreement, and TokenDrift pooled over the pairs where both sides
///   returned logprobs (nil when none did); severities from `QualityEvidence`.
enum QualityComparison {
    /// Category name of the figures over all canaries.
    static let overallCategory = "all"

    /// Figures for "all" and for each category: those in `categoryOrder` first, then any other the target
    /// answered, in first-answered order.
    static func compare(
        target: AnswerBook, hasBaseline: Bool, pairs: [String: CanaryPair], categoryOrder: [String],
        thresholds: AlertThresholds
    ) -> (overall: CategoryQuality, categories: [CategoryQuality]) {
        var categories: [String] = []
        var seen = Set<String>()
        for category in categoryOrder + target.order.compactMap({ target.entries[$0]?.category })
        where seen.insert(category).inserted {
            categories.append(category)
        }
        var byCategory: [String: [String]] = [:]
        for id in target.order {
            guard let category = target.entries[id]?.category else { continue }
            byCategory[category, default: []].append(id)
        }
        let overall = quality(
            overallCategory, canaryIDs: target.order, target: target, hasBaseline: hasBaseline, pairs: pairs,
            thresholds: thresholds)
        let perCategory = categories.map { category in
            quality(
                category, canaryIDs: byCategory[category] ?? [], target: target, hasBaseline: hasBaseline,
                pairs: pairs, thresholds: thresholds)
        }
        return (overall, perCategory)
    }

    /// Figures of two answer books, pairing every canary both answered (what the Aggregator keeps incrementally).
    static func compare(
        target: AnswerBook, baseline: AnswerBook?, categoryOrder: [String],
        thresholds: AlertThresholds = AlertThresholds()
    ) -> (overall: CategoryQuality, categories: [CategoryQuality]) {
        var pairs: [String: CanaryPair] = [:]
        if let baseline {
            for id in target.order {
                pairs[id] = CanaryPair(target: target.entries[id], baseline: baseline.entries[id])
            }
        }
        return compare(
            target: target, hasBaseline: baseline != nil, pairs: pairs, categoryOrder: categoryOrder,
            thresholds: thresholds)
    }

    /// Figures over the given canaries of the target.
    static func quality(
        _ category: String, canaryIDs: [String], target: AnswerBook, hasBaseline: Bool,
        pairs: [String: CanaryPair], thresholds: AlertThresholds
    ) -> CategoryQuality {
        let accuracy = target.accuracy(of: canaryIDs)
        guard hasBaseline else {
            return CategoryQuality(category: category, accuracy: accuracy)
        }
        var counts = PairedCounts()
        var drift = TokenDrift()
        var driftPairs = 0
        for id in canaryIDs {
            guard let pair = pairs[id] else { continue }
            counts.add(agree: pair.agree, target: pair.targetCorrect, baseline: pair.baselineCorrect)
            if let pairDrift = pair.drift {
                drift.add(pairDrift)
                driftPairs += 1
            }
        }
        let interval = PairedStatistics.deltaInterval(counts, confidence: thresholds.confidence)
        let kld = driftPairs == 0 ? nil : drift.meanKLD
        return CategoryQuality(
            category: category, accuracy: accuracy,
            baselineAccuracy: counts.scored == 0
                ? nil : AccuracyStats(correct: counts.bothRight + counts.regressions, total: counts.scored),
            paired: counts, deltaPoints: counts.deltaPoints, deltaLow: interval?.low, deltaHigh: interval?.high,
            worsePValue: counts.scored == 0 ? nil : PairedStatistics.mcNemarWorse(counts),
            answerAgreement: counts.agreement, top1Agreement: driftPairs == 0 ? nil : drift.top1Agreement,
            meanKLD: kld, pairs: counts.pairs,
            deltaSeverity: QualityEvidence.deltaSeverity(counts, thresholds: thresholds),
            agreementSeverity: QualityEvidence.agreementSeverity(counts, thresholds: thresholds),
            kldSeverity: QualityEvidence.kldSeverity(kld, thresholds: thresholds))
    }

    /// The target's latest answers beside the baseline's, in `canaryOrder` first, then first-answered order.
    static func answerPairs(target: AnswerBook, baseline: AnswerBook?, canaryOrder: [String]) -> [AnswerPair] {
        var ids: [String] = []
        var seen = Set<String>()
        for id in canaryOrder + target.order where seen.insert(id).inserted { ids.append(id) }
        return ids.compactMap { id in
            guard let entry = target.entries[id], let answer = entry.latest else { return nil }
            let reference = baseline?.entries[id]?.latest
            return AnswerPair(
                canaryID: id, category: entry.category, answer: answer.text, correct: answer.correct ?? false,
                baselineAnswer: reference?.text, baselineCorrect: reference?.correct, at: answer.at)
        }
    }
}
