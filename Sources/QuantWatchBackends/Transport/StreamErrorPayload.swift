/// An `error` member inside a stream message: `{"error": "text"}` or `{"error": {"message", "type", "code"}}`.
struct StreamErrorPayload: Decodable, Sendable {
    var message: String
    var type: String?
    var code: Int?

    private enum CodingKeys: String, CodingKey {
        case message, type, code
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            message = text
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = (try? container.decode(String.self, forKey: .message)) ?? "error"
        type = try? container.decode(String.self, forKey: .type)
        code =
            (try? container.decode(Int.self, forKey: .code))
            ?? (try? container.decode(String.self, forKey: .code))
            .flatMap { Int($0) }
    }

    /// The attempt failure it stands for: an HTTP-like code when given (5xx and 429 retryable), else a 5xx-class
    /// server error that is not retried (the stream was fine; the server gave up).
    var failure: AttemptFailure {
        let text = "server error in stream: \(message)"
        if let code, (400...599).contains(code) {
            return AttemptFailure.status(code, detail: text)
        }
        if let type, type.contains("rate_limit") {
            return AttemptFailure(.http429, text, httpStatus: 429, retryable: true)
        }
        return AttemptFailure(.http5xx, text)
    }
}
