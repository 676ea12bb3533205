import NIOHTTP1

/// A request ready to send any number of times (one fresh `HTTPClientRequest` per attempt).
struct PreparedRequest: Sendable {
    var url: String
    var method: HTTPMethod
    var headers: HTTPHeaders
    var body: [UInt8]?

    init(url: String, method: HTTPMethod = .POST, headers: HTTPHeaders = [:], body: [UInt8]? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    /// Path of the URL for messages (never the host's credentials nor the query).
    var pathForMessages: String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = rest[slash...]
        return String(path.prefix { $0 != "?" })
    }
}
