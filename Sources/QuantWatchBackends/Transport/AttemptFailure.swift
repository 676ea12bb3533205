import QuantWatchDomain

/// Why one attempt failed, with what the retry loop needs: may it retry, and did the server ask for a wait.
struct AttemptFailure: Error, Sendable {
    var errorClass: ErrorClass
    var message: String
    var httpStatus: Int?
    var retryable: Bool
    var retryAfter: Duration?

    init(
        _ errorClass: ErrorClass, _ message: String, httpStatus: Int? = nil, retryable: Bool = false,
        retryAfter: Duration? = nil
    ) {
        self.errorClass = errorClass
        self.message = message
        self.httpStatus = httpStatus
        self.retryable = retryable
        self.retryAfter = retryAfter
    }

    /// A malformed stream or body.
    static func malformed(_ message: String) -> AttemptFailure {
        AttemptFailure(.protocol, message)
    }

    /// The failure an HTTP status stands for: 429, 4xx or 5xx; 408, 429 and 5xx (529 included) may be retried.
    static func status(_ status: Int, detail: String, retryAfter: Duration? = nil) -> AttemptFailure {
        let errorClass: ErrorClass =
            switch status {
            case 429: .http429
            case 500...599: .http5xx
            default: .http4xx
            }
        let retryable = status == 408 || status == 429 || (500...599).contains(status)
        let text = detail.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(detail)"
        return AttemptFailure(errorClass, text, httpStatus: status, retryable: retryable, retryAfter: retryAfter)
    }
}
