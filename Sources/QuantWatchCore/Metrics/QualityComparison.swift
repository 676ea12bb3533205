/// Quality of a target per canary category and overall, against its baseline's answers to the same canaries.
///
/// - accuracy: the target's rolling accuracy (see AnswerBook) over its canaries in the category.
/// - baselineAccuracy: the baseline's rolling accuracy over *the same canaries* (those the target answered), so
///   both sides are measured on one set; deltaPoints = (accuracy − baselineAccuracy) × 100 when both have data.
/// - pairs: canaries for which both have a latest successful answer. answerAgreement: share of pairs whose
///   normalised answers are equal. top1Agreement and meanKLD: TokenDrift pooled over the pairs where both sides
///   returned logprobs (nil when none did).
enum QualityComparison {
    /// Category name of the figures over all canaries.
    static let overallCategory = "all"

    /// Figures for "all" and for each category: those in `categoryOrder` first, then any other the target
    /// answered, in first-answered order.
    static func compare(
        target: AnswerBook, baseline: AnswerBook?, categoryOrder: [String]
    ) -> (overall: CategoryQuality, categories: [CategoryQuality]) {
        var categories: [String] = []
        var seen = Set<String>()
        for category in categoryOrder + target.order.compactMap({ target.entries[$0]?.category })
        where seen.insert(category).inserted {
            categories.append(category)
        }
        let overall = quality(overallCategory, canaryIDs: target.order, target: target, baseline: baseline)
        let perCategory = categories.map { category in
            quality(
                category, canaryIDs: target.order.filter { target.entries[$0]?.category == category },
                target: target, baseline: baseline)
        }
        return (overall, perCategory)
    }

    /// Figures over the given canaries of the target.
    static func quality(
        _ category: String, canaryIDs: [String], target: AnswerBook, baseline: AnswerBook?
    ) -> CategoryQuality {
        let accuracy = target.accuracy(of: canaryIDs)
        guard let baseline else { return CategoryQuality(category: category, accuracy: accuracy) }
        let baselineAccuracy = baseline.accuracy(of: canaryIDs)
        var delta: Double?
        if let rate = accuracy.rate, let baselineRate = baselineAccuracy.rate {
            delta = (rate - baselineRate) * 100
        }
        var pairs = 0
        var agreeing = 0
        var drift = TokenDrift()
        for id in canaryIDs {
            guard let answer = target.entries[id]?.latest, let reference = baseline.entries[id]?.latest else {
                continue
            }
            pairs += 1
            if answer.normalized == reference.normalized { agreeing += 1 }
            if !answer.logprobs.isEmpty && !reference.logprobs.isEmpty {
                drift.add(TokenDrift.compare(baseline: reference.logprobs, quant: answer.logprobs))
            }
        }
        return CategoryQuality(
            category: category, accuracy: accuracy, baselineAccuracy: baselineAccuracy, deltaPoints: delta,
            answerAgreement: pairs == 0 ? nil : Double(agreeing) / Double(pairs),
            top1Agreement: drift.top1Agreement, meanKLD: drift.meanKLD, pairs: pairs)
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
