import QuantWatchDomain
import ServiceLifecycle

/// Runs a monitor as a service: it probes until the group shuts down gracefully (SIGTERM, SIGINT, another
/// service ending) or `duration` has passed, then publishes a last snapshot and ends its subscriptions.
///
/// Give it `successTerminationBehavior: .gracefullyShutdownGroup`, last in the group, so a `--duration` that
/// ends shuts the consumers down after it, each drained.
public struct MonitorService<C: Clock<Duration>>: Service, CustomStringConvertible {
    private let monitor: MonitorActor
    private let duration: Duration?
    private let clock: C

    public init(_ monitor: MonitorActor, duration: Duration? = nil, clock: C) {
        self.monitor = monitor
        self.duration = duration
        self.clock = clock
    }

    public var description: String { "monitor" }

    public func run() async {
        let monitor = monitor
        let duration = duration
        let clock = clock
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await monitor.run() }
                if let duration {
                    group.addTask { try? await clock.sleep(for: duration) }
                }
                // The first to end (the duration, or the monitor once cancelled) ends both.
                _ = await group.next()
                group.cancelAll()
            }
        }
    }
}

extension MonitorService where C == ContinuousClock {
    public init(_ monitor: MonitorActor, duration: Duration? = nil) {
        self.init(monitor, duration: duration, clock: ContinuousClock())
    }
}
