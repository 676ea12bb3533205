import Foundation

/// One request the scripted server received, in full, for tests to assert on.
public struct RecordedRequest: Sendable {
    /// 0-based order of arrival across all connections of the server.
    public var index: Int
    public var method: String
    /// The request target as sent (path and query).
    public var uri: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// When the server had the whole request (its clock for injected delays).
    public var receivedAt: ContinuousClock.Instant

    /// The path without the query.
    public var path: String { String(uri.prefix { $0 != "?" }) }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object, or nil.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
