@testable import QuantWatchDomain
import Testing

struct AlertRulesTests {
    private let thresholds = AlertThresholds(
        p99Milliseconds: 1500, errorRate: 0.01, errorRateCritical: 0.05, accuracyDropWarning: 2,
        accuracyDropCritical: 5, agreementFloor: 0.8, downAfterFailures: 3, holdEvaluations: 2, sloTarget: 0.99)

    private func observation(_ rule: AlertRule, _ input: AlertInput) -> RuleObservation {
        AlertRules.observe(input, thresholds: thresholds).first { $0.rule == rule }
            ?? RuleObservation(rule: rule, state: nil, message: "missing")
    }

    @Test func p99WarnsAboveTheThresholdAndIsCriticalAboveTwice() {
        #expect(observation(.p99, AlertInput(p99Milliseconds: 1500, latencySamples: 10)).state == .ok)
        let warning = observation(.p99, AlertInput(p99Milliseconds: 2310, latencySamples: 10))
        #expect(warning.state == .warning)
        #expect(warning.message == "p99 2310 ms over 5m (10 samples) > 1500 ms")
        let critical = observation(.p99, AlertInput(p99Milliseconds: 3001, latencySamples: 10))
        #expect(critical.state == .critical)
        #expect(critical.message == "p99 3001 ms over 5m (10 samples) > 3000 ms (2 x 1500 ms)")
        #expect(observation(.p99, AlertInput(p99Milliseconds: 9999, latencySamples: 0)).state == nil)
        let queued = observation(
            .p99, AlertInput(p99Milliseconds: 1800, latencySamples: 40, queueNote: "queue 6, was 0"))
        #expect(queued.message == "p99 1800 ms over 5m (40 samples, queue 6, was 0) > 1500 ms")
    }

    @Test func errorRateNeedsEvidenceAgainstEachLevel() {
        func state(_ errors: Int, of requests: Int) -> AlertState? {
            observation(.errorRate, AlertInput(recent: ErrorWindowCounts(requests: requests, errors: errors))).state
        }
        #expect(state(1, of: 36) == .ok)  // 2.8%, but one failure is no evidence of a rate above 1%
        #expect(state(2, of: 100) == .ok)  // 2%: mid-p 0.18
        #expect(state(4, of: 100) == .warning)  // mid-p 0.010
        #expect(state(4, of: 300) == .ok)  // 1.3% over a full 5m window: mid-p 0.27
        #expect(state(10, of: 100) == .critical)  // mid-p against 5%: 0.02
        #expect(state(6, of: 100) == .warning)  // 6% is above 5%, without evidence of it
        #expect(state(0, of: 0) == nil)
        let message = observation(.errorRate, AlertInput(recent: ErrorWindowCounts(requests: 40, errors: 3))).message
        #expect(message.hasPrefix("error rate 7.5% (3 of 40 over 5m) > 1%, p=0.00"))
        let doubtful = observation(.errorRate, AlertInput(recent: ErrorWindowCounts(requests: 36, errors: 1))).message
        #expect(doubtful.contains("above 1% but not significant"))
    }

    private func quality(_ counts: PairedCounts, category: String = "all") -> CategoryQuality {
        QualityComparison.quality(
            category, canaryIDs: [], target: AnswerBook(), hasBaseline: true, pairs: [:], thresholds: thresholds
        ).with(counts, thresholds: thresholds)
    }

    @Test func accuracyDropNeedsAThresholdAndASignificantPairedTest() {
        func drop(_ counts: PairedCounts, categories: [PairedCounts] = []) -> RuleObservation {
            let scopes = [quality(counts)] + categories.map { quality($0, category: "math") }
            return observation(.accuracyDrop, AlertInput(baselineID: "fp16", quality: scopes))
        }
        // 5 of 56 flipped, all worse: -8.9 points, mid-p 1/64.
        let flipped = drop(PairedCounts(pairs: 56, agreeing: 51, bothRight: 43, regressions: 5, bothWrong: 8))
        #expect(flipped.state == .critical)
        #expect(
            flipped.message
                == "accuracy -8.9 pts vs fp16 (95% CI -17.7 to -1.2, 5 of 56 canaries flipped: 5 worse, 0 better; "
                + "p=0.016): > 5.0 points, do not deploy")
        // 4 of 56: -7.1 points and evidence of a drop (p=1/32), but the one-sided 95% bound is -1.3 points: caution,
        // not "do not deploy".
        let four = drop(PairedCounts(pairs: 56, agreeing: 52, bothRight: 44, regressions: 4, bothWrong: 8))
        #expect(four.state == .warning)
        #expect(four.message.hasSuffix("> 2.0 points, caution"))
        // 2 of 14 flipped: -14.3 points, and not evidence of anything (once's old "do not deploy").
        let few = drop(PairedCounts(pairs: 14, agreeing: 12, bothRight: 10, regressions: 2, bothWrong: 2))
        #expect(few.state == .ok)
        #expect(few.message.hasSuffix("not significant at 95%"))
        // Identical answers: exactly zero.
        let same = drop(PairedCounts(pairs: 56, agreeing: 56, bothRight: 48, bothWrong: 8))
        #expect(same.state == .ok)
        #expect(same.message.hasPrefix("accuracy 0.0 pts vs fp16"))
        // Too few pairs: no verdict either way.
        #expect(drop(PairedCounts(pairs: 4, agreeing: 2, bothRight: 2, regressions: 2)).state == nil)
        // A category decides when it is worse than the whole.
        let math = drop(
            PairedCounts(pairs: 56, agreeing: 52, bothRight: 44, regressions: 4, bothWrong: 8),
            categories: [PairedCounts(pairs: 14, agreeing: 10, bothRight: 8, regressions: 4, bothWrong: 2)])
        #expect(math.state == .critical)
        #expect(math.message.hasPrefix("math accuracy -28.6 pts"))
        #expect(observation(.accuracyDrop, AlertInput()).state == nil)
    }

    @Test func agreementBelowTheFloorWarnsWithEvidence() {
        func agreement(_ agreeing: Int, of pairs: Int) -> RuleObservation {
            let counts = PairedCounts(
                pairs: pairs, agreeing: agreeing, bothRight: agreeing, regressions: pairs - agreeing)
            return observation(.agreement, AlertInput(baselineID: "fp16", quality: [quality(counts)]))
        }
        let low = agreement(35, of: 56)
        #expect(low.state == .warning)
        #expect(low.message == "answer agreement 62.5% (35 of 56 canaries) < 80% floor")
        #expect(agreement(10, of: 14).state == .ok)  // 71%: below the floor, not significantly
        #expect(agreement(56, of: 56).state == .ok)
        #expect(agreement(3, of: 4).state == nil)
    }

    @Test func downAfterConsecutiveFailures() {
        #expect(observation(.down, AlertInput(consecutiveFailures: 2, hasResults: true)).state == .ok)
        let down = observation(.down, AlertInput(consecutiveFailures: 3, hasResults: true, lastErrorClass: .connect))
        #expect(down.state == .critical)
        #expect(down.message == "down: 3 consecutive failures (>= 3), last connect")
        #expect(observation(.down, AlertInput()).state == nil)
    }

    @Test func burnRateWindowsCountOnceMostlyFull() {
        let hot = ErrorWindowCounts(requests: 100, errors: 20)
        let young = BurnWindows(fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot, coveredSeconds: 90)
        #expect(observation(.burnRate, AlertInput(burn: young)).state == nil)
        let hour = BurnWindows(fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot, coveredSeconds: 2700)
        #expect(observation(.burnRate, AlertInput(burn: hour)).state == .critical)
    }

    @Test func burnRateNeedsBothWindows() {
        // Budget 1%: 20% errors is a 20x burn.
        let hot = ErrorWindowCounts(requests: 100, errors: 20)
        let cold = ErrorWindowCounts(requests: 100, errors: 0)
        let slow = ErrorWindowCounts(requests: 100, errors: 7)
        func state(_ windows: BurnWindows) -> AlertState? {
            var full = windows
            full.coveredSeconds = 21_600
            return observation(.burnRate, AlertInput(burn: full)).state
        }
        #expect(state(BurnWindows(fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot)) == .critical)
        // Fast burn over 1h but the last 5m are clean: not paging (it has stopped), but 6h and 30m are still hot.
        #expect(state(BurnWindows(fiveMinutes: cold, thirtyMinutes: hot, oneHour: hot, sixHours: hot)) == .warning)
        // A short spike only in the last 5m does not page either.
        #expect(state(BurnWindows(fiveMinutes: hot, thirtyMinutes: cold, oneHour: cold, sixHours: cold)) == .ok)
        #expect(state(BurnWindows(fiveMinutes: slow, thirtyMinutes: slow, oneHour: slow, sixHours: slow)) == .warning)
        #expect(observation(.burnRate, AlertInput(burn: BurnWindows())).state == nil)
        let message = observation(
            .burnRate,
            AlertInput(
                burn: BurnWindows(
                    fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot, coveredSeconds: 21_600))
        ).message
        #expect(message == "error budget burning 20.0x over 1h and 20.0x over 5m (> 14.4x, SLO 99%)")
    }
}

extension CategoryQuality {
    /// The figures of a hand-made paired table, judged as QualityComparison judges them.
    fileprivate func with(_ counts: PairedCounts, thresholds: AlertThresholds) -> CategoryQuality {
        var quality = self
        let interval = PairedStatistics.deltaInterval(counts, confidence: thresholds.confidence)
        quality.paired = counts
        quality.pairs = counts.pairs
        quality.deltaPoints = counts.deltaPoints
        quality.deltaLow = interval?.low
        quality.deltaHigh = interval?.high
        quality.worsePValue = PairedStatistics.mcNemarWorse(counts)
        quality.answerAgreement = counts.agreement
        quality.deltaSeverity = QualityEvidence.deltaSeverity(counts, thresholds: thresholds)
        quality.agreementSeverity = QualityEvidence.agreementSeverity(counts, thresholds: thresholds)
        return quality
    }
}
