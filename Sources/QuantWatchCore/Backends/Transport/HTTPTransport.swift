import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends a streaming request with exact timings, a read-idle timeout, a total deadline and retries.
///
/// AsyncHTTPClient's own deadline only covers the response head, so each attempt runs next to a watchdog
/// task that cancels it when no byte arrived for `readIdle` or the `total` deadline passed. Only the last
/// attempt's timings count; earlier attempts only add to `retries`.
struct HTTPTransport: Sendable {
    let client: HTTPClient
    let timeouts: Timeouts
    let retry: RetryPolicy
    let redactor: Redactor

    /// Longest error body read to explain a non-2xx status.
    private static let errorBodyLimit = 16 << 10

    /// Runs `request` until success, a non-retryable failure, or the retry budget is spent.
    func generate<Decoder: StreamDecoder>(
        _ request: PreparedRequest, decoder makeDecoder: @escaping @Sendable () -> Decoder
    ) async -> Result<Generation, ProbeFailure> {
        var retries = 0
        while true {
            let timeline = AttemptTimeline()
            let attempt = retries
            let outcome = await runAttempt(timeline: timeline) {
                try await self.stream(request, decoder: makeDecoder(), timeline: timeline, retries: attempt)
            }
            switch outcome {
            case .success(let generation):
                return .success(generation)
            case .failure(let failure):
                let elapsed = timeline.t0.duration(to: .now)
                guard failure.retryable, retries < retry.maxRetries, !Task.isCancelled else {
                    return .failure(probeFailure(failure, retries: retries, elapsed: elapsed))
                }
                let wait = Backoff.delay(
                    retry: retries, policy: retry, retryAfter: failure.retryAfter, unit: Double.random(in: 0...1))
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    return .failure(ProbeFailure(.cancelled, "cancelled while waiting to retry", retries: retries))
                }
                retries += 1
            }
        }
    }

    /// A bodyless request that must answer 2xx in time (reachability checks); no retries.
    func check(_ request: PreparedRequest) async -> Result<Void, ProbeFailure> {
        let timeline = AttemptTimeline()
        let outcome: Result<Void, AttemptFailure> = await runAttempt(timeline: timeline) {
            let response = try await self.client.execute(
                self.clientRequest(request, timeline: timeline), deadline: self.headDeadline(timeline))
            timeline.touch(.now)
            let status = Int(response.status.code)
            let detail = try await self.readErrorDetail(response.body, timeline: timeline)
            guard (200..<300).contains(status) else {
                throw AttemptFailure.status(status, detail: detail)
            }
        }
        return outcome.mapError { probeFailure($0, retries: 0, elapsed: timeline.t0.duration(to: .now)) }
    }

    // MARK: - One attempt

    /// Runs `body` next to the watchdog; the body's own outcome is authoritative, the watchdog only cancels it.
    private func runAttempt<T: Sendable>(
        timeline: AttemptTimeline, _ body: @escaping @Sendable () async throws -> T
    ) async -> Result<T, AttemptFailure> {
        let idle = timeouts.readIdle
        let deadline = timeline.start + timeouts.total
        return await withTaskGroup(of: Result<T, AttemptFailure>?.self) { group in
            group.addTask {
                do {
                    return .success(try await body())
                } catch {
                    return .failure(Self.explain(error, timeline: timeline, idle: idle, total: self.timeouts.total))
                }
            }
            group.addTask {
                await Self.watch(timeline, idle: idle, deadline: deadline)
                return nil
            }
            var result: Result<T, AttemptFailure>?
            while let next = await group.next() {
                if let next {
                    result = next
                    group.cancelAll()
                    break
                }
                // The watchdog returned: it either expired the attempt or was cancelled; stop the attempt.
                group.cancelAll()
            }
            return result ?? .failure(AttemptFailure(.cancelled, "cancelled"))
        }
    }

    /// How often the watchdog looks whether the request has been written yet.
    private static let writePoll = Duration.milliseconds(10)

    /// Sleeps until the read-idle or total deadline and expires the attempt, unless cancelled first.
    private static func watch(_ timeline: AttemptTimeline, idle: Duration, deadline: ContinuousClock.Instant) async {
        while !Task.isCancelled {
            let now = ContinuousClock.now
            if now >= deadline {
                timeline.expire(.total)
                return
            }
            // Read-idle counts from the request's write: before it, the attempt is connecting or waiting for a
            // pooled connection (the connect timeout and the total deadline govern that), and a loaded machine
            // could otherwise call a request idle that the server had not even received.
            guard timeline.wasWritten else {
                try? await Task.sleep(until: min(now + Self.writePoll, deadline), clock: .continuous)
                continue
            }
            let idleDeadline = timeline.lastActivity + idle
            if now >= idleDeadline {
                timeline.expire(.readIdle)
                return
            }
            try? await Task.sleep(until: min(idleDeadline, deadline), clock: .continuous)
        }
    }

    /// The class of an attempt's error, where an expiry or a cancellation of the caller wins over what it caused.
    private static func explain(
        _ error: any Error, timeline: AttemptTimeline, idle: Duration, total: Duration
    ) -> AttemptFailure {
        // What the server said (a status, an error event, a malformed message) is a fact; it beats an expiry
        // that only interrupted reading the rest of an error body.
        if let failure = error as? AttemptFailure { return failure }
        switch timeline.expiry {
        case .readIdle:
            return AttemptFailure(.timeout, "no data for \(idle.milliseconds.formatted0) ms (read-idle timeout)")
        case .total:
            return AttemptFailure(.timeout, "total deadline of \(total.milliseconds.formatted0) ms exceeded")
        case nil:
            if Task.isCancelled { return AttemptFailure(.cancelled, "cancelled") }
            let headReceived = (error as? StreamError)?.headReceived ?? false
            return ErrorClassifier.classify((error as? StreamError)?.underlying ?? error, headReceived: headReceived)
        }
    }

    /// Sends the request, checks the status and decodes the body; throws `StreamError` or `AttemptFailure`.
    private func stream<Decoder: StreamDecoder>(
        _ request: PreparedRequest, decoder: Decoder, timeline: AttemptTimeline, retries: Int
    ) async throws -> Generation {
        var decoder = decoder
        let response = try await client.execute(
            clientRequest(request, timeline: timeline), deadline: headDeadline(timeline))
        let head = ContinuousClock.now
        timeline.touch(head)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let detail = (try? await readErrorDetail(response.body, timeline: timeline)) ?? ""
            throw AttemptFailure.status(
                status, detail: redactor.clean(detail), retryAfter: RetryAfter.delay(from: response.headers))
        }
        var accumulator = GenerationAccumulator()
        var sse = SSEParser()
        var lines = NDJSONParser()
        do {
            for try await buffer in response.body {
                let now = ContinuousClock.now
                timeline.touch(now)
                try feed(buffer, at: now, framing: decoder.framing, sse: &sse, lines: &lines) { event, payload in
                    accumulator.sawMessage = true
                    try decoder.decode(event: event, payload: payload, at: now, into: &accumulator)
                }
            }
            if timeline.expiry != nil || Task.isCancelled { throw CancellationError() }
            let end = ContinuousClock.now
            try feedEnd(framing: decoder.framing, sse: &sse, lines: &lines) { event, payload in
                accumulator.sawMessage = true
                try decoder.decode(event: event, payload: payload, at: end, into: &accumulator)
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

    private func feed(
        _ buffer: ByteBuffer, at instant: ContinuousClock.Instant, framing: StreamFraming, sse: inout SSEParser,
        lines: inout NDJSONParser, _ handle: (String?, UnsafeRawBufferPointer) throws -> Void
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

    // MARK: - Helpers

    private func clientRequest(_ request: PreparedRequest, timeline: AttemptTimeline) -> HTTPClientRequest {
        var out = HTTPClientRequest(url: request.url)
        out.method = request.method
        out.headers = request.headers
        if let body = request.body {
            let stamped = StampedBody(bytes: body, timeline: timeline)
            out.body = .bytes(stamped, length: .known(Int64(body.count)))
        } else {
            // No body to hook: t0 is the attempt start, just before `execute`.
            timeline.markWritten()
        }
        return out
    }

    /// AsyncHTTPClient's head deadline: a little after ours, so the watchdog's clearer message wins the race.
    private func headDeadline(_ timeline: AttemptTimeline) -> NIODeadline {
        let remaining = timeouts.total - timeline.start.duration(to: .now) + .milliseconds(250)
        return .now() + .nanoseconds(AttemptTimeline.nanoseconds(max(remaining, .zero)))
    }

    /// Up to `errorBodyLimit` bytes of an error body, reduced to the server's message when it is JSON.
    private func readErrorDetail(_ body: HTTPClientResponse.Body, timeline: AttemptTimeline) async throws -> String {
        var collected: [UInt8] = []
        for try await buffer in body {
            timeline.touch(.now)
            collected.append(contentsOf: buffer.readableBytesView.prefix(Self.errorBodyLimit - collected.count))
            if collected.count >= Self.errorBodyLimit { break }
        }
        return ErrorBody.message(from: collected)
    }

    private func probeFailure(_ failure: AttemptFailure, retries: Int, elapsed: Duration) -> ProbeFailure {
        ProbeFailure(
            failure.errorClass, redactor.clean(failure.message), httpStatus: failure.httpStatus, retries: retries,
            elapsed: elapsed)
    }
}

/// A transport error raised while streaming, with whether the response head had already arrived.
struct StreamError: Error {
    var underlying: any Error
    var headReceived: Bool
}

extension Double {
    /// The value rounded to a whole number, as text (for messages).
    var formatted0: String { String(Int(self.rounded())) }
}
