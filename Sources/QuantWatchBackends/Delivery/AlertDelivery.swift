import Foundation
import Logging
import QuantWatchDomain
import Synchronization

/// Sends alert transitions to a webhook and/or an `on_alert` command, in the background: `deliver` only enqueues,
/// so a slow or dead receiver never holds up the monitor. Each channel delivers in order, one event at a time.
/// Failures are logged (never printed to stdout) and counted.
public actor AlertDelivery {
    private let webhookQueue: AsyncStream<AlertPayload>.Continuation?
    private let hookQueue: AsyncStream<AlertPayload>.Continuation?
    private var workers: [Task<Void, Never>]
    private let targets: [String: TargetConfig]
    private let tally: DeliveryTally
    private let logger: Logger

    /// Starts the channels the configuration names; throws when the webhook URL is not a usable http(s) URL.
    /// - Parameters:
    ///   - configuration: webhook, command and their limits.
    ///   - targets: configs used to add backend, model and quant to payloads.
    ///   - logger: where delivery failures go.
    public init(
        configuration: AlertDeliveryConfiguration, targets: [TargetConfig] = [],
        logger: Logger = Logger(label: "quantwatch.alerts")
    ) throws(AlertDeliveryError) {
        let tally = DeliveryTally()
        var workers: [Task<Void, Never>] = []
        var webhookQueue: AsyncStream<AlertPayload>.Continuation?
        var hookQueue: AsyncStream<AlertPayload>.Continuation?
        let buffering = AsyncStream<AlertPayload>.Continuation.BufferingPolicy.bufferingNewest(configuration.queueLimit)
        if let text = configuration.webhookURL {
            let sender = try WebhookSender(url: text, configuration: configuration, logger: logger)
            let (stream, continuation) = AsyncStream.makeStream(of: AlertPayload.self, bufferingPolicy: buffering)
            webhookQueue = continuation
            workers.append(
                Task {
                    for await payload in stream {
                        tally.record(webhook: await sender.send(payload))
                    }
                })
        }
        if let command = configuration.onAlert {
            let runner = AlertHookRunner(command: command, timeout: configuration.hookTimeout, logger: logger)
            let (stream, continuation) = AsyncStream.makeStream(of: AlertPayload.self, bufferingPolicy: buffering)
            hookQueue = continuation
            workers.append(
                Task {
                    for await payload in stream {
                        tally.record(hook: await runner.run(payload))
                    }
                })
        }
        self.webhookQueue = webhookQueue
        self.hookQueue = hookQueue
        self.workers = workers
        self.targets = Dictionary(targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.tally = tally
        self.logger = logger
    }

    /// Queues an event on every configured channel and returns at once.
    public func deliver(_ event: AlertEvent) {
        let payload = AlertPayload(event, target: targets[event.targetID])
        for queue in [webhookQueue, hookQueue].compactMap({ $0 }) {
            switch queue.yield(payload) {
            case .dropped:
                logger.error("alert queue full; dropped the oldest alert", metadata: ["target": "\(payload.target)"])
            case .terminated:
                logger.warning("alert delivery is closed; alert not sent", metadata: ["target": "\(payload.target)"])
            case .enqueued:
                break
            @unknown default:
                break
            }
        }
    }

    /// Deliveries so far: successes and final failures per channel.
    public var counts: DeliveryCounts { tally.counts }

    /// Stops accepting events and waits for queued ones to be delivered, up to `timeout`; then gives up on the rest.
    public func close(timeout: Duration = .seconds(10)) async {
        webhookQueue?.finish()
        hookQueue?.finish()
        let workers = self.workers
        self.workers = []
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for worker in workers { await worker.value }
            }
            group.addTask {
                // Cancelled when the workers finish first: then nothing is left to give up on.
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                for worker in workers { worker.cancel() }
            }
            await group.next()
            group.cancelAll()
        }
    }
}

/// Successful and failed deliveries per channel.
public struct DeliveryCounts: Sendable, Equatable {
    public var webhookDelivered = 0
    public var webhookFailed = 0
    public var hookSucceeded = 0
    public var hookFailed = 0

    public init() {}
}

/// Counts updated from the worker tasks.
private final class DeliveryTally: Sendable {
    private let state = Mutex(DeliveryCounts())

    func record(webhook delivered: Bool) {
        state.withLock { delivered ? ($0.webhookDelivered += 1) : ($0.webhookFailed += 1) }
    }

    func record(hook succeeded: Bool) {
        state.withLock { succeeded ? ($0.hookSucceeded += 1) : ($0.hookFailed += 1) }
    }

    var counts: DeliveryCounts { state.withLock { $0 } }
}

/// An alert delivery set-up that cannot work.
public enum AlertDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidWebhookURL(reason: String)

    public var description: String {
        switch self {
        case .invalidWebhookURL(let reason): "invalid webhook URL: \(reason)"
        }
    }
}
