import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchStore
import Synchronization
import Testing

/// Round trips through SQLite: what goes in comes back, per target, after reopening, and old rows are pruned.
struct ResultStoreTests {
    @Test func restoreReturnsExactlyWhatWasAppendedAfterReopening() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("nested/dir/quantwatch.sqlite")
        var expected: [ProbeResult] = []
        for index in 0..<30 {
            expected.append(index % 5 == 4 ? StoreFixtures.failure(index: index) : StoreFixtures.success(index: index))
        }
        let events = (0..<3).map { StoreFixtures.event(index: $0) }
        let store = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        // Appended out of time order: restore must sort.
        for result in expected.reversed() { await store.append(result) }
        for event in events { await store.append(event) }
        await store.close()

        let reopened = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        let restored = try await reopened.restore(since: StoreFixtures.date(StoreFixtures.base))
        #expect(restored.results == expected)
        #expect(restored.events == events)
        let later = try await reopened.restore(since: expected[10].startedAt)
        #expect(later.results == Array(expected[10...]))
        #expect(later.events.isEmpty)
        await reopened.close()
    }

    @Test func historyFiltersByTargetAndIncludesBufferedRows() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try ResultStore(path: directory.file("q.sqlite"), retention: .seconds(3_650 * 86_400))
        let mine = (0..<4).map { StoreFixtures.success(target: "mine", index: $0) }
        let other = (0..<4).map { StoreFixtures.success(target: "other", index: $0) }
        for result in zip(mine, other).flatMap({ [$0, $1] }) { await store.append(result) }
        try await store.flush()
        let buffered = StoreFixtures.success(target: "mine", index: 9)
        await store.append(buffered)
        let history = try await store.history(target: "mine", since: mine[1].startedAt)
        #expect(history == Array(mine[1...]) + [buffered])
        await store.close()
    }

    @Test func backgroundTaskCommitsWithoutAnExplicitFlush() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let store = try ResultStore(
            path: path, retention: .seconds(3_650 * 86_400), options: StoreOptions(flushInterval: .milliseconds(50))
        )
        for index in 0..<5 { await store.append(StoreFixtures.success(index: index)) }
        let reader = try StoreReader(path: path)
        var count = 0
        for _ in 0..<200 where count < 5 {
            try await Task.sleep(for: .milliseconds(25))
            count = try reader.resultCount()
        }
        #expect(count == 5)
        await store.close()
    }

    @Test func fullBatchIsCommittedBeforeTheInterval() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let commits = CommitLog()
        let store = try ResultStore(
            path: directory.file("q.sqlite"), retention: .seconds(3_650 * 86_400),
            options: StoreOptions(flushInterval: .seconds(3_600), maxBatch: 10), onCommit: { commits.add($0) }
        )
        for index in 0..<10 { await store.append(StoreFixtures.success(index: index)) }
        for _ in 0..<400 where commits.all.isEmpty { try await Task.sleep(for: .milliseconds(25)) }
        #expect(commits.all.first?.results == 10)
        #expect(commits.all.first?.totalResults == 10)
        await store.close()
    }

    @Test func fullBatchesAppendedDuringAFlushFollowItWithoutWaitingForTheInterval() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let commits = CommitLog()
        let store = try ResultStore(
            path: directory.file("q.sqlite"), retention: .seconds(3_650 * 86_400),
            options: StoreOptions(flushInterval: .seconds(3_600), maxBatch: 10), onCommit: { commits.add($0) }
        )
        // Far more than one batch, appended while the first ones are being written. A flush takes all that is
        // queued, so how the batches fall depends on the machine's pace; what may wait for the hour-long interval
        // is less than one batch.
        for index in 0..<500 { await store.append(StoreFixtures.success(index: index)) }
        let promptly = 500 - 9
        for _ in 0..<1_200 where (commits.all.last?.totalResults ?? 0) < promptly {
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect((commits.all.last?.totalResults ?? 0) >= promptly, "\(commits.all.map(\.totalResults))")
        await store.close()
        #expect(commits.all.last?.totalResults == 500, "close commits the rest")
    }

    @Test func rowsOlderThanTheRetentionArePrunedOnOpen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let now = Date()
        let store = try ResultStore(path: path, retention: .seconds(86_400))
        await store.append(StoreFixtures.success(index: 1, at: now.addingTimeInterval(-2 * 86_400)))
        await store.append(StoreFixtures.event(index: 1, at: now.addingTimeInterval(-2 * 86_400)))
        let fresh = StoreFixtures.success(index: 2, at: StoreFixtures.date(ResultRow.microseconds(now) - 60_000_000))
        await store.append(fresh)
        await store.close()

        let reopened = try ResultStore(path: path, retention: .seconds(86_400))
        let restored = try await reopened.restore(since: .distantPast)
        #expect(restored.results == [fresh])
        #expect(restored.events.isEmpty)
        await reopened.close()
    }

    @Test func appendsAfterCloseAreIgnored() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let store = try ResultStore(path: path)
        await store.close()
        await store.append(StoreFixtures.success(index: 1, at: Date()))
        #expect(try StoreReader(path: path).resultCount() == 0)
    }
}

/// Commits seen by an `onCommit` callback.
final class CommitLog: Sendable {
    private let commits = Mutex<[StoreCommit]>([])

    func add(_ commit: StoreCommit) { commits.withLock { $0.append(commit) } }

    var all: [StoreCommit] { commits.withLock { $0 } }
}
