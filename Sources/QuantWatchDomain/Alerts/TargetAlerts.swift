import Foundation

/// The alert state machine of one target: every rule with its hysteresis, the target state (the worst rule),
/// and the events each evaluation produces.
///
/// A value; it does no I/O.
///
/// Every change of a rule's state is an AlertEvent, except a rule settling from `unknown` to `ok`, which only
/// says that data arrived (at start-up that would be one event per rule per target, drowning the log).
public struct TargetAlerts: Sendable, Equatable {
    public let targetID: String
    private var rules: [RuleHysteresis]
    /// Per rule, the message of the latest observation that supported its current state.
    private var evidence: [String]

    public init(targetID: String) {
        self.targetID = targetID
        rules = AlertRule.allCases.map { _ in RuleHysteresis() }
        evidence = AlertRule.allCases.map { _ in "" }
    }

    /// The worst rule state (unknown while no rule has data).
    public var state: AlertState { rules.map(\.state).max() ?? .unknown }

    /// State of one rule.
    public func state(of rule: AlertRule) -> AlertState {
        rules[index(rule)].state
    }

    /// The figures of the rules in warning or critical (each message names its rule), worst first, then in rule
    /// order.
    public var reasons: [String] {
        AlertRule.allCases.indices
            .filter { rules[$0].state >= .warning }
            .sorted { rules[$0].state != rules[$1].state ? rules[$0].state > rules[$1].state : $0 < $1 }
            .map { evidence[$0] }
    }

    /// One evaluation: observes every rule, applies hysteresis, returns the changes as events.
    public mutating func evaluate(_ input: AlertInput, thresholds: AlertThresholds, at now: Date) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for observation in AlertRules.observe(input, thresholds: thresholds) {
            let position = index(observation.rule)
            let change = rules[position].observe(
                observation.state, hold: observation.immediate ? 1 : thresholds.holdEvaluations)
            if observation.state == rules[position].state { evidence[position] = observation.message }
            guard let change, !(change.from == .unknown && change.to == .ok) else { continue }
            events.append(
                AlertEvent(
                    at: now, targetID: targetID, rule: observation.rule.rawValue, from: change.from, to: change.to,
                    message: observation.message))
        }
        return events
    }

    /// Puts a rule back in the state a stored event left it in (a restart), producing no event: the first
    /// evaluation that agrees stays quiet, one that disagrees must hold like any other change.
    public mutating func restore(_ rule: AlertRule, to state: AlertState, message: String) {
        let position = index(rule)
        rules[position].restore(state)
        evidence[position] = message
    }

    private func index(_ rule: AlertRule) -> Int {
        AlertRule.allCases.firstIndex(of: rule) ?? 0
    }
}
