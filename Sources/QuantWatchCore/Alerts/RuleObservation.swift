/// What one rule saw in one evaluation: the state its figures call for (nil: no data, keep the state) and why.
public struct RuleObservation: Sendable, Equatable {
    public var rule: AlertRule
    public var state: AlertState?
    public var message: String

    public init(rule: AlertRule, state: AlertState?, message: String) {
        self.rule = rule
        self.state = state
        self.message = message
    }
}
