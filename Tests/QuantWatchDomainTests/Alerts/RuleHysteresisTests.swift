@testable import QuantWatchDomain
import Testing

struct RuleHysteresisTests {
    @Test func firstEvidenceSetsTheStateAtOnce() {
        var rule = RuleHysteresis()
        #expect(rule.state == .unknown)
        let change = rule.observe(.critical, hold: 3)
        #expect(change?.from == .unknown)
        #expect(change?.to == .critical)
        #expect(rule.state == .critical)
    }

    @Test func aNewStateMustHoldForTheHoldCount() {
        var rule = RuleHysteresis()
        _ = rule.observe(.ok, hold: 3)
        #expect(rule.observe(.warning, hold: 3) == nil)
        #expect(rule.observe(.warning, hold: 3) == nil)
        #expect(rule.streak == 2)
        let change = rule.observe(.warning, hold: 3)
        #expect(change?.from == .ok && change?.to == .warning)
        #expect(rule.state == .warning)
        #expect(rule.candidate == nil)
    }

    @Test func flappingNeverChangesTheState() {
        var rule = RuleHysteresis()
        _ = rule.observe(.ok, hold: 2)
        for _ in 0..<10 {
            #expect(rule.observe(.warning, hold: 2) == nil)
            #expect(rule.observe(.ok, hold: 2) == nil)
        }
        #expect(rule.state == .ok)
    }

    @Test func aDifferentCandidateRestartsTheCount() {
        var rule = RuleHysteresis()
        _ = rule.observe(.ok, hold: 2)
        #expect(rule.observe(.warning, hold: 2) == nil)
        #expect(rule.observe(.critical, hold: 2) == nil)
        #expect(rule.candidate == .critical && rule.streak == 1)
        #expect(rule.observe(.critical, hold: 2)?.to == .critical)
    }

    @Test func noDataKeepsTheStateAndBreaksTheStreak() {
        var rule = RuleHysteresis()
        _ = rule.observe(.critical, hold: 2)
        #expect(rule.observe(.ok, hold: 2) == nil)
        #expect(rule.observe(nil, hold: 2) == nil)
        #expect(rule.observe(.ok, hold: 2) == nil)
        #expect(rule.state == .critical)
        #expect(rule.observe(.ok, hold: 2)?.to == .ok)
    }

    @Test func holdOfOneOrLessChangesImmediately() {
        var rule = RuleHysteresis()
        _ = rule.observe(.ok, hold: 1)
        #expect(rule.observe(.warning, hold: 1)?.to == .warning)
        #expect(rule.observe(.ok, hold: 0)?.to == .ok)
    }
}
