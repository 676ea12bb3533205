import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport

/// The wire shapes one dialect streams in: a good answer ("4"), a first content chunk, and broken pieces.
struct DialectStream: Sendable, CustomStringConvertible {
    let kind: BackendKind
    let contentType: String
    /// Framed messages of a complete, good stream whose answer is "4".
    let good: [String]
    /// Framed messages that start a stream and carry some content, without ending it.
    let opening: [String]
    /// A framed message whose payload is binary noise (invalid UTF-8, NUL, control bytes).
    let garbage: [UInt8]
    /// A framed message whose JSON is cut off in the middle.
    let truncated: String
    /// Bytes that start a message and never end it (no line break), for the 50 MB body.
    let endlessPrefix: String

    var description: String { kind.rawValue }

    static let all: [DialectStream] = [.openAI, .llamaCpp, .ollama, .anthropic]

    /// A 200 response with this dialect's content type and `steps` as the body.
    func response(_ steps: [ScriptedResponse.Step]) -> ScriptedResponse {
        ScriptedResponse(headers: [("content-type", contentType)], steps: steps)
    }

    /// The good stream, one chunk per message.
    var goodResponse: ScriptedResponse { response(good.map { .text($0) }) }

    private static let noise: [UInt8] = [0xFF, 0xFE, 0x00, 0x7B, 0xC3, 0x28, 0x1B, 0x5B, 0x32, 0x4A, 0x80, 0x7D]

    private static func event(_ data: String, name: String? = nil) -> String {
        ScriptedResponse.event(data, name: name)
    }

    private static func sseGarbage(name: String? = nil) -> [UInt8] {
        Array((name.map { "event: \($0)\n" } ?? "").utf8) + Array("data: ".utf8) + noise + Array("\n\n".utf8)
    }

    static let openAI = DialectStream(
        kind: .openai, contentType: "text/event-stream",
        good: [event(openAIChunk(nil)), event(openAIChunk("4", finish: "stop")), event("[DONE]")],
        opening: [event(openAIChunk(nil)), event(openAIChunk("par"))],
        garbage: sseGarbage(),
        truncated: event(#"{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"4""#),
        endlessPrefix: "data: ")

    static let llamaCpp = DialectStream(
        kind: .llamacpp, contentType: "text/event-stream",
        good: [
            event(#"{"content":"4","stop":false}"#),
            event(#"{"content":"","stop":true,"tokens_predicted":1,"tokens_evaluated":5}"#),
        ],
        opening: [event(#"{"content":"par","stop":false}"#)],
        garbage: sseGarbage(),
        truncated: event(#"{"content":"4","stop":fal"#),
        endlessPrefix: "data: ")

    private static func ollamaLine(_ content: String, done: Bool = false) -> String {
        let end = done ? #","done_reason":"stop","eval_count":1,"prompt_eval_count":5"# : ""
        return #"{"model":"m","message":{"role":"assistant","content":"\#(content)"},"done":\#(done)\#(end)}"# + "\n"
    }

    static let ollama = DialectStream(
        kind: .ollama, contentType: "application/x-ndjson",
        good: [ollamaLine("4"), ollamaLine("", done: true)],
        opening: [ollamaLine("par")],
        garbage: noise + Array("\n".utf8),
        truncated: #"{"model":"m","message":{"role":"assistant","content":"4"# + "\n",
        endlessPrefix: #"{"model":"m","message":{"role":"assistant","content":""#)

    private static let anthropicStart = event(
        #"{"type":"message_start","message":{"id":"msg","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}"#,
        name: "message_start")
    private static let anthropicBlock = event(
        #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
        name: "content_block_start")

    private static func anthropicDelta(_ text: String) -> String {
        event(
            #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#(text)"}}"#,
            name: "content_block_delta")
    }

    static let anthropic = DialectStream(
        kind: .anthropic, contentType: "text/event-stream",
        good: [
            anthropicStart, anthropicBlock, anthropicDelta("4"),
            event(
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":1}}"#,
                name: "message_delta"),
            event(#"{"type":"message_stop"}"#, name: "message_stop"),
        ],
        opening: [anthropicStart, anthropicBlock, anthropicDelta("par")],
        garbage: sseGarbage(name: "content_block_delta"),
        truncated: event(
            #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","te"#, name: "content_block_delta"),
        endlessPrefix: "event: content_block_delta\ndata: ")
}
