import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport

/// A raw HTTP response as the tests see it.
struct RawResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    /// `data:` payloads of an SSE body, in order.
    var sseData: [String] {
        body.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    /// `event:` names of an SSE body, in order.
    var sseEvents: [String] {
        body.components(separatedBy: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
    }

    /// Non-empty lines of an NDJSON body.
    var lines: [String] {
        body.components(separatedBy: "\n").filter { !$0.isEmpty }
    }
}

/// Fixtures for simulator tests: servers on ephemeral loopback ports, raw requests, JSON digging.
enum SimTest {
    static let canaries = DemoSuite.canaries

    /// Runs `body` with a started server and a fresh client, tearing both down after.
    static func withServer<T>(
        profile: QuantProfile = .q4_k_m, id: String? = nil, port: Int = 0, seed: UInt64 = 7, speed: Double = 200,
        faults: FaultScript = FaultScript(), clock: SimClock = .continuous(),
        _ body: (SimServer, HTTPClient) async throws -> T
    ) async throws -> T {
        try await withServer(
            model: SimModel(id: id ?? profile.name, profile: profile, port: port), seed: seed, speed: speed,
            faults: faults, clock: clock, body)
    }

    /// The same for a model described in full (its `/metrics` naming, its slots).
    static func withServer<T>(
        model: SimModel, seed: UInt64, speed: Double, faults: FaultScript, clock: SimClock,
        _ body: (SimServer, HTTPClient) async throws -> T
    ) async throws -> T {
        let engine = SimEngine(model: model, canaries: canaries, seed: seed, speed: speed, faults: faults, clock: clock)
        let server = SimServer(engine: engine)
        try await server.start()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let result = try await body(server, client)
            try await client.shutdown()
            await server.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            await server.shutdown()
            throw error
        }
    }

    static func post(_ client: HTTPClient, _ url: String, _ json: String, timeout: Int64 = 20) async throws
        -> RawResponse
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await client.execute(request, timeout: .seconds(timeout))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
    }

    static func get(_ client: HTTPClient, _ url: String, timeout: Int64 = 10) async throws -> RawResponse {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(timeout))
        let body = try await response.body.collect(upTo: 1024 * 1024)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
    }

    static func object(_ text: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    static func chatBody(_ question: String, model: String = "m", stream: Bool, extra: String = "") -> String {
        let content = SimJSON.string(question).text
        return "{\"model\":\"\(model)\",\"messages\":[{\"role\":\"user\",\"content\":\(content)}],"
            + "\"stream\":\(stream),\"temperature\":0,\"seed\":42\(extra)}"
    }

    static func completionBody(_ prompt: String, stream: Bool, probs: Int = 0) -> String {
        "{\"prompt\":\(SimJSON.string(prompt).text),\"stream\":\(stream),\"n_predict\":64,\"n_probs\":\(probs),"
            + "\"temperature\":0,\"cache_prompt\":false}"
    }

    static func anthropicBody(_ question: String, stream: Bool) -> String {
        "{\"model\":\"m\",\"max_tokens\":64,\"stream\":\(stream),\"messages\":[{\"role\":\"user\",\"content\":"
            + "\(SimJSON.string(question).text)}]}"
    }

    static func question(_ canaryID: String) -> String {
        canaries.first { $0.id == canaryID }?.messages.last?.content ?? ""
    }
}
