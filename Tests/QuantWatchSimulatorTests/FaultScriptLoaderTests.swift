import Foundation
import QuantWatchSimulator
import Testing

/// Fault scripts from YAML: every fault kind, and errors that point at the right line.
struct FaultScriptLoaderTests {
    @Test func parsesEveryFaultKind() throws {
        let yaml = """
            faults:
              - {at: 30s, for: 60s, model: q4_0, latency: {add: 200ms}}
              - {latency: {multiply: 3, share: 0.5}}
              - {at: 1m, errors: {share: 0.05, status: 500}}
              - {rate_limit: {share: 0.5, retry_after: 1s}}
              - {stall: {share: 0.1, after_tokens: 3}}
              - {malformed: {share: 0.1}}
              - {reset: 0.1}
              - {at: 90s, for: 10s, refuse: true}
              - {at: 45s, accuracy_drop: {category: math, points: 30}}
              - {fault: refuse}
              - {fault: {errors: {share: 1}}}
            """
        let script = try FaultScriptLoader.parse(yaml: yaml)
        #expect(script.windows.count == 11)
        #expect(
            script.windows[0]
                == FaultWindow(
                    start: .seconds(30), duration: .seconds(60), model: "q4_0",
                    fault: .latency(add: .milliseconds(200), multiply: 1, share: 1)))
        #expect(script.windows[1].fault == .latency(add: .zero, multiply: 3, share: 0.5))
        #expect(script.windows[2].start == .seconds(60))
        #expect(script.windows[2].fault == .errors(share: 0.05, status: 500))
        #expect(script.windows[3].fault == .rateLimit(share: 0.5, retryAfter: .seconds(1)))
        #expect(script.windows[4].fault == .stall(share: 0.1, afterTokens: 3))
        #expect(script.windows[5].fault == .malformed(share: 0.1))
        #expect(script.windows[6].fault == .reset(share: 0.1, afterTokens: 2))
        #expect(script.windows[7].fault == .refuse)
        #expect(script.windows[8].fault == .accuracyDrop(category: "math", points: 30))
        #expect(script.windows[9].fault == .refuse)
        #expect(script.windows[10].fault == .errors(share: 1, status: nil))
        // Two refusals: the 90-100s window and the always-on `fault: refuse` entry.
        #expect(script.activeFaults(at: .seconds(95), model: "Q4_0").filter { $0 == .refuse }.count == 2)
        #expect(script.activeFaults(at: .seconds(100), model: "q4_0").filter { $0 == .refuse }.count == 1)
        #expect(script.activeFaults(at: .seconds(29), model: "q4_0").count == 7)
    }

    @Test func parsesAQueueFault() throws {
        let script = try FaultScriptLoader.parse(
            yaml: "- {at: 20s, for: 40s, model: q4_0, queue: {depth: 6, wait: 1200ms}}\n- {queue: {}}\n")
        #expect(
            script.windows.map(\.fault) == [
                .queue(depth: 6, wait: .milliseconds(1200)), .queue(depth: 4, wait: .milliseconds(500)),
            ])
        #expect(script.windows[0].start == .seconds(20))
    }

    @Test(arguments: [
        ("faults:\n  - at: 10s\n    latncy: {add: 1s}\n", 3, "unknown key 'latncy'"),
        ("faults:\n  - at: 10s\n  - at: 20s\n    errors: {share: 2}\n", 2, "entry has no fault"),
        ("- errors: {share: 0.1}\n- errors: {share: 1.5}\n", 2, "'share' must be a number in 0.0...1.0"),
        ("- at: soon\n  refuse: true\n", 1, "'at' must be a duration"),
        ("- {latency: {add: 1s, times: 2}}\n", 1, "unknown parameter 'times' for latency"),
        ("- {errors: {share: 0.1}, refuse: true}\n", 1, "exactly one fault"),
        ("- {accuracy_drop: {category: math}}\n", 1, "needs 'points'"),
        ("faults:\n  - {at: 1s, refuse: true\n", 3, "not valid YAML"),
        ("\n\nfault: []\n", 3, "unknown key 'fault'"),
    ])
    func errorsCarryTheLine(yaml: String, line: Int, message: String) {
        do {
            _ = try FaultScriptLoader.parse(yaml: yaml, path: "bad.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch let error as FaultScriptError {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("bad.yaml:\(line):"), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func shippedIncidentSampleLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = try FaultScriptLoader.load(path: root.appendingPathComponent("samples/faults/incident.yaml").path)
        #expect(script.windows.count == 9)
        #expect(script.windows.contains { $0.fault == .refuse && $0.model == "fp16" })
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: FaultScriptError.self) {
            try FaultScriptLoader.load(path: "/nonexistent/faults.yaml")
        }
    }
}
