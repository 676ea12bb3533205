import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import QuantWatchTestSupport
import Testing

@testable import QuantWatchBackends
@testable import QuantWatchDomain

/// The monitor and its consumers in one ServiceGroup: a graceful shutdown stops the monitor first, and every
/// consumer, however slow, drains its subscription before the group ends.
struct MonitorPipelineTests {
    private final class Collected: Sendable {
        let outputs = Mutex<[MonitorOutput]>([])
        let drained = Mutex(false)

        var results: [ProbeResult] {
            outputs.withLock { $0.compactMap { if case .result(let result) = $0 { result } else { nil } } }
        }
    }

    private static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test(.timeLimit(.minutes(1)))
    func aGracefulShutdownDrainsEveryConsumer() async throws {
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["a", "b"], interval: .milliseconds(5)),
            backends: ["a": ScriptedBackend.instant("4"), "b": ScriptedBackend.instant("5")])
        let fast = Collected()
        let slow = Collected()
        let fastConsumer = ConsumerService(monitor.subscribe("json", to: .all)) { output in
            fast.outputs.withLock { $0.append(output) }
        } drained: {
            fast.drained.withLock { $0 = true }
        }
        // Stuck on its first output until the monitor has stopped, so everything else is still in its buffer then.
        let gate = Mutex(false)
        let slowConsumer = ConsumerService(monitor.subscribe("store", to: [.results, .events])) { output in
            while !gate.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(1)) }
            slow.outputs.withLock { $0.append(output) }
        } drained: {
            slow.drained.withLock { $0 = true }
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: slowConsumer, successTerminationBehavior: .ignore),
                    .init(service: fastConsumer, successTerminationBehavior: .ignore),
                    .init(service: MonitorService(monitor), successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                logger: Self.quiet))
        let running = Task { try await group.run() }
        while fast.results.count < 50 { try await Task.sleep(for: .milliseconds(5)) }
        await group.triggerGracefulShutdown()
        // The fast consumer has read to the end of its subscription: the monitor has stopped.
        while !fast.drained.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(slow.outputs.withLock { $0.isEmpty })
        gate.withLock { $0 = true }
        try await running.value

        #expect(fast.drained.withLock { $0 } && slow.drained.withLock { $0 })
        #expect(fast.results.count >= 50)
        #expect(slow.results == fast.results)
        // The JSON consumer saw the monitor's last snapshot after its last result.
        guard case .snapshot = fast.outputs.withLock({ $0.last }) else {
            Issue.record("the last output is not the final snapshot")
            return
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theMonitorsDurationEndsTheGroup() async throws {
        let clock = ManualClock()
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["a"], interval: .milliseconds(5)),
            backends: ["a": ScriptedBackend.instant("4")])
        let seen = Collected()
        let consumer = ConsumerService(monitor.subscribe("store", to: .results)) { output in
            seen.outputs.withLock { $0.append(output) }
        } drained: {
            seen.drained.withLock { $0 = true }
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: consumer, successTerminationBehavior: .ignore),
                    .init(
                        service: MonitorService(monitor, duration: .seconds(30), clock: clock),
                        successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                logger: Self.quiet))
        let running = Task { try await group.run() }
        while seen.results.count < 5 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(seen.drained.withLock { !$0 })
        await clock.sleepers(atLeast: 1)
        clock.advance(by: .seconds(30))
        try await running.value
        #expect(seen.drained.withLock { $0 })
    }
}
