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
    &[
        Step::Sql("ALTER TABLE monitoring ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;"),
        Step::Code(|conn| {
            super::replay::snapshot_all(
                conn,
                "mappa",
                "aggiornamento allo schema 5: da qui il registro prova i dati",
            )
        }),
    ],
];

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
