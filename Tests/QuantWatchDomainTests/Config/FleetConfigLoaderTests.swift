import Foundation
import QuantWatchDomain
import Testing

/// Valid fleet files: defaults, overrides merged onto fleet values, suite paths.
struct FleetConfigLoaderTests {
    @Test func minimalFileGetsTheContractDefaults() throws {
        let fixture = try ConfigFixture()
        let config = try fixture.parse(
            """
            suite: s.yaml
            targets:
              - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
            """
        ).get()
        let target = try #require(config.targets.first)
        #expect(config.concurrency == 8)
        #expect(config.alerts == AlertThresholds())
        #expect(config.keys.isEmpty)
        #expect(target.interval == .seconds(15))
        #expect(target.timeouts == Timeouts())
        #expect(target.retry == RetryPolicy())
        #expect(target.seed == 42)
        #expect(target.topLogprobs == 0)
        #expect(target.model == "" && target.quant == "" && target.baseline == nil && target.price == nil)
        #expect(target.suitePaths == [fixture.folder + "/s.yaml"])
        #expect(config.canaries(for: target).map(\.id) == ["one"])
        #expect(config.path == fixture.fleetPath)
    }

    @Test func targetOverridesMergeOntoFleetValues() throws {
        let fixture = try ConfigFixture()
        try fixture.write("t.yaml", ConfigFixture.suite.replacingOccurrences(of: "id: one", with: "id: two"))
        let config = try fixture.parse(
            """
            interval: 20s
            timeouts: {connect: 1s, read_idle: 4s, total: 40s}
            retries: {max: 4, base_delay: 100ms, max_delay: 2s}
            concurrency: 3
            suite: s.yaml
            seed: 7
            top_logprobs: 3
            alerts:
              p99_ms: 900
              error_rate: 0.02
              accuracy_drop_points: {warning: 1, critical: 3}
            keys: {sort: o, quit: Q}
            targets:
              - id: base
                backend: llamacpp
                url: http://127.0.0.1:8080
              - id: quant
                backend: openai
                url: https://api.example.com/v1
                model: m
                quant: Q4_K_M
                baseline: base
                interval: 1m30s
                timeout: 10s
                retries: {max: 0}
                suites: [t.yaml, s.yaml]
                seed: 9
                top_logprobs: 0
                alerts: {p99_ms: 2000, accuracy_drop_points: {critical: 8}}
                price_per_mtok: {input: 0.15, output: 0.6}
                headers: {X-Team: infra}
            """
        ).get()
        #expect(config.concurrency == 3)
        #expect(config.keys == ["sort": "o", "quit": "Q"])
        let base = config.targets[0]
        let quant = config.targets[1]
        #expect(base.interval == .seconds(20))
        #expect(base.timeouts == Timeouts(connect: .seconds(1), readIdle: .seconds(4), total: .seconds(40)))
        #expect(base.retry == RetryPolicy(maxRetries: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(2)))
        #expect(base.seed == 7 && base.topLogprobs == 3)
        #expect(base.alerts.p99Milliseconds == 900 && base.alerts.accuracyDropCritical == 3)

        #expect(quant.backend == .openai && quant.model == "m" && quant.quant == "Q4_K_M" && quant.baseline == "base")
        #expect(quant.interval == .seconds(90))
        // `timeout` overrides only the total; connect and read_idle come from the fleet.
        #expect(quant.timeouts == Timeouts(connect: .seconds(1), readIdle: .seconds(4), total: .seconds(10)))
        #expect(quant.retry == RetryPolicy(maxRetries: 0, baseDelay: .milliseconds(100), maxDelay: .seconds(2)))
        #expect(quant.seed == 9 && quant.topLogprobs == 0)
        #expect(quant.alerts.p99Milliseconds == 2000)
        #expect(quant.alerts.errorRate == 0.02)
        #expect(quant.alerts.accuracyDropWarning == 1 && quant.alerts.accuracyDropCritical == 8)
        #expect(quant.alerts.sloTarget == AlertThresholds().sloTarget)
        #expect(quant.price == Price(input: 0.15, output: 0.6))
        #expect(quant.headers == ["X-Team": "infra"])
        #expect(quant.suitePaths == [fixture.folder + "/t.yaml", fixture.folder + "/s.yaml"])
        #expect(config.canaries(for: quant).map(\.id) == ["two", "one"])
        #expect(config.suites.count == 2)
    }

    @Test func apiKeyEnvIsKeptByNameWhenSet() throws {
        let fixture = try ConfigFixture()
        let config = try fixture.parse(
            """
            suite: s.yaml
            targets:
              - id: r
                backend: anthropic
                url: https://api.anthropic.com
                model: claude
                api_key_env: ANTHROPIC_API_KEY
            """, environment: ["ANTHROPIC_API_KEY": "sk-ant-secret"]
        ).get()
        #expect(config.targets[0].apiKeyEnv == "ANTHROPIC_API_KEY")
        #expect(!String(describing: config).contains("sk-ant-secret"))
    }

    @Test func suitePathsResolveAgainstTheFleetFilesFolder() throws {
        let fixture = try ConfigFixture()
        try FileManagerHelper.makeFolder(fixture.folder + "/suites")
        try fixture.write("suites/deep.yaml", ConfigFixture.suite)
        let config = try fixture.parse(
            """
            suites: [./suites/../suites/deep.yaml]
            targets:
              - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
            """
        ).get()
        #expect(config.targets[0].suitePaths == [fixture.folder + "/suites/deep.yaml"])
        #expect(config.suites[fixture.folder + "/suites/deep.yaml"]?.name == "tiny")
    }

    @Test func loadReadsFromDisk() throws {
        let fixture = try ConfigFixture()
        try fixture.write(
            "fleet.yaml",
            """
            suite: s.yaml
            targets:
              - {id: a, backend: ollama, url: "http://127.0.0.1:11434", model: "llama3:8b"}
            """)
        let config = try FleetConfigLoader.load(path: fixture.fleetPath, environment: [:])
        #expect(config.targets.map(\.id) == ["a"])
        #expect(config.targets[0].model == "llama3:8b")
    }

    @Test func baselineChainsWithoutCyclesAreFine() throws {
        let fixture = try ConfigFixture()
        let config = try fixture.parse(
            """
            suite: s.yaml
            targets:
              - {id: q4, backend: llamacpp, url: "http://127.0.0.1:8082", baseline: q8}
              - {id: q8, backend: llamacpp, url: "http://127.0.0.1:8081", baseline: fp16}
              - {id: fp16, backend: llamacpp, url: "http://127.0.0.1:8080"}
            """
        ).get()
        #expect(config.targets.map(\.baseline) == ["q8", "fp16", nil])
    }
}
