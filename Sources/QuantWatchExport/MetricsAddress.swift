/// Where `/metrics` listens: `HOST:PORT`, `[IPv6]:PORT`; loopback `127.0.0.1:9464` by default.
///
/// Port 0 picks a
/// free port (the server reports the one it bound).
public struct MetricsAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public static let defaultPort = 9_464
    public static let `default` = MetricsAddress(host: "127.0.0.1", port: defaultPort)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses and validates `--metrics-addr`: a host (name, IPv4, or bracketed IPv6) and a port 0...65535.
    public init(parsing text: String) throws(MetricsAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let host: Substring
        let portText: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw .init(text, "missing ']' after the IPv6 host") }
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .init(text, "expected :PORT after the IPv6 host") }
            portText = rest.dropFirst()
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else { throw .init(text, "expected HOST:PORT") }
            host = trimmed[..<colon]
            portText = trimmed[trimmed.index(after: colon)...]
            if host.contains(":") { throw .init(text, "put an IPv6 host in brackets, e.g. [::1]:9464") }
        }
        guard !host.isEmpty else {
            throw .init(text, "missing host (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)")
        }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:%".contains($0) }) else {
            throw .init(text, "invalid host '\(host)'")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw .init(text, "port must be a number from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }

    /// `HOST:PORT`, brackets around an IPv6 host.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether only this machine can connect.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// A `--metrics-addr` value that cannot be listened on.
public struct MetricsAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    init(_ text: String, _ reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid --metrics-addr '\(text)': \(reason)" }
}
