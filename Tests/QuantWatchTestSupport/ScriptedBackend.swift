import QuantWatchBackends
import QuantWatchDomain

/// An in-memory backend whose answer is a closure: for monitor tests that are about scheduling, not HTTP.
package struct ScriptedBackend: Backend {
    package let answer: @Sendable (ProbeRequest) async -> Result<Generation, ProbeFailure>

    package init(answer: @escaping @Sendable (ProbeRequest) async -> Result<Generation, ProbeFailure>) {
        self.answer = answer
    }

    package func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure> {
        await answer(request)
    }

    package func checkReachable() async -> Result<Void, ProbeFailure> { .success(()) }

    package static func instant(_ text: String) -> ScriptedBackend {
        ScriptedBackend { _ in
            .success(
                Generation(
                    text: text, ttfb: .milliseconds(1), ttft: .milliseconds(2), e2e: .milliseconds(5), outputTokens: 3))
        }
    }

    /// Never answers until cancelled (a hung server whose timeout is far away).
    package static let hung = ScriptedBackend { _ in
        try? await Task.sleep(for: .seconds(3600))
        return .failure(ProbeFailure(.cancelled, "cancelled"))
    }
}

/// Counts calls and the most calls in flight at once.
package actor CallCounter {
    package private(set) var calls = 0
    package private(set) var inFlight = 0
    package private(set) var maxInFlight = 0

    package init() {}

    package func begin() {
        calls += 1
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    package func end() { inFlight -= 1 }
}

package enum MonitorFixtures {
    package static let canaries = [
        Canary(id: "add", category: "math", messages: [.init(role: .user, content: "2+2?")], scorer: .exact("4")),
        Canary(
            id: "capital", category: "general", messages: [.init(role: .user, content: "Capital of France?")],
            scorer: .exact("Paris")),
    ]

    package static func fleet(_ ids: [String], interval: Duration = .milliseconds(50), concurrency: Int = 8)
        -> FleetConfig
    {
        let suite = CanarySuite(name: "test", path: "test.yaml", canaries: canaries)
        let targets = ids.map { id in
            TargetConfig(
                id: id, backend: .openai, url: "http://127.0.0.1:1", interval: interval, suitePaths: ["test.yaml"])
        }
        return FleetConfig(path: "fleet.yaml", targets: targets, suites: ["test.yaml": suite], concurrency: concurrency)
    }
}
