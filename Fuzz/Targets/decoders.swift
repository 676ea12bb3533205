// Fuzz target: each dialect's stream decoder fed through its parser, as the transport feeds it.
//
// Byte 0 picks the dialect (OpenAI, llama.cpp, Ollama, Anthropic), byte 1 the chunk size; the rest is the body.
// Any body ends in a generation or a classified AttemptFailure, never a trap; a generation's timings are in order.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let chunk = Int(data[1]) % 64 + 1
    let body = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    switch data[0] % 4 {
    case 0: run(OpenAIStreamDecoder(), body, chunk: chunk)
    case 1: run(LlamaCppStreamDecoder(), body, chunk: chunk)
    case 2: run(OllamaStreamDecoder(), body, chunk: chunk)
    default: run(AnthropicStreamDecoder(), body, chunk: chunk)
    }
    return 0
}

private func run<Decoder: StreamDecoder>(_ decoder: Decoder, _ body: [UInt8], chunk: Int) {
    var decoder = decoder
    var accumulator = GenerationAccumulator()
    var sse = SSEParser(maxLineBytes: 4096)
    var lines = NDJSONParser(maxLineBytes: 4096)
    let t0 = ContinuousClock.now
    var instant = t0
    do {
        func handle(_ event: String?, _ payload: UnsafeRawBufferPointer) throws {
            accumulator.sawMessage = true
            try decoder.decode(event: event, payload: payload, at: instant, into: &accumulator)
        }
        var start = 0
        while start < body.count {
            let end = min(start + chunk, body.count)
            instant = instant.advanced(by: .milliseconds(1))
            switch decoder.framing {
            case .sse: try sse.parse(Array(body[start..<end])) { event in try event.data.withUnsafeBytes { try handle(event.event, $0) } }
            case .ndjson: try lines.parse(Array(body[start..<end])) { try handle(nil, $0) }
            }
            start = end
        }
        switch decoder.framing {
        case .sse: try sse.finish { event in try event.data.withUnsafeBytes { try handle(event.event, $0) } }
        case .ndjson: try lines.finish { try handle(nil, $0) }
        }
        let generation = try accumulator.generation(t0: t0, head: t0, retries: 0)
        if generation.ttft > generation.e2e || generation.ttft < .zero { fatalError("timings out of order") }
        if generation.outputTokens < 1 { fatalError("a generation without output tokens") }
    } catch let failure as AttemptFailure {
        if failure.message.isEmpty { fatalError("a failure without a message") }
    } catch {
        // Framing errors (a line over the limit) are classified by the transport's ErrorClassifier.
        if !(error is StreamFramingError) { fatalError("unexpected error type \(type(of: error))") }
    }
}
