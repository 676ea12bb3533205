/// Turns one dialect's framed messages into content, usage and timings on a `GenerationAccumulator`.
protocol StreamDecoder: SendableMetatype {
    var framing: StreamFraming { get }
    /// Handles one message (an SSE event or an NDJSON line) that arrived at `instant`.
    mutating func decode(
        event: String?, payload: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant,
        into accumulator: inout GenerationAccumulator
    ) throws(AttemptFailure)
}
