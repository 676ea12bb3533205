import AsyncHTTPClient
import Foundation
import NIOCore
import QuantWatchDomain

/// Instant queries against Prometheus's HTTP API (`GET /api/v1/query`), or anything that speaks it (Thanos,
/// Mimir, VictoriaMetrics); `https://` URLs go over TLS, a bearer token is sent when given.
public struct PromQLClient: Sendable {
    public let baseURL: String
    private let bearerToken: String?
    private let httpClient: HTTPClient
    private let timeout: TimeAmount

    /// `baseURL` like `http://prometheus:9090` or `https://mimir.example.com/prometheus`; the token comes from the
    /// environment (never the command line) and is never part of an error message.
    public init(baseURL: String, bearerToken: String?, httpClient: HTTPClient, timeout: Duration = .seconds(10)) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.bearerToken = bearerToken.flatMap { $0.isEmpty ? nil : $0 }
        self.httpClient = httpClient
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
    }

    /// The samples of one instant query, evaluated now or at `time`.
    public func query(_ expression: String, at time: Date? = nil) async throws(PromQLError) -> [PromQLSample] {
        var url = Self.queryURL(base: baseURL, expression: expression)
        if let time { url += "&time=\(String(format: "%.3f", time.timeIntervalSince1970))" }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let bearerToken { request.headers.add(name: "Authorization", value: "Bearer \(bearerToken)") }
        let body: ByteBuffer
        let status: UInt
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = response.status.code
            body = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw .transport(url: baseURL, detail: "\(error)")
        }
        guard status == 200 else {
            let text = String(buffer: body).prefix(160).split(separator: "\n").first.map(String.init) ?? ""
            throw .http(status: Int(status), url: baseURL, body: text)
        }
        return try PromQLResponse.samples(from: Data(body.readableBytesView), query: expression)
    }

    static func queryURL(base: String, expression: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: allowed) ?? expression
        return "\(base)/api/v1/query?query=\(encoded)"
    }
}
