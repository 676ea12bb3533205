import ServiceLifecycle

/// Runs a started `SimFleet` as a ServiceLifecycle service: serves until graceful shutdown (SIGINT/SIGTERM in
/// `quantwatch sim`), then stops every server.
public struct SimFleetService: Service {
    public let fleet: SimFleet

    public init(fleet: SimFleet) {
        self.fleet = fleet
    }

    public func run() async throws {
        // Returns when the group shuts down gracefully, throws when the task is cancelled: stop the servers either way.
        try? await gracefulShutdown()
        await fleet.shutdown()
    }
}
