import Foundation
import QuantWatchDomain

/// One alert transition as a JSON line (`"type": "event"`).
public struct EventRecord: Codable, Sendable, Equatable {
    public var type = "event"
    public var at: Date
    public var target: String
    public var rule: String
    public var from: String
    public var to: String
    public var message: String

    public init(_ event: AlertEvent) {
        at = event.at
        target = event.targetID
        rule = event.rule
        from = event.from.name
        to = event.to.name
        message = event.message
    }
}
