/// What the scripted server does for one request: an optional delay before the status line, the head,
/// then body steps (sends, sleeps, marks) and how the connection ends (normally, reset, closed, stalled).
public struct ScriptedResponse: Sendable {
    /// How body bytes are framed on the wire.
    public enum Framing: Sendable, Equatable {
        /// `Transfer-Encoding: chunked`; each `.send` is one chunk. The connection is kept alive afterwards.
        case chunked
        /// `Content-Length` of all `.send` bytes together (sleeps between them still apply).
        case contentLength
        /// No length: the body ends when the server closes the connection.
        case closeDelimited
    }

    /// One step of the body script.
    public enum Step: Sendable, Equatable {
        /// Send bytes, framed per `framing` (one chunk each when chunked; empty sends are skipped).
        case send([UInt8])
        /// Write bytes as they are, bypassing the framing (to break chunked encoding on purpose).
        case sendRaw([UInt8])
        /// Wait before the next step.
        case sleep(Duration)
        /// Record the server-side instant of this point under a name (see `ScriptedHTTPServer.marks`).
        case mark(String)
        /// Close abruptly with a TCP reset (SO_LINGER 0), mid-body.
        case reset
        /// Close normally (FIN) without finishing the body.
        case close
        /// Send nothing more and keep the connection open until the client gives up.
        case stall

        /// Sends a UTF-8 string.
        public static func text(_ text: String) -> Step { .send(Array(text.utf8)) }
    }

    /// Wait before writing the status line (a slow head).
    public var headDelay: Duration
    public var status: Int
    public var reason: String
    public var headers: [(name: String, value: String)]
    public var framing: Framing
    public var steps: [Step]

    public init(
        status: Int = 200, reason: String? = nil, headers: [(name: String, value: String)] = [],
        framing: Framing = .chunked, headDelay: Duration = .zero, steps: [Step] = []
    ) {
        self.status = status
        self.reason = reason ?? Self.defaultReason(status)
        self.headers = headers
        self.framing = framing
        self.headDelay = headDelay
        self.steps = steps
    }

    /// A complete, non-streamed response with a body.
    public static func body(
        _ text: String, status: Int = 200, contentType: String = "application/json",
        headers: [(name: String, value: String)] = []
    ) -> ScriptedResponse {
        ScriptedResponse(
            status: status, headers: [("content-type", contentType)] + headers, framing: .contentLength,
            steps: [.text(text)])
    }

    private static func defaultReason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 529: "Overloaded"
        default: "Status"
        }
    }
}
