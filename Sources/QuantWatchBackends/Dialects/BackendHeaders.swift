import NIOHTTP1

/// Request headers shared by the dialects: JSON in, a stream out, plus the target's extra headers.
enum BackendHeaders {
    static func make(accept: String, extra: [String: String]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: accept)
        headers.add(name: "user-agent", value: "quantwatch")
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
            headers.replaceOrAdd(name: name, value: value)
        }
        return headers
    }
}
