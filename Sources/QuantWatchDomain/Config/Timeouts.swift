/// The three clocks a request runs against: connecting, waiting for the next byte, and the whole request.
public struct Timeouts: Sendable, Equatable {
    /// Time allowed to open the TCP (and TLS) connection.
    public var connect: Duration
    /// Longest silence allowed between two reads once the request is sent (a stalled stream).
    public var readIdle: Duration
    /// Deadline for the whole request, head and body, retries excluded.
    public var total: Duration

    public init(connect: Duration = .seconds(5), readIdle: Duration = .seconds(10), total: Duration = .seconds(30)) {
        self.connect = connect
        self.readIdle = readIdle
        self.total = total
    }
}
