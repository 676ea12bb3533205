import Foundation
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import Testing

/// The fleet file `quantwatch init` writes: targets, FP16 pairing, and a file the loader accepts.
struct StarterFleetTests {
    private func model(_ runtime: LocalRuntime, _ name: String, port: Int? = nil, quant: String? = nil)
        -> DiscoveredModel
    {
        DiscoveredModel(
            runtime: runtime, url: runtime.targetURL(host: "127.0.0.1", port: port ?? runtime.defaultPort),
            name: name, reportedQuant: quant)
    }

    @Test func quantizedBuildsArePairedWithTheFullPrecisionBuildOfTheSameModel() {
        let targets = StarterTarget.plan([
            model(.llamacpp, "llama-3.1-8b-instruct-Q4_K_M"),
            model(.llamacpp, "llama-3.1-8b-instruct-f16", port: 8081),
            model(.ollama, "qwen2.5:7b-instruct-q4_K_M"),
            model(.ollama, "qwen2.5:7b-instruct-bf16"),
            model(.ollama, "qwen2.5:7b-instruct-fp16"),
            model(.vllm, "mistral-7b-awq"),
        ])
        let byID = Dictionary(uniqueKeysWithValues: targets.map { ($0.id, $0) })
        #expect(byID["llama-3.1-8b-instruct-q4_k_m"]?.baseline == "llama-3.1-8b-instruct-f16")
        #expect(byID["llama-3.1-8b-instruct-f16"]?.baseline == nil)
        // F16 is preferred over BF16 when both are there.
        #expect(byID["qwen2.5-7b-instruct-q4_k_m"]?.baseline == "qwen2.5-7b-instruct-fp16")
        #expect(byID["qwen2.5-7b-instruct-bf16"]?.baseline == nil)
        #expect(byID["mistral-7b-awq"]?.baseline == nil)
        #expect(targets.map(\.quant) == ["Q4_K_M", "F16", "Q4_K_M", "BF16", "F16", "AWQ"])
    }

    @Test func ollamasReportedLevelFillsInWhenTheNameHasNoTag() {
        let targets = StarterTarget.plan([
            model(.ollama, "llama3.1:8b", quant: "Q4_K_M"), model(.ollama, "llama3.1:8b-fp16", quant: "F16"),
        ])
        #expect(targets.map(\.quant) == ["Q4_K_M", "F16"])
        #expect(targets[0].baseline == "llama3.1-8b-fp16")
    }

    @Test func theSameModelOnTwoRuntimesGetsTwoIds() {
        let targets = StarterTarget.plan([model(.llamacpp, "m-f16"), model(.ollama, "m-f16"), model(.ollama, "m-f16")])
        #expect(targets.map(\.id) == ["m-f16", "m-f16-ollama", "m-f16-ollama-2"])
    }

    @Test func writtenFleetLoadsWithPairsAndTheSuite() throws {
        let folder = NSTemporaryDirectory() + "quantwatch-starter-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let probes = [
            RuntimeProbe(
                runtime: .llamacpp, port: 8080,
                models: [model(.llamacpp, "llama-3.1-8b-f16"), model(.llamacpp, "llama-3.1-8b-Q4_0", port: 8081)]),
            RuntimeProbe(runtime: .ollama, port: 11434, models: [model(.ollama, "qwen2.5:7b-instruct-q4_K_M")]),
            RuntimeProbe(runtime: .vllm, port: 8000, models: nil),
        ]
        let starter = StarterFleet(probes: probes, suitePath: "quantwatch-canaries.yaml")
        let text = starter.yaml()
        try text.write(toFile: folder + "/quantwatch.yaml", atomically: true, encoding: .utf8)
        try StarterSuite.yaml().write(toFile: folder + "/quantwatch-canaries.yaml", atomically: true, encoding: .utf8)
        let config = try FleetConfigLoader.load(path: folder + "/quantwatch.yaml", environment: [:])
        #expect(config.targets.map(\.id) == ["llama-3.1-8b-f16", "llama-3.1-8b-q4_0", "qwen2.5-7b-instruct-q4_k_m"])
        #expect(config.targets.map(\.baseline) == [nil, "llama-3.1-8b-f16", nil])
        #expect(config.targets[2].model == "qwen2.5:7b-instruct-q4_K_M")
        #expect(config.targets[2].backend == .ollama)
        #expect(config.canaries(for: config.targets[0]) == DemoSuite.canaries)
        #expect(text.contains("vLLM on 127.0.0.1:8000: nothing answered"))
        #expect(text.contains("# baseline: ID-OF-ITS-F16-BUILD"))
        #expect(text.contains("# Examples: uncomment"))
    }

    @Test func withNoRuntimeTheFleetWatchesTheSimulatorAndLoads() throws {
        let folder = NSTemporaryDirectory() + "quantwatch-starter-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let probes = LocalRuntime.allCases.map { RuntimeProbe(runtime: $0, port: $0.defaultPort, models: nil) }
        let starter = StarterFleet(probes: probes, suitePath: "fleet-canaries.yaml", simulatorPort: 18400)
        try starter.yaml().write(toFile: folder + "/fleet.yaml", atomically: true, encoding: .utf8)
        try StarterSuite.yaml().write(toFile: folder + "/fleet-canaries.yaml", atomically: true, encoding: .utf8)
        let config = try FleetConfigLoader.load(path: folder + "/fleet.yaml", environment: [:])
        #expect(config.targets.map(\.url) == ["http://127.0.0.1:18400", "http://127.0.0.1:18401"])
        #expect(config.targets.map(\.baseline) == [nil, "sim-fp16"])
        #expect(starter.yaml().contains("quantwatch sim --port 18400 --models fp16,q4_k_m"))
    }

    @Test func starterSuiteReadsBackAsTheDemoCanaries() throws {
        let suite = try CanarySuiteLoader.parse(yaml: StarterSuite.yaml(), path: "starter.yaml")
        #expect(suite.canaries == DemoSuite.canaries)
    }

    @Test func listingBodiesOfEachRuntimeAreRead() {
        let props = Data(#"{"model_path":"/m/llama-3.1-8b-Q4_K_M.gguf","total_slots":1}"#.utf8)
        #expect(ModelListDecoder.entries(path: "/props", body: props)?.map(\.name) == ["llama-3.1-8b-Q4_K_M"])
        let tags = Data(
            #"{"models":[{"name":"qwen2.5:7b","details":{"quantization_level":"Q4_K_M"}},{"name":"x:fp16"}]}"#.utf8)
        #expect(
            ModelListDecoder.entries(path: "/api/tags", body: tags)
                == [.init(name: "qwen2.5:7b", quant: "Q4_K_M"), .init(name: "x:fp16", quant: nil)])
        let models = Data(#"{"object":"list","data":[{"id":"Qwen/Qwen2.5-7B-Instruct-AWQ"}]}"#.utf8)
        #expect(
            ModelListDecoder.entries(path: "/v1/models", body: models)?.map(\.name) == ["Qwen/Qwen2.5-7B-Instruct-AWQ"])
        // Another server's JSON is not a listing.
        #expect(ModelListDecoder.entries(path: "/props", body: Data(#"{"status":"ok"}"#.utf8)) == nil)
        #expect(ModelListDecoder.entries(path: "/v1/models", body: Data("<html>".utf8)) == nil)
    }
}
