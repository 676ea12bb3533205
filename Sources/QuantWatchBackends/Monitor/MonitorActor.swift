import Foundation
import QuantWatchDomain
import Synchronization

/// Probes every target of a fleet on its own jittered schedule and publishes immutable Snapshots.
///
/// Each target runs in its own child task, so a hung or failing target never delays the others; a global
/// limiter caps probes in flight. Results go to the aggregator, then out to each consumer's subscription
/// (`subscribe(_:to:capacity:)`), in order, with snapshots every `snapshotInterval`.
public actor MonitorActor {
    /// Every result, event and published snapshot, fanned out to the subscriptions.
    public nonisolated let outputs = MonitorOutputs()

    private let config: FleetConfig
    private let runners: [String: ProbeRunner]
    private let limiter: ConcurrencyLimiter
    private let snapshotInterval: Duration
    private let jitter: Double
    /// When ticks are due and how late they start: the schedule's time (see `MonitorClock`).
    private let clock: MonitorClock
    /// Draws each loop's phase and every tick's jitter.
    private var random: any RandomNumberGenerator & Sendable
    /// The date written on results, events and snapshots: the one source of calendar time.
    private let now: @Sendable () -> Date
    private let startedAt: Date
    private var aggregator: Aggregator
    // The probe loops run off the actor (see `probeLoop`): what they share with it is kept in locks, not in its
    // isolated state, so a tick never waits for a snapshot being built.
    private let paused = Atomic<Bool>(false)
    private let lag = Mutex(ScheduleLag())
    private let inFlight = Atomic<Int>(0)
    private let health = Mutex(MonitorHealth())
    /// Runtime metrics scrapers, one per target with an endpoint; each runs in its own task in `run()`.
    private let scrapers: [RuntimeScraper]
    /// Asks a target's server what it is (for targets that are their own recorded baseline: `baseline_drift`).
    private let identify: (@Sendable (TargetConfig) async -> ServerIdentity)?
    private let identityInterval: Duration

    /// - Parameters:
    ///   - backends: one backend per target id; targets without one are skipped.
    ///   - snapshotInterval: how often a Snapshot is published while `run()` is going.
    ///   - jitter: share of each target's interval a tick may move early or late.
    ///   - clock: the clock ticks are scheduled, slept for and judged late by (`ContinuousClock` in production, a
    ///     manual clock in tests).
    ///   - random: draws each target's phase and every tick's jitter (seeded in tests for a repeatable schedule).
    ///   - now: the date stamped on results, events and snapshots (the wall clock in production).
    ///   - scrapers: runtime metrics scrapers (see `RuntimeScraper.scrapers(for:fetcher:)`); none by default.
    ///   - identify: asks a server what it is; called for targets that are their own recorded baseline, before a
    ///     `runOnce` round and every `identityInterval` while `run()` goes. Nil: never asked.
    public init(
        config: FleetConfig, backends: [String: any Backend], snapshotInterval: Duration = .seconds(1),
        jitter: Double = 0.1, clock: some Clock<Duration> = ContinuousClock(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        now: @escaping @Sendable () -> Date = { Date() }, scrapers: [RuntimeScraper] = [],
        identify: (@Sendable (TargetConfig) async -> ServerIdentity)? = nil, identityInterval: Duration = .seconds(300)
    ) {
        self.scrapers = scrapers
        self.identify = identify
        self.identityInterval = identityInterval
        self.config = config
        var runners: [String: ProbeRunner] = [:]
        for target in config.targets {
            if let backend = backends[target.id] {
                runners[target.id] = ProbeRunner(target: target, backend: backend)
            }
        }
        self.runners = runners
        self.limiter = ConcurrencyLimiter(limit: config.concurrency)
        self.snapshotInterval = snapshotInterval
        self.jitter = jitter
        self.clock = MonitorClock(clock)
        self.random = random
        self.now = now
        self.startedAt = now()
        self.aggregator = Aggregator(config: config)
    }

    /// One consumer's ordered subscription to `kinds` from now on; it ends once `run()` has stopped and the
    /// consumer has read what was buffered.
    public nonisolated func subscribe(_ name: String, to kinds: OutputKinds, capacity: Int = 10_000)
        -> MonitorSubscription
    {
        outputs.subscribe(name, to: kinds, capacity: capacity)
    }

    /// Every probe result from now on, in completion order (a new subscription on each read).
    public nonisolated var results: MonitorOutputSequence<ProbeResult> {
        MonitorOutputSequence(subscription: subscribe("results", to: .results)) { output in
            if case .result(let result) = output { result } else { nil }
        }
    }

    /// Alert transitions from now on, as the aggregator produces them (a new subscription on each read).
    public nonisolated var events: MonitorOutputSequence<AlertEvent> {
        MonitorOutputSequence(subscription: subscribe("events", to: .events)) { output in
            if case .event(let event) = output { event } else { nil }
        }
    }

    /// The published snapshots from now on, the newest only if the reader is behind (a new subscription on each
    /// read).
    public nonisolated var snapshots: MonitorOutputSequence<Snapshot> {
        MonitorOutputSequence(subscription: subscribe("snapshots", to: .snapshots)) { output in
            if case .snapshot(let snapshot) = output { snapshot } else { nil }
        }
    }

    /// Probes until the calling task is cancelled, then publishes a last snapshot and ends the subscriptions.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for target in config.targets {
                guard let runner = runners[target.id] else { continue }
                let canaries = CanaryRotation.interleavedByCategory(config.canaries(for: target))
                guard !canaries.isEmpty else { continue }
                let phase = Double(random.next() >> 11) * 0x1.0p-53  // uniform in [0, 1) from the top 53 bits
                let seed = random.next()
                group.addTask { await self.probeLoop(runner: runner, canaries: canaries, phase: phase, seed: seed) }
            }
            // Scrapers hold no probe permit and never wait on a probe: a hung endpoint delays only its own scrape.
            for scraper in scrapers {
                group.addTask { await scraper.run { await self.recordRuntime($0, for: scraper.targetID) } }
            }
            if let identify {
                for target in selfRecorded {
                    group.addTask { await self.identityLoop(target, identify: identify) }
                }
            }
            group.addTask { await self.snapshotLoop() }
            await group.waitForAll()
        }
        publishSnapshot()
        finish()
    }

    /// One round: every canary on every target, concurrently under the fleet's cap.
    ///
    /// Returns the results in
    /// fleet order and the snapshot taken after them.
    public func runOnce() async -> (results: [ProbeResult], snapshot: Snapshot) {
        if let identify {
            for target in selfRecorded { aggregator.noteIdentity(await identify(target), for: target.id) }
        }
        let jobs: [(ProbeRunner, Canary)] = config.targets.flatMap { target -> [(ProbeRunner, Canary)] in
            guard let runner = runners[target.id] else { return [] }
            return config.canaries(for: target).map { (runner, $0) }
        }
        let limiter = self.limiter
        let now = self.now
        let results = await withTaskGroup(of: (Int, ProbeResult).self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask {
                    await limiter.acquire()
                    let result = await job.0.run(job.1, now: now)
                    await limiter.release()
                    return (index, result)
                }
            }
            var collected: [(Int, ProbeResult)] = []
            for await item in group { collected.append(item) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        // One round is one piece of evidence: filed first, then every target evaluated once (a hold counted over
        // the round's own results would leave a state one result short of settling).
        for result in results {
            aggregator.record(result)
            outputs.publish(.result(result))
        }
        aggregator.evaluateAll(at: now())
        deliverEvents()
        let snapshot = makeSnapshot()
        return (results, snapshot)
    }

    /// Feeds results recorded earlier (restored from the store) into the windows, and alert transitions into the
    /// event log and the rules' states (see `Aggregator.restore`), without publishing any of them again.
    /// - Parameters:
    ///   - events: transitions to show in the event log again, oldest first.
    ///   - alertStates: the latest transition of each rule (of any age), which sets the rule's state.
    public func replay(_ restored: [ProbeResult], events: [AlertEvent] = [], alertStates: [AlertEvent] = []) {
        for result in restored { aggregator.record(result) }
        if !events.isEmpty || !alertStates.isEmpty { aggregator.restore(events: events, states: alertStates) }
        // One evaluation of the restored evidence: a rule that agrees with its restored state stays quiet, one that
        // settled silently (unknown to ok) before the restart settles again, a changed one starts its hold.
        if !restored.isEmpty { aggregator.evaluateAll(at: now()) }
    }

    /// Stops starting new probes; probes in flight finish.
    public func pause() { paused.store(true, ordering: .relaxed) }

    public func resume() { paused.store(false, ordering: .relaxed) }

    public var isPaused: Bool { paused.load(ordering: .relaxed) }

    /// How late probes have started against their schedule so far.
    public var scheduleLag: ScheduleLag { lag.withLock { $0 } }

    /// Starts the lag statistics afresh (a benchmark leaves out its warm-up this way).
    public func resetScheduleLag() { lag.withLock { $0 = ScheduleLag() } }

    /// A snapshot now, outside the publishing cadence.
    public func currentSnapshot() -> Snapshot { makeSnapshot() }

    // MARK: - Loops

    /// One target's ticks. Runs off the actor: waking, taking a permit and starting the probe wait for nothing the
    /// actor does (a snapshot of a thousand targets takes long enough to make every probe due meanwhile late); only
    /// filing the result goes through it. `phase` (share of an interval before the first tick) and `seed` (this loop's
    /// own jitter draws) come from the monitor's random source in target order, so a seeded monitor repeats its
    /// schedule.
    private nonisolated func probeLoop(runner: ProbeRunner, canaries: [Canary], phase: Double, seed: UInt64) async {
        var random = ScheduleRandom(seed: seed)
        let schedule = ProbeSchedule(interval: runner.target.interval, jitter: jitter)
        let clock = self.clock
        let start = clock.now
        var tick = schedule.first(initialPhase: phase, random: random.unit())
        var canaryIndex = 0
        while !Task.isCancelled {
            let due = start + tick.offset
            do {
                try await clock.sleep(until: due)
            } catch {
                return
            }
            if !paused.load(ordering: .relaxed) {
                await limiter.acquire()
                if Task.isCancelled {
                    await limiter.release()
                    return
                }
                let late = clock.now - due
                lag.withLock { $0.add(late) }
                health.withLock { $0.noteStart(late: late) }
                let canary = canaries[canaryIndex % canaries.count]
                canaryIndex += 1
                inFlight.add(1, ordering: .relaxed)
                let result = await runner.run(canary, now: now)
                inFlight.subtract(1, ordering: .relaxed)
                await limiter.release()
                if result.failure?.errorClass == .cancelled && Task.isCancelled { return }
                await record(result)
            }
            // Ticks that passed while this one ran are skipped and counted, not fired late back to back: a burst
            // would hammer a struggling server and bunch its samples.
            let next = schedule.next(after: tick.number, elapsed: clock.now - start, initialPhase: phase) {
                random.unit()
            }
            if next.skipped > 0 { await noteSkipped(targetID: runner.target.id, count: next.skipped) }
            tick = next.tick
        }
    }

    /// Targets whose baseline is a recording of themselves: the ones whose server identity is watched.
    private var selfRecorded: [TargetConfig] {
        config.targets.filter { $0.recordedBaseline?.file.source.id == $0.id && runners[$0.id] != nil }
    }

    private func identityLoop(_ target: TargetConfig, identify: @Sendable (TargetConfig) async -> ServerIdentity)
        async
    {
        while !Task.isCancelled {
            let identity = await identify(target)
            guard !Task.isCancelled else { return }
            aggregator.noteIdentity(identity, for: target.id)
            do {
                try await clock.sleep(for: identityInterval)
            } catch {
                return
            }
        }
    }

    private func snapshotLoop() async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: snapshotInterval)
            } catch {
                return
            }
            publishSnapshot()
        }
    }

    // MARK: - State

    private func noteSkipped(targetID: String, count: Int) {
        aggregator.noteSkipped(targetID: targetID, count: count)
    }

    /// Files a result and evaluates its target's rules on it: alerts move with evidence, not with snapshots.
    private func record(_ result: ProbeResult) {
        aggregator.record(result, evaluatingAt: now())
        outputs.publish(.result(result))
        deliverEvents()
    }

    private func recordRuntime(_ outcome: ScrapeOutcome, for targetID: String) {
        aggregator.recordRuntime(outcome, for: targetID)
    }

    private func deliverEvents() {
        for event in aggregator.drainEvents() { outputs.publish(.event(event)) }
    }

    private func makeSnapshot() -> Snapshot {
        // Build time is real work, measured on the wall clock whatever clock drives the schedule.
        let buildClock = ContinuousClock()
        let began = buildClock.now
        var snapshot = aggregator.snapshot(
            at: now(), startedAt: startedAt, paused: paused.load(ordering: .relaxed),
            inFlight: inFlight.load(ordering: .relaxed))
        snapshot.health = health.withLock { $0 }
        let took = began.duration(to: buildClock.now)
        health.withLock { $0.noteSnapshot(took: took) }
        snapshot.outputs = outputs.stats()
        return snapshot
    }

    private func publishSnapshot() {
        outputs.publish(.snapshot(makeSnapshot()))
    }

    private func finish() {
        outputs.finish()
    }
}
