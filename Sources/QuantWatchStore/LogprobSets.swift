import Foundation
import GRDB
import QuantWatchDomain

/// The writer's memory of each canary's latest logprobs row, so an answer repeated bit for bit (the rule at
/// temperature 0 on a local runtime) points at the row already stored instead of writing its blob again.
///
/// A row is reused only while the newest result pointing at it is younger than `reuseCutoff`: pruning deletes
/// results by age and then the sets no result points at, so a set whose last user is about to be pruned is
/// never handed out again.
struct LogprobSets: Sendable {
    struct Entry: Sendable {
        var id: Int64
        var blob: Data
        /// Start of the newest result pointing at the row.
        var lastUsed: Date
    }

    private(set) var entries: [String: Entry] = [:]
    /// Rows written and rows reused since the store opened.
    private(set) var written = 0
    private(set) var reused = 0

    /// The `logprob_sets` id for a result's encoded logprobs, inserting a row unless the canary's previous one is
    /// equal.
    /// - Parameter insert: the prepared `ResultRow.insertLogprobSetSQL` of `db`.
    mutating func id(
        for blob: Data, of result: ProbeResult, in db: Database, insert: Statement, reuseCutoff: Date
    ) throws -> Int64 {
        let key = result.targetID + "\u{1F}" + result.canaryID
        if var entry = entries[key], entry.lastUsed >= reuseCutoff, entry.blob == blob {
            entry.lastUsed = max(entry.lastUsed, result.startedAt)
            entries[key] = entry
            reused += 1
            return entry.id
        }
        try insert.execute(arguments: [blob])
        let id = db.lastInsertedRowID
        entries[key] = Entry(id: id, blob: blob, lastUsed: result.startedAt)
        written += 1
        return id
    }

    /// Deletes the sets no result points at any more (after results were pruned); returns how many went.
    ///
    /// One scan of the results: run it in the background, not on the start-up path.
    @discardableResult
    static func deleteUnused(_ db: Database) throws -> Int {
        try db.execute(
            sql: """
                DELETE FROM logprob_sets WHERE id NOT IN (SELECT logprob_set FROM results WHERE logprob_set IS NOT NULL)
                """)
        return db.changesCount
    }
}
