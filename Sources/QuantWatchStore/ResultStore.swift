import Foundation
import GRDB
import Logging
import QuantWatchDomain

/// The SQLite history of probe results and alert transitions: appends are buffered in memory and committed in one
/// transaction at most every `flushInterval` (or every `maxBatch` rows) by a background task.
///
/// One writer per file: a second `ResultStore` on the same path fails with `StoreError.locked` naming the pid.
/// Readers (`StoreReader`, `quantwatch history`) can read while it writes (WAL).
public actor ResultStore {
    public nonisolated let path: String
    public nonisolated let retention: Duration
    private let options: StoreOptions
    private let pool: DatabasePool
    private var lock: WriterLock?
    private let logger: Logger
    private let onCommit: (@Sendable (StoreCommit) -> Void)?

    private var pendingResults: [PendingResult] = []
    private var pendingEvents: [AlertEvent] = []
    private var logprobSets = LogprobSets()
    private var isFlushing = false
    private var flushWaiters: [CheckedContinuation<Void, Never>] = []
    private var flusher: Task<Void, Never>?
    private var earlyFlushScheduled = false
    private var lastPrune = ContinuousClock.now
    private var totalResults = 0
    private var totalEvents = 0
    private var droppedRows = 0
    private var isClosed = false

    /// Opens (creating if needed) the database at `path`, migrates it and prunes rows older than `retention`.
    /// - Parameters:
    ///   - path: SQLite file; its directory is created.
    ///   - retention: results and events older than this are deleted (7 days).
    ///   - options: batching and locking tuning.
    ///   - logger: where background write failures are reported (never stdout).
    ///   - onCommit: called after every committed batch, in commit order.
    public init(
        path: String, retention: Duration = .seconds(7 * 86_400), options: StoreOptions = StoreOptions(),
        logger: Logger = Logger(label: "quantwatch.store"), onCommit: (@Sendable (StoreCommit) -> Void)? = nil
    ) throws(StoreError) {
        try StoreDatabase.createParentDirectory(of: path)
        let lock = try WriterLock(databasePath: path)
        let pool = try StoreDatabase.open(path: path, busyTimeout: options.busyTimeout, create: true)
        let check = options.integrityCheck
        if check == .always || (check == .afterUncleanShutdown && lock.previousWriterDied) {
            try StoreDatabase.checkIntegrity(pool, path: path)
        }
        do {
            let migrator = StoreSchema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(path: path)
            }
            try migrator.migrate(pool)
            let cutoff = Date().addingTimeInterval(-retention.seconds)
            _ = try pool.write { try StoreQueries.prune($0, before: cutoff) }
        } catch {
            throw StoreError.from(error, path: path, holdsWriterLock: true)
        }
        self.path = path
        self.retention = retention
        self.options = options
        self.pool = pool
        self.lock = lock
        self.logger = logger
        self.onCommit = onCommit
    }

    deinit {
        flusher?.cancel()
    }

    // MARK: - Writing

    /// Buffers a result; it is committed within `flushInterval`. Ignored (and logged) after `close()`.
    public func append(_ result: ProbeResult) {
        guard accepting() else { return }
        // Converted here, on the appending side, so the write transaction only binds and inserts.
        pendingResults.append(PendingResult(result))
        scheduleFlushIfFull()
    }

    /// Buffers an alert transition, committed with the next batch.
    public func append(_ event: AlertEvent) {
        guard accepting() else { return }
        pendingEvents.append(event)
        scheduleFlushIfFull()
    }

    /// Commits everything appended so far, waiting for a flush already running; throws what the disk said.
    public func flush() async throws(StoreError) {
        while isFlushing {
            await withCheckedContinuation { flushWaiters.append($0) }
        }
        guard !pendingResults.isEmpty || !pendingEvents.isEmpty else { return }
        isFlushing = true
        var committed = false
        defer {
            isFlushing = false
            let waiters = flushWaiters
            flushWaiters = []
            waiters.forEach { $0.resume() }
            // What piled up meanwhile goes next (after a failure, the periodic retry takes it instead).
            if committed { scheduleFlushIfFull() }
        }
        let results = pendingResults
        let events = pendingEvents
        pendingResults = []
        pendingEvents = []
        let started = ContinuousClock.now
        let sets = logprobSets
        let cutoff = reuseCutoff()
        do {
            logprobSets = try await pool.write { db in
                var sets = sets
                try StoreQueries.insert(db, results: results, events: events, sets: &sets, reuseCutoff: cutoff)
                return sets
            }
        } catch {
            requeue(results: results, events: events)
            throw storeError(error)
        }
        committed = true
        totalResults += results.count
        totalEvents += events.count
        onCommit?(
            StoreCommit(
                results: results.count, events: events.count, totalResults: totalResults, totalEvents: totalEvents,
                duration: ContinuousClock.now - started
            )
        )
    }

    /// Stops the background task, commits what is buffered and releases the file.
    ///
    /// Later appends are ignored.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        flusher?.cancel()
        flusher = nil
        do {
            try await flush()
        } catch {
            logger.error("could not save the last results on close", metadata: ["error": "\(error)"])
        }
        do {
            // Move everything into the main file: GRDB closes its read-only readers last, and those cannot
            // checkpoint, so closing alone would leave the WAL behind.
            _ = try await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } catch {
            logger.warning("could not close the database cleanly", metadata: ["error": "\(error)"])
        }
        lock?.release()
        lock = nil
    }

    // MARK: - Reading

    /// Results and events since a date, oldest first, for replaying into a fresh aggregator at start-up.
    ///
    /// Includes rows still buffered. Answers come back normalised; timings at microsecond precision.
    public func restore(since: Date) throws(StoreError) -> (results: [ProbeResult], events: [AlertEvent]) {
        do {
            var (results, events) = try pool.read { db in
                (try StoreQueries.results(db, target: nil, since: since), try StoreQueries.events(db, since: since))
            }
            results += pendingResults.lazy.map(\.result).filter { $0.startedAt >= since }
            events += pendingEvents.filter { $0.at >= since }
            return (results, events)
        } catch {
            throw storeError(error)
        }
    }

    /// The latest alert transition of each target and rule (committed or buffered), oldest first: what each
    /// rule's state was when the previous run stopped, for `MonitorActor.replay(_:events:alertStates:)`.
    public func alertStates() throws(StoreError) -> [AlertEvent] {
        do {
            let stored = try pool.read { db in try StoreQueries.latestEvents(db) }
            return stored + pendingEvents
        } catch {
            throw storeError(error)
        }
    }

    /// One target's results since a date, oldest first (committed and buffered).
    public func history(target: String, since: Date) throws(StoreError) -> [ProbeResult] {
        do {
            let stored = try pool.read { db in try StoreQueries.results(db, target: target, since: since) }
            return stored
                + pendingResults.lazy.map(\.result).filter { $0.targetID == target && $0.startedAt >= since }
        } catch {
            throw storeError(error)
        }
    }

    // MARK: - Background work

    private func accepting() -> Bool {
        guard !isClosed else {
            logger.warning("result store is closed; dropping a row")
            return false
        }
        if flusher == nil { startFlusher() }
        return true
    }

    private func startFlusher() {
        let interval = options.flushInterval
        flusher = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                await self.backgroundFlush()
            }
        }
    }

    /// Starts an early flush of a full batch, one at a time: while a batch is being written, appends only queue
    /// (the flush schedules the next one when it ends) instead of each starting a task that waits for it.
    private func scheduleFlushIfFull() {
        guard pendingResults.count + pendingEvents.count >= options.maxBatch, !earlyFlushScheduled, !isFlushing
        else { return }
        earlyFlushScheduled = true
        Task { [weak self] in await self?.backgroundFlush() }
    }

    /// A flush whose failure is logged (the rows stay queued for the next try), then pruning when due.
    private func backgroundFlush() async {
        earlyFlushScheduled = false
        do {
            try await flush()
        } catch {
            logger.error("could not save results; will retry", metadata: ["error": "\(error)"])
        }
        if ContinuousClock.now - lastPrune >= options.pruneInterval {
            lastPrune = .now
            let cutoff = Date().addingTimeInterval(-retention.seconds)
            do {
                let (removed, sets) = try await pool.write { db in
                    (try StoreQueries.prune(db, before: cutoff), try LogprobSets.deleteUnused(db))
                }
                logger.debug("pruned old results", metadata: ["rows": "\(removed)", "logprob sets": "\(sets)"])
            } catch {
                logger.error("could not prune old results", metadata: ["error": "\(storeError(error))"])
            }
        }
    }

    /// Logprob rows whose newest user started before this are not reused: pruning may be about to delete them.
    private func reuseCutoff() -> Date {
        let margin = min(3_600, retention.seconds / 2)
        return Date().addingTimeInterval(-retention.seconds + margin)
    }

    /// Maps a GRDB error; we hold the writer lock, so a busy file is held by some other program.
    private func storeError(_ error: any Error) -> StoreError {
        StoreError.from(error, path: path, holdsWriterLock: true)
    }

    /// Puts a failed batch back in front of newer rows, dropping the oldest beyond `maxPending`.
    private func requeue(results: [PendingResult], events: [AlertEvent]) {
        pendingResults = results + pendingResults
        pendingEvents = events + pendingEvents
        let excess = pendingResults.count - options.maxPending
        if excess > 0 {
            pendingResults.removeFirst(excess)
            droppedRows += excess
            logger.error("result buffer full; dropped the oldest results", metadata: ["dropped": "\(droppedRows)"])
        }
    }
}
