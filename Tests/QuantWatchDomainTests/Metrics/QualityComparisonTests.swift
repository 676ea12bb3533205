import Foundation
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

struct QualityComparisonTests {
    typealias F = MetricsFixtures

    private func book(_ answers: [(canary: String, category: String, text: String, correct: Bool)]) -> AnswerBook {
        var book = AnswerBook()
        for (offset, answer) in answers.enumerated() {
            book.record(
                F.success(
                    canary: answer.canary, category: answer.category, at: F.at(Double(offset)), e2eMilliseconds: 10,
                    text: answer.text, correct: answer.correct))
        }
        return book
    }

    @Test func accuracyDeltaAndAgreementPerCategory() {
        let baseline = book([
            ("m1", "math", "4", true), ("m2", "math", "9", true), ("g1", "general", "Paris", true),
            ("g2", "general", "blue", false),
        ])
        let quant = book([
            ("m1", "math", "4", true), ("m2", "math", "8", false), ("g1", "general", "paris!", true),
            ("g2", "general", "Blue", false),
        ])
        let result = QualityComparison.compare(target: quant, baseline: baseline, categoryOrder: ["general", "math"])
        #expect(result.categories.map(\.category) == ["general", "math"])
        let math = result.categories[1]
        #expect(math.accuracy.correct == 1 && math.accuracy.total == 2)
        #expect(math.baselineAccuracy?.correct == 2)
        #expect(math.deltaPoints == -50)
        #expect(math.answerAgreement == 0.5)
        #expect(math.pairs == 2)
        #expect(math.paired == PairedCounts(pairs: 2, agreeing: 1, bothRight: 1, regressions: 1))
        let general = result.categories[0]
        #expect(general.deltaPoints == 0)
        #expect(general.answerAgreement == 1)  // "paris!" and "Blue" normalise to the baseline's answers
        #expect(result.overall.category == "all")
        #expect(result.overall.accuracy.correct == 2 && result.overall.accuracy.total == 4)
        #expect(result.overall.deltaPoints == -25)
        #expect(result.overall.answerAgreement == 0.75)
        #expect(result.overall.top1Agreement == nil)  // no logprobs
        #expect(result.overall.meanKLD == nil)
    }

    @Test func rollingAccuracyKeepsTheLastFiveAnswersOfEachCanary() {
        var answers: [(String, String, String, Bool)] = (0..<7).map { ("c", "general", "x", $0 >= 5) }
        answers.append(("d", "general", "y", true))
        let quant = book(answers)
        // c: last five are false, false, false, true, true; d: true.
        let result = QualityComparison.compare(target: quant, baseline: nil, categoryOrder: [])
        #expect(result.overall.accuracy.correct == 3)
        #expect(result.overall.accuracy.total == 6)
        #expect(result.overall.baselineAccuracy == nil)
        #expect(result.overall.deltaPoints == nil)
        #expect(result.overall.pairs == 0)
    }

    @Test func baselineIsMeasuredOnTheTargetsCanaries() {
        let baseline = book([("a", "general", "1", true), ("b", "general", "2", false), ("z", "general", "3", false)])
        let quant = book([("a", "general", "1", true), ("b", "general", "2", true)])
        let result = QualityComparison.compare(target: quant, baseline: baseline, categoryOrder: [])
        #expect(result.overall.baselineAccuracy?.total == 2)  // z is not a canary the target answered
        #expect(result.overall.deltaPoints == 50)
        #expect(result.overall.paired == PairedCounts(pairs: 2, agreeing: 2, bothRight: 1, improvements: 1))
    }

    /// The bug this replaces: each side pooled however many outcomes it held per canary, over whichever canaries
    /// the baseline had answered, so identical answers could read "50 points below".
    @Test func identicalLatestAnswersGiveExactlyZeroWhateverTheHistory() {
        // The target answered m1 wrong four times before settling; the baseline answered it once.
        var history: [(String, String, String, Bool)] = (0..<4).map { _ in ("m1", "math", "5", false) }
        history += [("m1", "math", "4", true), ("m2", "math", "9", true), ("g1", "general", "x", false)]
        let quant = book(history)
        let baseline = book([("m1", "math", "4", true), ("m2", "math", "9", true), ("g1", "general", "x", false)])
        let result = QualityComparison.compare(target: quant, baseline: baseline, categoryOrder: [])
        #expect(result.overall.deltaPoints == 0)
        #expect(result.overall.answerAgreement == 1)
        #expect(result.overall.paired?.discordant == 0)
        #expect(result.overall.worsePValue == 1)
        #expect(result.overall.accuracy.total == 7)  // rolling accuracy still sees every outcome
    }

    @Test func canariesTheBaselineHasNotAnsweredAreUnpaired() {
        let quant = book([("a", "general", "1", true), ("b", "general", "2", false)])
        let baseline = book([("a", "general", "1", true)])
        let result = QualityComparison.compare(target: quant, baseline: baseline, categoryOrder: [])
        #expect(result.overall.pairs == 1)
        #expect(result.overall.deltaPoints == 0)
    }

    @Test func severitiesNeedThresholdAndEvidence() {
        // 4 of 14 math canaries flipped to wrong, none the other way: -28.6 points, mid-p 1/32.
        var target: [(String, String, String, Bool)] = []
        var reference: [(String, String, String, Bool)] = []
        for index in 0..<14 {
            let right = index < 12
            reference.append(("m\(index)", "math", right ? "r" : "w", right))
            let flipped = index < 4
            target.append(("m\(index)", "math", flipped ? "w" : (right ? "r" : "w"), right && !flipped))
        }
        let strict = AlertThresholds(minPairs: 10)
        let result = QualityComparison.compare(
            target: book(target), baseline: book(reference), categoryOrder: [], thresholds: strict)
        let math = result.categories[0]
        #expect(math.paired == PairedCounts(pairs: 14, agreeing: 10, bothRight: 8, regressions: 4, bothWrong: 2))
        #expect(abs((math.deltaPoints ?? 0) - -28.571428) < 1e-5)
        #expect(math.worsePValue == 0.03125)
        #expect(math.deltaSeverity == .critical)
        // The same table at 99% confidence is not evidence enough; with too few pairs it is not judged at all.
        let sure = QualityComparison.compare(
            target: book(target), baseline: book(reference), categoryOrder: [],
            thresholds: AlertThresholds(confidence: 0.99))
        #expect(sure.categories[0].deltaSeverity == .ok)
        let few = QualityComparison.compare(
            target: book(target), baseline: book(reference), categoryOrder: [],
            thresholds: AlertThresholds(minPairs: 20))
        #expect(few.categories[0].deltaSeverity == .unknown)
    }

    @Test func configuredCategoriesComeFirstEvenWithoutAnswers() {
        let quant = book([("x", "coding", "1", true)])
        let result = QualityComparison.compare(target: quant, baseline: nil, categoryOrder: ["general", "math"])
        #expect(result.categories.map(\.category) == ["general", "math", "coding"])
        #expect(result.categories[0].accuracy == .empty)
    }

    @Test func answerPairsFollowSuiteOrderWithBaselineAnswers() {
        let baseline = book([("b", "general", "two", true)])
        let quant = book([("a", "general", "one", true), ("b", "general", "deux", false)])
        let pairs = QualityComparison.answerPairs(target: quant, baseline: baseline, canaryOrder: ["b", "a"])
        #expect(pairs.map(\.canaryID) == ["b", "a"])
        #expect(pairs[0].answer == "deux")
        #expect(pairs[0].correct == false)
        #expect(pairs[0].baselineAnswer == "two")
        #expect(pairs[0].baselineCorrect == true)
        #expect(pairs[1].baselineAnswer == nil)
    }

    @Test func lateResultsDoNotReplaceTheLatestAnswer() {
        var answers = AnswerBook()
        answers.record(F.success(canary: "c", at: F.at(10), e2eMilliseconds: 1, text: "new"))
        answers.record(F.success(canary: "c", at: F.at(5), e2eMilliseconds: 1, text: "old"))
        answers.record(F.failure(canary: "c", at: F.at(20)))
        #expect(answers.entries["c"]?.latest?.text == "new")
        #expect(answers.entries["c"]?.outcomes.count == 2)
    }
}
