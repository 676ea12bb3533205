import QuantWatchSimulator
import Testing

/// `--models` lists and YAML files, and servers that cannot bind.
struct SimModelSpecParserTests {
    @Test func parsesAListWithRenamesAndPorts() throws {
        let models = try SimModelSpecParser.parseList("fp16, q4_k_m ,remote=q8_0", basePort: 9000)
        #expect(models.map(\.id) == ["fp16", "q4_k_m", "remote"])
        #expect(models.map(\.profile.name) == ["fp16", "q4_k_m", "q8_0"])
        #expect(models.map(\.port) == [9000, 9001, 9002])
        #expect(try SimModelSpecParser.parseList("fp16").first?.port == 0)
    }

    @Test func rejectsUnknownProfilesAndDuplicates() {
        #expect(throws: FaultScriptError.self) { try SimModelSpecParser.parseList("fp16,q3_k") }
        #expect(throws: FaultScriptError.self) { try SimModelSpecParser.parseList("fp16,fp16") }
    }

    @Test func parsesYAMLWithCustomProfiles() throws {
        let yaml = """
            models:
              - {id: base, profile: fp16}
              - id: big
                name: my-model:custom
                profile: custom
                tokens_per_second: 60
                ttft_ms: 200
                kld: 0.02
                accuracy: {math: 0.5}
            """
        let models = try SimModelSpecParser.parse(yaml: yaml, path: "m.yaml")
        #expect(models.count == 2)
        #expect(models[1].modelName == "my-model:custom")
        #expect(models[1].profile.tokensPerSecond == 60)
        #expect(models[1].profile.accuracy(for: "math") == 0.5)
        #expect(models[1].profile.targetKLD == 0.02)
    }

    @Test func yamlErrorsCarryTheLine() {
        let yaml = "models:\n  - id: a\n    tokens_per_second: fast\n"
        do {
            _ = try SimModelSpecParser.parse(yaml: yaml, path: "m.yaml")
            Issue.record("expected an error")
        } catch let error as FaultScriptError {
            #expect(error.line == 3, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aTakenPortIsAClearError() async throws {
        let first = SimServer(engine: SimEngine(model: SimModel(id: "a", profile: .fp16), canaries: []))
        let port = try await first.start()
        let second = SimServer(engine: SimEngine(model: SimModel(id: "b", profile: .fp16, port: port), canaries: []))
        await #expect(throws: SimServerError.self) { try await second.start() }
        await second.shutdown()
        await first.shutdown()
    }
}
