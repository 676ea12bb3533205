import Foundation
import Synchronization

/// The simulated runtime's own books, for its `/metrics`: requests running and waiting, counters, histograms.
///
/// Requests beyond `slots` really wait (FIFO) before they are served, so the queue the metrics show is the one
/// the client's latency feels.
public final class SimRuntimeLoad: Sendable {
    /// Bucket bounds (seconds) of the simulated latency histograms, as vLLM's are spaced.
    static let buckets: [Double] = [
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
    ]

    /// How often a waiting request looks for a free slot.
    private static let admissionPoll = Duration.milliseconds(2)

    /// Concurrent requests served; nil: as many as arrive (nothing ever waits).
    public let slots: Int?
    private let state = Mutex(State())

    struct State {
        var nextTicket = 0
        var waiting: [Int] = []
        var running: Set<Int> = []
        var promptTokens = 0
        var generationTokens = 0
        var requests = 0
        var ttft = Histogram()
        var e2e = Histogram()
        var queue = Histogram()
    }

    /// Cumulative bucket counts over `SimRuntimeLoad.buckets` plus `+Inf`.
    struct Histogram {
        var counts = [Int](repeating: 0, count: SimRuntimeLoad.buckets.count + 1)
        var sum = 0.0
        var count = 0

        mutating func observe(_ seconds: Double) {
            let index = SimRuntimeLoad.buckets.firstIndex { seconds <= $0 } ?? SimRuntimeLoad.buckets.count
            counts[index] += 1
            sum += seconds
            count += 1
        }
    }

    public init(slots: Int? = nil) {
        self.slots = slots.map { max(1, $0) }
    }

    /// A request arrives: it waits `behind` (other traffic ahead of it, a `queue` fault), then for a slot (FIFO),
    /// and returns its ticket and the time it waited.
    ///
    /// The ticket frees the slot when it goes away, whichever way the response ends.
    func admit(promptTokens: Int, behind: Duration = .zero) async throws -> (ticket: SimLoadTicket, waited: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let id = state.withLock { state in
            state.nextTicket += 1
            state.waiting.append(state.nextTicket)
            return state.nextTicket
        }
        let ticket = SimLoadTicket(load: self, id: id)
        if behind > .zero { try await Task.sleep(for: behind) }
        while !tryStart(id, promptTokens: promptTokens) {
            try await Task.sleep(for: Self.admissionPoll)
        }
        let waited = clock.now - start
        state.withLock { $0.queue.observe(waited.seconds) }
        return (ticket, waited)
    }

    /// Records a finished response: tokens generated and its server-side TTFT and E2E.
    func complete(generated: Int, ttft: Duration, e2e: Duration) {
        state.withLock { state in
            state.generationTokens += generated
            state.requests += 1
            state.ttft.observe(ttft.seconds)
            state.e2e.observe(e2e.seconds)
        }
    }

    func release(_ id: Int) {
        state.withLock { state in
            state.waiting.removeAll { $0 == id }
            state.running.remove(id)
        }
    }

    /// Requests served and waiting right now.
    public var counts: (running: Int, waiting: Int) {
        state.withLock { ($0.running.count, $0.waiting.count) }
    }

    func read<T>(_ body: (State) -> T) -> T {
        state.withLock { body($0) }
    }

    private func tryStart(_ id: Int, promptTokens: Int) -> Bool {
        state.withLock { state in
            guard state.waiting.first == id, state.running.count < (slots ?? Int.max) else { return false }
            state.waiting.removeFirst()
            state.running.insert(id)
            state.promptTokens += promptTokens
            return true
        }
    }
}

/// A request's place in the simulated runtime; frees it on deinit, so no exit path can leak a slot.
final class SimLoadTicket: Sendable {
    private let load: SimRuntimeLoad
    private let id: Int

    init(load: SimRuntimeLoad, id: Int) {
        self.load = load
        self.id = id
    }

    deinit { load.release(id) }
}
