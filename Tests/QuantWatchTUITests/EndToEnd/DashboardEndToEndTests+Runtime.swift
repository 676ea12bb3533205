import Foundation
import Testing

/// `quantwatch demo` in tmux at 120x40: the fleet table's queue column and the detail view's runtime panel,
/// fed by the simulator's llama.cpp and vLLM `/metrics` over loopback HTTP.
///
/// In the dashboard suite, so it runs one at a time with the other tmux tests (a demo beside them starves them).
extension DashboardEndToEndTests {
    @Test func theDemoShowsTheQueueColumnAndTheRuntimePanel() async throws {
        let binary = try QuantwatchBinary.path()
        let session = try TmuxSession(width: 120, height: 40)
        defer { session.kill() }
        try await session.waitFor("qw-prompt$", timeout: 10)
        // Slow probes and few frames: the figures come from the first scrapes (at start), and a busy demo beside
        // the suite's timing-sensitive tests would skew them on a two-core machine.
        try session.send("'\(binary)' demo --no-db --interval 10s --refresh 2", "Enter")
        var screen = try await session.waitFor(timeout: 40) { $0.contains(" queue ") && $0.contains("llama8b-q4_0") }
        let lines = screen.split(separator: "\n").map(String.init)
        let llama = try #require(lines.first { $0.contains("llama8b-f16") })
        #expect(llama.range(of: #"\d+/\d+"#, options: .regularExpression) != nil, "\(llama)")
        // Ollama publishes no /metrics: a dash in the column.
        let ollama = try #require(lines.first { $0.contains("llama8b-q4_k_m") })
        #expect(ollama.range(of: #"\d+/\d+"#, options: .regularExpression) == nil, "\(ollama)")

        for _ in 0..<3 { try session.send("j") }
        try session.send("Enter")
        screen = try await session.waitFor(timeout: 30) { $0.contains("Runtime") && $0.contains("llama.cpp /metrics") }
        #expect(screen.contains("Fleet › llama8b-q4_0"))
        #expect(screen.contains("ttft p95 client"))
        #expect(screen.contains("│queue  "))
        try session.send("q")
    }
}
