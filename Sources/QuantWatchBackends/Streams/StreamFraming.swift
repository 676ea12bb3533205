/// How a response body is cut into messages.
public enum StreamFraming: Sendable {
    /// Server-sent events (`text/event-stream`).
    case sse
    /// One JSON document per line (`application/x-ndjson`).
    case ndjson
}
