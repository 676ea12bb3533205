import Testing

@testable import QuantWatchCore

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
        #expect(warning.message == "p99 2310 ms over 5m > 1500 ms")
        let critical = observation(.p99, AlertInput(p99Milliseconds: 3001, latencySamples: 10))
        #expect(critical.state == .critical)
        #expect(critical.message == "p99 3001 ms over 5m > 3000 ms (2 x 1500 ms)")
        #expect(observation(.p99, AlertInput(p99Milliseconds: 9999, latencySamples: 0)).state == nil)
    }

    @Test func errorRateHasTwoLevels() {
        func state(_ errors: Int, of requests: Int) -> AlertState? {
            observation(.errorRate, AlertInput(recent: ErrorWindowCounts(requests: requests, errors: errors))).state
        }
        #expect(state(1, of: 100) == .ok)
        #expect(state(2, of: 100) == .warning)
        #expect(state(5, of: 100) == .warning)
        #expect(state(6, of: 100) == .critical)
        #expect(state(0, of: 0) == nil)
        let message = observation(.errorRate, AlertInput(recent: ErrorWindowCounts(requests: 40, errors: 3))).message
        #expect(message == "error rate 7.5% (3 of 40 over 5m) > 5%")
    }

    @Test func accuracyDropFollowsTheVerdict() {
        func drop(_ points: Double) -> RuleObservation {
            observation(.accuracyDrop, AlertInput(accuracyDropPoints: points, baselineID: "fp16"))
        }
        #expect(drop(1.9).state == .ok)
        #expect(drop(2).state == .warning)
        #expect(drop(5).state == .warning)
        #expect(drop(5.1).state == .critical)
        #expect(drop(-3).state == .ok)
        #expect(drop(-3).message == "accuracy 3.0 points above fp16 (< 2.0 points)")
        #expect(drop(6).message == "accuracy 6.0 points below fp16 (> 5.0 points)")
        #expect(observation(.accuracyDrop, AlertInput()).state == nil)
    }

    @Test func agreementBelowTheFloorWarns() {
        let low = observation(.agreement, AlertInput(answerAgreement: 0.7, agreementPairs: 10))
        #expect(low.state == .warning)
        #expect(low.message == "answer agreement 70% (7 of 10 canaries) < 80% floor")
        #expect(observation(.agreement, AlertInput(answerAgreement: 0.8, agreementPairs: 10)).state == .ok)
        #expect(observation(.agreement, AlertInput(answerAgreement: nil, agreementPairs: 0)).state == nil)
    }

    @Test func downAfterConsecutiveFailures() {
        #expect(observation(.down, AlertInput(consecutiveFailures: 2, hasResults: true)).state == .ok)
        let down = observation(.down, AlertInput(consecutiveFailures: 3, hasResults: true, lastErrorClass: .connect))
        #expect(down.state == .critical)
        #expect(down.message == "down: 3 consecutive failures (>= 3), last connect")
        #expect(observation(.down, AlertInput()).state == nil)
    }

    @Test func burnRateNeedsBothWindows() {
        // Budget 1%: 20% errors is a 20x burn.
        let hot = ErrorWindowCounts(requests: 100, errors: 20)
        let cold = ErrorWindowCounts(requests: 100, errors: 0)
        let slow = ErrorWindowCounts(requests: 100, errors: 7)
        func state(_ windows: BurnWindows) -> AlertState? { observation(.burnRate, AlertInput(burn: windows)).state }
        #expect(state(BurnWindows(fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot)) == .critical)
        // Fast burn over 1h but the last 5m are clean: not paging (it has stopped), but 6h and 30m are still hot.
        #expect(state(BurnWindows(fiveMinutes: cold, thirtyMinutes: hot, oneHour: hot, sixHours: hot)) == .warning)
        // A short spike only in the last 5m does not page either.
        #expect(state(BurnWindows(fiveMinutes: hot, thirtyMinutes: cold, oneHour: cold, sixHours: cold)) == .ok)
        #expect(state(BurnWindows(fiveMinutes: slow, thirtyMinutes: slow, oneHour: slow, sixHours: slow)) == .warning)
        #expect(state(BurnWindows()) == nil)
        let message = observation(
            .burnRate, AlertInput(burn: BurnWindows(fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot))
        ).message
        #expect(message == "error budget burning 20.0x over 1h and 20.0x over 5m (> 14.4x, SLO 99%)")
    }
}
