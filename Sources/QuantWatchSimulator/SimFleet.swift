import QuantWatchDomain

/// Several simulated models, each on its own port, sharing a canary list, seed, speed, clock and fault script.
public final class SimFleet: Sendable {
    public let servers: [SimServer]

    private init(servers: [SimServer]) {
        self.servers = servers
    }

    /// Starts one server per model; if any fails to bind, the ones already started are stopped again.
    public static func start(
        models: [SimModel], canaries: [Canary], seed: UInt64 = 42, speed: Double = 1,
        faults: FaultScript = FaultScript(), clock: SimClock = .continuous(), host: String = "127.0.0.1"
    ) async throws -> SimFleet {
        var started: [SimServer] = []
        for model in models {
            let engine = SimEngine(
                model: model, canaries: canaries, seed: seed, speed: speed, faults: faults,
                clock: clock)
            let server = SimServer(engine: engine, host: host)
            do {
                try await server.start()
            } catch {
                for running in started { await running.shutdown() }
                throw error
            }
            started.append(server)
        }
        return SimFleet(servers: started)
    }

    /// The server of the model with this id.
    public func server(id: String) -> SimServer? {
        servers.first { $0.engine.model.id.lowercased() == id.lowercased() }
    }

    /// Every model in every dialect, model by model.
    public var endpoints: [SimEndpoint] {
        servers.flatMap { server -> [SimEndpoint] in
            guard let base = server.baseURL else { return [] }
            let model = server.engine.model
            return BackendKind.allCases.map { dialect in
                SimEndpoint(
                    modelID: model.id, modelName: model.modelName, dialect: dialect, baseURL: base,
                    generateURL: base + (SimServer.generatePaths(dialect).first ?? ""))
            }
        }
    }

    /// Stops every server (concurrently).
    public func shutdown() async {
        await withTaskGroup(of: Void.self) { group in
            for server in servers {
                group.addTask { await server.shutdown() }
            }
        }
    }
}
