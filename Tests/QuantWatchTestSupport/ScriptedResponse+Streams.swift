/// Builders for streamed bodies: SSE events and NDJSON lines with injected delays.
extension ScriptedResponse {
    /// An SSE response (`text/event-stream`, chunked): `firstDelay` before the first message, `interval`
    /// between the next ones.
    ///
    /// Each message is one chunk; `mark("first")`/`mark("last")` bracket the messages.
    public static func sse(
        _ messages: [String], firstDelay: Duration = .zero, interval: Duration = .zero,
        headers: [(name: String, value: String)] = [], ending: [Step] = []
    ) -> ScriptedResponse {
        ScriptedResponse(
            headers: [("content-type", "text/event-stream"), ("cache-control", "no-cache")] + headers,
            steps: paced(messages, firstDelay: firstDelay, interval: interval) + ending)
    }

    /// An NDJSON response (`application/x-ndjson`, chunked), paced like `sse`.
    public static func ndjson(
        _ lines: [String], firstDelay: Duration = .zero, interval: Duration = .zero, ending: [Step] = []
    ) -> ScriptedResponse {
        ScriptedResponse(
            headers: [("content-type", "application/x-ndjson")],
            steps: paced(lines.map { $0 + "\n" }, firstDelay: firstDelay, interval: interval) + ending)
    }

    /// `data: <json>\n\n`, optionally with an `event:` line.
    public static func event(_ data: String, name: String? = nil) -> String {
        (name.map { "event: \($0)\n" } ?? "") + "data: \(data)\n\n"
    }

    private static func paced(_ pieces: [String], firstDelay: Duration, interval: Duration) -> [Step] {
        var steps: [Step] = []
        for (index, piece) in pieces.enumerated() {
            let wait = index == 0 ? firstDelay : interval
            if wait > .zero { steps.append(.sleep(wait)) }
            if index == 0 { steps.append(.mark("first")) }
            if index == pieces.count - 1 { steps.append(.mark("last")) }
            steps.append(.text(piece))
        }
        return steps
    }
}
