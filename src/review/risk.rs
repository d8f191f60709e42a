//! The risk register (ANAC PNA 2019, Allegato 1, §4): for an entry, the
//! risk events that could happen in it with their enabling factors, and the
//! risk area the entry falls in. Events are removed softly: kept in the
//! store and the audit log, hidden from the register.

pub use super::areas::{catalogue, find_in_catalogue, Area, Factor, Suggestion};
use super::key::ReviewKey;
use super::store::Store;
use super::StoreError;
use anyhow::{anyhow, bail};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A risk event recorded on an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskEvent {
    /// `R12`: stable, printed by `risk add`.
    pub id: String,
    #[serde(flatten)]
    pub key: ReviewKey,
    /// The entry's title when the event was recorded.
    pub title: String,
    pub text: String,
    pub factors: Vec<Factor>,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
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
}

/// `R12` → 12.
pub fn event_number(id: &str) -> anyhow::Result<i64> {
    let t = id.trim();
    t.strip_prefix(['R', 'r'])
        .unwrap_or(t)
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            anyhow!(
                "\"{}\" is not a risk event id (R12)",
                crate::text::Shown(id)
            )
        })
}

fn key_of(e: &RiskEvent) -> &ReviewKey {
    &e.key
}

const EVENT_COLUMNS: &str = "id, dataset, key, variant, title, text, factors, note, created_at, created_by, updated_at, updated_by, removed";

fn row_to_event(r: &rusqlite::Row) -> rusqlite::Result<RiskEvent> {
    Ok(RiskEvent {
        id: format!("R{}", r.get::<_, i64>(0)?),
        key: ReviewKey {
            dataset: r.get(1)?,
            key: r.get(2)?,
            variant: r.get(3)?,
        },
        title: r.get(4)?,
        text: r.get(5)?,
        factors: Factor::list(&r.get::<_, String>(6)?),
        note: r.get(7)?,
        created_at: r.get(8)?,
        created_by: r.get(9)?,
        updated_at: r.get(10)?,
        updated_by: r.get(11)?,
        removed: r.get::<_, i64>(12)? != 0,
    })
}

fn check_text(text: &str) -> anyhow::Result<()> {
    if text.trim().is_empty() {
        bail!("a risk event needs its text (--event TEXT)");
    }
    Ok(())
}

impl Store {
    /// The events of the register (not removed), of one entry or all, in
    /// the order they were recorded.
    pub fn events(&self, key: Option<&ReviewKey>) -> Result<Vec<RiskEvent>, StoreError> {
        self.read(|c| {
            let sql = format!("SELECT {EVENT_COLUMNS} FROM risk_events WHERE removed = 0");
            let rows: Vec<RiskEvent> = match key {
                Some(k) => {
                    let mut st = c.prepare(&format!(
                        "{sql} AND dataset = ?1 AND key = ?2 AND variant = ?3 ORDER BY id"
                    ))?;
                    let rows = st.query_map(params![k.dataset, k.key, k.variant], row_to_event)?;
                    rows.collect::<rusqlite::Result<_>>()?
                }
                None => {
                    let mut st = c.prepare(&format!("{sql} ORDER BY id"))?;
                    let rows = st.query_map([], row_to_event)?;
                    rows.collect::<rusqlite::Result<_>>()?
                }
            };
            Ok(rows)
        })
    }

    /// One event by id, removed or not.
    pub fn event(&self, id: &str) -> anyhow::Result<RiskEvent> {
        let n = event_number(id)?;
        self.read(|c| {
            c.query_row(
                &format!("SELECT {EVENT_COLUMNS} FROM risk_events WHERE id = ?1"),
                [n],
                row_to_event,
            )
            .optional()
        })?
        .ok_or_else(|| {
            StoreError::NoSuchItem(format!("no risk event R{n} in {}", self.path().display()))
                .into()
        })
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
    ) -> anyhow::Result<RiskEvent> {
        check_text(text)?;
        let mut factors = factors.to_vec();
        factors.sort();
        factors.dedup();
        let id = self.write(|w| {
            let sql = w.sql();
            w.tx.execute(
                "INSERT INTO risk_events (dataset, key, variant, title, text, factors, note, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
                params![key.dataset, key.key, key.variant, title, text.trim(), Factor::join(&factors), note, w.now, w.identity.who()],
            )
            .map_err(&sql)?;
            let id = w.tx.last_insert_rowid();
            let item = format!("R{id}");
            w.audit("risk", &item, key, "event", None, Some(text.trim().to_string()))?;
            if !factors.is_empty() {
                w.audit("risk", &item, key, "factors", None, Some(Factor::join(&factors)))?;
            }
            if !note.is_empty() {
                w.audit("risk", &item, key, "note", None, Some(note.to_string()))?;
            }
            Ok(id)
        })?;
        self.event(&format!("R{id}"))
    }

    /// Changes an event's text, factors or note (one transaction).
    pub fn set_event(&mut self, id: &str, change: &EventChange) -> anyhow::Result<RiskEvent> {
        if let Some(t) = &change.text {
            check_text(t)?;
        }
        let old = self.event(id)?;
        if old.removed {
            bail!(
                "risk event {} was removed; it stays in the audit log but cannot be changed",
                old.id
            );
        }
        let mut factors = old.factors.clone();
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
        let n = event_number(&old.id)?;
        self.write(|w| {
            let sql = w.sql();
            w.tx.execute(
                "UPDATE risk_events SET text = ?1, factors = ?2, note = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?6",
                params![text, Factor::join(&factors), note, w.now, w.identity.who(), n],
            )
            .map_err(&sql)?;
            let k = key_of(&old);
            w.audit("risk", &old.id, k, "event", Some(old.text.clone()), Some(text.clone()))?;
            w.audit("risk", &old.id, k, "factors", Some(Factor::join(&old.factors)), Some(Factor::join(&factors)))?;
            w.audit("risk", &old.id, k, "note", Some(old.note.clone()), Some(note.clone()))?;
            Ok(())
        })?;
        self.event(&old.id)
    }

    /// Removes an event from the register (it stays in the store and the
    /// audit log).
    pub fn remove_event(&mut self, id: &str) -> anyhow::Result<RiskEvent> {
        let old = self.event(id)?;
        if old.removed {
            return Ok(old);
        }
        let n = event_number(&old.id)?;
        self.write(|w| {
            w.tx.execute(
                "UPDATE risk_events SET removed = 1, updated_at = ?1, updated_by = ?2 WHERE id = ?3",
                params![w.now, w.identity.who(), n],
            )
            .map_err(w.sql())?;
            w.audit("risk", &old.id, key_of(&old), "removed", Some("no".into()), Some("sì".into()))?;
            Ok(())
        })?;
        self.event(&old.id)
    }

    /// The risk area recorded for an entry.
    pub fn area(&self, key: &ReviewKey) -> Result<Option<Area>, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT area FROM risk_areas WHERE dataset = ?1 AND key = ?2 AND variant = ?3",
                params![key.dataset, key.key, key.variant],
                |r| r.get::<_, String>(0),
            )
            .optional()
        })
        .map(|a| a.and_then(|a| Area::parse(&a).ok()))
    }

    /// Every recorded area.
    pub fn areas(&self) -> Result<Vec<(ReviewKey, Area)>, StoreError> {
        self.read(|c| {
            let mut st = c.prepare(
                "SELECT dataset, key, variant, area FROM risk_areas ORDER BY dataset, key, variant",
            )?;
            let rows = st.query_map([], |r| {
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
        })
        .map(|v| {
            v.into_iter()
                .filter_map(|(k, a)| Area::parse(&a).ok().map(|a| (k, a)))
                .collect()
        })
    }

    /// Sets the entry's risk area (audited).
    pub fn set_area(&mut self, key: &ReviewKey, title: &str, area: Area) -> anyhow::Result<()> {
        let old = self.area(key)?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO risk_areas (dataset, key, variant, title, area, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (dataset, key, variant) DO UPDATE SET title = excluded.title, area = excluded.area, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![key.dataset, key.key, key.variant, title, area.slug(), w.now, w.identity.who()],
            )
            .map_err(w.sql())?;
            w.audit("area", &key.key, key, "area", old.map(|a| a.slug().to_string()), Some(area.slug().to_string()))?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids() {
        assert_eq!(event_number("R12").unwrap(), 12);
        assert_eq!(event_number("r3").unwrap(), 3);
        assert!(event_number("M3").is_err());
        assert!(event_number("R0").is_err());
    }
}
