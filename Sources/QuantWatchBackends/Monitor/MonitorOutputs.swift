import QuantWatchDomain
import Synchronization

/// The monitor's outputs fanned out to one subscription per consumer (screen, JSON lines, store, /metrics,
/// delivery), each with its own ordered, bounded buffer.
///
/// Publishing never waits for a consumer and starts no task: a slow consumer fills its own buffer and its
/// overflow is counted (see `OutputStats`), the others are unaffected. Nothing is buffered for outputs nobody
/// subscribed to.
public final class MonitorOutputs: Sendable {
    private struct State {
        var buffers: [SubscriptionBuffer] = []
        var sequence: UInt64 = 0
        var finished = false
    }

    private let state = Mutex(State())

    public init() {}

    /// A new subscription receiving `kinds` from now on.
    /// - Parameters:
    ///   - name: the consumer's name in `OutputStats`.
    ///   - capacity: most results and events waiting at once; more are dropped and counted.
    public func subscribe(_ name: String, to kinds: OutputKinds, capacity: Int = 10_000) -> MonitorSubscription {
        state.withLock { state in
            let buffer = SubscriptionBuffer(name: name, kinds: kinds, capacity: capacity, finished: state.finished)
            if !state.finished { state.buffers.append(buffer) }
            return MonitorSubscription(buffer: buffer)
        }
    }

    /// Hands an output to every subscription that asked for its kind, in publishing order.
    public func publish(_ output: MonitorOutput) {
        let kind = output.kind
        state.withLock { state in
            guard !state.finished else { return }
            state.sequence += 1
            var sawCancelled = false
            for buffer in state.buffers where buffer.kinds.contains(kind) {
                if buffer.isCancelled {
                    sawCancelled = true
                    continue
                }
                buffer.push(output, sequence: state.sequence)
            }
            if sawCancelled { state.buffers.removeAll { $0.isCancelled } }
        }
    }

    /// Ends every subscription once its reader has drained it; later subscriptions end at once.
    public func finish() {
        let buffers = state.withLock { state in
            state.finished = true
            // Kept for `stats()`: the last summary still shows what each consumer dropped.
            return state.buffers
        }
        for buffer in buffers { buffer.finish() }
    }

    /// The buffers of consumers of results or events (a snapshot-only reader cannot fall behind), by name.
    public func stats() -> [OutputStats] {
        let buffers = state.withLock { $0.buffers }
        return buffers.filter { !$0.kinds.isDisjoint(with: [.results, .events]) && !$0.isCancelled }.map(\.stats)
    }
}
