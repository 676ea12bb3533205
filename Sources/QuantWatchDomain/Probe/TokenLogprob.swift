/// One generated token with its log-probability and the top alternatives the server reported.
public struct TokenLogprob: Sendable, Equatable, Codable {
    public struct Alternative: Sendable, Equatable, Codable {
        public var token: String
        public var logprob: Double

        public init(token: String, logprob: Double) {
            self.token = token
            self.logprob = logprob
        }
    }

    public var token: String
    public var logprob: Double
    /// Top-k candidates at this position, most likely first (may include `token`).
    public var top: [Alternative]

    public init(token: String, logprob: Double, top: [Alternative]) {
        self.token = token
        self.logprob = logprob
        self.top = top
    }
}
