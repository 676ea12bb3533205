import Foundation
import QuantWatchDomain

/// `quantwatch top`'s source of snapshots: every `interval`, the four queries of `PromQLQueries` (in parallel, the
/// same four whatever the fleet's size) and one `Snapshot` from their answers. A failed refresh keeps the last
/// picture, dims it (stale) and logs the error as an event, so it shows on screen.
public actor PrometheusSnapshotSource {
    private let client: PromQLClient
    private let queries: PromQLQueries
    private var builder: PrometheusSnapshotBuilder
    private var last: Snapshot?
    /// Queries sent so far (the benchmark reports queries per refresh).
    public private(set) var queriesSent = 0

    public init(client: PromQLClient, queries: PromQLQueries, startedAt: Date = Date()) {
        self.client = client
        self.queries = queries
        builder = PrometheusSnapshotBuilder(startedAt: startedAt)
    }

    /// One refresh.
    public func refresh() async -> Snapshot {
        let client = self.client
        let queries = self.queries
        queriesSent += queries.all.count
        async let recorded = Self.run(client, queries.recorded)
        async let gauges = Self.run(client, queries.gauges)
        async let known = Self.run(client, queries.known)
        async let live = Self.run(client, queries.live)
        let answers = await [recorded, gauges, known, live]
        let now = Date()
        var values: [[PromQLSample]] = []
        var failure: PromQLError?
        for answer in answers {
            switch answer {
            case .success(let samples): values.append(samples)
            case .failure(let error): failure = failure ?? error
            }
        }
        let snapshot =
            if let failure {
                builder.failed(failure, previous: last, at: now)
            } else {
                builder.build(recorded: values[0], gauges: values[1], known: values[2], live: values[3], at: now)
            }
        last = snapshot
        return snapshot
    }

    /// Snapshots every `interval` until the consumer stops listening.
    public nonisolated func snapshots(every interval: Duration) -> AsyncStream<Snapshot> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let task = Task {
                while !Task.isCancelled {
                    continuation.yield(await self.refresh())
                    try? await Task.sleep(for: interval)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func run(_ client: PromQLClient, _ query: String) async -> Result<[PromQLSample], PromQLError> {
        do {
            return .success(try await client.query(query))
        } catch {
            return .failure(error)
        }
    }
}
