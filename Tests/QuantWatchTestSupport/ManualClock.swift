import Foundation
import Synchronization

/// A `Clock` that only moves when a test moves it: `sleep(until:)` suspends until `advance` passes the deadline (or
/// the sleeping task is cancelled), so code that schedules by a clock runs in simulated time, with no real waiting
/// and the same interleaving on a loaded machine as on an idle one.
///
/// A test drives it in steps: wait until the code under test is parked (`sleepers(atLeast:)`), move time
/// (`advance(by:)`), and wait again. Every sleeper whose deadline was passed is woken by the step, in deadline order.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Sendable, CustomStringConvertible {
        /// Time since the clock's zero.
        public var offset: Duration

        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "\(offset)" }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Instant
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        /// Sleeps cancelled before they were registered (the cancellation handler ran first).
        var cancelledEarly: Set<UInt64> = []
        var waiters: [Waiter] = []

        /// Takes the waiters whose sleeper count is reached.
        mutating func satisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
            let count = sleepers.count
            let ready = waiters.filter { $0.count <= count }.map(\.continuation)
            waiters.removeAll { $0.count <= count }
            return ready
        }
    }

    private let state: Mutex<State>
    /// The calendar date of the clock's zero (see `date`).
    public let epoch: Date

    public init(epoch: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = Mutex(State(now: Instant(offset: .zero)))
        self.epoch = epoch
    }

    public var now: Instant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .zero }

    /// Time since the clock's zero.
    public var elapsed: Duration { now.offset }

    /// The date now on this clock's time line: `epoch` plus the time elapsed, for the dates a monitor writes.
    public var date: @Sendable () -> Date {
        { [self] in
            epoch.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Start { case wake, cancel, sleep([CheckedContinuation<Void, Never>]) }
                let start = state.withLock { state -> Start in
                    if state.cancelledEarly.remove(id) != nil { return .cancel }
                    if deadline <= state.now { return .wake }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return .sleep(state.satisfiedWaiters())
                }
                switch start {
                case .wake: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .sleep(let waiters): for waiter in waiters { waiter.resume() }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                    state.cancelledEarly.insert(id)
                    return nil
                }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `step` and wakes every sleeper whose deadline it passed, earliest first.
    public func advance(by step: Duration) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: max(step, .zero))
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves time to the earliest deadline of those sleeping, if any, and wakes who sleeps until then.
    @discardableResult
    public func advanceToNextDeadline() -> Duration? {
        guard let next = state.withLock({ state in state.sleepers.map(\.deadline).min() }) else { return nil }
        advance(by: now.duration(to: next))
        return next.offset
    }

    /// How many tasks are sleeping on this clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The deadlines of the sleepers, earliest first.
    public var deadlines: [Duration] { state.withLock { $0.sleepers.map(\.deadline.offset).sorted() } }

    /// Suspends until at least `count` tasks sleep on this clock: the code under test has parked.
    public func sleepers(atLeast count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.waiters.append(Waiter(count: count, continuation: continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
