/// Tuning of the result store: batching, waiting on locks, pruning.
public struct StoreOptions: Sendable, Equatable {
    /// Longest a result waits in memory before its batch is committed.
    public var flushInterval: Duration
    /// A batch this large is committed at once, without waiting for the interval.
    public var maxBatch: Int
    /// Rows kept in memory while the disk refuses writes; beyond it the oldest are dropped (and logged).
    public var maxPending: Int
    /// How long a write waits on another connection's lock before failing with `StoreError.locked`.
    public var busyTimeout: Duration
    /// How often rows older than the retention are deleted.
    public var pruneInterval: Duration
    /// When to run SQLite's `quick_check` at open (about 1 s per GB), to report a damaged file up front.
    public var integrityCheck: IntegrityCheck

    /// When the store verifies the file at open.
    ///
    /// Damage found later by any query is still reported as
    /// `StoreError.corrupt`.
    public enum IntegrityCheck: Sendable, Equatable {
        case always
        /// Only when the previous writer did not close the file (it was killed or crashed).
        case afterUncleanShutdown
        case never
    }

    /// - Parameters:
    ///   - flushInterval: at most this long between commits (1 s).
    ///   - maxBatch: rows that trigger an early commit (5 000).
    ///   - maxPending: rows held while writes fail (200 000).
    ///   - busyTimeout: wait on a locked database (5 s).
    ///   - pruneInterval: retention pruning period (1 h).
    ///   - integrityCheck: quick integrity check at open after an unclean shutdown.
    public init(
        flushInterval: Duration = .seconds(1), maxBatch: Int = 5_000, maxPending: Int = 200_000,
        busyTimeout: Duration = .seconds(5), pruneInterval: Duration = .seconds(3_600),
        integrityCheck: IntegrityCheck = .afterUncleanShutdown
    ) {
        self.flushInterval = flushInterval
        self.maxBatch = max(1, maxBatch)
        self.maxPending = max(1, maxPending)
        self.busyTimeout = busyTimeout
        self.pruneInterval = pruneInterval
        self.integrityCheck = integrityCheck
    }
}
