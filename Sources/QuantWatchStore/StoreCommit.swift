/// What one committed batch wrote, with running totals since the store opened.
public struct StoreCommit: Sendable, Equatable {
    public var results: Int
    public var events: Int
    public var totalResults: Int
    public var totalEvents: Int
    /// Time spent in the write transaction.
    public var duration: Duration

    public init(results: Int, events: Int, totalResults: Int, totalEvents: Int, duration: Duration) {
        self.results = results
        self.events = events
        self.totalResults = totalResults
        self.totalEvents = totalEvents
        self.duration = duration
    }
}
