//! The audit log as a hash chain: each row carries a SHA-256 over its own
//! content and the previous row's hash, so a value edited with plain SQL,
//! or a row deleted, no longer matches. `verify` recomputes the chain;
//! `seal` gives the head hash to file in the protocol, and a later
//! `verify --seal HASH` proves that nothing before it changed.
//!
//! What this does not protect against: someone who can write the file and
//! rewrites the whole chain after the last seal (or before any seal) with
//! freshly computed hashes. Seals filed outside the store are what catch
//! that.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row's content as it is hashed.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: String,
    pub who: String,
    pub account: Option<String>,
    pub name: Option<String>,
    pub record: String,
    /// The item of the record (R12, M3, L4); none for a review.
    pub item: Option<String>,
    /// The round the row is about (none for rows of a store before rounds,
    /// which belong to its first round, and for link decisions).
    pub round: Option<i64>,
    pub dataset: String,
    pub key: String,
    pub variant: u32,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The hash of row `id` with `content`, chained to `prev`.
pub fn row_hash(id: i64, r: &AuditRow, prev: &str) -> String {
    // A JSON array: an unambiguous encoding of every field, in order.
    let mut fields = vec![
        serde_json::json!(id),
        r.at.clone().into(),
        r.who.clone().into(),
        r.account.clone().into(),
        r.name.clone().into(),
        r.record.clone().into(),
    ];
    // Rows about an item hash it; a review row hashes as before items
    // existed, so chains made by earlier releases still verify.
    if let Some(item) = &r.item {
        fields.push(serde_json::json!({ "item": item }));
    }
    // The same for the round, which rows of earlier releases do not have.
    if let Some(round) = r.round {
        fields.push(serde_json::json!({ "round": round }));
    }
    fields.extend([
        r.dataset.clone().into(),
        r.key.clone().into(),
        serde_json::json!(r.variant),
        r.field.clone().into(),
        r.old.clone().into(),
        r.new.clone().into(),
        prev.into(),
    ]);
    let canonical = serde_json::Value::Array(fields).to_string();
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of the newest row, or [`GENESIS`].
pub fn head_hash(conn: &Connection) -> rusqlite::Result<String> {
    Ok(conn
        .query_row(
            "SELECT hash FROM audit WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string()))
}

/// Appends a row (inside the caller's write transaction, so that rows are
/// chained in the order they commit) and returns its id.
pub fn append(conn: &Connection, r: &AuditRow) -> rusqlite::Result<i64> {
    let prev = head_hash(conn)?;
    // A row with no round is written without naming the column, which the
    // migrations before rounds do not have yet.
    let (columns, values) = match r.round {
        Some(_) => (", round", ", ?13"),
        None => ("", ""),
    };
    let sql = format!(
        "INSERT INTO audit (at, who, account, name, record, item, dataset, key, variant, field, old, new, hash{columns}) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ''{values})"
    );
    let mut st = conn.prepare_cached(&sql)?;
    match r.round {
        Some(round) => st.execute(params![
            r.at, r.who, r.account, r.name, r.record, r.item, r.dataset, r.key, r.variant, r.field,
            r.old, r.new, round
        ])?,
        None => st.execute(params![
            r.at, r.who, r.account, r.name, r.record, r.item, r.dataset, r.key, r.variant, r.field,
            r.old, r.new
        ])?,
    };
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE audit SET hash = ?1 WHERE id = ?2",
        params![row_hash(id, r, &prev), id],
    )?;
    Ok(id)
}

pub(crate) const COLUMNS: &str =
    "id, at, who, account, name, record, dataset, key, variant, field, old, new, hash, item, round";

/// The same columns in a store of schema 2, which had no items yet.
pub(crate) const COLUMNS_V2: &str =
    "id, at, who, account, name, record, dataset, key, variant, field, old, new, hash, NULL, NULL";

pub(crate) fn read_row(r: &Row) -> rusqlite::Result<(i64, AuditRow, Option<String>)> {
    Ok((
        r.get(0)?,
        AuditRow {
            at: r.get(1)?,
            who: r.get(2)?,
            account: r.get(3)?,
            name: r.get(4)?,
            record: r.get(5)?,
            item: r.get(13)?,
            round: r.get(14)?,
            dataset: r.get(6)?,
            key: r.get(7)?,
            variant: r.get(8)?,
            field: r.get(9)?,
            old: r.get(10)?,
            new: r.get(11)?,
        },
        r.get(12)?,
    ))
}

/// Hashes every row that has none yet, in id order (the migration that
/// chains the rows of stores written before the chain existed).
pub fn chain_unhashed(conn: &Connection, columns: &str) -> rusqlite::Result<usize> {
    let mut prev = GENESIS.to_string();
    let mut stmt = conn.prepare(&format!("SELECT {columns} FROM audit ORDER BY id"))?;
    let rows: Vec<(i64, AuditRow, Option<String>)> =
        stmt.query_map([], read_row)?.collect::<Result<_, _>>()?;
    let mut done = 0;
    for (id, row, hash) in rows {
        let h = match hash.filter(|h| !h.is_empty()) {
            Some(h) => h,
            None => {
                let h = row_hash(id, &row, &prev);
                conn.execute("UPDATE audit SET hash = ?1 WHERE id = ?2", params![h, id])?;
                done += 1;
                h
            }
        };
        prev = h;
    }
    Ok(done)
}

/// The start of a seal's hash, as people copy it (like a short git hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealPrefix(String);

/// The fewest hex digits a seal may be given with: fewer could match a
/// row by chance.
pub const SEAL_DIGITS: usize = 12;

/// Text that is not a seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadSeal {
    /// Not hexadecimal digits.
    NotHex,
    /// Fewer than [`SEAL_DIGITS`] digits.
    Short(usize),
}

impl std::str::FromStr for SealPrefix {
    type Err = BadSeal;

    fn from_str(text: &str) -> Result<SealPrefix, BadSeal> {
        let t = text.trim().to_ascii_lowercase();
        if t.is_empty() || t.len() > 64 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BadSeal::NotHex);
        }
        if t.len() < SEAL_DIGITS {
            return Err(BadSeal::Short(t.len()));
        }
        Ok(SealPrefix(t))
    }
}

impl SealPrefix {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn matches(&self, hash: &str) -> bool {
        hash.starts_with(&self.0)
    }
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Verification {
    /// The whole chain matches (and, from the store, every record is what
    /// the log says: `records` of them).
    Ok {
        rows: u64,
        head: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        records: Option<u64>,
    },
    /// The first row that does not match, and why.
    Broken { row: i64, reason: String },
    /// The chain matches but records differ from what the log says.
    Altered {
        rows: u64,
        head: String,
        discrepancies: Vec<super::verify::Discrepancy>,
    },
}

/// Recomputes the chain from the first row, stopping at the row whose hash
/// begins with `upto` when given (a seal); `Ok(None)` when no row's does.
pub fn verify(
    conn: &Connection,
    upto: Option<&SealPrefix>,
) -> rusqlite::Result<Option<Verification>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut last_id: Option<i64> = None;
    let mut count = 0u64;
    while let Some(r) = rows.next()? {
        let (id, row, stored) = read_row(r)?;
        if let Some(last) = last_id {
            if id != last + 1 {
                return Ok(Some(Verification::Broken {
                    row: last + 1,
                    reason: if id == last + 2 {
                        format!("row {} is missing: it was deleted", last + 1)
                    } else {
                        format!(
                            "rows {} to {} are missing: they were deleted",
                            last + 1,
                            id - 1
                        )
                    },
                }));
            }
        }
        let expected = row_hash(id, &row, &prev);
        let stored = stored.unwrap_or_default();
        if stored != expected {
            return Ok(Some(Verification::Broken {
                row: id,
                reason: format!(
                    "row {id} ({} {} {}, {}) does not match its hash: it, or the row before it, was changed",
                    row.dataset, row.key, row.field, row.at
                ),
            }));
        }
        count += 1;
        last_id = Some(id);
        prev = stored;
        if upto.is_some_and(|u| u.matches(&prev)) {
            return Ok(Some(Verification::Ok {
                rows: count,
                head: prev,
                records: None,
            }));
        }
    }
    if upto.is_some() {
        return Ok(None);
    }
    Ok(Some(Verification::Ok {
        rows: count,
        head: prev,
        records: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(field: &str, new: &str) -> AuditRow {
        AuditRow {
            at: "2026-12-01T10:00:00Z".into(),
            who: "rpct".into(),
            account: Some("mrossi".into()),
            name: Some("rpct".into()),
            record: "review".into(),
            item: None,
            round: None,
            dataset: "catalogo".into(),
            key: "A1".into(),
            variant: 1,
            field: field.into(),
            old: None,
            new: Some(new.into()),
        }
    }

    fn store() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, who TEXT, account TEXT, \
             name TEXT, record TEXT, dataset TEXT, key TEXT, variant INTEGER, field TEXT, old TEXT, new TEXT, hash TEXT, item TEXT, round INTEGER)",
        )
        .unwrap();
        for i in 0..5 {
            append(&conn, &row("notes", &format!("nota {i}"))).unwrap();
        }
        conn
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let conn = store();
        match verify(&conn, None).unwrap().unwrap() {
            Verification::Ok { rows, head, .. } => {
                assert_eq!(rows, 5);
                assert_eq!(head, head_hash(&conn).unwrap());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_edited_value_is_named() {
        let conn = store();
        conn.execute("UPDATE audit SET new = 'falso' WHERE id = 3", [])
            .unwrap();
        assert!(matches!(
            verify(&conn, None).unwrap().unwrap(),
            Verification::Broken { row: 3, .. }
        ));
    }

    #[test]
    fn a_deleted_row_is_reported_and_a_seal_proves_the_past() {
        let conn = store();
        let seal: String = conn
            .query_row("SELECT hash FROM audit WHERE id = 2", [], |r| r.get(0))
            .unwrap();
        conn.execute("DELETE FROM audit WHERE id = 4", []).unwrap();
        match verify(&conn, None).unwrap().unwrap() {
            Verification::Broken { row: 4, reason } => assert!(reason.contains("deleted")),
            other => panic!("{other:?}"),
        }
        // Nothing before the seal changed, given whole or by its first
        // twelve digits.
        for given in [&seal[..], &seal[..12]] {
            let prefix: SealPrefix = given.parse().unwrap();
            assert!(matches!(
                verify(&conn, Some(&prefix)).unwrap().unwrap(),
                Verification::Ok { rows: 2, .. }
            ));
        }
        // A seal no row has: the log was rewritten after it.
        let none: SealPrefix = "beefbeefbeef".parse().unwrap();
        assert_eq!(verify(&store(), Some(&none)).unwrap(), None);
        assert_eq!("3f9a".parse::<SealPrefix>(), Err(BadSeal::Short(4)));
        assert_eq!("xyz".parse::<SealPrefix>(), Err(BadSeal::NotHex));
    }
}
