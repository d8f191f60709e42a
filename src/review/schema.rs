//! The store's schema and its migrations, versioned with `user_version`
//! from the first release so later versions can upgrade old stores.

use anyhow::bail;
use rusqlite::Connection;

/// Each step brings the schema from version i to i + 1.
const MIGRATIONS: &[&str] = &[
    // 1: reviews and their audit log.
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
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the store to the current version, one transaction per step.
pub fn migrate(conn: &Connection) -> anyhow::Result<()> {
    let mut version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        bail!("the review store was written by a newer mappa (schema {version}, this one knows {VERSION}); update mappa");
    }
    while version < VERSION {
        let step = MIGRATIONS[version as usize];
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {step}; PRAGMA user_version = {}; COMMIT;",
            version + 1
        ))
        .or_else(|e| {
            let _ = conn.execute_batch("ROLLBACK");
            // Another process may have migrated meanwhile.
            let now: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now > version {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    }
    Ok(())
}

/// For read-only use: the store must already have a schema we know.
pub fn check(conn: &Connection) -> anyhow::Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 || version > VERSION {
        bail!("this file is not a mappa review store this version can read (schema {version})");
    }
    Ok(())
}
