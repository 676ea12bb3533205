import Foundation

/// What one scrape of a runtime's metrics endpoint gave: a reading, or why there is none.
public enum ScrapeOutcome: Sendable, Equatable {
    case reading(RuntimeReading)
    case failure(ScrapeFailure, at: Date)

    public var at: Date {
        switch self {
        case .reading(let reading): reading.at
        case .failure(_, let at): at
        }
    }
}

/// Why a scrape gave no reading; each kind is shown once, as a sentence, on the detail view.
public enum ScrapeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// llama.cpp answers 501 on `/metrics` when started without `--metrics`.
    case notEnabled
    case httpStatus(Int)
    case timeout(Duration)
    case unreachable(String)
    case tooLarge(Int)
    case malformed(PrometheusParseError)

    public var description: String {
        switch self {
        case .notEnabled: "runtime metrics off (start llama-server with --metrics)"
        case .httpStatus(let status): "metrics endpoint answered HTTP \(status)"
        case .timeout(let limit): "metrics scrape timed out after \(DurationParser.format(limit))"
        case .unreachable(let reason): "metrics endpoint unreachable: \(reason)"
        case .tooLarge(let bytes): "metrics exposition over \(bytes) bytes: not read"
        case .malformed(let error): "metrics exposition unreadable: \(error)"
        }
    }
}
