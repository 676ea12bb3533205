import Foundation
import GRDB
@testable import QuantWatchDomain
@testable import QuantWatchStore
import Testing

/// Databases written by the first schema still open, and logprobs are stored once per distinct answer.
struct StoreSchemaTests {
    /// A v1 logprob blob (8-byte logprobs, no flags byte) of one token not in its top list.
    private static let version1Blob: Data = {
        var blob: [UInt8] = [1, 1, 0xFF, 1, UInt8(ascii: "t")]
        blob += withUnsafeBytes(of: (-0.1).bitPattern.littleEndian, Array.init)
        blob += [1, 1, UInt8(ascii: "u")]
        blob += withUnsafeBytes(of: (-2.5).bitPattern.littleEndian, Array.init)
        return Data(blob)
    }()

    private static let version1Logprobs = [
        TokenLogprob(token: "t", logprob: -0.1, top: [.init(token: "u", logprob: -2.5)])
    ]

    /// Writes a database as the first release did: only the v1 migration, one result row with its logprobs inline.
    private static func writeVersion1Database(at path: String, startedAt: Date) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try StoreSchema.migrator.migrate(queue, upTo: StoreSchema.version1)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO results (target, canary, category, started_at, outcome, retries, ttfb_us, ttft_us,
                        e2e_us, tpot_us, output_tokens, correct, answer, logprobs)
                    VALUES ('q4', 'c1', 'general', ?, 'ok', 0, 1000, 2000, 30000, 1000, 29, 1, 'old answer', ?)
                    """,
                arguments: [ResultRow.microseconds(startedAt), version1Blob])
            try db.execute(
                sql: "INSERT INTO events (at, target, rule, from_state, to_state, message) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [ResultRow.microseconds(startedAt), "q4", "p99", "ok", "warning", "slow"])
        }
        try queue.close()
    }

    @Test func aVersion1DatabaseOpensMigratesAndKeepsItsRows() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("old.sqlite")
        let oldStart = StoreFixtures.date(StoreFixtures.base)
        try Self.writeVersion1Database(at: path, startedAt: oldStart)

        // A reader never migrates: it reads the v1 file as it is.
        let oldRows = try StoreReader(path: path).results(since: .distantPast)
        #expect(oldRows.count == 1)
        #expect(oldRows.first?.generation?.logprobs == Self.version1Logprobs)

        let store = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        let fresh = StoreFixtures.success(index: 1)
        await store.append(fresh)
        await store.close()

        let reopened = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        let restored = try await reopened.restore(since: .distantPast)
        await reopened.close()
        #expect(restored.results.count == 2)
        #expect(restored.results.first?.generation?.logprobs == Self.version1Logprobs)
        #expect(restored.results.first?.generation?.text == "old answer")
        #expect(restored.results.last == fresh)
        #expect(restored.events.map(\.message) == ["slow"])
        let (applied, pageSize) = try await DatabaseQueue(path: path).read { db in
            (try StoreSchema.migrator.appliedIdentifiers(db), try Int.fetchOne(db, sql: "PRAGMA page_size"))
        }
        #expect(applied.count == 2)
        // An existing file keeps its page size.
        #expect(pageSize == 4_096)
    }

    @Test func repeatedAnswersShareOneLogprobsRow() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let logprobs = [TokenLogprob(token: "a", logprob: -0.25, top: [.init(token: "a", logprob: -0.25)])]
        var changed = logprobs
        changed[0].logprob = -0.5
        func result(_ canary: String, _ second: Int64, _ values: [TokenLogprob]) -> ProbeResult {
            let at = StoreFixtures.date(StoreFixtures.base + second * 1_000_000)
            var result = StoreFixtures.success(index: 1, at: at)
            result.canaryID = canary
            if case .success(var generation) = result.outcome {
                generation.logprobs = values
                result.outcome = .success(generation)
            }
            return result
        }
        // c1: four equal answers, one different, then the first again; c2 answers like c1's first but is its own.
        let appended = [
            result("c1", 0, logprobs), result("c1", 15, logprobs), result("c1", 30, logprobs),
            result("c1", 45, logprobs), result("c1", 60, changed), result("c1", 75, logprobs),
            result("c2", 80, logprobs), result("c2", 95, []),
        ]
        let store = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        for (index, row) in appended.enumerated() {
            await store.append(row)
            // Across batches too.
            if index == 2 { try await store.flush() }
        }
        await store.close()

        let (sets, pageSize) = try await DatabaseQueue(path: path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM logprob_sets") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_size")
            )
        }
        #expect(sets == 4)
        #expect(pageSize == StoreDatabase.pageSize)
        let restored = try StoreReader(path: path).results(since: .distantPast)
        #expect(restored == appended)
    }

    @Test func pruningDeletesLogprobsNoResultUses() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let now = Date()
        let stale = StoreFixtures.success(index: 1, at: now.addingTimeInterval(-2 * 86_400))
        let kept = StoreFixtures.success(index: 2, at: StoreFixtures.date(ResultRow.microseconds(now) - 60_000_000))
        let writer = try ResultStore(path: path, retention: .seconds(3 * 86_400))
        await writer.append(stale)
        await writer.append(kept)
        await writer.close()

        // A shorter retention now: opening deletes the stale result, the next background prune its logprobs.
        let store = try ResultStore(
            path: path, retention: .seconds(86_400),
            options: StoreOptions(flushInterval: .milliseconds(20), pruneInterval: .milliseconds(1)))
        let query = try DatabaseQueue(path: path)
        func setCount() throws -> Int {
            try query.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM logprob_sets") ?? 0 }
        }
        #expect(try setCount() == 2)
        await store.append(StoreFixtures.event(index: 1, at: now))
        for _ in 0..<400 where try setCount() > 1 { try await Task.sleep(for: .milliseconds(25)) }
        #expect(try setCount() == 1)
        #expect(try await store.restore(since: .distantPast).results == [kept])
        await store.close()
    }
}
