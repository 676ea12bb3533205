/// A classified failed probe.
///
/// `message` never contains secrets (keys, auth headers).
public struct ProbeFailure: Error, Sendable, Equatable {
    public var errorClass: ErrorClass
    public var message: String
    public var httpStatus: Int?
    /// Attempts made before giving up.
    public var retries: Int
    /// Time from t0 of the last attempt to the failure.
    public var elapsed: Duration?

    public init(
        _ errorClass: ErrorClass, _ message: String, httpStatus: Int? = nil, retries: Int = 0,
        elapsed: Duration? = nil
    ) {
        self.errorClass = errorClass
        self.message = message
        self.httpStatus = httpStatus
        self.retries = retries
        self.elapsed = elapsed
    }
}
