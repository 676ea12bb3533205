import AsyncHTTPClient
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

@Suite struct TransportTimelineTests {
    @Test func t0IsTakenWhenTheBodyIsWrittenNotWhenTheRequestIsBuilt() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .body("{}") }
        let client = BackendFactory.makeHTTPClient()
        let transport = HTTPTransport(
            client: client, timeouts: Timeouts(), retry: RetryPolicy(maxRetries: 0), redactor: Redactor(secrets: []))
        let timeline = AttemptTimeline()
        let prepared = PreparedRequest(url: server.baseURL + "/x", method: .POST, body: Array("{}".utf8))
        _ = try transport.clientRequest(prepared, timeline: timeline)
        #expect(!timeline.wasWritten)
        try await Task.sleep(for: .milliseconds(50))
        var parts = try transport.send(prepared, timeline: timeline).makeAsyncIterator()
        let (head, arrived) = try await transport.awaitHead(&parts)
        #expect(head.status == .ok)
        #expect(try await transport.readErrorDetail(&parts) == "{}")
        #expect(timeline.wasWritten)
        // Taken at write time, after the 50 ms pause, not when the timeline was created; the head came after it.
        #expect(timeline.start.duration(to: timeline.t0) >= .milliseconds(50))
        #expect(arrived >= timeline.t0)
        #expect(server.requests.first?.bodyText == "{}")
        await server.shutdown()
        try await client.shutdown()
    }

    @Test func stallAfterTheEndMarkerStillSucceeds() async throws {
        let events = [openAIChunk("4", finish: "stop"), "[DONE]"].map { ScriptedResponse.event($0) }
        let timeouts = Timeouts(connect: .seconds(5), readIdle: .seconds(2), total: .seconds(20))
        try await withBackend(.openai, timeouts: timeouts) { _ in
            .sse(events, ending: [.stall])
        } _: { backend, _ in
            let outcome = await backend.generate(probe())
            let generation = try #require(outcome.success, "\(outcome)")
            // Had the stall been waited for, the read-idle timeout would have failed the probe.
            #expect(generation.text == "4")
        }
    }

    @Test func endpointURLsToleratesSlashesAndVersionSuffix() {
        let forms = ["http://h:1", "http://h:1/", "http://h:1/v1", "http://h:1/v1/"]
        for form in forms {
            #expect(EndpointURL.make(base: form, path: "/v1/models", dropVersionSuffix: true) == "http://h:1/v1/models")
        }
        #expect(EndpointURL.make(base: "http://h:1/", path: "/health") == "http://h:1/health")
        #expect(PreparedRequest(url: "https://u:p@h/v1/chat?key=1").pathForMessages == "/v1/chat")
    }

    @Test func keepAliveConnectionIsReusedAcrossProbes() async throws {
        let events = [openAIChunk("4", finish: "stop"), "[DONE]"].map { ScriptedResponse.event($0) }
        try await withBackend(.openai) { _ in
            .sse(events)
        } _: { backend, server in
            for _ in 0..<5 { #expect(await backend.generate(probe()).success != nil) }
            #expect(server.requests.count == 5)
        }
    }
}

extension TransportTimelineTests {
    @Test func statusWinsOverAStalledErrorBody() async throws {
        let timeouts = Timeouts(connect: .seconds(2), readIdle: .seconds(2), total: .seconds(20))
        try await withBackend(.openai, timeouts: timeouts) { _ in
            ScriptedResponse(status: 502, steps: [.text("{\"error\":"), .stall])
        } _: { backend, _ in
            let failure = try #require(await backend.generate(probe()).failure)
            #expect(failure.errorClass == .http5xx)
            #expect(failure.httpStatus == 502)
        }
    }
}
