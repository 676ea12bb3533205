import AsyncHTTPClient
import Foundation
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

/// The scraper over real loopback HTTP: both runtimes' expositions, a 501, garbage, and endpoints that hang.
struct RuntimeScraperTests {
    private func scrape(
        _ response: ScriptedResponse, timeout: Duration = .seconds(5)
    ) async throws -> (ScrapeOutcome, Duration, [RecordedRequest]) {
        let server = try await ScriptedHTTPServer.start { _ in response }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let scraper = RuntimeScraper(
            targetID: "t", url: server.baseURL + "/metrics", interval: .seconds(10), timeout: timeout,
            fetcher: HTTPMetricsFetcher(client: client))
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await scraper.scrape()
        let elapsed = clock.now - started
        let requests = server.requests
        await server.shutdown()
        try await client.shutdown()
        return (outcome, elapsed, requests)
    }

    private static func text(_ body: String, status: Int = 200) -> ScriptedResponse {
        .body(body, status: status, contentType: "text/plain; version=0.0.4")
    }

    @Test func readsAVLLMExposition() async throws {
        let (outcome, _, requests) = try await scrape(Self.text(RuntimeExpositions.vllm(waiting: 6)))
        guard case .reading(let reading) = outcome else {
            Issue.record("expected a reading, got \(outcome)")
            return
        }
        #expect(reading.naming == .vllm)
        #expect(reading.requestsWaiting == 6)
        #expect(reading.ttft?.count == 100)
        #expect(requests.first?.method == "GET")
        #expect(requests.first?.path == "/metrics")
    }

    @Test func readsALlamaCppExposition() async throws {
        let (outcome, _, _) = try await scrape(Self.text(RuntimeExpositions.llamaCpp))
        guard case .reading(let reading) = outcome else {
            Issue.record("expected a reading, got \(outcome)")
            return
        }
        #expect(reading.naming == .llamacpp)
        #expect(reading.requestsRunning == 2)
        #expect(reading.requestsWaiting == 3)
    }

    @Test func a501IsLlamaCppWithoutMetrics() async throws {
        let body =
            #"{"error":{"code":501,"message":"This server does not support metrics endpoint.","type":"not_supported_error"}}"#
        let (outcome, _, _) = try await scrape(.body(body, status: 501))
        guard case .failure(let failure, _) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure == .notEnabled)
        #expect(failure.description == "runtime metrics off (start llama-server with --metrics)")
    }

    @Test func otherStatusesAreNamed() async throws {
        let (outcome, _, _) = try await scrape(.body("nope", status: 404))
        #expect(outcome == .failure(.httpStatus(404), at: outcome.at))
    }

    @Test func garbageIsAMalformedExpositionWithItsLine() async throws {
        let (outcome, _, _) = try await scrape(Self.text("up 1\n<html>oops</html>\n"))
        guard case .failure(.malformed(let error), _) = outcome else {
            Issue.record("expected malformed, got \(outcome)")
            return
        }
        #expect(error.line == 2)
    }

    @Test(arguments: [
        ScriptedResponse(headDelay: .seconds(30)),
        ScriptedResponse(headers: [("content-type", "text/plain")], steps: [.text("up 1\n"), .stall]),
    ])
    func aHangingEndpointTimesOut(_ response: ScriptedResponse) async throws {
        let (outcome, elapsed, _) = try await scrape(response, timeout: .milliseconds(300))
        #expect(outcome == .failure(.timeout(.milliseconds(300)), at: outcome.at))
        // Cut at the timeout, not at the server's 30 s (generous: the machine may be loaded).
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let port = try LoopbackPort.unusedOutsideEphemeralRange()
        // The probing client: no silent connect retries, so a refusal is an answer, not a wait.
        let client = BackendFactory.makeHTTPClient()
        let scraper = RuntimeScraper(
            targetID: "t", url: "http://127.0.0.1:\(port)/metrics", interval: .seconds(10), timeout: .seconds(10),
            fetcher: HTTPMetricsFetcher(client: client))
        let outcome = await scraper.scrape()
        try await client.shutdown()
        guard case .failure(.unreachable, _) = outcome else {
            Issue.record("expected unreachable, got \(outcome)")
            return
        }
    }

    @Test func aHangingScrapeNeverDelaysProbes() async throws {
        let server = try await ScriptedHTTPServer.start { _ in ScriptedResponse(headDelay: .seconds(30)) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let config = MonitorFixtures.fleet(["t"], interval: .seconds(1), concurrency: 1)
        // The scrapes keep real time (each is a socket read, cut at its deadline, and every one hangs); the probes
        // run on a manual clock, fifteen seconds of them.
        let scraper = RuntimeScraper(
            targetID: "t", url: server.baseURL + "/metrics", interval: .seconds(1), timeout: .seconds(1),
            fetcher: HTTPMetricsFetcher(client: client))
        let clock = ManualClock()
        let monitor = MonitorActor(
            config: config, backends: ["t": ScriptedBackend.instant("4")], jitter: 0, clock: clock,
            random: SeededRandom(seed: 5), now: clock.date, scrapers: [scraper])
        let run = Task { await monitor.run() }
        await clock.sleepers(atLeast: 2)
        for _ in 0..<15 {
            clock.advance(by: .seconds(1))
            await clock.sleepers(atLeast: 2)
        }
        let probes = await monitor.currentSnapshot().targets.first?.stats(.oneMinute).requests
        run.cancel()
        await run.value
        // With a concurrency of one, a scrape holding the permit would allow no probe until it timed out.
        #expect(probes == 15)
        await server.shutdown()
        try await client.shutdown()
    }

    @Test func scrapersComeFromTheTargetsThatHaveAnEndpoint() {
        let local = TargetConfig(id: "local", backend: .llamacpp, url: "http://10.0.0.5:8080", interval: .seconds(5))
        let hosted = TargetConfig(id: "hosted", backend: .openai, url: "https://api.example.com/v1")
        let off = TargetConfig(id: "off", backend: .llamacpp, url: "http://127.0.0.1:8080", metrics: .off)
        let fast = TargetConfig(
            id: "fast", backend: .openai, url: "http://127.0.0.1:8000/v1", interval: .milliseconds(100))
        let config = FleetConfig(path: "f", targets: [local, hosted, off, fast], suites: [:])
        let scrapers = RuntimeScraper.scrapers(for: config, fetcher: NeverFetcher())
        #expect(scrapers.map(\.targetID) == ["local", "fast"])
        #expect(scrapers.map(\.url) == ["http://10.0.0.5:8080/metrics", "http://127.0.0.1:8000/metrics"])
        // The probe interval, but never faster than once a second.
        #expect(scrapers.map(\.interval) == [.seconds(5), .seconds(1)])
    }
}

/// A fetcher that is never called (for building scrapers only).
private struct NeverFetcher: MetricsFetcher {
    func fetch(_ url: String, timeout: Duration) async -> Result<[UInt8], ScrapeFailure> { .failure(.notEnabled) }
}
