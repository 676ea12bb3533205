import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import QuantWatchDomain

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
    /// The event loop this transport's requests and their connections run on (see `send`).
    let eventLoop: any EventLoop

    /// Longest error body read to explain a non-2xx status.
    static let errorBodyLimit = 16 << 10

    /// - Parameter eventLoop: where requests run; one of the client's loops, picked once per transport by default.
    init(
        client: HTTPClient, timeouts: Timeouts, retry: RetryPolicy, redactor: Redactor,
        eventLoop: (any EventLoop)? = nil
    ) {
        self.client = client
        self.timeouts = timeouts
        self.retry = retry
        self.redactor = redactor
        self.eventLoop = eventLoop ?? client.eventLoopGroup.next()
    }

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
            var parts = try self.send(request, timeline: timeline).makeAsyncIterator()
            let (head, _) = try await self.awaitHead(&parts)
            let status = Int(head.status.code)
            let detail = try await self.readErrorDetail(&parts)
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
