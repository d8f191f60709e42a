//! The records as the audit log tells them: every row from the last
//! marker on, applied in order, gives each record's fields. Before a
//! marker, rows are history in the formats of earlier releases; the marker
//! is followed by a snapshot of every record (a row holding it whole), so
//! replaying from there gives the whole store.

use super::audit::{self, AuditRow};
use super::key::ReviewKey;
use super::kinds::{self, Fields, RecordKind, RecordName, Scope};
use super::rounds::Year;
use super::write::WHOLE;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// The `record` of the store's own rows.
pub(crate) const STORE: &str = "store";
/// The `field` of the row after which replaying starts.
pub(crate) const MARKER: &str = "replay";

/// Every record the log tells of (by kind, round and name), with its fields.
pub type Replayed = BTreeMap<(RecordKind, Scope, RecordName), Fields>;

/// The id of the last marker row (0: replay from the first row).
pub(crate) fn start(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT coalesce(max(id), 0) FROM audit WHERE record = ?1 AND field = ?2",
        [STORE, MARKER],
        |r| r.get(0),
    )
}

/// Replays the log from the last marker.
pub fn replay(conn: &Connection) -> rusqlite::Result<Replayed> {
    let from = start(conn)?;
    // Rows written before rounds belong to the first round.
    let first = super::rounds::first(conn)?;
    let mut st = conn.prepare(
        "SELECT record, item, dataset, key, variant, field, new, round FROM audit WHERE id > ?1 ORDER BY id",
    )?;
    let mut rows = st.query([from])?;
    let mut out = Replayed::new();
    while let Some(r) = rows.next()? {
        let record: String = r.get(0)?;
        let Some(kind) = RecordKind::from_slug(&record) else {
            continue;
        };
        let item: Option<String> = r.get(1)?;
        let key = ReviewKey {
            dataset: r.get(2)?,
            key: r.get(3)?,
            variant: r.get(4)?,
        };
        let Some(name) = RecordName::of_row(kind, item.as_deref(), &key) else {
            continue;
        };
        let field: String = r.get(5)?;
        let new: Option<String> = r.get::<_, Option<String>>(6)?.filter(|s| !s.is_empty());
        let scope: Scope = if kind.per_round() {
            r.get::<_, Option<Year>>(7)?.or(first)
        } else {
            None
        };
        let fields = out
            .entry((kind, scope, name))
            .or_insert_with(|| kind.defaults());
        if field == WHOLE {
            let whole: Fields = new
                .as_deref()
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default();
            *fields = kind.defaults();
            for (f, v) in whole {
                fields.insert(f, v.filter(|s| !s.is_empty()));
            }
        } else {
            fields.insert(field, new);
        }
    }
    Ok(out)
}

/// The entry a record's audit rows are filed under (a check's measure is
/// looked up in `round`).
pub(crate) fn key_of(
    conn: &Connection,
    round: Year,
    kind: RecordKind,
    name: &RecordName,
    fields: &Fields,
) -> ReviewKey {
    let none = || ReviewKey {
        dataset: String::new(),
        key: String::new(),
        variant: 0,
    };
    let field = |f: &str| fields.get(f).cloned().flatten();
    match (kind, name) {
        (_, RecordName::Entry(k)) => Some(k.clone()),
        (RecordKind::Event, _) => field("entry").and_then(|e| kinds::parse_entry(&e)),
        (RecordKind::Decision, _) => field("catalogo").and_then(|e| kinds::parse_entry(&e)),
        (RecordKind::Measure, _) => field("targets")
            .and_then(|t| kinds::parse_targets(&t))
            .and_then(|t| t.into_iter().next().map(|(_, k)| k)),
        (RecordKind::Check, _) => field("measure")
            .and_then(|m| m.parse().ok())
            .and_then(|m| {
                kinds::read(
                    conn,
                    RecordKind::Measure,
                    Some(round),
                    &RecordName::Measure(m),
                )
                .ok()
                .flatten()
            })
            .and_then(|f| f.get("targets").cloned().flatten())
            .and_then(|t| kinds::parse_targets(&t))
            .and_then(|t| t.into_iter().next().map(|(_, k)| k)),
        _ => None,
    }
    .unwrap_or_else(none)
}

/// Writes a marker and a snapshot of every stored record, signed `who`:
/// from here on the log alone gives the store (an older store upgraded).
pub(crate) fn snapshot_all(conn: &Connection, who: &str, why: &str) -> rusqlite::Result<()> {
    // A store made just now has no past to sum up.
    let rows: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
    if rows == 0 {
        return Ok(());
    }
    let at = super::time::stamp(super::time::now());
    // The account that upgrades the store signs what it sums up.
    let account = super::record::Identity::os().account;
    let row =
        |record: &str, item: Option<String>, key: &ReviewKey, field: &str, new: String| AuditRow {
            at: at.clone(),
            who: who.to_string(),
            account: Some(account.clone()),
            name: Some(who.to_string()),
            record: record.to_string(),
            item,
            // The snapshot is of the first round (the only one there is).
            round: None,
            dataset: key.dataset.clone(),
            key: key.key.clone(),
            variant: key.variant,
            field: field.to_string(),
            old: None,
            new: Some(new),
        };
    let nowhere = ReviewKey {
        dataset: String::new(),
        key: String::new(),
        variant: 0,
    };
    audit::append(conn, &row(STORE, None, &nowhere, MARKER, why.to_string()))?;
    let first = super::rounds::first(conn)?;
    for kind in RecordKind::ALL {
        for (scope, name, fields) in kinds::read_all(conn, kind)? {
            if fields == kind.defaults() {
                continue;
            }
            let round = scope
                .or(first)
                .unwrap_or_else(|| Year::of(super::time::today()));
            let key = key_of(conn, round, kind, &name, &fields);
            let json = serde_json::to_string(&fields).unwrap_or_default();
            audit::append(conn, &row(kind.slug(), name.item(), &key, WHOLE, json))?;
        }
    }
    Ok(())
}
