//! The proof of the data: the records the audit log tells of (replayed)
//! against the records the tables hold. Any row edited, added or deleted
//! outside mappa differs from the log and is named, field by field, with
//! the logged value and the stored one. Titles copied from the map and
//! the times of changes are not officer's data and are not compared.

use super::kinds::{self, Fields, RecordKind, RecordName, Scope};
use super::replay;
use super::rounds::{map_image, Fingerprint, Year};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeSet;

/// How a stored record differs from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alteration {
    /// A field's value is not the one the log wrote last.
    Edited,
    /// A row the log never wrote.
    Added,
    /// A row the log wrote is gone.
    Deleted,
}

/// One field of one record that differs from the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
    pub table: &'static str,
    /// The round of the record (none for link decisions and rounds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<Year>,
    /// The record: `R12`, `M3`, `V7`, `L4`, or an entry's key.
    pub record: String,
    pub field: String,
    pub alteration: Alteration,
    /// What the log says.
    pub logged: Option<String>,
    /// What the table holds.
    pub stored: Option<String>,
}

/// Every difference between the replayed log and the tables, in the order
/// of kinds, records and fields; empty when the data is what the log says.
/// Run inside one read transaction (the caller's).
pub fn differences(conn: &Connection) -> rusqlite::Result<(Vec<Discrepancy>, usize)> {
    let replayed = replay::replay(conn)?;
    let mut out = Vec::new();
    let mut records = 0;
    for kind in RecordKind::ALL {
        let stored: std::collections::BTreeMap<(Scope, RecordName), Fields> =
            kinds::read_all(conn, kind)?
                .into_iter()
                .map(|(scope, name, fields)| ((scope, name), fields))
                .collect();
        let names: BTreeSet<(Scope, RecordName)> = replayed
            .keys()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, scope, n)| (*scope, n.clone()))
            .chain(stored.keys().cloned())
            .collect();
        let defaults = kind.defaults();
        for (scope, name) in names {
            let logged = replayed.get(&(kind, scope, name.clone()));
            let held = stored.get(&(scope, name.clone()));
            records += usize::from(held.is_some());
            let alteration = match (logged, held) {
                (Some(_), None) => Alteration::Deleted,
                (None, Some(_)) => Alteration::Added,
                _ => Alteration::Edited,
            };
            let logged = logged.unwrap_or(&defaults);
            let held = held.unwrap_or(&defaults);
            let fields: BTreeSet<&String> = logged.keys().chain(held.keys()).collect();
            for field in fields {
                let l = logged.get(field).cloned().flatten();
                let s = held.get(field).cloned().flatten();
                if l != s {
                    out.push(Discrepancy {
                        table: kind.table_of(field),
                        round: scope,
                        record: name.to_string(),
                        field: field.clone(),
                        alteration,
                        logged: l,
                        stored: s,
                    });
                }
            }
        }
    }
    out.extend(map_copies(conn)?);
    Ok((out, records))
}

/// Each round's copy of its map must be the map its fingerprint names.
fn map_copies(conn: &Connection) -> rusqlite::Result<Vec<Discrepancy>> {
    let mut st =
        conn.prepare("SELECT year, map, map_copy FROM rounds WHERE map_copy IS NOT NULL")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, Year>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (year, map, copy) = row?;
        let found = map_image::unpack(&copy)
            .ok()
            .and_then(|t| map_image::fingerprint_of_document(&t));
        if found.as_ref().map(Fingerprint::as_str) != Some(map.as_str()) {
            out.push(Discrepancy {
                table: "rounds",
                round: None,
                record: format!("ciclo {year}"),
                field: "map_copy".into(),
                alteration: Alteration::Edited,
                logged: Some(map),
                stored: found.map(|f| f.to_string()),
            });
        }
    }
    Ok(out)
}
