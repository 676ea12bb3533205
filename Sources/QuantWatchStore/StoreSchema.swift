import GRDB

/// The database schema as ordered migrations; a released migration is never edited, only followed by new ones.
enum StoreSchema {
    /// The first released schema (databases of quantwatch before logprob sets).
    static let version1 = "v1: results and events"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(version1) { db in
            // Times are integer microseconds since the Unix epoch; durations integer microseconds.
            try db.execute(
                sql: """
                    CREATE TABLE results (
                        id INTEGER PRIMARY KEY,
                        target TEXT NOT NULL,
                        canary TEXT NOT NULL,
                        category TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
                        error_class TEXT,
                        error_message TEXT,
                        http_status INTEGER,
                        retries INTEGER NOT NULL DEFAULT 0,
                        ttfb_us INTEGER,
                        ttft_us INTEGER,
                        e2e_us INTEGER,
                        tpot_us INTEGER,
                        elapsed_us INTEGER,
                        output_tokens INTEGER,
                        input_tokens INTEGER,
                        correct INTEGER,
                        answer TEXT,
                        logprobs BLOB,
                        server_prompt_ms REAL,
                        server_prompt_tokens INTEGER,
                        server_predicted_ms REAL,
                        server_predicted_tokens INTEGER
                    );
                    CREATE INDEX results_by_target_time ON results (target, started_at);
                    CREATE INDEX results_by_time ON results (started_at);
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY,
                        at INTEGER NOT NULL,
                        target TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        from_state TEXT NOT NULL,
                        to_state TEXT NOT NULL,
                        message TEXT NOT NULL
                    );
                    CREATE INDEX events_by_time ON events (at);
                    """
            )
        }
        migrator.registerMigration("v2: logprob sets") { db in
            // Logprobs move out of the result rows into their own table, one row per distinct blob of a canary
            // (answers at temperature 0 repeat), so result rows stay small. Rows written by v1 keep their
            // `results.logprobs` blob, which readers still decode.
            try db.execute(
                sql: """
                    CREATE TABLE logprob_sets (
                        id INTEGER PRIMARY KEY,
                        data BLOB NOT NULL
                    );
                    ALTER TABLE results ADD COLUMN logprob_set INTEGER;
                    """
            )
        }
        return migrator
    }
}
