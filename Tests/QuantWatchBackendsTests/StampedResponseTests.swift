import NIOCore
import NIOPosix
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Synchronization
import Testing

/// Response parts are stamped where they arrive (the event loop), not when the consuming task reads them, and a
/// consumer that does not read holds back the socket instead of buffering the whole body.
struct StampedResponseTests {
    @Test func partsCarryTheirArrivalInstantNotWhenTheyAreRead() async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            ScriptedResponse(steps: [.text("first"), .mark("sent"), .sleep(.milliseconds(300)), .text("second")])
        }
        let client = BackendFactory.makeHTTPClient()
        let transport = HTTPTransport(
            client: client, timeouts: Timeouts(), retry: RetryPolicy(maxRetries: 0), redactor: Redactor(secrets: []))
        let timeline = AttemptTimeline()
        var parts = try transport.send(PreparedRequest(url: server.baseURL + "/x", method: .GET), timeline: timeline)
            .makeAsyncIterator()
        // A consuming task that is late to its parts, as on a busy cooperative pool: it looks only well after the
        // server sent the first one (waiting for the send first, so a loaded machine cannot turn this around).
        let deadline = ContinuousClock.now + .seconds(30)
        while server.requests.first.map({ server.marks(forRequest: $0.index)["sent"] == nil }) ?? true,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(300))
        let readAt = ContinuousClock.now
        let (_, headAt) = try await transport.awaitHead(&parts)
        var stamps: [(String, ContinuousClock.Instant)] = []
        while let part = try await parts.next() {
            if case .body(let buffer, let arrived) = part { stamps.append((String(buffer: buffer), arrived)) }
        }
        await server.shutdown()
        try await client.shutdown()

        #expect(stamps.map(\.0).joined() == "firstsecond")
        let first = try #require(stamps.first?.1)
        let second = try #require(stamps.last?.1)
        #expect(headAt >= timeline.t0)
        // The first part came in well before the task looked at it; the second when the server sent it.
        #expect(first < readAt - .milliseconds(100), "stamped \(first.duration(to: readAt)) before reading")
        #expect(first.duration(to: second) >= .milliseconds(250))
        #expect(timeline.lastActivity >= second)
    }

    @Test func aMessageSplitAcrossPartsIsTimedByThePartThatCompletesIt() async throws {
        let chunk = ScriptedResponse.event(openAIChunk("4", finish: "stop"))
        let cut = chunk.index(chunk.startIndex, offsetBy: 20)
        try await withBackend(.openai) { _ in
            ScriptedResponse(
                headers: [("content-type", "text/event-stream")],
                steps: [
                    .text(String(chunk[..<cut])), .sleep(.milliseconds(150)), .text(String(chunk[cut...])),
                    .text(ScriptedResponse.event("[DONE]")),
                ])
        } _: { backend, _ in
            let generation = try #require(await backend.generate(probe()).success)
            #expect(generation.text == "4")
            #expect(generation.ttft >= .milliseconds(150))
            #expect(generation.ttft - generation.ttfb >= .milliseconds(140))
        }
    }

    @Test func anUnreadResponseStopsReadingAtTheHighWatermark() async throws {
        let (delegate, parts) = StampedResponseDelegate.make(
            timeline: AttemptTimeline(), lowWatermark: 1, highWatermark: 3)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let part = StampedPart.body(ByteBuffer(string: "x"), at: .now)
        // Below the high watermark every part is taken at once.
        for _ in 0..<2 { try await delegate.deliver(part, on: loop).get() }
        let held = delegate.deliver(part, on: loop)
        let flag = Flag()
        held.whenComplete { _ in flag.set() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!flag.isSet, "the third part must wait for the consumer")

        let iterator = parts.makeAsyncIterator()
        for _ in 0..<3 { _ = try await iterator.next() }
        try await held.get()
        #expect(flag.isSet)
    }
}

/// A flag set from a future's callback on the event loop, read by the test.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
