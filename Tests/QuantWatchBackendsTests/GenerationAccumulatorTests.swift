@testable import QuantWatchBackends
import QuantWatchDomain
import Testing

/// DESIGN.md's timing rules on given instants, so they are proven exactly and no loaded machine can move them:
/// TTFT is the first generated chunk, E2E the last one (not the end marker), reasoning counts as output.
struct GenerationAccumulatorTests {
    let t0 = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0 + .milliseconds(milliseconds) }

    @Test func ttftIsTheFirstChunkAndE2ETheLastNotTheEndMarker() throws {
        var stream = GenerationAccumulator()
        stream.sawMessage = true
        // A role-only chunk and empty pieces are not content.
        stream.content("", at: at(5))
        stream.content("The", at: at(80))
        stream.content(" answer", at: at(100))
        stream.content(" is 4", at: at(120))
        stream.finished = true  // [DONE] at 3 s moves nothing
        let generation = try stream.generation(t0: t0, head: at(2), retries: 1)
        #expect(generation.text == "The answer is 4")
        #expect(generation.ttfb == .milliseconds(2))
        #expect(generation.ttft == .milliseconds(80))
        #expect(generation.e2e == .milliseconds(120))
        #expect(generation.outputTokens == 3, "chunks count as tokens without a usage block")
        #expect(generation.retries == 1)
    }

    @Test func reasoningStartsTheClockButIsNotTheAnswer() throws {
        var stream = GenerationAccumulator()
        stream.sawMessage = true
        stream.reasoning("thinking", at: at(40))
        stream.content("4", at: at(300))
        stream.usageOutputTokens = 57
        stream.finished = true
        let generation = try stream.generation(t0: t0, head: at(10), retries: 0)
        #expect(generation.text == "4")
        #expect(generation.ttft == .milliseconds(40))
        #expect(generation.e2e == .milliseconds(300))
        #expect(generation.outputTokens == 57, "the server's usage count wins over chunks")
    }

    @Test func aStreamWithoutContentOrEndIsMalformed() {
        var empty = GenerationAccumulator()
        #expect(throws: AttemptFailure.self) { try empty.generation(t0: t0, head: at(1), retries: 0) }
        empty.sawMessage = true
        empty.content("4", at: at(20))
        #expect(throws: AttemptFailure.self, "no end marker") { try empty.generation(t0: t0, head: at(1), retries: 0) }
        var silent = GenerationAccumulator()
        silent.sawMessage = true
        silent.finished = true
        #expect(throws: AttemptFailure.self, "no content") { try silent.generation(t0: t0, head: at(1), retries: 0) }
    }
}
