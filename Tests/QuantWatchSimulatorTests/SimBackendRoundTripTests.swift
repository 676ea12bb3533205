import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator
import Testing

/// The project's own backends against the simulator: every dialect parses, measures and classifies.
struct SimBackendRoundTripTests {
    @Test func everyDemoTargetAnswersThroughItsBackend() async throws {
        let manual = ManualSimClock()
        let demo = try await DemoFleet.start(speed: 100, clock: manual.clock)
        let client = BackendFactory.makeHTTPClient()
        var failures: [String] = []
        for target in demo.config.targets {
            let backend = BackendFactory.make(target: target, environment: [:], httpClient: client)
            for canary in demo.config.canaries(for: target).prefix(4) {
                let request = ProbeRequest(canary: canary, seed: target.seed, topLogprobs: target.topLogprobs)
                switch await backend.generate(request) {
                case .success(let generation):
                    #expect(generation.outputTokens > 0, "\(target.id)")
                    #expect(!generation.text.isEmpty, "\(target.id)")
                    #expect(generation.ttft <= generation.e2e, "\(target.id)")
                    if target.topLogprobs > 0 {
                        #expect(generation.logprobs.count == generation.outputTokens, "\(target.id)")
                        #expect(generation.logprobs.first?.top.count == target.topLogprobs, "\(target.id)")
                    }
                    if target.backend == .llamacpp || target.backend == .ollama {
                        #expect(generation.serverTimings?.predictedTokens == generation.outputTokens, "\(target.id)")
                    }
                case .failure(let failure):
                    // The remote target has a 2% background rate limit; anything else is a defect.
                    if !(target.id == "remote-api" && failure.errorClass == .http429) {
                        failures.append("\(target.id) \(canary.id): \(failure.errorClass) \(failure.message)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures)")

        // Inside the scripted 429 burst the remote target's failures are classified as 429s.
        manual.set(.seconds(70))
        var remote = try #require(demo.config.targets.first { $0.id == "remote-api" })
        remote.retry = RetryPolicy(maxRetries: 0)
        let backend = BackendFactory.make(target: remote, environment: [:], httpClient: client)
        var classes: [ErrorClass: Int] = [:]
        for canary in demo.config.canaries(for: remote).prefix(6) {
            if case .failure(let failure) = await backend.generate(ProbeRequest(canary: canary)) {
                classes[failure.errorClass, default: 0] += 1
            }
        }
        #expect(Set(classes.keys).isSubset(of: [.http429]))
        try await client.shutdown()
        await demo.shutdown()
    }

    @Test func faultsAreClassifiedByTheBackends() async throws {
        let cases: [(Fault, ErrorClass)] = [
            (.errors(share: 1, status: 502), .http5xx),
            (.malformed(share: 1), .protocol),
            (.reset(share: 1, afterTokens: 1), .protocol),
        ]
        for (fault, expected) in cases {
            let model = SimModel(id: "m", profile: .q4_0)
            let fleet = try await SimFleet.start(
                models: [model], canaries: DemoSuite.canaries, speed: 100,
                faults: FaultScript(windows: [FaultWindow(fault: fault)]))
            let client = BackendFactory.makeHTTPClient()
            let target = TargetConfig(
                id: "t", backend: .openai, url: try #require(fleet.servers.first?.baseURL), model: model.modelName,
                timeouts: Timeouts(connect: .seconds(2), readIdle: .seconds(2), total: .seconds(5)),
                retry: RetryPolicy(maxRetries: 0))
            let backend = BackendFactory.make(target: target, environment: [:], httpClient: client)
            let result = await backend.generate(ProbeRequest(canary: DemoSuite.canaries[7]))
            if case .failure(let failure) = result {
                #expect(
                    failure.errorClass == expected || (fault.name == "reset" && failure.errorClass == .connect),
                    "\(fault.name): \(failure.errorClass) \(failure.message)")
            } else {
                Issue.record("\(fault.name) should fail")
            }
            try await client.shutdown()
            await fleet.shutdown()
        }
    }
}
