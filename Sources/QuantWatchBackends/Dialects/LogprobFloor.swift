import Foundation
import QuantWatchDomain

/// Keeps log-probabilities finite: missing or -inf values become `floor`, so results always encode as JSON.
enum LogprobFloor {
    /// Far below any real token's log-probability; e^-100 is ~4e-44.
    static let floor = -100.0

    static func clamp(_ value: Double?) -> Double {
        guard let value, value.isFinite else { return floor }
        return max(value, floor)
    }

    /// A probability in 0...1 as a clamped natural log.
    static func fromProbability(_ probability: Double?) -> Double {
        guard let probability, probability > 0 else { return floor }
        return clamp(log(probability))
    }

    /// Alternatives, most likely first.
    static func sorted(_ pairs: [(String, Double)]) -> [TokenLogprob.Alternative] {
        pairs.map { TokenLogprob.Alternative(token: $0.0, logprob: $0.1) }.sorted { $0.logprob > $1.logprob }
    }
}
