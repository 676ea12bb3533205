import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import QuantWatchDomain

/// Plays a `GenerationPlan` out over HTTP in one dialect: sleeps, streamed events, faults.
struct SimResponder: Sendable {
    let engine: SimEngine
    let dialect: BackendKind
    /// Set when the server shuts down, so stalled streams end.
    let stopping: SimStopSignal

    var encoder: any SimResponseEncoder {
        switch dialect {
        case .openai: OpenAIEncoder()
        case .llamacpp: LlamaCppEncoder()
        case .ollama: OllamaEncoder()
        case .anthropic: AnthropicEncoder()
        }
    }

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        // Delays count from the request's arrival, so parsing and planning are inside the injected TTFT.
        let arrival = ContinuousClock.now
        let encoder = encoder
        let body = try await request.body.collect(upTo: 4 * 1024 * 1024)
        let parsed: ParsedSimRequest
        do {
            parsed = try SimRequestParser.parse(dialect, body: Data(buffer: body))
        } catch let error as SimRequestError {
            return Self.json(status: 400, encoder.errorBody(status: 400, message: error.message))
        }
        let plan = engine.plan(parsed.request)
        let responseContext = SimResponseContext(
            plan: plan, modelName: engine.model.modelName, profile: engine.model.profile,
            responseID: responseID(), created: Int(Date().timeIntervalSince1970),
            createdAt: Date().formatted(.iso8601), includeUsage: parsed.includeUsage,
            topLogprobs: parsed.topLogprobs)

        switch plan.outcome {
        case .refuse:
            await Self.reset(context.channel)
            throw SimConnectionReset()
        case .rateLimited(let retryAfter):
            var response = Self.json(status: 429, encoder.errorBody(status: 429, message: "Rate limit exceeded"))
            let milliseconds = Int(retryAfter.milliseconds.rounded())
            response.headers[.retryAfter] = String(max(1, Int((retryAfter.seconds).rounded(.up))))
            if let name = HTTPField.Name("retry-after-ms") { response.headers[name] = String(milliseconds) }
            return response
        case .httpError(let status):
            let code = status == 0 ? encoder.defaultErrorStatus : status
            return Self.json(status: code, encoder.errorBody(status: code, message: "Simulated server error"))
        case .complete, .stall, .malformed, .reset:
            break
        }
        // A request beyond the model's slots waits here, as in a runtime's queue; its delays count from when it is
        // served, and the ticket frees the slot however the response ends.
        let (ticket, _) = try await engine.load.admit(promptTokens: plan.promptTokens, behind: plan.queueDelay)
        let served = ContinuousClock.now
        let books = Books(ticket: ticket, load: engine.load, arrival: arrival)
        if parsed.stream {
            return streamed(responseContext, arrival: served, encoder: encoder, channel: context.channel, books: books)
        }
        return try await whole(
            responseContext, arrival: served, encoder: encoder, channel: context.channel, books: books)
    }

    /// What a response reports to the runtime's books when it completes.
    private struct Books: Sendable {
        let ticket: SimLoadTicket
        let load: SimRuntimeLoad
        /// When the request arrived, before any wait for a slot (vLLM's histograms count from there).
        let arrival: ContinuousClock.Instant

        func complete(plan: GenerationPlan, firstToken: ContinuousClock.Instant, end: ContinuousClock.Instant) {
            load.complete(generated: plan.tokens.count, ttft: firstToken - arrival, e2e: end - arrival)
            withExtendedLifetime(ticket) {}
        }
    }

    /// The streamed response: prologue at once, then one event per token on the plan's schedule.
    private func streamed(
        _ context: SimResponseContext, arrival start: ContinuousClock.Instant, encoder: any SimResponseEncoder,
        channel: any Channel, books: Books
    ) -> Response {
        let stopping = stopping
        let body = ResponseBody { writer in
            let clock = ContinuousClock()
            let plan = context.plan
            let prologue = encoder.prologue(context)
            if !prologue.isEmpty { try await writer.write(ByteBuffer(string: prologue)) }
            // Each token is due at an absolute instant, so the sleeps' overshoot does not add up along the stream;
            // later tokens count from the first one actually sent, so decode time is never shorter than planned.
            try await Task.sleep(until: start + plan.firstTokenDelay, clock: clock)
            let firstToken = clock.now
            var due = firstToken
            for index in plan.tokens.indices {
                if index > 0 {
                    due += plan.tokenDelays[index - 1]
                    try await Task.sleep(until: due, clock: clock)
                }
                switch plan.outcome {
                case .stall(let after) where index == after:
                    await stopping.wait(upTo: .seconds(600))
                    throw CancellationError()
                case .reset(let after) where index == after:
                    // Let the bytes already written leave the socket before the RST discards the send buffer.
                    try await Task.sleep(for: .milliseconds(20))
                    await Self.reset(channel)
                    throw SimConnectionReset()
                case .malformed(let after) where index == after:
                    try await writer.write(ByteBuffer(string: encoder.malformedChunk(context)))
                default:
                    break
                }
                try await writer.write(ByteBuffer(string: encoder.token(index, context)))
            }
            let end = clock.now
            switch plan.outcome {
            case .malformed(let after) where after >= plan.tokens.count:
                try await writer.write(ByteBuffer(string: encoder.malformedChunk(context)))
            case .stall:
                await stopping.wait(upTo: .seconds(600))
                throw CancellationError()
            case .reset:
                try await Task.sleep(for: .milliseconds(20))
                await Self.reset(channel)
                throw SimConnectionReset()
            default:
                break
            }
            let timings = Self.timings(plan: plan, start: start, firstToken: firstToken, end: end)
            books.complete(plan: plan, firstToken: firstToken, end: end)
            try await writer.write(ByteBuffer(string: encoder.epilogue(context, timings)))
            try await writer.finish(nil)
        }
        var headers = HTTPFields()
        headers[.contentType] = encoder.streamContentType
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The non-streamed response: the whole generation time, then one body.
    private func whole(
        _ context: SimResponseContext, arrival start: ContinuousClock.Instant, encoder: any SimResponseEncoder,
        channel: any Channel, books: Books
    ) async throws -> Response {
        let clock = ContinuousClock()
        let plan = context.plan
        try await Task.sleep(until: start + plan.firstTokenDelay, clock: clock)
        let firstToken = clock.now
        try await Task.sleep(until: firstToken + plan.decodeDuration, clock: clock)
        switch plan.outcome {
        case .stall:
            await stopping.wait(upTo: .seconds(600))
            throw CancellationError()
        case .reset:
            await Self.reset(channel)
            throw SimConnectionReset()
        case .malformed:
            let full = encoder.fullBody(
                context,
                Self.timings(
                    plan: plan, start: start, firstToken: firstToken,
                    end: clock.now))
            return Self.json(status: 200, String(full.prefix(max(1, full.count / 2))))
        default:
            let end = clock.now
            let timings = Self.timings(plan: plan, start: start, firstToken: firstToken, end: end)
            books.complete(plan: plan, firstToken: firstToken, end: end)
            return Self.json(status: 200, encoder.fullBody(context, timings))
        }
    }

    /// Server-reported timings: prompt = time to first token; predicted scaled to count the first token's share,
    /// so `predicted_n / predicted_ms` is the decode speed.
    private static func timings(
        plan: GenerationPlan, start: ContinuousClock.Instant, firstToken: ContinuousClock.Instant,
        end: ContinuousClock.Instant
    ) -> SimMeasuredTimings {
        let count = plan.tokens.count
        let decode = (end - firstToken).milliseconds
        let predicted = count > 1 ? decode * Double(count) / Double(count - 1) : decode
        return SimMeasuredTimings(
            promptMilliseconds: (firstToken - start).milliseconds, predictedMilliseconds: predicted,
            totalMilliseconds: (end - start).milliseconds)
    }

    static func json(status: Int, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Closes the connection with SO_LINGER 0, so the peer sees a TCP RST rather than an orderly FIN.
    static func reset(_ channel: any Channel) async {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close().get()
    }

    private func responseID() -> String {
        let prefix =
            switch dialect {
            case .openai: "chatcmpl-"
            case .anthropic: "msg_"
            default: "sim-"
            }
        return prefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}

/// Thrown to abandon a response whose connection the simulator reset on purpose.
struct SimConnectionReset: Error {}
