import Foundation

/// Where a target's runtime publishes its own Prometheus metrics, as the fleet file says (`metrics_url`).
public enum MetricsEndpoint: Sendable, Equatable {
    /// Not written: `/metrics` on the target's host for `llamacpp`, and for `openai` on a loopback or private
    /// address (a vLLM or llama.cpp of one's own); nothing for hosted APIs, Ollama (it has no such endpoint)
    /// and Anthropic.
    case automatic
    /// `metrics_url: off`.
    case off
    /// A full URL, or a path (`/metrics`) on the target's host.
    case url(String)

    /// The fastest scrape schedule allowed: the runtime's counters move on the second at most anyway.
    public static let minimumInterval = Duration.seconds(1)

    /// The URL to scrape for `target`, or nil when there is none.
    public func resolved(for target: TargetConfig) -> String? {
        switch self {
        case .off:
            return nil
        case .url(let text):
            return text.hasPrefix("/") ? Self.origin(of: target.url).map { $0 + text } : text
        case .automatic:
            guard let components = URLComponents(string: target.url), let host = components.host else { return nil }
            switch target.backend {
            case .llamacpp: break
            case .openai where Self.isLocal(host): break
            default: return nil
            }
            return Self.origin(of: target.url).map { $0 + "/metrics" }
        }
    }

    /// `scheme://host:port` of a URL (vLLM's `/metrics` sits at the root, beside `/v1`).
    static func origin(of url: String) -> String? {
        guard var components = URLComponents(string: url), components.host != nil else { return nil }
        components.path = ""
        components.query = nil
        components.fragment = nil
        return components.string
    }

    /// Loopback, RFC 1918, link-local and unique-local addresses, `localhost` and `*.local`/`*.internal` names:
    /// servers of one's own, whose metrics are worth asking for unasked.
    static func isLocal(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name.hasSuffix(".localhost") || name.hasSuffix(".local")
            || name.hasSuffix(".internal") || name == "::1"
        {
            return true
        }
        if name.hasPrefix("fc") || name.hasPrefix("fd") || name.hasPrefix("fe80:") { return name.contains(":") }
        let octets = name.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4, name.split(separator: ".").count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (127, _), (10, _), (192, 168), (169, 254): return true
        case (172, 16...31): return true
        default: return false
        }
    }
}
