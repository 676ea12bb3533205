import ArgumentParser
import QuantWatchCore
import QuantWatchTestSupport

/// How far measured TTFT and E2E are from delays injected by a loopback server: the client-side overhead.
struct TimingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timing",
        abstract: "Client-side error of TTFT and E2E against delays injected by a loopback server.")

    @Option(help: "Probes per backend.") var probes = 200
    @Option(help: "Injected time to first token, in milliseconds.") var ttftMs = 30
    @Option(help: "Content tokens per response.") var tokens = 10
    @Option(help: "Injected time between tokens, in milliseconds.") var intervalMs = 5
    @Option(help: "openai, llamacpp, ollama, anthropic or all.") var backend = "openai"

    func validate() throws {
        guard probes > 0, tokens > 0, ttftMs >= 0, intervalMs >= 0 else {
            throw ValidationError("probes and tokens must be positive, delays not negative")
        }
        guard backend == "all" || BackendKind(rawValue: backend) != nil else {
            throw ValidationError("unknown backend '\(backend)'")
        }
    }

    func run() async throws {
        let kinds = backend == "all" ? BackendKind.allCases : [BackendKind(rawValue: backend) ?? .openai]
        print("timing: \(probes) probes each, injected TTFT \(ttftMs) ms, \(tokens) tokens at \(intervalMs) ms")
        print("error = measured (client, from t0) - injected (server, from request received), in microseconds")
        print(pad("backend", 10) + pad("metric", 8) + pad("p50", 9) + pad("p99", 9) + pad("max", 9) + "failures")
        for kind in kinds {
            try await measure(kind)
        }
    }

    private func measure(_ kind: BackendKind) async throws {
        let script = TimingScript(
            kind: kind, tokens: tokens, ttft: .milliseconds(ttftMs), interval: .milliseconds(intervalMs))
        let server = try await ScriptedHTTPServer.start { _ in script.response }
        let client = BackendFactory.makeHTTPClient()
        let target = TargetConfig(id: "bench", backend: kind, url: server.baseURL, model: "bench")
        let backend = BackendFactory.make(target: target, environment: [:], httpClient: client)
        var ttftErrors: [Double] = []
        var e2eErrors: [Double] = []
        var failures = 0
        let request = ProbeRequest(
            canary: Canary(
                id: "bench", category: "general", messages: [ChatMessage(role: .user, content: "hi")],
                maxTokens: tokens, scorer: .exact("x")))
        // A few unmeasured probes first: connection set-up and first-use costs are not the steady state.
        for _ in 0..<5 { _ = await backend.generate(request) }
        let warmup = server.requests.count
        for index in 0..<probes {
            let outcome = await backend.generate(request)
            guard case .success(let generation) = outcome, server.requests.count > warmup + index else {
                failures += 1
                continue
            }
            let recorded = server.requests[warmup + index]
            let marks = server.marks(forRequest: recorded.index)
            guard let first = marks["first"], let last = marks["last"] else {
                failures += 1
                continue
            }
            ttftErrors.append(micros(generation.ttft - (first - recorded.receivedAt)))
            e2eErrors.append(micros(generation.e2e - (last - recorded.receivedAt)))
        }
        await server.shutdown()
        try await client.shutdown()
        report(kind.rawValue, "TTFT", ttftErrors, failures: failures)
        report(kind.rawValue, "E2E", e2eErrors, failures: failures)
    }

    private func report(_ kind: String, _ metric: String, _ values: [Double], failures: Int) {
        let sorted = values.sorted()
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return String(Int(sorted[min(max(rank, 0), sorted.count - 1)].rounded()))
        }
        print(
            pad(kind, 10) + pad(metric, 8) + pad(percentile(0.5), 9) + pad(percentile(0.99), 9)
                + pad(percentile(1.0), 9) + String(failures))
    }

    private func micros(_ duration: Duration) -> Double { duration.seconds * 1e6 }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

/// The scripted stream of one dialect: `tokens` content messages, the first after `ttft`, then every `interval`,
/// with server-side marks at the first and last content message.
struct TimingScript: Sendable {
    let response: ScriptedResponse

    init(kind: BackendKind, tokens: Int, ttft: Duration, interval: Duration) {
        var steps: [ScriptedResponse.Step] = []
        let (prefix, content, suffix) = Self.messages(kind, tokens: tokens)
        steps += prefix.map { .text($0) }
        for index in 0..<tokens {
            steps.append(.sleep(index == 0 ? ttft : interval))
            if index == 0 { steps.append(.mark("first")) }
            if index == tokens - 1 { steps.append(.mark("last")) }
            steps.append(.text(content))
        }
        steps += suffix.map { .text($0) }
        let contentType = kind == .ollama ? "application/x-ndjson" : "text/event-stream"
        response = ScriptedResponse(headers: [("content-type", contentType)], steps: steps)
    }

    private static func messages(_ kind: BackendKind, tokens: Int) -> ([String], String, [String]) {
        let event = ScriptedResponse.event
        switch kind {
        case .openai:
            return (
                [event(#"{"choices":[{"delta":{"role":"assistant","content":""}}]}"#, nil)],
                event(#"{"choices":[{"delta":{"content":" tok"}}]}"#, nil),
                [
                    event(#"{"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":\#(tokens)}}"#, nil),
                    event("[DONE]", nil),
                ]
            )
        case .llamacpp:
            return (
                [], event(#"{"content":" tok","stop":false}"#, nil),
                [event(#"{"content":"","stop":true,"tokens_predicted":\#(tokens),"tokens_evaluated":5}"#, nil)]
            )
        case .ollama:
            return (
                [], #"{"message":{"role":"assistant","content":" tok"},"done":false}"# + "\n",
                [#"{"message":{"role":"assistant","content":""},"done":true,"eval_count":\#(tokens)}"# + "\n"]
            )
        case .anthropic:
            return (
                [event(#"{"type":"message_start","message":{"usage":{"input_tokens":5}}}"#, "message_start")],
                event(
                    #"{"type":"content_block_delta","delta":{"type":"text_delta","text":" tok"}}"#,
                    "content_block_delta"),
                [
                    event(#"{"type":"message_delta","usage":{"output_tokens":\#(tokens)}}"#, "message_delta"),
                    event(#"{"type":"message_stop"}"#, "message_stop"),
                ]
            )
        }
    }
}
