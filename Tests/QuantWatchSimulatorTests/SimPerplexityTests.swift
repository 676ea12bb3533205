import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator
import Testing

/// Perplexity over HTTP against the simulator's `/v1/completions`: vLLM's `prompt_logprobs` and legacy
/// `echo` + `logprobs` give the same figure for one model, and coarser quants score the same text worse.
struct SimPerplexityTests {
    static let texts = [
        ReferenceText(
            id: "wiki",
            text: "The capital of France is Paris. It lies on the river Seine, and it has been the seat of "
                + "the French government for most of the last thousand years."),
        ReferenceText(
            id: "code",
            text: "A function that returns the sum of two numbers takes a and b and returns a + b. "
                + "Tests check that add(2, 3) is 5 and that add(-1, 1) is 0."),
    ]

    private func withFleet(_ body: (SimFleet, HTTPClient) async throws -> Void) async throws {
        let fleet = try await SimFleet.start(
            models: [
                SimModel(id: "f16", profile: .fp16), SimModel(id: "q8", profile: .q8_0),
                SimModel(id: "q4", profile: .q4_0),
            ], canaries: DemoSuite.canaries, speed: 200)
        let client = BackendFactory.makeHTTPClient(connectTimeout: .seconds(2))
        do {
            try await body(fleet, client)
        } catch {
            await fleet.shutdown()
            try? await client.shutdown()
            throw error
        }
        await fleet.shutdown()
        try await client.shutdown()
    }

    private func target(_ fleet: SimFleet, _ index: Int, backend: BackendKind = .openai) -> TargetConfig {
        TargetConfig(
            id: fleet.servers[index].engine.model.id, backend: backend,
            url: (fleet.servers[index].baseURL ?? "") + (backend == .openai ? "/v1" : ""),
            model: fleet.servers[index].engine.model.modelName)
    }

    @Test(.timeLimit(.minutes(1)))
    func promptLogprobsScoreEveryTokenButTheFirstAndCoarserQuantsScoreWorse() async throws {
        try await withFleet { fleet, client in
            var figures: [PerplexityMeasurement] = []
            for index in 0..<3 {
                figures.append(
                    await PerplexityProbe.measure(
                        target(fleet, index), texts: Self.texts, httpClient: client, environment: [:]))
            }
            let tokens = Self.texts.map { SimTokenizer.tokenize($0.text).count - 1 }.reduce(0, +)
            for figure in figures {
                #expect(figure.method == .promptLogprobs, "\(figure)")
                #expect(figure.tokens == tokens)
                #expect((figure.perplexity ?? 0) > 1, "\(figure)")
            }
            let f16 = try #require(figures[0].perplexity)
            let q8 = try #require(figures[1].perplexity)
            let q4 = try #require(figures[2].perplexity)
            #expect(q4 > f16, "Q4_0 \(q4) vs F16 \(f16)")
            #expect(abs(q8 - f16) < abs(q4 - f16), "Q8_0 \(q8) closer to F16 \(f16) than Q4_0 \(q4)")
            let delta = try #require(PerplexityMeasurement.deltaPercent(baseline: figures[0], target: figures[2]))
            #expect(delta > 0 && delta < 50, "\(delta)")

            // The same model scored again gives the same figure: the reference depends on the text only.
            let again = await PerplexityProbe.measure(
                target(fleet, 0), texts: Self.texts, httpClient: client, environment: [:])
            #expect(again.perplexity == f16)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func echoWithLogprobsGivesTheSameFigureAsPromptLogprobs() async throws {
        try await withFleet { fleet, client in
            let q4 = target(fleet, 2)
            var viaPrompt: [Double] = []
            var viaEcho: [Double] = []
            for text in Self.texts {
                viaPrompt += try await ServingPerplexityScorer.score(
                    text.text, method: .promptLogprobs, q4, client, [:])
                viaEcho += try await ServingPerplexityScorer.score(text.text, method: .echo, q4, client, [:])
            }
            #expect(viaEcho.count == viaPrompt.count)
            #expect(viaEcho == viaPrompt)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func backendsThatCannotScoreTextSayWhy() async throws {
        try await withFleet { fleet, client in
            let ollama = await PerplexityProbe.measure(
                target(fleet, 0, backend: .ollama), texts: Self.texts, httpClient: client, environment: [:])
            #expect(ollama.perplexity == nil)
            #expect(ollama.note == "n/a: Ollama's API scores generated tokens only, not given text")
            // The simulator's llama.cpp names a model file that is not on this machine.
            let llama = await PerplexityProbe.measure(
                target(fleet, 0, backend: .llamacpp), texts: Self.texts, httpClient: client, environment: [:])
            #expect(llama.note?.contains("is not readable here") == true, "\(llama)")
            let none = await PerplexityProbe.measure(
                target(fleet, 0), texts: [], httpClient: client, environment: [:])
            #expect(none.note?.contains("no reference texts") == true)
            // A server without /v1/completions: both methods tried, both reasons given.
            var missing = target(fleet, 0)
            missing.url = (fleet.servers[0].baseURL ?? "") + "/nowhere/v1"
            let refused = await PerplexityProbe.measure(
                missing, texts: Self.texts, httpClient: client, environment: [:])
            #expect(refused.perplexity == nil)
            #expect(refused.note?.contains("prompt_logprobs: HTTP 404") == true, "\(refused)")
            #expect(refused.note?.contains("echo: HTTP 404") == true, "\(refused)")
        }
    }
}
