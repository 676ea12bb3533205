import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QuantWatchDomain
import ServiceLifecycle
import Synchronization

/// One simulated model on its own HTTP port, speaking all four dialects:
/// OpenAI `/v1/chat/completions` + `/v1/models`, llama.cpp `/completion` + `/health` + `/props`,
/// Ollama `/api/chat` + `/api/tags`, Anthropic `/v1/messages`.
///
/// During a `refuse` fault window the listener is closed (connecting gets ECONNREFUSED, idle keep-alive
/// connections are closed, responses in flight finish); after the window it listens again on the same port.
public final class SimServer: Sendable {
    public let engine: SimEngine
    public let host: String
    private let stopping = SimStopSignal()
    private let state = Mutex<State>(State())

    /// How often the refusal supervisor reads the simulator clock.
    private static let refusalPollInterval = Duration.milliseconds(10)

    private struct State {
        var port: Int?
        /// The serving group while the port is open; nil during a refusal.
        var listener: Listener?
        /// Groups of earlier listening periods, still finishing the responses they had in flight.
        var retired: [Task<Void, any Error>] = []
        var supervisor: Task<Void, Never>?
    }

    private struct Listener {
        var group: ServiceGroup
        var task: Task<Void, any Error>
        /// The listening socket's channel.
        var channel: any Channel
    }

    public init(engine: SimEngine, host: String = "127.0.0.1") {
        self.engine = engine
        self.host = host
    }

    /// The bound port, once `start()` has returned (kept while refusing).
    public var port: Int? {
        state.withLock { $0.port }
    }

    /// `http://host:port`, once started.
    public var baseURL: String? {
        port.map { "http://\(host.contains(":") ? "[\(host)]" : host):\($0)" }
    }

    /// Whether the listener is open (false before `start()`, during a refusal and after `shutdown()`).
    public var isListening: Bool {
        state.withLock { $0.listener != nil }
    }

    /// Binds and starts serving; returns the bound port (the requested one, or an ephemeral one for 0).
    ///
    /// When the fault script refuses this model at some time, a supervisor closes and reopens the listener.
    @discardableResult
    public func start(logger: Logger = SimServer.quietLogger) async throws -> Int {
        let port = try await listen(on: engine.model.port, logger: logger)
        state.withLock { $0.port = port }
        if engine.refusesConnections {
            let supervisor = Task { await self.superviseRefusals(port: port, logger: logger) }
            state.withLock { $0.supervisor = supervisor }
        }
        return port
    }

    /// Stops accepting, lets responses in flight end (stalled ones are released), then waits for the server.
    ///
    /// Anything still running after `grace` is cancelled.
    public func shutdown(grace: Duration = .seconds(2)) async {
        stopping.raise()
        // The supervisor goes first, so it cannot open a listener behind our back.
        let supervisor = state.withLock { $0.supervisor }
        supervisor?.cancel()
        await supervisor?.value
        let (listener, retired) = state.withLock { state in
            defer {
                state.listener = nil
                state.retired = []
                state.supervisor = nil
            }
            return (state.listener, state.retired)
        }
        await listener?.group.triggerGracefulShutdown()
        let tasks = retired + (listener.map { [$0.task] } ?? [])
        guard !tasks.isEmpty else { return }
        let watchdog = Task {
            try await Task.sleep(for: grace)
            for task in tasks { task.cancel() }
        }
        for task in tasks { _ = await task.result }
        watchdog.cancel()
    }

    /// Starts one listening period on `port` (0: ephemeral) and records it as the current listener.
    private func listen(on requestedPort: Int, logger: Logger) async throws -> Int {
        let (listening, listeningContinuation) = AsyncStream<any Channel>.makeStream()
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: requestedPort), serverName: "quantwatch-sim"),
            onServerRunning: { channel in
                listeningContinuation.yield(channel)
                listeningContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { listeningContinuation.finish() }
            try await group.run()
        }
        var iterator = listening.makeAsyncIterator()
        let channel = await iterator.next()
        guard let channel, let port = channel.localAddress?.port, port > 0 else {
            let failure: any Error
            switch await task.result {
            case .failure(let error): failure = error
            case .success: failure = SimServerError(message: "server stopped before listening")
            }
            throw SimServerError(message: "cannot listen on \(host):\(requestedPort) (\(failure))")
        }
        state.withLock { $0.listener = Listener(group: group, task: task, channel: channel) }
        return port
    }

    /// Closes the listener for a refusal; the group finishes its responses in flight in the background.
    private func closeListener() async {
        guard let listener = state.withLock({ $0.listener }) else { return }
        await listener.group.triggerGracefulShutdown()
        // The listening socket closes first, idle keep-alive connections with it; give their FIN a moment to
        // reach the clients, so a client's next request opens a new connection and is refused.
        try? await listener.channel.closeFuture.get()
        try? await Task.sleep(for: .milliseconds(20))
        state.withLock {
            $0.listener = nil
            $0.retired.append(listener.task)
        }
    }

    /// Follows the fault script: closes the listener while a refusal is active, reopens it after.
    private func superviseRefusals(port: Int, logger: Logger) async {
        while !stopping.isRaised, !Task.isCancelled {
            let refusing = engine.isRefusing()
            let listening = isListening
            if refusing, listening {
                await closeListener()
            } else if !refusing, !listening, !stopping.isRaised {
                // A failed bind (the port taken meanwhile) is tried again on the next tick.
                _ = try? await listen(on: port, logger: logger)
            }
            do {
                try await Task.sleep(for: Self.refusalPollInterval)
            } catch {
                return
            }
        }
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
        // llama.cpp names the model by its GGUF file; `quantwatch init` reads the name (and the quant) from it.
        let props = SimJSON.object([
            .init("model_path", .string("/models/\(model.modelName.replacingOccurrences(of: ":", with: "-")).gguf")),
            .init("total_slots", 1),
            .init("default_generation_settings", ["n_ctx": 4096]),
        ]).text
        router.get("/props") { _, _ in SimResponder.json(status: 200, props) }
        let engine = engine
        router.get("/metrics") { _, _ in SimServer.metricsResponse(engine) }
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

    /// `/metrics` as the imitated runtime answers it: the text exposition, or llama.cpp's 501 without `--metrics`.
    static func metricsResponse(_ engine: SimEngine) -> Response {
        guard let text = engine.metricsExposition() else {
            return SimResponder.json(
                status: 501,
                "{\"error\":{\"code\":501,\"message\":\"This server does not support metrics endpoint. "
                    + "Start it with `--metrics`\",\"type\":\"not_supported_error\"}}")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
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
