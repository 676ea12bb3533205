import Foundation
import QuantWatchDomain

/// The JSON body POSTed to the webhook for one alert transition.
///
/// `text` makes it readable as-is by Slack- or
/// Mattermost-style incoming webhooks; `id` lets a receiver drop duplicates of a retried delivery.
public struct AlertPayload: Sendable, Equatable, Codable {
    public var id: String
    /// ISO-8601 UTC with milliseconds.
    public var at: String
    public var target: String
    public var backend: String?
    public var model: String?
    public var quant: String?
    public var rule: String
    public var from: String
    public var to: String
    public var message: String
    public var text: String

    /// The payload of an event, with the target's backend, model and quant when its config is known.
    public init(_ event: AlertEvent, target: TargetConfig?) {
        let micros = Int64((event.at.timeIntervalSince1970 * 1_000_000).rounded())
        id = "\(event.targetID)/\(event.rule)/\(micros)"
        at = event.at.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        self.target = event.targetID
        backend = target?.backend.rawValue
        model = target.flatMap { $0.model.isEmpty ? nil : $0.model }
        quant = target.flatMap { $0.quant.isEmpty ? nil : $0.quant }
        rule = event.rule
        from = event.from.name
        to = event.to.name
        message = event.message
        text = "quantwatch: \(event.targetID) \(event.rule) \(event.from.name) -> \(event.to.name): \(event.message)"
    }

    /// Compact JSON, keys sorted.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The environment an `on_alert` command gets.
    public var environment: [String: String] {
        [
            "QUANTWATCH_TARGET": target, "QUANTWATCH_RULE": rule, "QUANTWATCH_FROM": from, "QUANTWATCH_TO": to,
            "QUANTWATCH_MESSAGE": message, "QUANTWATCH_AT": at,
        ]
    }
}
