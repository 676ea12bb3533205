import Foundation
import GRDB
@testable import QuantWatchStore
import Synchronization
import Testing

/// Locked and damaged databases give a `StoreError` that names the file and says what to do, never a crash.
struct StoreErrorTests {
    @Test func secondWriterOnTheSameFileIsLockedWithThePid() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let first = try ResultStore(path: path)
        let error = #expect(throws: StoreError.self) { try ResultStore(path: path) }
        #expect(error == .locked(path: path, pid: getpid()))
        #expect(error?.description.contains("database is locked by another quantwatch (pid \(getpid()))") == true)
        #expect(error?.description.contains(path) == true)
        await first.close()
        // Released on close: a new writer gets in.
        let second = try ResultStore(path: path)
        await second.close()
    }

    @Test func sqliteBusyBeyondTheTimeoutIsLocked() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        await (try ResultStore(path: path)).close()
        // Some other program holds SQLite's write lock (not our writer lock).
        let intruder = try WriteLockHolder(path: path)
        defer { intruder.release() }
        let error = #expect(throws: StoreError.self) {
            try ResultStore(path: path, options: StoreOptions(busyTimeout: .milliseconds(200)))
        }
        #expect(error == .locked(path: path, pid: nil))
        #expect(error?.description.hasPrefix("database is locked by another quantwatch or program") == true)
    }

    @Test func busyDuringAFlushKeepsTheRowsForTheNextTry() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let store = try ResultStore(
            path: path, options: StoreOptions(flushInterval: .seconds(3_600), busyTimeout: .milliseconds(100))
        )
        let intruder = try WriteLockHolder(path: path)
        await store.append(StoreFixtures.success(index: 1, at: Date()))
        await #expect(throws: StoreError.locked(path: path, pid: nil)) { try await store.flush() }
        intruder.release()
        try await store.flush()
        #expect(try StoreReader(path: path).resultCount() == 1)
        await store.close()
    }

    @Test func garbageFileIsNotADatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try ResultStore(path: path) }
        #expect(error == .corrupt(path: path, detail: "file is not a database"))
        let text = error?.description ?? ""
        #expect(text.contains(path) && text.contains("not a database") && text.contains("--db"))
        #expect(throws: StoreError.corrupt(path: path, detail: "file is not a database")) {
            try StoreReader(path: path)
        }
    }

    @Test func damagedPagesAreReportedAsCorrupt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let store = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        for index in 0..<2_000 { await store.append(StoreFixtures.success(index: index)) }
        await store.close()
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0, "close checkpoints the WAL into the main file")
        // Scribble over the middle of the file, keeping the valid header.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 3)
        try handle.write(contentsOf: Data((0..<Int(size / 3)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761) }))
        try handle.close()
        let error = #expect(throws: StoreError.self) {
            try ResultStore(path: path, options: StoreOptions(integrityCheck: .always))
        }
        guard case .corrupt(let errorPath, _) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(errorPath == path)
        #expect(error?.description.contains("move it aside or pass --db PATH") == true)
        let report = try? StoreReader(path: path).integrityCheck()
        #expect(report != ["ok"])
        // A clean shutdown skips the check at open; a pid left in the lock file (a killed writer) forces it.
        try "4242\n".write(toFile: path + ".lock", atomically: false, encoding: .utf8)
        #expect(throws: StoreError.self) { try ResultStore(path: path) }
    }

    @Test func readerOfAMissingFileSaysSo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("none.sqlite")
        #expect(throws: StoreError.notFound(path: path)) { try StoreReader(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func fileFromANewerQuantwatchIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        await (try ResultStore(path: path)).close()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')")
        }
        try queue.close()
        #expect(throws: StoreError.newerSchema(path: path)) { try ResultStore(path: path) }
    }
}

// MARK: - Fixtures

/// Another program's SQLite connection sitting in a write transaction on its own thread until released.
private final class WriteLockHolder: Sendable {
    private let locked = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let released = Mutex(false)

    init(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        Thread { [locked, done, finished] in
            try? queue.write { db in
                try db.execute(
                    sql: "INSERT INTO events (at, target, rule, from_state, to_state, message) "
                        + "VALUES (0, 'x', 'x', 'ok', 'ok', 'x')")
                locked.signal()
                done.wait()
                throw CancellationError()  // roll back
            }
            finished.signal()
        }.start()
        locked.wait()
    }

    /// Ends the transaction and waits until the lock is gone; safe to call twice.
    func release() {
        let first = released.withLock { wasReleased in
            defer { wasReleased = true }
            return !wasReleased
        }
        guard first else { return }
        done.signal()
        finished.wait()
    }
}
