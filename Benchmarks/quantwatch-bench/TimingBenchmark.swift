import ArgumentParser
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport

/// How far measured TTFT and E2E are from a loopback reference server's own truth, at two pacings: spaced (the
/// client idle when each probe starts) and back to back (the target always busy, the next probe sent the moment the
/// last one ends, on `--streams` loops at once).
///
/// Error = measured (client, from t0) - truth (server: first/last content message written, from request received).
/// On-call wants a busy target to read as true as an idle one: both p50s under 1 ms, within 0.5 ms of each other.
struct TimingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timing",
        abstract: "Client-side error of TTFT and E2E against a loopback server's truth, spaced and back to back.")

    @Option(help: "Measured probes per backend and pacing.") var probes = 200
    @Option(help: "Injected time to first token, in milliseconds.") var ttftMs = 30
    @Option(help: "Content tokens per response.") var tokens = 10
    @Option(help: "Injected time between tokens, in milliseconds.") var intervalMs = 5
    @Option(help: "openai, llamacpp, ollama, anthropic or all.") var backend = "openai"
    @Option(help: "spaced, back-to-back or both.") var pacing = "both"
    @Option(help: "Pause between probes at spaced pacing, in milliseconds.") var gapMs = 100
    @Option(help: "Probe loops running at once at back-to-back pacing (1: one probe after another).")
    var streams = 4
    @Option(
        help: """
            Tasks keeping the cooperative thread pool busy while measuring (each spins 2 ms, then yields), as a \
            monitor with many targets does: the tasks that read responses then wait their turn.
            """)
    var poolLoad = 0

    /// How probes follow each other.
    enum Pacing: String, CaseIterable {
        case spaced
        case backToBack = "back-to-back"
    }

    func validate() throws {
        guard probes > 0, tokens > 0, ttftMs >= 0, intervalMs >= 0, gapMs >= 0, streams > 0, poolLoad >= 0 else {
            throw ValidationError("probes, tokens and streams must be positive, delays not negative")
        }
        guard backend == "all" || BackendKind(rawValue: backend) != nil else {
            throw ValidationError("unknown backend '\(backend)'")
        }
        guard pacing == "both" || Pacing(rawValue: pacing) != nil else {
            throw ValidationError("unknown pacing '\(pacing)' (spaced, back-to-back or both)")
        }
    }

    func run() async throws {
        let kinds = backend == "all" ? BackendKind.allCases : [BackendKind(rawValue: backend) ?? .openai]
        let pacings = pacing == "both" ? Pacing.allCases : [Pacing(rawValue: pacing) ?? .spaced]
        print(
            "timing: \(probes) probes per backend and pacing, injected TTFT \(ttftMs) ms, \(tokens) tokens at "
                + "\(intervalMs) ms; spaced = \(gapMs) ms between probes, back-to-back = \(streams) loop(s) never idle; "
                + "\(poolLoad) task(s) loading the cooperative pool")
        print("error = measured (client, from t0) - truth (server, from request received), in microseconds")
        print(
            pad("backend", 10) + pad("pacing", 14) + pad("metric", 8) + pad("p50", 8) + pad("p95", 8) + pad("p99", 8)
                + pad("max", 8) + "failures")
        for kind in kinds {
            var medians: [Pacing: (ttft: Double?, e2e: Double?)] = [:]
            for mode in pacings {
                let errors = try await measure(kind, mode)
                for (metric, values) in [("TTFT", errors.ttft), ("E2E", errors.e2e)] {
                    print(
                        pad(kind.rawValue, 10) + pad(mode.rawValue, 14) + pad(metric, 8)
                            + [0.5, 0.95, 0.99, 1].map { pad(format(percentile($0, of: values)), 8) }.joined()
                            + String(errors.failures))
                }
                medians[mode] = (percentile(0.5, of: errors.ttft), percentile(0.5, of: errors.e2e))
            }
            if let spaced = medians[.spaced], let busy = medians[.backToBack] {
                for (metric, idle, loaded) in [("TTFT", spaced.ttft, busy.ttft), ("E2E", spaced.e2e, busy.e2e)] {
                    guard let idle, let loaded else { continue }
                    let verdict = max(idle, loaded) < 1000 && abs(loaded - idle) <= 500 ? "meets" : "misses"
                    print(
                        "\(kind.rawValue) \(metric): p50 back-to-back - spaced = \(format(loaded - idle)) µs; "
                            + "\(verdict) the goal (both p50 < 1000 µs, within 500 µs)")
                }
            }
        }
    }

    /// Errors of `probes` measured probes at one pacing, in microseconds, on a fresh server and client.
    private func measure(_ kind: BackendKind, _ mode: Pacing) async throws -> (
        ttft: [Double], e2e: [Double], failures: Int
    ) {
        let script = TimingScript(
            kind: kind, tokens: tokens, ttft: .milliseconds(ttftMs), interval: .milliseconds(intervalMs))
        let server = try await ScriptedHTTPServer.start { _ in script.response }
        let client = BackendFactory.makeHTTPClient()
        let target = TargetConfig(id: "bench", backend: kind, url: server.baseURL, model: "bench")
        let backend = BackendFactory.make(target: target, environment: [:], httpClient: client)
        // A few unmeasured probes first: connection set-up and first-use costs are not the steady state.
        let tokens = self.tokens
        for index in 0..<5 { _ = await backend.generate(Self.request(label: "warm-\(index)", tokens: tokens)) }
        let loops = mode == .spaced ? 1 : min(streams, probes)
        let gap = mode == .spaced ? Duration.milliseconds(gapMs) : .zero
        let share = probes / loops
        let load = (0..<poolLoad).map { _ in Task { await Self.spin() } }
        defer { load.forEach { $0.cancel() } }
        let outcomes = await withTaskGroup(of: [(String, Generation?)].self) { group in
            for loop in 0..<loops {
                let count = loop < probes % loops ? share + 1 : share
                group.addTask {
                    var outcomes: [(String, Generation?)] = []
                    for index in 0..<count {
                        if gap > .zero { try? await Task.sleep(for: gap) }
                        let label = "probe-\(loop)-\(index)"
                        let outcome = await backend.generate(Self.request(label: label, tokens: tokens))
                        outcomes.append((label, try? outcome.get()))
                    }
                    return outcomes
                }
            }
            var all: [(String, Generation?)] = []
            for await part in group { all += part }
            return all
        }
        // Each probe's prompt names it, so its server-side record is found whatever the order of arrival.
        var recorded: [String: RecordedRequest] = [:]
        for request in server.requests {
            let text = request.bodyText
            guard let start = text.range(of: "probe-"), let end = text[start.lowerBound...].firstIndex(of: ".") else {
                continue
            }
            recorded[String(text[start.lowerBound..<end])] = request
        }
        var ttftErrors: [Double] = []
        var e2eErrors: [Double] = []
        var failures = 0
        for (label, generation) in outcomes {
            guard let generation, let request = recorded[label] else {
                failures += 1
                continue
            }
            let marks = server.marks(forRequest: request.index)
            guard let first = marks["first"], let last = marks["last"] else {
                failures += 1
                continue
            }
            ttftErrors.append(micros(generation.ttft - (first - request.receivedAt)))
            e2eErrors.append(micros(generation.e2e - (last - request.receivedAt)))
        }
        await server.shutdown()
        try await client.shutdown()
        return (ttftErrors, e2eErrors, failures)
    }

    /// Busy work on the cooperative pool until cancelled: 2 ms of spinning, then a yield to the other tasks.
    private static func spin() async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let until = clock.now + .milliseconds(2)
            while clock.now < until {}
            await Task.yield()
        }
    }

    /// A one-message probe whose prompt carries its label (ended by a dot, so "probe-1-1" never matches "probe-1-12").
    private static func request(label: String, tokens: Int) -> ProbeRequest {
        ProbeRequest(
            canary: Canary(
                id: "bench", category: "general", messages: [ChatMessage(role: .user, content: label + ".")],
                maxTokens: tokens, scorer: .exact("x")))
    }

    /// Nearest-rank percentile (`p` in 0...1), nil without values.
    private func percentile(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    private func format(_ value: Double?) -> String {
        value.map { String(Int($0.rounded())) } ?? "-"
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
