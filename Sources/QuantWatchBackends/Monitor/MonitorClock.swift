/// The time a monitor schedules by: any `Clock<Duration>`, read as the time elapsed since the monitor was made.
///
/// Erased so `MonitorActor` stays one concrete type for everything that holds it (sessions, outputs, tests), while
/// production passes `ContinuousClock` and tests a manual clock that only moves when told. Dates written on results
/// and snapshots are not read from here: they come from the monitor's `now` (the wall clock in production), because
/// a stored result needs a calendar date and a schedule needs a clock that never jumps.
struct MonitorClock: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        sleeper = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }

    /// Time since the clock was wrapped.
    var now: Duration { elapsed() }

    /// Suspends until `now` reaches `offset`; throws `CancellationError` when the task is cancelled first.
    func sleep(until offset: Duration) async throws {
        try await sleeper(offset)
    }

    func sleep(for duration: Duration) async throws {
        try await sleeper(now + duration)
    }
}
