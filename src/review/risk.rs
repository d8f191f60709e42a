//! The risk register (ANAC PNA 2019, Allegato 1, §4): for an entry, the
//! risk events that could happen in it with their enabling factors, and the
//! risk area the entry falls in. Events are removed softly: kept in the
//! store and the audit log, hidden from the register, and restorable.

pub use super::areas::{catalogue, find_in_catalogue, Area, Factor, Suggestion};
use super::error::{Corrupt, Invalid, Refused, StoreError};
use super::key::ReviewKey;
use super::kinds::{RecordKind, RecordName};
use super::store::Store;
use super::{limits, time};
use crate::model::EventId;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

/// A risk event recorded on an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskEvent {
    /// `R12`: stable, printed by `risk add`.
    pub id: EventId,
    #[serde(flatten)]
    pub key: ReviewKey,
    /// The entry's title when the event was recorded.
    pub title: String,
    pub text: String,
    pub factors: Vec<Factor>,
    pub note: String,
    #[serde(with = "time::stamp")]
    pub created_at: Timestamp,
    pub created_by: String,
    #[serde(with = "time::stamp")]
    pub updated_at: Timestamp,
    pub updated_by: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A change to an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct EventChange {
    pub text: Option<String>,
    pub add: Vec<Factor>,
    pub remove: Vec<Factor>,
    pub note: Option<String>,
    /// The whole list of factors (undoing a change), instead of add/remove.
    #[serde(default)]
    pub factors: Option<Vec<Factor>>,
}

const EVENT_COLUMNS: &str = "id, dataset, key, variant, title, text, factors, note, created_at, created_by, updated_at, updated_by, removed";

fn stamp_at(r: &Row, i: usize, id: i64, column: &'static str) -> rusqlite::Result<Timestamp> {
    let t: String = r.get(i)?;
    t.parse().map_err(|_| {
        Corrupt {
            table: "risk_events",
            record: format!("R{id}"),
            column,
            value: t.clone(),
        }
        .error(i)
    })
}

fn row_to_event(r: &Row) -> rusqlite::Result<RiskEvent> {
    let n: i64 = r.get(0)?;
    let factors_text: String = r.get(6)?;
    let factors = Factor::list(&factors_text).ok_or_else(|| {
        Corrupt {
            table: "risk_events",
            record: format!("R{n}"),
            column: "factors",
            value: factors_text.clone(),
        }
        .error(6)
    })?;
    Ok(RiskEvent {
        id: EventId::new(n).ok_or(rusqlite::Error::InvalidQuery)?,
        key: ReviewKey {
            dataset: r.get(1)?,
            key: r.get(2)?,
            variant: r.get(3)?,
        },
        title: r.get(4)?,
        text: r.get(5)?,
        factors,
        note: r.get(7)?,
        created_at: stamp_at(r, 8, n, "created_at")?,
        created_by: r.get(9)?,
        updated_at: stamp_at(r, 10, n, "updated_at")?,
        updated_by: r.get(11)?,
        removed: r.get::<_, i64>(12)? != 0,
    })
}

fn check_text(text: &str) -> Result<(), Invalid> {
    if text.trim().is_empty() {
        return Err(Invalid::Empty("event"));
    }
    limits::text("event", text)
}

impl Store {
    /// The events of the register (not removed), of one entry or all, in
    /// the order they were recorded.
    pub fn events(&self, key: Option<&ReviewKey>) -> Result<Vec<RiskEvent>, StoreError> {
        self.read_round(|c, y| {
            let sql =
                format!("SELECT {EVENT_COLUMNS} FROM risk_events WHERE round = ?1 AND removed = 0");
            match key {
                Some(k) => {
                    let mut st = c.prepare(&format!(
                        "{sql} AND dataset = ?2 AND key = ?3 AND variant = ?4 ORDER BY id"
                    ))?;
                    let rows =
                        st.query_map(params![y, k.dataset, k.key, k.variant], row_to_event)?;
                    rows.collect()
                }
                None => {
                    let mut st = c.prepare(&format!("{sql} ORDER BY id"))?;
                    let rows = st.query_map([y], row_to_event)?;
                    rows.collect()
                }
            }
        })
    }

    /// One event by id, removed or not.
    pub fn event(&self, id: EventId) -> Result<RiskEvent, StoreError> {
        self.read_round(|c, y| {
            c.query_row(
                &format!("SELECT {EVENT_COLUMNS} FROM risk_events WHERE round = ?1 AND id = ?2"),
                params![y, id.get()],
                row_to_event,
            )
            .optional()
        })?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Records a new event on the entry at `key`; its id is `R` + a number
    /// never given before.
    pub fn add_event(
        &mut self,
        key: &ReviewKey,
        title: &str,
        text: &str,
        factors: &[Factor],
        note: &str,
    ) -> Result<RiskEvent, StoreError> {
        check_text(text)?;
        limits::text("note", note)?;
        let mut factors = factors.to_vec();
        factors.sort();
        factors.dedup();
        let id = self.write_round(|w| {
            let sql = w.sql();
            let n = w.next_id("risk_events")?;
            w.tx.execute(
                "INSERT INTO risk_events (round, id, dataset, key, variant, title, text, factors, note, created_at, created_by, updated_at, updated_by) \
                 VALUES (?10, ?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
                params![key.dataset, key.key, key.variant, title, text.trim(), Factor::join(&factors), note, time::stamp(w.now), w.identity.who(), w.year(), n],
            )
            .map_err(&sql)?;
            let id = EventId::new(n).ok_or(StoreError::NotFound("R0".into()))?;
            w.created(RecordKind::Event, &RecordName::Event(id), key)?;
            Ok(id)
        })?;
        self.event(id)
    }

    /// Changes an event's text, factors or note (one transaction).
    pub fn set_event(
        &mut self,
        id: EventId,
        change: &EventChange,
    ) -> Result<RiskEvent, StoreError> {
        if let Some(t) = &change.text {
            check_text(t)?;
        }
        if let Some(n) = &change.note {
            limits::text("note", n)?;
        }
        let old = self.event(id)?;
        if old.removed {
            return Err(Refused::Removed(id.to_string()).into());
        }
        let mut factors = change
            .factors
            .clone()
            .unwrap_or_else(|| old.factors.clone());
        factors.extend(change.add.iter().copied());
        factors.retain(|f| !change.remove.contains(f));
        factors.sort();
        factors.dedup();
        let text = change
            .text
            .as_deref()
            .map(str::trim)
            .unwrap_or(&old.text)
            .to_string();
        let note = change.note.clone().unwrap_or_else(|| old.note.clone());
        self.write_round(|w| {
            let sql = w.sql();
            w.change(RecordKind::Event, &RecordName::Event(id), &old.key, || {
                w.tx.execute(
                    "UPDATE risk_events SET text = ?1, factors = ?2, note = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?6 AND round = ?7",
                    params![text, Factor::join(&factors), note, time::stamp(w.now), w.identity.who(), id.get(), w.year()],
                )
                .map_err(&sql)
            })?;
            Ok(())
        })?;
        self.event(id)
    }

    /// Removes an event from the register (it stays in the store and the
    /// audit log), or puts a removed one back (`removed: false`).
    pub fn set_event_removed(
        &mut self,
        id: EventId,
        removed: bool,
    ) -> Result<RiskEvent, StoreError> {
        let old = self.event(id)?;
        if old.removed == removed {
            return Ok(old);
        }
        self.write_round(|w| {
            w.change(RecordKind::Event, &RecordName::Event(id), &old.key, || {
                w.tx.execute(
                    "UPDATE risk_events SET removed = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4 AND round = ?5",
                    params![removed as i64, time::stamp(w.now), w.identity.who(), id.get(), w.year()],
                )
                .map_err(w.sql())
            })?;
            Ok(())
        })?;
        self.event(id)
    }

    /// Files the event under another entry (a map's new version), audited.
    pub fn set_event_entry(
        &mut self,
        id: EventId,
        key: &ReviewKey,
        title: &str,
    ) -> Result<RiskEvent, StoreError> {
        let old = self.event(id)?;
        if old.key == *key {
            return Ok(old);
        }
        self.write_round(|w| {
            w.change(RecordKind::Event, &RecordName::Event(id), key, || {
                w.tx.execute(
                    "UPDATE risk_events SET dataset = ?1, key = ?2, variant = ?3, title = ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?7 AND round = ?8",
                    params![key.dataset, key.key, key.variant, title, time::stamp(w.now), w.identity.who(), id.get(), w.year()],
                )
                .map_err(w.sql())
            })?;
            Ok(())
        })?;
        self.event(id)
    }

    /// Removes an event from the register (kept in the store and the log).
    pub fn remove_event(&mut self, id: EventId) -> Result<RiskEvent, StoreError> {
        self.set_event_removed(id, true)
    }

    /// Puts a removed event back in the register.
    pub fn restore_event(&mut self, id: EventId) -> Result<RiskEvent, StoreError> {
        self.set_event_removed(id, false)
    }

    /// The risk area recorded for an entry.
    pub fn area(&self, key: &ReviewKey) -> Result<Option<Area>, StoreError> {
        let text = self.read_round(|c, y| {
            c.query_row(
                "SELECT area FROM risk_areas WHERE round = ?4 AND dataset = ?1 AND key = ?2 AND variant = ?3",
                params![key.dataset, key.key, key.variant, y],
                |r| r.get::<_, String>(0),
            )
            .optional()
        })?;
        text.map(|a| {
            Area::from_slug(&a).ok_or_else(|| StoreError::Corrupt {
                table: "risk_areas",
                record: super::kinds::entry_text(key),
                column: "area",
                value: a.clone(),
            })
        })
        .transpose()
    }

    /// Every recorded area.
    pub fn areas(&self) -> Result<Vec<(ReviewKey, Area)>, StoreError> {
        let rows = self.read_round(|c, y| {
            let mut st = c.prepare(
                "SELECT dataset, key, variant, area FROM risk_areas WHERE round = ?1 ORDER BY dataset, key, variant",
            )?;
            let rows = st.query_map([y], |r| {
                Ok((
                    ReviewKey {
                        dataset: r.get(0)?,
                        key: r.get(1)?,
                        variant: r.get(2)?,
                    },
                    r.get::<_, String>(3)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        rows.into_iter()
            .map(|(k, a)| match Area::from_slug(&a) {
                Some(area) => Ok((k, area)),
                None => Err(StoreError::Corrupt {
                    table: "risk_areas",
                    record: super::kinds::entry_text(&k),
                    column: "area",
                    value: a,
                }),
            })
            .collect()
    }

    /// Sets the entry's risk area, or clears it (`None`); audited.
    pub fn set_area(
        &mut self,
        key: &ReviewKey,
        title: &str,
        area: Option<Area>,
    ) -> Result<(), StoreError> {
        self.write_round(|w| {
            let sql = w.sql();
            w.change(RecordKind::Area, &RecordName::Entry(key.clone()), key, || {
                match area {
                    Some(area) => w.tx.execute(
                        "INSERT INTO risk_areas (round, dataset, key, variant, title, area, updated_at, updated_by) VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                         ON CONFLICT (round, dataset, key, variant) DO UPDATE SET title = excluded.title, area = excluded.area, \
                         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                        params![key.dataset, key.key, key.variant, title, area.slug(), time::stamp(w.now), w.identity.who(), w.year()],
                    ),
                    None => w.tx.execute(
                        "DELETE FROM risk_areas WHERE round = ?4 AND dataset = ?1 AND key = ?2 AND variant = ?3",
                        params![key.dataset, key.key, key.variant, w.year()],
                    ),
                }
                .map_err(&sql)
            })?;
            Ok(())
        })
    }
}
