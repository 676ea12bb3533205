import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import QuantWatchDomain

/// One attempt on the wire: the request sent through AsyncHTTPClient's delegate API, its response parts stamped on
/// the event loop (`StampedResponseDelegate`), and the body decoded at those instants.
extension HTTPTransport {
    typealias Parts = StampedResponseDelegate.Parts

    /// Sends the request, checks the status and decodes the body; throws `StreamError` or `AttemptFailure`.
    ///
    /// Every message is decoded at the arrival instant of the body part that completed it, so TTFB, TTFT, E2E and
    /// the chunk times are when the bytes came in, however late this task gets to them.
    func stream<Decoder: StreamDecoder>(
        _ request: PreparedRequest, decoder: Decoder, timeline: AttemptTimeline, retries: Int
    ) async throws -> Generation {
        var decoder = decoder
        var parts = try send(request, timeline: timeline).makeAsyncIterator()
        let (response, head) = try await awaitHead(&parts)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let detail = (try? await readErrorDetail(&parts)) ?? ""
            throw AttemptFailure.status(
                status, detail: redactor.clean(detail), retryAfter: RetryAfter.delay(from: response.headers))
        }
        var accumulator = GenerationAccumulator()
        var sse = SSEParser()
        var lines = NDJSONParser()
        var lastArrival = head
        do {
            while let part = try await parts.next() {
                guard case .body(let buffer, let arrived) = part else { continue }
                lastArrival = arrived
                try feed(buffer, framing: decoder.framing, sse: &sse, lines: &lines) { event, payload in
                    accumulator.sawMessage = true
                    try decoder.decode(event: event, payload: payload, at: arrived, into: &accumulator)
                }
            }
            if timeline.expiry != nil || Task.isCancelled { throw CancellationError() }
            // A message completed only by the end of the body (a last line without a newline, a non-streamed body)
            // arrived with the body's last byte.
            try feedEnd(framing: decoder.framing, sse: &sse, lines: &lines) { event, payload in
                accumulator.sawMessage = true
                try decoder.decode(event: event, payload: payload, at: lastArrival, into: &accumulator)
            }
        } catch {
            // A stream already past its end marker is complete: a reset or stall while draining its last bytes
            // (or the watchdog cancelling that drain) does not undo the generation.
            guard accumulator.finished else {
                if let failure = error as? AttemptFailure { throw failure }
                throw StreamError(underlying: error, headReceived: true)
            }
        }
        return try accumulator.generation(t0: timeline.t0, head: head, retries: retries)
    }

    /// Starts `request`; its response comes out of the returned parts, head first.
    ///
    /// The request and its connection run on this transport's `eventLoop`, so the delegate's callbacks run on the
    /// loop that reads the socket (with `.indifferent` a pooled connection on another loop would add a hop before
    /// each stamp).
    func send(_ request: PreparedRequest, timeline: AttemptTimeline) throws -> Parts {
        let prepared = try clientRequest(request, timeline: timeline)
        let (delegate, parts) = StampedResponseDelegate.make(timeline: timeline)
        let task = client.execute(
            request: prepared, delegate: delegate, eventLoop: .delegateAndChannel(on: eventLoop),
            deadline: requestDeadline(timeline))
        delegate.attach(task)
        return parts
    }

    /// The response head and when it arrived; the parts ending first means the attempt was stopped.
    func awaitHead(_ parts: inout Parts.AsyncIterator) async throws -> (HTTPResponseHead, ContinuousClock.Instant) {
        while let part = try await parts.next() {
            if case .head(let head, let arrived) = part { return (head, arrived) }
        }
        throw CancellationError()
    }

    /// Up to `errorBodyLimit` bytes of an error body, reduced to the server's message when it is JSON.
    func readErrorDetail(_ parts: inout Parts.AsyncIterator) async throws -> String {
        var collected: [UInt8] = []
        while let part = try await parts.next() {
            guard case .body(let buffer, _) = part else { continue }
            collected.append(contentsOf: buffer.readableBytesView.prefix(Self.errorBodyLimit - collected.count))
            if collected.count >= Self.errorBodyLimit { break }
        }
        return ErrorBody.message(from: collected)
    }

    /// The request for one attempt; t0 is stamped when AsyncHTTPClient takes the body for writing.
    func clientRequest(_ request: PreparedRequest, timeline: AttemptTimeline) throws -> HTTPClient.Request {
        var body: HTTPClient.Body?
        if let bytes = request.body {
            let buffer = ByteBuffer(bytes: bytes)
            // AsyncHTTPClient asks for the body right after it has written the request head on the connection (not
            // when `execute` is called), so this instant excludes pool queueing, DNS, TCP and TLS set-up: it is
            // "just before the request is written" as DESIGN.md defines t0.
            body = .stream(contentLength: Int64(bytes.count)) { writer in
                timeline.markWritten()
                return writer.write(.byteBuffer(buffer))
            }
        } else {
            // No body to hook: t0 is the attempt start, just before `execute`.
            timeline.markWritten()
        }
        return try HTTPClient.Request(url: request.url, method: request.method, headers: request.headers, body: body)
    }

    /// AsyncHTTPClient's own deadline for the whole request: a little after ours, so the watchdog's clearer message
    /// wins the race.
    private func requestDeadline(_ timeline: AttemptTimeline) -> NIODeadline {
        let remaining = timeouts.total - timeline.start.duration(to: .now) + .milliseconds(250)
        return .now() + .nanoseconds(AttemptTimeline.nanoseconds(max(remaining, .zero)))
    }

    private func feed(
        _ buffer: ByteBuffer, framing: StreamFraming, sse: inout SSEParser, lines: inout NDJSONParser,
        _ handle: (String?, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        switch framing {
        case .sse:
            try sse.parse(buffer) { event in
                try event.data.withUnsafeBytes { try handle(event.event, $0) }
            }
        case .ndjson:
            try lines.parse(buffer) { try handle(nil, $0) }
        }
    }

    private func feedEnd(
        framing: StreamFraming, sse: inout SSEParser, lines: inout NDJSONParser,
        _ handle: (String?, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        switch framing {
        case .sse:
            try sse.finish { event in try event.data.withUnsafeBytes { try handle(event.event, $0) } }
        case .ndjson:
            try lines.finish { try handle(nil, $0) }
        }
    }
}
