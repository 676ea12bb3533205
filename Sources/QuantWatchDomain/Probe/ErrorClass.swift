/// Why a probe failed; every failure has exactly one class.
public enum ErrorClass: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case timeout
    case connect
    case http4xx = "http_4xx"
    case http429 = "http_429"
    case http5xx = "http_5xx"
    /// A malformed stream or JSON body.
    case `protocol`
    case cancelled
}
