import QuantWatchDomain
import Testing

/// `metrics_url`, `metrics_interval` and `slo` in the fleet file: defaults, spellings, and errors with lines.
struct RuntimeConfigTests {
    private func load(_ targets: String, top: String = "") throws -> FleetConfig {
        let fixture = try ConfigFixture()
        return try fixture.parse("suite: s.yaml\n\(top)targets:\n\(targets)").get()
    }

    @Test func metricsURLDefaultsToLocalRuntimesOnly() throws {
        let config = try load(
            """
              - {id: cpp, backend: llamacpp, url: "http://gpu-box.example.com:8080"}
              - {id: vllm, backend: openai, url: "http://192.168.1.20:8000/v1"}
              - {id: loop, backend: openai, url: "http://localhost:8000/v1"}
              - {id: hosted, backend: openai, url: "https://api.openai.com/v1"}
              - {id: ollama, backend: ollama, url: "http://127.0.0.1:11434", model: m}
              - {id: claude, backend: anthropic, url: "https://api.anthropic.com", model: m}
            """)
        #expect(
            config.targets.map(\.metricsURL) == [
                "http://gpu-box.example.com:8080/metrics", "http://192.168.1.20:8000/metrics",
                "http://localhost:8000/metrics", nil, nil, nil,
            ])
    }

    @Test(arguments: [
        ("http://172.20.1.2:8000/v1", true), ("http://172.32.0.1:8000/v1", false), ("http://[::1]:8000/v1", true),
        ("http://[fd12::5]:8000/v1", true), ("http://gpu.internal:8000/v1", true), ("http://8.8.8.8/v1", false),
        ("http://169.254.3.4/v1", true), ("http://10.1.2.3.example.com/v1", false),
    ])
    func openAITargetsOnPrivateAddressesAreScrapedByDefault(_ url: String, _ scraped: Bool) {
        let target = TargetConfig(id: "t", backend: .openai, url: url)
        #expect((target.metricsURL != nil) == scraped, "\(url): \(target.metricsURL ?? "none")")
    }

    @Test func metricsURLCanBeOffAPathOrAURL() throws {
        let config = try load(
            """
              - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080", metrics_url: off}
              - {id: b, backend: llamacpp, url: "http://127.0.0.1:8081", metrics_url: "off"}
              - {id: c, backend: openai, url: "https://vllm.example.com/v1", metrics_url: /prom}
              - {id: d, backend: openai, url: "https://api.example.com/v1", metrics_url: "http://10.0.0.9:9090/metrics",
                 metrics_interval: 5s}
            """)
        #expect(
            config.targets.map(\.metricsURL) == [
                nil, nil, "https://vllm.example.com/prom", "http://10.0.0.9:9090/metrics",
            ])
        #expect(config.targets[3].metricsInterval == .seconds(5))
        #expect(config.targets[0].metricsInterval == nil)
    }

    @Test func sloIsInheritedFromTheTopLevelAndOverriddenPerTarget() throws {
        let config = try load(
            """
              - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
              - {id: b, backend: llamacpp, url: "http://127.0.0.1:8081", slo: {ttft_ms: 200}}
            """, top: "slo: {ttft_ms: 500, tpot_ms: 50, e2e_ms: 3000}\n")
        #expect(
            config.targets[0].slo
                == ServiceLevelObjective(ttftMilliseconds: 500, tpotMilliseconds: 50, e2eMilliseconds: 3000))
        #expect(config.targets[1].slo == ServiceLevelObjective(ttftMilliseconds: 200))
    }

    @Test(arguments: [
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\", metric_url: off}", "",
            "unknown key 'metric_url' (did you mean 'metrics_url'?)", 3
        ),
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\", metrics_url: \"ftp://x\"}", "",
            "'metrics_url' must be 'off', a path such as /metrics, or an http:// or https:// address", 3
        ),
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\", metrics_url: \"http://u:p@h/metrics\"}", "",
            "'metrics_url' must not carry credentials", 3
        ),
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\", metrics_interval: 100ms}", "",
            "'metrics_interval' must be at least 1s", 3
        ),
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\"}", "slo: {ttft: 500}\n",
            "unknown key 'ttft' (did you mean 'ttft_ms'?)", 2
        ),
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\"}", "slo: {}\n",
            "'slo' names no objective", 2
        ),
        (
            "  - {id: a, backend: llamacpp, url: \"http://127.0.0.1:8080\", slo: {e2e_ms: -5}}", "",
            "'e2e_ms' must be at least 0.001", 3
        ),
    ])
    func reportsBadValuesWithTheirLine(_ targets: String, _ top: String, _ message: String, _ line: Int) throws {
        let fixture = try ConfigFixture()
        let issues = fixture.issues("suite: s.yaml\n\(top)targets:\n\(targets)")
        try #require(issues.count >= 1, "no issue")
        #expect(issues.contains { $0.message.contains(message) && $0.line == line }, "\(issues)")
    }
}
