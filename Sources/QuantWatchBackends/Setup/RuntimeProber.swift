import AsyncHTTPClient
import Foundation
import NIOCore

/// Asks loopback ports whether llama.cpp, Ollama or vLLM serve there, and which models they list.
///
/// A plain GET per listing path with a short deadline: nothing here probes for latency, it only finds servers, so
/// it keeps out of the backends' measured transport.
public struct RuntimeProber: Sendable {
    public var host: String
    /// How long one listing request may take (loopback: a live server answers in milliseconds).
    public var timeout: Duration

    public init(host: String = "127.0.0.1", timeout: Duration = .seconds(2)) {
        self.host = host
        self.timeout = timeout
    }

    /// Probes each runtime on its port, concurrently; results keep the order given.
    public func probe(_ ports: [(runtime: LocalRuntime, port: Int)]) async -> [RuntimeProbe] {
        let client = BackendFactory.makeHTTPClient(connectTimeout: timeout, connectionsPerHost: 2)
        let found = await withTaskGroup(of: (Int, RuntimeProbe).self) { group in
            for (index, entry) in ports.enumerated() {
                group.addTask { (index, await probe(entry.runtime, port: entry.port, client: client)) }
            }
            var collected: [Int: RuntimeProbe] = [:]
            for await (index, probe) in group { collected[index] = probe }
            return collected
        }
        try? await client.shutdown()
        return ports.indices.compactMap { found[$0] }
    }

    private func probe(_ runtime: LocalRuntime, port: Int, client: HTTPClient) async -> RuntimeProbe {
        let url = runtime.targetURL(host: host, port: port)
        for path in runtime.modelListPaths {
            guard let body = await get("http://\(host):\(port)\(path)", client: client),
                let entries = ModelListDecoder.entries(path: path, body: body)
            else { continue }
            let models = entries.map {
                DiscoveredModel(runtime: runtime, url: url, name: $0.name, reportedQuant: $0.quant)
            }
            return RuntimeProbe(runtime: runtime, port: port, models: models)
        }
        return RuntimeProbe(runtime: runtime, port: port, models: nil)
    }

    /// The body of a 200 answer, or nil for anything else (refused, timed out, another status, over 1 MiB).
    private func get(_ url: String, client: HTTPClient) async -> Data? {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "accept", value: "application/json")
        do {
            let response = try await client.execute(
                request, timeout: .nanoseconds(AttemptTimeline.nanoseconds(timeout)))
            guard response.status == .ok else { return nil }
            let buffer = try await response.body.collect(upTo: 1 << 20)
            return Data(buffer.readableBytesView)
        } catch {
            return nil
        }
    }
}
