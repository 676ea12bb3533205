import Foundation
import QuantWatchDomain

/// Accuracy, drift and answers of one fixture target at one tick.
struct FixtureQuality {
    let overall: CategoryQuality
    let categories: [CategoryQuality]
    private let traits: FixtureTarget
    private let tick: Int

    init(traits: FixtureTarget, tick: Int, index: Int) {
        self.traits = traits
        self.tick = tick
        let perCategory = max(0, tick) / 4 + 1
        let hasBaseline = traits.baseline != nil
        var categories: [CategoryQuality] = []
        for (offset, name) in FixtureFleet.categories.enumerated() {
            let wobble = 0.01 * (FixtureFleet.noise(index + 97 * offset, tick / 10) - 0.5)
            let baseRate = min(0.99, max(0.4, traits.accuracy + 0.03 * Double(offset % 2) - 0.02 * Double(offset)))
            let rate = min(1, max(0, baseRate + traits.categoryDeltas[offset] / 100 + wobble))
            let total = min(perCategory, 400)
            let accuracy = FixtureQuality.stats(rate: rate, total: total)
            let baseline = hasBaseline ? FixtureQuality.stats(rate: baseRate, total: total) : nil
            categories.append(
                CategoryQuality(
                    category: name, accuracy: accuracy, baselineAccuracy: baseline,
                    deltaPoints: baseline.flatMap { base in
                        accuracy.rate.flatMap { r in base.rate.map { (r - $0) * 100 } }
                    },
                    answerAgreement: traits.agreement.map {
                        min(1, $0 + 0.02 * Double(offset % 2) - 0.01 * Double(offset))
                    },
                    top1Agreement: traits.top1, meanKLD: traits.kld.map { $0 * (1 + 0.2 * Double(offset)) },
                    pairs: hasBaseline ? total : 0))
        }
        self.categories = categories.map(FixtureQuality.judged)
        let correct = categories.reduce(0) { $0 + $1.accuracy.correct }
        let total = categories.reduce(0) { $0 + $1.accuracy.total }
        let baseCorrect = categories.reduce(0) { $0 + ($1.baselineAccuracy?.correct ?? 0) }
        let accuracy = FixtureQuality.stats(correct: correct, total: total)
        let baseline = hasBaseline ? FixtureQuality.stats(correct: baseCorrect, total: total) : nil
        overall = FixtureQuality.judged(
            CategoryQuality(
                category: "all", accuracy: accuracy, baselineAccuracy: baseline,
                deltaPoints: baseline.flatMap { base in accuracy.rate.flatMap { r in base.rate.map { (r - $0) * 100 } }
                },
                answerAgreement: traits.agreement, top1Agreement: traits.top1, meanKLD: traits.kld,
                pairs: hasBaseline ? total : 0))
    }

    /// Severities as Core would give them to a fixture's settled figures (default thresholds, ample evidence).
    static func judged(_ quality: CategoryQuality) -> CategoryQuality {
        var judged = quality
        let thresholds = AlertThresholds()
        if let base = quality.baselineAccuracy {
            // A settled table: the drop is all regressions, agreement as the traits say.
            let regressions = Swift.max(0, base.correct - quality.accuracy.correct)
            let scored = quality.accuracy.total
            judged.paired = PairedCounts(
                pairs: scored, agreeing: Int((quality.answerAgreement ?? 1) * Double(scored)),
                bothRight: Swift.min(quality.accuracy.correct, base.correct), improvements: 0,
                regressions: regressions, bothWrong: Swift.max(0, scored - base.correct))
        }
        if let delta = quality.deltaPoints {
            judged.deltaSeverity =
                Verdict(
                    dropPoints: -delta, warning: thresholds.accuracyDropWarning,
                    critical: thresholds.accuracyDropCritical
                ).state
        }
        if let agreement = quality.answerAgreement {
            judged.agreementSeverity = agreement < thresholds.agreementFloor ? .warning : .ok
        }
        judged.kldSeverity = QualityEvidence.kldSeverity(quality.meanKLD, thresholds: thresholds)
        return judged
    }

    func answers(at date: Date) -> [AnswerPair] {
        let drifted = (traits.categoryDeltas.min() ?? 0) < -5
        let hasBaseline = traits.baseline != nil
        return [
            AnswerPair(
                canaryID: "capital-fr", category: "general", answer: "Paris", correct: true,
                baselineAnswer: hasBaseline ? "Paris" : nil, baselineCorrect: hasBaseline ? true : nil, at: date),
            AnswerPair(
                canaryID: "gsm8k-17", category: "math", answer: drifted ? "42" : "48", correct: !drifted,
                baselineAnswer: hasBaseline ? "48" : nil, baselineCorrect: hasBaseline ? true : nil, at: date),
            AnswerPair(
                canaryID: "translate-ja", category: "general", answer: "東京は日本の首都です", correct: true,
                baselineAnswer: hasBaseline ? "東京は日本の首都です" : nil, baselineCorrect: hasBaseline ? true : nil,
                at: date),
            AnswerPair(
                canaryID: "py-reverse", category: "coding", answer: "s[::-1]", correct: true,
                baselineAnswer: hasBaseline ? "s[::-1]" : nil, baselineCorrect: hasBaseline ? true : nil, at: date),
        ]
    }

    static func stats(rate: Double, total: Int) -> AccuracyStats {
        stats(correct: Int((rate * Double(total)).rounded()), total: total)
    }

    /// Wilson 95% score interval.
    static func stats(correct: Int, total: Int) -> AccuracyStats {
        guard total > 0 else { return .empty }
        let n = Double(total)
        let p = Double(correct) / n
        let z = 1.96
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let margin = z * ((p * (1 - p) + z * z / (4 * n)) / n).squareRoot() / denominator
        return AccuracyStats(
            correct: correct, total: total, wilsonLow: max(0, centre - margin),
            wilsonHigh: min(1, centre + margin))
    }
}
