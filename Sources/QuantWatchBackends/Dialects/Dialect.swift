import NIOHTTP1
import QuantWatchDomain

/// What one wire dialect decides: the streamed request, the health endpoint, how the key is sent, and the
/// decoder of the stream.
///
/// `DialectBackend` does the rest, the same for every dialect.
protocol Dialect: Sendable {
    associatedtype Decoder: StreamDecoder

    static func makeDecoder() -> Decoder

    /// The streamed generation request for a probe; `headers(accept)` gives the target's headers with the key.
    static func streamRequest(
        _ request: ProbeRequest, target: TargetConfig, headers: (_ accept: String) -> HTTPHeaders
    ) -> PreparedRequest

    /// The cheap GET that tells whether the server is up (`quantwatch check`).
    static func healthURL(_ target: TargetConfig) -> String

    /// Adds the API key (and any fixed headers the dialect needs); never called with an empty key.
    static func authorize(_ headers: inout HTTPHeaders, apiKey: String)

    /// Headers every request of the dialect carries, key or not.
    static func decorate(_ headers: inout HTTPHeaders)
}

extension Dialect {
    static func authorize(_ headers: inout HTTPHeaders, apiKey: String) {
        headers.replaceOrAdd(name: "authorization", value: "Bearer \(apiKey)")
    }

    static func decorate(_ headers: inout HTTPHeaders) {}
}
