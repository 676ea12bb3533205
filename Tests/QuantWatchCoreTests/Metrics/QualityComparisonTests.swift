import Foundation
import Testing

@testable import QuantWatchCore

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
