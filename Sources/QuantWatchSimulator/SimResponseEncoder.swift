import Foundation
import QuantWatchDomain

/// What a dialect encoder needs to know about the response it writes.
struct SimResponseContext: Sendable {
    var plan: GenerationPlan
    var modelName: String
    var profile: QuantProfile
    var responseID: String
    /// Unix seconds.
    var created: Int
    /// ISO 8601 wall-clock time (Ollama's `created_at`).
    var createdAt: String
    /// OpenAI `stream_options.include_usage`.
    var includeUsage: Bool
    /// Alternatives per token to print; nil: the client did not ask for logprobs.
    var topLogprobs: Int?
}

/// Measured times of one response, reported back in the dialects' usage/timings blocks.
struct SimMeasuredTimings: Sendable {
    var promptMilliseconds: Double
    var predictedMilliseconds: Double
    var totalMilliseconds: Double
}

/// Turns a planned generation into one dialect's bytes: stream events, a full body, or an error body.
protocol SimResponseEncoder: Sendable {
    var streamContentType: String { get }
    /// Status used by the `errors` fault when the script gives none.
    var defaultErrorStatus: Int { get }
    /// Events sent before the first token (role-only chunk, message_start, ...).
    func prologue(_ context: SimResponseContext) -> String
    func token(_ index: Int, _ context: SimResponseContext) -> String
    /// Events after the last token (finish chunk, usage, timings, [DONE], message_stop ...).
    func epilogue(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String
    /// A chunk whose JSON is cut off.
    func malformedChunk(_ context: SimResponseContext) -> String
    func fullBody(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String
    func errorBody(status: Int, message: String) -> String
}

extension SimResponseEncoder {
    var defaultErrorStatus: Int { 500 }
}

/// Shared pieces of the dialect encoders.
enum SimEncoding {
    static func sse(_ json: SimJSON, event: String? = nil) -> String {
        var out = ""
        if let event { out += "event: \(event)\n" }
        out += "data: "
        json.write(into: &out)
        out += "\n\n"
        return out
    }

    static func bytes(_ text: String) -> SimJSON {
        .array(text.utf8.map { .int(Int($0)) })
    }

    /// A stable fake vocabulary id for a token string.
    static func tokenID(_ token: String) -> Int {
        Int(SplitMix64.hash(token) % 128_000)
    }

    /// OpenAI-style logprob entry (also used by Ollama).
    static func openAILogprob(_ logprob: TokenLogprob, top: Int) -> SimJSON {
        [
            "token": .string(logprob.token), "logprob": .double(logprob.logprob), "bytes": bytes(logprob.token),
            "top_logprobs": .array(
                logprob.top.prefix(top).map {
                    ["token": .string($0.token), "logprob": .double($0.logprob), "bytes": bytes($0.token)]
                }),
        ]
    }

    static func nanoseconds(_ milliseconds: Double) -> SimJSON {
        .int(Int(milliseconds * 1_000_000))
    }

    static func reason(_ plan: GenerationPlan, stop: String, length: String) -> String {
        plan.truncated ? length : stop
    }
}
