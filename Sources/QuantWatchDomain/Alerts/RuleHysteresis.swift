/// The state of one rule with hysteresis: a new state must be observed on `hold` consecutive evaluations
/// before the rule moves to it.
///
/// - An evaluation with no data (nil) changes nothing and breaks any streak: no evidence, no change.
/// - Leaving `unknown` needs no hold: the first evidence sets the state at once (a target that answers its
///   first probe is ok now, not two evaluations later; one that is already failing is not hidden).
/// - The streak must be of one state: ok→warning→critical→… restarts the count at each change.
public struct RuleHysteresis: Sendable, Equatable {
    public private(set) var state: AlertState = .unknown
    /// The state being observed, different from `state`, and for how many consecutive evaluations.
    public private(set) var candidate: AlertState?
    public private(set) var streak = 0

    public init() {}

    /// Feeds one observation; returns the change when the state moved.
    public mutating func observe(_ observed: AlertState?, hold: Int) -> (from: AlertState, to: AlertState)? {
        guard let observed, observed != .unknown, observed != state else {
            candidate = nil
            streak = 0
            return nil
        }
        if candidate == observed {
            streak += 1
        } else {
            candidate = observed
            streak = 1
        }
        guard state == .unknown || streak >= hold else { return nil }
        let from = state
        state = observed
        candidate = nil
        streak = 0
        return (from, observed)
    }

    /// Puts the rule back in a state it held before a restart (from the stored event log), with no streak.
    public mutating func restore(_ restored: AlertState) {
        state = restored
        candidate = nil
        streak = 0
    }
}
