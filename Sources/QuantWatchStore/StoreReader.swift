import Foundation
import GRDB
import QuantWatchDomain

/// Read access to a quantwatch database that another process may be writing (WAL readers never block the
/// writer); used by `quantwatch history` and by tests.
///
/// Never creates or migrates the file.
public struct StoreReader: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens an existing database; `.notFound` when there is none, `.corrupt` when it is not ours.
    public init(path: String, busyTimeout: Duration = .seconds(5)) throws(StoreError) {
        let pool = try StoreDatabase.open(path: path, busyTimeout: busyTimeout, create: false)
        do {
            let hasTables = try pool.read { db in
                try db.tableExists("results") && db.tableExists("events")
            }
            guard hasTables else {
                throw StoreError.corrupt(path: path, detail: "no quantwatch tables in it")
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
        self.path = path
        self.pool = pool
    }

    /// Results since a date, oldest first; one target or all (`target` nil).
    public func results(target: String? = nil, since: Date) throws(StoreError) -> [ProbeResult] {
        try read { db in try StoreQueries.results(db, target: target, since: since) }
    }

    /// Alert events since a date, oldest first.
    public func events(since: Date) throws(StoreError) -> [AlertEvent] {
        try read { db in try StoreQueries.events(db, since: since) }
    }

    /// Number of stored results.
    public func resultCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results") ?? 0 }
    }

    /// SQLite's full `PRAGMA integrity_check` report: `["ok"]` for a sound file.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    private func read<T: Sendable>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}
