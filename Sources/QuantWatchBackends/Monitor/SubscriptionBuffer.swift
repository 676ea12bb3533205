import QuantWatchDomain
import DequeModule
import Synchronization

/// One subscriber's bounded, ordered queue of monitor outputs, filled by the monitor and emptied by one reader.
///
/// Results and events queue up to `capacity`; beyond it they are counted as dropped, never blocking the
/// monitor. Snapshots take one slot that a newer snapshot replaces, delivered in its place in the order.
final class SubscriptionBuffer: Sendable {
    private struct State {
        var queue: Deque<(sequence: UInt64, output: MonitorOutput)> = []
        var snapshot: (sequence: UInt64, snapshot: Snapshot)?
        var waiter: CheckedContinuation<MonitorOutput?, Never>?
        var finished = false
        var cancelled = false
        var delivered = 0
        var dropped = 0
    }

    let name: String
    let kinds: OutputKinds
    let capacity: Int
    private let state: Mutex<State>

    init(name: String, kinds: OutputKinds, capacity: Int, finished: Bool) {
        self.name = name
        self.kinds = kinds
        self.capacity = max(1, capacity)
        var initial = State()
        initial.finished = finished
        state = Mutex(initial)
    }

    /// The reader stopped reading (its task was cancelled): the monitor may forget this buffer.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Hands an output to the waiting reader, or queues it; a full queue counts a drop.
    func push(_ output: MonitorOutput, sequence: UInt64) {
        let waiter: CheckedContinuation<MonitorOutput?, Never>? = state.withLock { state in
            guard !state.finished else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                state.delivered += output.kind == .snapshots ? 0 : 1
                return waiter
            }
            if case .snapshot(let snapshot) = output {
                state.snapshot = (sequence, snapshot)
            } else if state.queue.count >= capacity {
                state.dropped += 1
            } else {
                state.queue.append((sequence, output))
            }
            return nil
        }
        waiter?.resume(returning: output)
    }

    /// No more outputs: the reader gets what is queued, then the end.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next output in order, or nil once finished and drained (or the reading task is cancelled).
    func next() async -> MonitorOutput? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<MonitorOutput?, Never>) in
                let ready: MonitorOutput?? = state.withLock { state in
                    if let output = Self.take(&state) { return .some(output) }
                    if state.finished || state.cancelled { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled = true
                state.finished = true
                state.queue.removeAll()
                state.snapshot = nil
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    var stats: OutputStats {
        state.withLock { state in
            OutputStats(
                consumer: name, capacity: capacity, buffered: state.queue.count, delivered: state.delivered,
                dropped: state.dropped)
        }
    }

    /// The snapshot goes first only when everything queued before it has been delivered.
    private static func take(_ state: inout State) -> MonitorOutput? {
        if let pending = state.snapshot, state.queue.first.map({ $0.sequence > pending.sequence }) ?? true {
            state.snapshot = nil
            return .snapshot(pending.snapshot)
        }
        guard let first = state.queue.popFirst() else { return nil }
        state.delivered += 1
        return first.output
    }
}
