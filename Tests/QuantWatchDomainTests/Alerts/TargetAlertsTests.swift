import Foundation
@testable import QuantWatchDomain
import Testing

struct TargetAlertsTests {
    private let thresholds = AlertThresholds(p99Milliseconds: 1000, holdEvaluations: 2)
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func input(p99: Double, failures: Int = 0) -> AlertInput {
        AlertInput(
            p99Milliseconds: p99, latencySamples: 50, recent: ErrorWindowCounts(requests: 50, errors: 0),
            consecutiveFailures: failures, hasResults: true,
            burn: BurnWindows(sixHours: ErrorWindowCounts(requests: 50, errors: 0), coveredSeconds: 21_600))
    }

    @Test func settlingToOkIsSilentAndTheWorstRuleWins() {
        var alerts = TargetAlerts(targetID: "q4")
        #expect(alerts.state == .unknown)
        #expect(alerts.evaluate(input(p99: 100), thresholds: thresholds, at: now).isEmpty)
        #expect(alerts.state == .ok)
        #expect(alerts.state(of: .p99) == .ok)
        #expect(alerts.state(of: .accuracyDrop) == .unknown)  // no baseline: never evaluated
        #expect(alerts.reasons.isEmpty)
    }

    @Test func transitionsNeedTheHoldAndProduceEvents() {
        var alerts = TargetAlerts(targetID: "q4")
        _ = alerts.evaluate(input(p99: 100), thresholds: thresholds, at: now)
        #expect(alerts.evaluate(input(p99: 1500), thresholds: thresholds, at: now).isEmpty)
        #expect(alerts.state == .ok)  // held once, not yet twice
        let events = alerts.evaluate(input(p99: 1600), thresholds: thresholds, at: now)
        #expect(
            events == [
                AlertEvent(
                    at: now, targetID: "q4", rule: "p99", from: .ok, to: .warning,
                    message: "p99 1600 ms over 5m (50 samples) > 1000 ms")
            ])
        #expect(alerts.state == .warning)
        #expect(alerts.reasons == ["p99 1600 ms over 5m (50 samples) > 1000 ms"])
    }

    @Test func recoveryAlsoNeedsTheHold() {
        var alerts = TargetAlerts(targetID: "q4")
        _ = alerts.evaluate(input(p99: 2500), thresholds: thresholds, at: now)  // first evidence: critical at once
        #expect(alerts.state == .critical)
        #expect(alerts.evaluate(input(p99: 200), thresholds: thresholds, at: now).isEmpty)
        #expect(alerts.state == .critical)
        // The reason keeps the figures that support the current state, not the recovering ones.
        #expect(alerts.reasons == ["p99 2500 ms over 5m (50 samples) > 2000 ms (2 x 1000 ms)"])
        let events = alerts.evaluate(input(p99: 300), thresholds: thresholds, at: now)
        #expect(events.map(\.rule) == ["p99"])
        #expect(events.first?.from == .critical)
        #expect(events.first?.to == .ok)
        #expect(events.first?.message == "p99 300 ms over 5m (50 samples) <= 1000 ms")
        #expect(alerts.state == .ok)
    }

    @Test func reasonsListTheWorstFirst() {
        var alerts = TargetAlerts(targetID: "q4")
        _ = alerts.evaluate(input(p99: 1200, failures: 5), thresholds: thresholds, at: now)
        #expect(alerts.state == .critical)
        #expect(alerts.reasons.count == 2)
        #expect(alerts.reasons.first?.hasPrefix("down: 5 consecutive failures") == true)
        #expect(alerts.reasons.last?.hasPrefix("p99 1200 ms") == true)
    }

    @Test func burnRateFiresAndRecovers() {
        var alerts = TargetAlerts(targetID: "api")
        let hot = ErrorWindowCounts(requests: 100, errors: 20)
        let clean = ErrorWindowCounts(requests: 100, errors: 0)
        var burning = input(p99: 100)
        burning.burn = BurnWindows(
            fiveMinutes: hot, thirtyMinutes: hot, oneHour: hot, sixHours: hot, coveredSeconds: 21_600)
        _ = alerts.evaluate(input(p99: 100), thresholds: thresholds, at: now)
        #expect(alerts.evaluate(burning, thresholds: thresholds, at: now).isEmpty)
        let fired = alerts.evaluate(burning, thresholds: thresholds, at: now)
        #expect(fired.map(\.rule) == ["burn_rate"])
        #expect(fired.first?.to == .critical)
        var cooling = burning
        cooling.burn.fiveMinutes = clean
        cooling.burn.thirtyMinutes = clean
        _ = alerts.evaluate(cooling, thresholds: thresholds, at: now)
        let recovered = alerts.evaluate(cooling, thresholds: thresholds, at: now)
        #expect(recovered.first?.from == .critical)
        #expect(recovered.first?.to == .ok)
    }
}
