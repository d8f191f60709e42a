//! The store's schema and its migrations: one list, versioned with
//! `user_version` from the first release, so every later release upgrades
//! old stores in place (each step in its own transaction). A mappa store
//! also carries `application_id`, so that it is never mistaken for another
//! program's database, nor another's for it.

use rusqlite::Connection;

/// `PRAGMA application_id` of a mappa store: "mapp".
pub const APPLICATION_ID: i64 = 0x6d61_7070;

/// One step from version i to i + 1.
enum Step {
    Sql(&'static str),
    /// A step that needs code (e.g. hashing existing rows).
    Code(fn(&Connection) -> rusqlite::Result<()>),
}

const MIGRATIONS: &[&[Step]] = &[
    // 1 (release 0.1): reviews and their audit log.
    &[Step::Sql(
        "CREATE TABLE reviews (
            dataset TEXT NOT NULL,
            key TEXT NOT NULL,
            variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'da_esaminare',
            notes TEXT NOT NULL DEFAULT '',
            interesse TEXT, discrezionalita TEXT, eventi TEXT, opacita TEXT, collaborazione TEXT, attuazione TEXT,
            judgement TEXT,
            motivation TEXT NOT NULL DEFAULT '',
            office TEXT NOT NULL DEFAULT '',
            interview_date TEXT NOT NULL DEFAULT '',
            present TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (dataset, key, variant)
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            dataset TEXT NOT NULL,
            key TEXT NOT NULL,
            variant INTEGER NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT
        );
        CREATE INDEX audit_by_key ON audit (dataset, key, variant);",
    )],
    // 2: the OS account beside the name given, the kind of record, and the
    // hash chain over every row (existing rows are chained in id order;
    // their account is unknown, their `who` is what they recorded).
    &[
        Step::Sql(
            "ALTER TABLE audit ADD COLUMN account TEXT;
            ALTER TABLE audit ADD COLUMN name TEXT;
            ALTER TABLE audit ADD COLUMN record TEXT NOT NULL DEFAULT 'review';
            ALTER TABLE audit ADD COLUMN hash TEXT;
            UPDATE audit SET name = who WHERE account IS NULL;
            CREATE INDEX audit_by_field ON audit (record, dataset, key, variant, field, id);",
        ),
        Step::Code(|conn| super::audit::chain_unhashed(conn, super::audit::COLUMNS_V2).map(|_| ())),
    ],
    // 3: the risk register (events and areas), measures with their phases,
    // links and monitoring, and the officer's decisions on the concordance.
    // Audit rows name the item they are about (R12, M3, L4).
    &[Step::Sql(
        "ALTER TABLE audit ADD COLUMN item TEXT;
        CREATE TABLE risk_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset TEXT NOT NULL, key TEXT NOT NULL, variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            factors TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            removed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
        );
        CREATE INDEX risk_events_by_entry ON risk_events (dataset, key, variant);
        CREATE TABLE risk_areas (
            dataset TEXT NOT NULL, key TEXT NOT NULL, variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            area TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            PRIMARY KEY (dataset, key, variant)
        );
        CREATE TABLE measures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            type TEXT NOT NULL,
            owner TEXT NOT NULL,
            due TEXT NOT NULL,
            indicator TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            target_date TEXT NOT NULL DEFAULT '',
            removed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
        );
        CREATE TABLE measure_phases (
            measure INTEGER NOT NULL REFERENCES measures (id),
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            due TEXT NOT NULL,
            PRIMARY KEY (measure, seq)
        );
        CREATE TABLE measure_targets (
            measure INTEGER NOT NULL REFERENCES measures (id),
            event INTEGER REFERENCES risk_events (id),
            dataset TEXT NOT NULL, key TEXT NOT NULL, variant INTEGER NOT NULL,
            title TEXT NOT NULL
        );
        CREATE UNIQUE INDEX measure_targets_unique ON measure_targets (measure, coalesce(event, 0), dataset, key, variant);
        CREATE TABLE monitoring (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            measure INTEGER NOT NULL REFERENCES measures (id),
            date TEXT NOT NULL,
            state TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL, created_by TEXT NOT NULL
        );
        CREATE INDEX monitoring_by_measure ON monitoring (measure, date, id);
        CREATE TABLE link_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            c_dataset TEXT NOT NULL, c_key TEXT NOT NULL, c_variant INTEGER NOT NULL, c_title TEXT NOT NULL,
            p_dataset TEXT NOT NULL, p_key TEXT NOT NULL, p_variant INTEGER NOT NULL, p_title TEXT NOT NULL,
            verdict TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
        );
        CREATE UNIQUE INDEX link_decisions_pair ON link_decisions (c_dataset, c_key, c_variant, p_dataset, p_key, p_variant);",
    )],
    // 4: records filed under keys an importer fix changed follow their
    // entry (the audit log keeps the old key: it is history).
    &[Step::Code(rename_keys)],
    // 5: checks can be removed (softly), and the log proves the data: from
    // a marker on, a snapshot of every record, then every change as the
    // difference of the record's fields (see `kinds.rs`, `verify.rs`).
    // (The snapshot is taken by the next step, on the tables as they are
    // read today.)
    &[Step::Sql(
        "ALTER TABLE monitoring ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;",
    )],
    // 6: yearly rounds. Every record belongs to a round (ids stay the same
    // across rounds: each round holds its own version of R12); the records
    // there are go into one round named by the year of the first audit
    // row, whose rows keep no round (they belong to the first round, and
    // their hashes stay as they were). Link decisions belong to the maps.
    &[Step::Code(rounds::migrate)],
];

/// Step 6 (see [`MIGRATIONS`]).
mod rounds {
    use rusqlite::Connection;

    /// The tables with a round, as made today. (They refer to each other
    /// by their new names, which renaming them carries over.)
    pub const TABLES: &str = "
        CREATE TABLE rounds (
            year INTEGER PRIMARY KEY,
            state TEXT NOT NULL,
            carried_from INTEGER,
            confirmed INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT '',
            map TEXT NOT NULL DEFAULT '',
            map_copy BLOB
        );
        CREATE TABLE sequences (name TEXT PRIMARY KEY, last INTEGER NOT NULL);
        CREATE TABLE reviews_v6 (
            round INTEGER NOT NULL,
            dataset TEXT NOT NULL,
            key TEXT NOT NULL,
            variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'da_esaminare',
            notes TEXT NOT NULL DEFAULT '',
            interesse TEXT, discrezionalita TEXT, eventi TEXT, opacita TEXT, collaborazione TEXT, attuazione TEXT,
            judgement TEXT,
            motivation TEXT NOT NULL DEFAULT '',
            office TEXT NOT NULL DEFAULT '',
            interview_date TEXT NOT NULL DEFAULT '',
            present TEXT NOT NULL DEFAULT '',
            carried_from INTEGER,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (round, dataset, key, variant)
        );
        CREATE TABLE risk_areas_v6 (
            round INTEGER NOT NULL,
            dataset TEXT NOT NULL, key TEXT NOT NULL, variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            area TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            PRIMARY KEY (round, dataset, key, variant)
        );
        CREATE TABLE risk_events_v6 (
            round INTEGER NOT NULL,
            id INTEGER NOT NULL,
            dataset TEXT NOT NULL, key TEXT NOT NULL, variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            factors TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            removed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            PRIMARY KEY (round, id)
        );
        CREATE TABLE measures_v6 (
            round INTEGER NOT NULL,
            id INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            type TEXT NOT NULL,
            owner TEXT NOT NULL,
            due TEXT NOT NULL,
            indicator TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            target_date TEXT NOT NULL DEFAULT '',
            removed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            PRIMARY KEY (round, id)
        );
        CREATE TABLE measure_phases_v6 (
            round INTEGER NOT NULL,
            measure INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            due TEXT NOT NULL,
            PRIMARY KEY (round, measure, seq),
            FOREIGN KEY (round, measure) REFERENCES measures_v6 (round, id)
        );
        CREATE TABLE measure_targets_v6 (
            round INTEGER NOT NULL,
            measure INTEGER NOT NULL,
            event INTEGER,
            dataset TEXT NOT NULL, key TEXT NOT NULL, variant INTEGER NOT NULL,
            title TEXT NOT NULL,
            FOREIGN KEY (round, measure) REFERENCES measures_v6 (round, id)
        );
        CREATE TABLE monitoring_v6 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            round INTEGER NOT NULL,
            measure INTEGER NOT NULL,
            date TEXT NOT NULL,
            state TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            removed INTEGER NOT NULL DEFAULT 0,
            FOREIGN KEY (round, measure) REFERENCES measures_v6 (round, id)
        );";

    /// The old tables copied into the new ones, in round `?1`.
    const COPY: &str = "
        INSERT INTO reviews_v6 (round, dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi,
            opacita, collaborazione, attuazione, judgement, motivation, office, interview_date, present, carried_from,
            updated_at, updated_by)
            SELECT ?1, dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, opacita,
            collaborazione, attuazione, judgement, motivation, office, interview_date, present, NULL, updated_at, updated_by
            FROM reviews;
        INSERT INTO risk_areas_v6 SELECT ?1, dataset, key, variant, title, area, updated_at, updated_by FROM risk_areas;
        INSERT INTO risk_events_v6 SELECT ?1, id, dataset, key, variant, title, text, factors, note, removed,
            created_at, created_by, updated_at, updated_by FROM risk_events;
        INSERT INTO measures_v6 SELECT ?1, id, text, kind, type, owner, due, indicator, target, target_date, removed,
            created_at, created_by, updated_at, updated_by FROM measures;
        INSERT INTO measure_phases_v6 SELECT ?1, measure, seq, text, due FROM measure_phases;
        INSERT INTO measure_targets_v6 SELECT ?1, measure, event, dataset, key, variant, title FROM measure_targets;
        INSERT INTO monitoring_v6 (id, round, measure, date, state, value, evidence, note, created_at, created_by, removed)
            SELECT id, ?1, measure, date, state, value, evidence, note, created_at, created_by, removed FROM monitoring;";

    const SWAP: &str = "
        DROP TABLE reviews; ALTER TABLE reviews_v6 RENAME TO reviews;
        DROP TABLE risk_areas; ALTER TABLE risk_areas_v6 RENAME TO risk_areas;
        DROP TABLE measure_phases; DROP TABLE measure_targets; DROP TABLE monitoring;
        DROP TABLE risk_events; ALTER TABLE risk_events_v6 RENAME TO risk_events;
        DROP TABLE measures; ALTER TABLE measures_v6 RENAME TO measures;
        ALTER TABLE measure_phases_v6 RENAME TO measure_phases;
        ALTER TABLE measure_targets_v6 RENAME TO measure_targets;
        ALTER TABLE monitoring_v6 RENAME TO monitoring;
        CREATE INDEX risk_events_by_entry ON risk_events (round, dataset, key, variant);
        CREATE UNIQUE INDEX measure_targets_unique ON measure_targets (round, measure, coalesce(event, 0), dataset, key, variant);
        CREATE INDEX monitoring_by_measure ON monitoring (round, measure, date, id);
        ALTER TABLE audit ADD COLUMN round INTEGER;";

    pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
        conn.execute_batch(TABLES)?;
        // The first round: the year the store's history begins.
        let first: Option<String> = conn
            .query_row("SELECT at FROM audit ORDER BY id LIMIT 1", [], |r| r.get(0))
            .ok();
        let year = first
            .as_deref()
            .and_then(|at| at.get(..4)?.parse::<i64>().ok())
            .and_then(crate::review::Year::new)
            .unwrap_or_else(|| crate::review::Year::of(crate::review::time::today()));
        // Ids given so far are never given again.
        for table in ["risk_events", "measures"] {
            conn.execute(
                &format!(
                    "INSERT INTO sequences (name, last) SELECT ?1, max(coalesce((SELECT max(id) FROM {table}), 0),                      coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0))"
                ),
                [table],
            )?;
        }
        for statement in COPY.split(';').filter(|s| !s.trim().is_empty()) {
            conn.execute(statement, [year.get()])?;
        }
        conn.execute_batch(SWAP)?;
        let history: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
        if history == 0 {
            // A store made just now: its first change opens its round.
            return Ok(());
        }
        crate::review::rounds::create_migrated(conn, year)?;
        // Stores before schema 5 get the snapshot from which the log proves
        // the data (see `replay.rs`).
        let marked: i64 = conn.query_row(
            "SELECT count(*) FROM audit WHERE record = ?1 AND field = ?2",
            [super::super::replay::STORE, super::super::replay::MARKER],
            |r| r.get(0),
        )?;
        if marked == 0 {
            super::super::replay::snapshot_all(
                conn,
                "mappa",
                "aggiornamento allo schema 6: da qui il registro prova i dati",
            )?;
        }
        Ok(())
    }
}

fn rename_keys(conn: &Connection) -> rusqlite::Result<()> {
    for (dataset, old, new) in super::key::RENAMED {
        for table in ["reviews", "risk_areas"] {
            // Only where the new key has no record of its own yet.
            conn.execute(
                &format!(
                    "UPDATE {table} SET key = ?3 WHERE dataset = ?1 AND key = ?2 \
                     AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.dataset = ?1 AND t.key = ?3 AND t.variant = {table}.variant)"
                ),
                rusqlite::params![dataset, old, new],
            )?;
        }
        for table in ["risk_events", "measure_targets"] {
            conn.execute(
                &format!("UPDATE {table} SET key = ?3 WHERE dataset = ?1 AND key = ?2"),
                rusqlite::params![dataset, old, new],
            )?;
        }
        conn.execute(
            "UPDATE link_decisions SET p_key = ?3 WHERE p_dataset = ?1 AND p_key = ?2",
            rusqlite::params![dataset, old, new],
        )?;
        conn.execute(
            "UPDATE link_decisions SET c_key = ?3 WHERE c_dataset = ?1 AND c_key = ?2",
            rusqlite::params![dataset, old, new],
        )?;
    }
    Ok(())
}

pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the store to the current version, one transaction per step; a
/// step another process finished meanwhile is skipped.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    loop {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let v = version(conn)?;
        if v >= VERSION {
            conn.execute_batch("COMMIT")?;
            return Ok(());
        }
        let result = (|| {
            for step in MIGRATIONS[v as usize] {
                match step {
                    Step::Sql(sql) => conn.execute_batch(sql)?,
                    Step::Code(f) => f(conn)?,
                }
            }
            conn.pragma_update(None, "user_version", v + 1)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)
        })();
        match result {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_store_is_made_by_every_step_and_its_keys_name_the_tables() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrate(&conn).unwrap();
        assert_eq!(super::version(&conn).unwrap(), super::VERSION);
        for child in ["measure_phases", "measure_targets", "monitoring"] {
            let parent: String = conn
                .query_row(
                    &format!("SELECT \"table\" FROM pragma_foreign_key_list('{child}')"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(parent, "measures", "{child}");
        }
        let none: i64 = conn
            .query_row("SELECT count(*) FROM rounds", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            none, 0,
            "a store made now gets its round with its first change"
        );
    }
}
