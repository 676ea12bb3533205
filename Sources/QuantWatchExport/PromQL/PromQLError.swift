import QuantWatchDomain

/// Why a query to Prometheus gave no samples; shown on the dashboard, never a crash.
public enum PromQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No HTTP answer (connection refused, TLS, timeout).
    case transport(url: String, detail: String)
    /// An HTTP status other than 200, with the start of the body.
    case http(status: Int, url: String, body: String)
    /// The API answered with `status: error` (bad PromQL, timeout on the server).
    case api(query: String, type: String, message: String)
    /// A body that is not the query API's JSON.
    case malformed(query: String, detail: String)

    public var description: String {
        switch self {
        case .transport(let url, let detail): "prometheus at \(url): \(detail)"
        case .http(let status, let url, let body):
            "prometheus at \(url): HTTP \(status)\(status == 401 || status == 403 ? " (check the bearer token)" : "")"
                + (body.isEmpty ? "" : ": \(body)")
        case .api(let query, let type, let message): "prometheus rejected \(query): \(type): \(message)"
        case .malformed(let query, let detail): "prometheus answer to \(query) is not a query result: \(detail)"
        }
    }
}
