import Synchronization

/// Where the simulator reads the time elapsed since it started; injected so tests can drive fault scripts.
public struct SimClock: Sendable {
    private let read: @Sendable () -> Duration

    public init(_ read: @escaping @Sendable () -> Duration) {
        self.read = read
    }

    /// Time since the simulator started.
    public func elapsed() -> Duration {
        read()
    }

    /// Real time, starting now.
    public static func continuous() -> SimClock {
        let clock = ContinuousClock()
        let start = clock.now
        return SimClock { clock.now - start }
    }
}

/// A clock that only moves when told to, for tests of fault timelines.
public final class ManualSimClock: Sendable {
    private let now: Mutex<Duration>

    public init(_ start: Duration = .zero) {
        now = Mutex(start)
    }

    public func advance(by step: Duration) {
        now.withLock { $0 += step }
    }

    public func set(_ elapsed: Duration) {
        now.withLock { $0 = elapsed }
    }

    /// A `SimClock` reading this manual clock.
    public var clock: SimClock {
        SimClock { [self] in self.now.withLock { $0 } }
    }
}
