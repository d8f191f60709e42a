//! Monitoring (PNA 2019, Allegato 1, §6): the checks of a measure through
//! the year — the day, what was found, the indicator's value, the evidence.
//! A check records a fact, so it is never dated after today; one recorded
//! wrongly is corrected or removed (softly: the store and the log keep it),
//! never silently replaced.

use super::error::{Corrupt, Invalid, Refused, StoreError};
use super::kinds::{RecordKind, RecordName};
use super::measures::{first_key, State};
use super::rounds::Year;
use super::store::Store;
use super::{limits, time};
use crate::model::{CheckId, MeasureId};
use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

/// One monitoring check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// `V7`: what `measure unmonitor` and corrections name.
    pub id: CheckId,
    #[serde(skip)]
    pub measure: MeasureId,
    #[serde(with = "time::date")]
    pub date: Date,
    pub state: State,
    pub value: String,
    pub evidence: String,
    pub note: String,
    #[serde(with = "time::stamp")]
    pub created_at: Timestamp,
    pub created_by: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// What a check records (a new one, or a correction of one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckFields {
    #[serde(with = "time::date")]
    pub date: Date,
    pub state: State,
    pub value: String,
    pub evidence: String,
    pub note: String,
}

const COLUMNS: &str =
    "id, measure, date, state, value, evidence, note, created_at, created_by, removed";

fn row_to_check(r: &Row) -> rusqlite::Result<Check> {
    let n: i64 = r.get(0)?;
    let bad = |column: &'static str, value: &str, i: usize| {
        Corrupt {
            table: "monitoring",
            record: format!("V{n}"),
            column,
            value: value.to_string(),
        }
        .error(i)
    };
    let date: String = r.get(2)?;
    let state: String = r.get(3)?;
    let at: String = r.get(7)?;
    Ok(Check {
        id: CheckId::new(n).ok_or(rusqlite::Error::InvalidQuery)?,
        measure: MeasureId::new(r.get(1)?).ok_or(rusqlite::Error::InvalidQuery)?,
        date: time::parse_date(&date).ok_or_else(|| bad("date", &date, 2))?,
        state: State::from_slug(&state).ok_or_else(|| bad("state", &state, 3))?,
        value: r.get(4)?,
        evidence: r.get(5)?,
        note: r.get(6)?,
        created_at: at.parse().map_err(|_| bad("created_at", &at, 7))?,
        created_by: r.get(8)?,
        removed: r.get::<_, i64>(9)? != 0,
    })
}

/// Every check, removed or not, in the order that makes a measure's last
/// one its state: by date, then by time of recording.
pub(crate) fn all_checks(conn: &Connection, round: Year) -> rusqlite::Result<Vec<Check>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM monitoring WHERE round = ?1 ORDER BY measure, date, created_at, id"
    ))?
    .query_map([round], row_to_check)?
    .collect()
}

impl CheckFields {
    fn check(&self, today: Date) -> Result<(), Invalid> {
        if self.date > today {
            return Err(Invalid::Future {
                what: "check",
                date: self.date,
                today,
            });
        }
        limits::text("value", &self.value)?;
        limits::text("evidence", &self.evidence)?;
        limits::text("note", &self.note)
    }
}

impl Store {
    /// One check by id, removed or not.
    pub fn check(&self, id: CheckId) -> Result<Check, StoreError> {
        self.read_round(|c, y| {
            c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM monitoring WHERE round = ?1 AND id = ?2"
            ))?
            .query_map(params![y, id.get()], row_to_check)?
            .next()
            .transpose()
        })?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Records a check of the measure (audited); returns its id.
    pub fn monitor(&mut self, id: MeasureId, record: &CheckFields) -> Result<CheckId, StoreError> {
        record.check(self.today)?;
        let m = self.measure(id)?;
        if m.removed {
            return Err(Refused::Removed(id.to_string()).into());
        }
        let key = first_key(&m);
        self.write_round(|w| {
            w.tx.execute(
                "INSERT INTO monitoring (round, measure, date, state, value, evidence, note, created_at, created_by) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id.get(),
                    record.date.to_string(),
                    record.state.slug(),
                    record.value.trim(),
                    record.evidence.trim(),
                    record.note.trim(),
                    time::stamp(w.now),
                    w.identity.who(),
                    w.year()
                ],
            )
            .map_err(w.sql())?;
            let check = CheckId::new(w.tx.last_insert_rowid()).ok_or(StoreError::NotFound("V0".into()))?;
            w.created(RecordKind::Check, &RecordName::Check(check), &key)?;
            Ok(check)
        })
    }

    /// Corrects a check's fields (audited).
    pub fn set_check(&mut self, id: CheckId, record: &CheckFields) -> Result<Check, StoreError> {
        record.check(self.today)?;
        let old = self.check(id)?;
        if old.removed {
            return Err(Refused::Removed(id.to_string()).into());
        }
        let key = first_key(&self.measure(old.measure)?);
        self.write_round(|w| {
            w.change(RecordKind::Check, &RecordName::Check(id), &key, || {
                w.tx.execute(
                    "UPDATE monitoring SET date = ?1, state = ?2, value = ?3, evidence = ?4, note = ?5 WHERE id = ?6 AND round = ?7",
                    params![
                        record.date.to_string(),
                        record.state.slug(),
                        record.value.trim(),
                        record.evidence.trim(),
                        record.note.trim(),
                        id.get(),
                        w.year()
                    ],
                )
                .map_err(w.sql())
            })?;
            Ok(())
        })?;
        self.check(id)
    }

    /// Removes a check recorded by mistake (kept in the store and the log),
    /// or puts it back (`removed: false`).
    pub fn set_check_removed(&mut self, id: CheckId, removed: bool) -> Result<Check, StoreError> {
        let old = self.check(id)?;
        if old.removed == removed {
            return Ok(old);
        }
        let key = first_key(&self.measure(old.measure)?);
        self.write_round(|w| {
            w.change(RecordKind::Check, &RecordName::Check(id), &key, || {
                w.tx.execute(
                    "UPDATE monitoring SET removed = ?1 WHERE id = ?2 AND round = ?3",
                    params![removed as i64, id.get(), w.year()],
                )
                .map_err(w.sql())
            })?;
            Ok(())
        })?;
        self.check(id)
    }
}
