/// What one rule saw in one evaluation: the state its figures call for (nil: no data, keep the state) and why.
public struct RuleObservation: Sendable, Equatable {
    public var rule: AlertRule
    public var state: AlertState?
    public var message: String
    /// Whether the state applies without the usual hold (a fact, such as a changed model id, not a noisy figure).
    public var immediate: Bool

    public init(rule: AlertRule, state: AlertState?, message: String, immediate: Bool = false) {
        self.rule = rule
        self.state = state
        self.message = message
        self.immediate = immediate
    }
}
