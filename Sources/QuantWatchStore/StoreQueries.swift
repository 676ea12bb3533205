import Foundation
import GRDB
import QuantWatchDomain

/// The reads and deletes shared by the writer (`ResultStore`) and the read-only `StoreReader`.
enum StoreQueries {
    /// Results started at or after `since`, oldest first; one target or all.
    static func results(_ db: Database, target: String?, since: Date) throws -> [ProbeResult] {
        // A database a v1 writer left (read-only readers never migrate) has no logprob sets yet.
        let withSets = try db.tableExists("logprob_sets")
        var sql = "SELECT \(ResultRow.selectResultColumns(withSets: withSets)) FROM results r"
        if withSets { sql += " LEFT JOIN logprob_sets s ON s.id = r.logprob_set" }
        sql += " WHERE r.started_at >= ?"
        var arguments: StatementArguments = [ResultRow.microseconds(since)]
        if let target {
            sql += " AND r.target = ?"
            arguments += [target]
        }
        sql += " ORDER BY r.started_at, r.id"
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var out: [ProbeResult] = []
        var decoded: [Int64: [TokenLogprob]] = [:]
        while let row = try cursor.next() {
            out.append(try ResultRow.result(from: row, decoded: &decoded))
        }
        return out
    }

    /// Alert events at or after `since`, oldest first.
    static func events(_ db: Database, since: Date) throws -> [AlertEvent] {
        let sql = "SELECT \(ResultRow.selectEventColumns) FROM events WHERE at >= ? ORDER BY at, id"
        return try Row.fetchAll(db, sql: sql, arguments: [ResultRow.microseconds(since)]).map(ResultRow.event)
    }

    /// The latest event of each target and rule, oldest first: the state every alert rule was left in.
    static func latestEvents(_ db: Database) throws -> [AlertEvent] {
        let sql = """
            SELECT \(ResultRow.selectEventColumns) FROM events
            WHERE id IN (SELECT MAX(id) FROM events GROUP BY target, rule) ORDER BY at, id
            """
        return try Row.fetchAll(db, sql: sql).map(ResultRow.event)
    }

    /// Deletes rows older than `cutoff`; returns how many results went.
    @discardableResult
    static func prune(_ db: Database, before cutoff: Date) throws -> Int {
        let micros = ResultRow.microseconds(cutoff)
        try db.execute(sql: "DELETE FROM results WHERE started_at < ?", arguments: [micros])
        let removed = db.changesCount
        try db.execute(sql: "DELETE FROM events WHERE at < ?", arguments: [micros])
        return removed
    }

    /// Inserts a batch with one cached statement per table (the caller wraps it in one transaction); logprobs go
    /// through `sets`, which the caller keeps only if the transaction commits.
    static func insert(
        _ db: Database, results: [PendingResult], events: [AlertEvent], sets: inout LogprobSets, reuseCutoff: Date
    ) throws {
        if !results.isEmpty {
            let statement = try db.cachedStatement(sql: ResultRow.insertResultSQL)
            let setStatement = try db.cachedStatement(sql: ResultRow.insertLogprobSetSQL)
            for pending in results {
                var set: Int64?
                if let blob = pending.logprobs {
                    set = try sets.id(
                        for: blob, of: pending.result, in: db, insert: setStatement, reuseCutoff: reuseCutoff)
                }
                // Concatenating prepared arguments, not building them here: GRDB's generic initialisers are slow.
                statement.setUncheckedArguments(pending.arguments + [set])
                try statement.execute()
            }
        }
        if !events.isEmpty {
            let statement = try db.cachedStatement(sql: ResultRow.insertEventSQL)
            for event in events {
                try statement.execute(arguments: ResultRow.arguments(for: event))
            }
        }
    }
}
