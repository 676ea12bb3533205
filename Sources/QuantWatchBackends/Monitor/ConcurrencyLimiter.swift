import DequeModule

/// An async counting semaphore: caps probes in flight across the fleet.
actor ConcurrencyLimiter {
    private let limit: Int
    private var inUse = 0
    private var waiters: Deque<CheckedContinuation<Void, Never>> = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var active: Int { inUse }

    /// Waits for a permit.
    ///
    /// A cancelled waiter still receives its permit and must release it.
    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if let next = waiters.popFirst() {
            next.resume()
        } else {
            inUse = max(0, inUse - 1)
        }
    }

    /// Runs `body` holding a permit.
    func withPermit<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await acquire()
        let value = await body()
        release()
        return value
    }
}
