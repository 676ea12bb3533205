import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// One simulated model on its own HTTP port, speaking all four dialects:
/// OpenAI `/v1/chat/completions` + `/v1/models`, llama.cpp `/completion` + `/health`,
/// Ollama `/api/chat` + `/api/tags`, Anthropic `/v1/messages`.
public final class SimServer: Sendable {
    public let engine: SimEngine
    public let host: String
    private let stopping = SimStopSignal()
    private let state = Mutex<State>(State())

    private struct State {
        var port: Int?
        var group: ServiceGroup?
        var task: Task<Void, any Error>?
    }

    public init(engine: SimEngine, host: String = "127.0.0.1") {
        self.engine = engine
        self.host = host
    }

    /// The bound port, once `start()` has returned.
    public var port: Int? {
        state.withLock { $0.port }
    }

    /// `http://host:port`, once started.
    public var baseURL: String? {
        port.map { "http://\(host.contains(":") ? "[\(host)]" : host):\($0)" }
    }

    /// Binds and starts serving; returns the bound port (the requested one, or an ephemeral one for 0).
    @discardableResult
    public func start(logger: Logger = SimServer.quietLogger) async throws -> Int {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: engine.model.port), serverName: "quantwatch-sim"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        state.withLock {
            $0.group = group
            $0.task = task
        }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            let failure: any Error
            switch await task.result {
            case .failure(let error): failure = error
            case .success: failure = SimServerError(message: "server stopped before listening")
            }
            throw SimServerError(message: "cannot listen on \(host):\(engine.model.port) (\(failure))")
        }
        state.withLock { $0.port = port }
        return port
    }

    /// Stops accepting, lets responses in flight end (stalled ones are released), then waits for the server.
    /// Anything still running after `grace` is cancelled.
    public func shutdown(grace: Duration = .seconds(2)) async {
        stopping.raise()
        let (group, task) = state.withLock { ($0.group, $0.task) }
        guard let group, let task else { return }
        await group.triggerGracefulShutdown()
        let watchdog = Task {
            try await Task.sleep(for: grace)
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }

    /// A logger that drops everything: the dashboard may own the terminal.
    public static let quietLogger = Logger(label: "quantwatch.sim", factory: { _ in SwiftLogNoOpLogHandler() })

    private func router() -> Router<SimRequestContext> {
        let router = Router(context: SimRequestContext.self)
        let model = engine.model
        for dialect in BackendKind.allCases {
            let responder = SimResponder(engine: engine, dialect: dialect, stopping: stopping)
            for path in SimServer.generatePaths(dialect) {
                router.post(RouterPath(path)) { request, context in
                    try await responder.respond(to: request, context: context)
                }
            }
        }
        let models = SimJSON.object([
            .init("object", "list"),
            .init(
                "data",
                .array([
                    [
                        "id": .string(model.modelName), "object": "model", "created": 1_763_856_000,
                        "owned_by": "quantwatch-sim",
                    ]
                ])),
        ]).text
        router.get("/v1/models") { _, _ in SimResponder.json(status: 200, models) }
        router.get("/models") { _, _ in SimResponder.json(status: 200, models) }
        router.get("/health") { _, _ in SimResponder.json(status: 200, "{\"status\":\"ok\"}") }
        let tags = SimJSON.object([
            .init(
                "models",
                .array([
                    [
                        "name": .string(model.modelName), "model": .string(model.modelName),
                        "modified_at": "2026-11-23T00:00:00Z", "size": 4_920_753_328,
                        "digest": .string(String(SplitMix64.hash(model.modelName), radix: 16)),
                        "details": [
                            "format": "gguf", "family": "llama", "parameter_size": "8.0B",
                            "quantization_level": .string(model.profile.label),
                        ],
                    ]
                ]))
        ]).text
        router.get("/api/tags") { _, _ in SimResponder.json(status: 200, tags) }
        router.get("/api/version") { _, _ in SimResponder.json(status: 200, "{\"version\":\"0.12.0-sim\"}") }
        return router
    }

    /// The generation endpoints of a dialect (OpenAI also without the `/v1` prefix).
    public static func generatePaths(_ dialect: BackendKind) -> [String] {
        switch dialect {
        case .openai: ["/v1/chat/completions", "/chat/completions"]
        case .llamacpp: ["/completion", "/completions"]
        case .ollama: ["/api/chat"]
        case .anthropic: ["/v1/messages"]
        }
    }
}

/// A simulated server that could not start.
public struct SimServerError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}
