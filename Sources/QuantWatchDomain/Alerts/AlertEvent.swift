import Foundation

/// A state change of one alert rule on one target, as the event log records it.
public struct AlertEvent: Sendable, Equatable, Codable {
    public var at: Date
    public var targetID: String
    /// Rule name: p99, error_rate, accuracy_drop, agreement, down, burn_rate.
    public var rule: String
    public var from: AlertState
    public var to: AlertState
    /// Human sentence with the figures that triggered it, for example "p99 2310 ms > 1500 ms".
    public var message: String

    public init(at: Date, targetID: String, rule: String, from: AlertState, to: AlertState, message: String) {
        self.at = at
        self.targetID = targetID
        self.rule = rule
        self.from = from
        self.to = to
        self.message = message
    }
}
