import Synchronization

/// Shared clocks of one HTTP attempt: when the request was written (t0), the last byte seen, and whether
/// the watchdog expired it.
///
/// Read and written from the attempt task, the watchdog and the event loop.
final class AttemptTimeline: Sendable {
    /// Why the watchdog stopped an attempt.
    enum Expiry: Int, Sendable {
        case readIdle = 1
        case total = 2
    }

    /// Time the attempt started (before `execute`, so it includes connecting); the base of the other clocks.
    let start: ContinuousClock.Instant
    private let writtenNanos = Atomic<Int64>(-1)
    private let activityNanos = Atomic<Int64>(0)
    private let expiryRaw = Atomic<Int>(0)

    init(start: ContinuousClock.Instant = .now) {
        self.start = start
    }

    /// Records t0 the first time the request body is taken for writing; later calls are ignored.
    func markWritten() {
        let now = ContinuousClock.now
        let nanos = Self.nanoseconds(start.duration(to: now))
        _ = writtenNanos.compareExchange(expected: -1, desired: nanos, ordering: .relaxed)
        touch(now)
    }

    /// t0: when the request was written, or the attempt start when that was never observed.
    var t0: ContinuousClock.Instant {
        let nanos = writtenNanos.load(ordering: .relaxed)
        return nanos < 0 ? start : start + .nanoseconds(nanos)
    }

    /// Whether the request body was taken for writing (so t0 is the write time, not the attempt start).
    var wasWritten: Bool { writtenNanos.load(ordering: .relaxed) >= 0 }

    /// Notes that bytes moved at `instant` (resets the read-idle clock).
    func touch(_ instant: ContinuousClock.Instant) {
        activityNanos.store(Self.nanoseconds(start.duration(to: instant)), ordering: .relaxed)
    }

    var lastActivity: ContinuousClock.Instant {
        start + .nanoseconds(activityNanos.load(ordering: .relaxed))
    }

    /// Marks the attempt as expired; the first reason wins.
    func expire(_ reason: Expiry) {
        _ = expiryRaw.compareExchange(expected: 0, desired: reason.rawValue, ordering: .relaxed)
    }

    var expiry: Expiry? { Expiry(rawValue: expiryRaw.load(ordering: .relaxed)) }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
