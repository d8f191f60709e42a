//! Treatment (PNA 2019, Allegato 1, §5): the measures set against risk
//! events or entries — who implements them, by when, with which indicator
//! and target — and what they treat. Their monitoring checks are in
//! `monitoring.rs`. A measure's state is its latest check by date (ties by
//! the time of recording); it is overdue when its due date has passed and
//! it is not `attuata`. Measures are removed softly and can be restored.

use super::error::{Corrupt, Invalid, Refused, StoreError};
use super::key::ReviewKey;
use super::kinds::{RecordKind, RecordName};
pub use super::monitoring::{Check, CheckFields};
use super::rounds::Year;
use super::store::Store;
use super::vocabulary::vocabulary;
use super::{limits, time};
use crate::model::{EventId, MeasureId};
use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

vocabulary! {
    /// General measures (for the whole administration) or specific ones.
    pub enum Kind ("tipo di misura") {
        Generale = "generale", "generale", "general";
        Specifica = "specifica", "specifica", "specific";
    }
}

vocabulary! {
    /// The type of a measure (ANAC's classification).
    pub enum MeasureType ("tipologia di misura") {
        Controllo = "controllo", "controllo", "control";
        Trasparenza = "trasparenza", "trasparenza", "transparency";
        Etica = "etica", "definizione e promozione dell'etica e di standard di comportamento",
            "ethics and standards of conduct";
        Regolamentazione = "regolamentazione", "regolamentazione", "regulation";
        Semplificazione = "semplificazione", "semplificazione", "simplification";
        Formazione = "formazione", "formazione", "training";
        Sensibilizzazione = "sensibilizzazione", "sensibilizzazione e partecipazione",
            "awareness and participation";
        Rotazione = "rotazione", "rotazione", "rotation";
        Segnalazione = "segnalazione", "segnalazione e protezione", "reporting and protection";
        ConflittoInteressi = "conflitto-interessi", "disciplina del conflitto di interessi",
            "conflicts of interest";
        Lobbying = "lobbying",
            "regolazione dei rapporti con i rappresentanti di interessi particolari",
            "relations with lobbyists";
    }
}

vocabulary! {
    /// What monitoring found.
    pub enum State ("stato di monitoraggio") {
        Attuata = "attuata", "attuata", "implemented";
        InCorso = "in corso", "in corso", "in progress";
        NonAttuata = "non attuata", "non attuata", "not implemented";
        NonValutabile = "non valutabile", "non valutabile", "cannot be assessed";
    }
}

/// A step of a measure with its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub text: String,
    #[serde(with = "time::date")]
    pub due: Date,
}

/// What a measure treats: a risk event of an entry, or the entry itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The event (`R12`), or none for the entry as a whole.
    pub event: Option<EventId>,
    #[serde(flatten)]
    pub key: ReviewKey,
    pub title: String,
}

/// A measure with what it treats and its monitoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// `M3`: stable, printed by `measure add`.
    pub id: MeasureId,
    pub text: String,
    pub kind: Kind,
    #[serde(rename = "type")]
    pub kind_of: MeasureType,
    /// The office that implements it.
    pub owner: String,
    #[serde(with = "time::date")]
    pub due: Date,
    pub phases: Vec<Phase>,
    pub indicator: String,
    pub target: String,
    #[serde(with = "time::opt_date")]
    pub target_date: Option<Date>,
    pub targets: Vec<Target>,
    /// The checks, oldest first (by date, then by time of recording).
    pub monitoring: Vec<Check>,
    #[serde(with = "time::stamp")]
    pub created_at: Timestamp,
    pub created_by: String,
    #[serde(with = "time::stamp")]
    pub updated_at: Timestamp,
    pub updated_by: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

impl Measure {
    /// The latest check's state; none before any.
    pub fn state(&self) -> Option<State> {
        self.monitoring.last().map(|m| m.state)
    }

    /// The latest check.
    pub fn last_check(&self) -> Option<&Check> {
        self.monitoring.last()
    }

    /// Due date passed (before `today`) and not implemented.
    pub fn overdue(&self, today: Date) -> bool {
        self.due < today && self.state() != Some(State::Attuata)
    }

    /// Due within `days` from `today` (or overdue) and not implemented.
    pub fn due_soon(&self, today: Date, days: i64) -> bool {
        let limit = today
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(today);
        self.due <= limit && self.state() != Some(State::Attuata)
    }
}

/// The fields of a new measure, or the ones to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureFields {
    pub text: Option<String>,
    pub kind: Option<Kind>,
    pub kind_of: Option<MeasureType>,
    pub owner: Option<String>,
    #[serde(default, with = "time::change_date")]
    pub due: Option<Option<Date>>,
    /// Replaces the phases when given.
    pub phases: Option<Vec<Phase>>,
    pub indicator: Option<String>,
    pub target: Option<String>,
    /// `Some(None)` clears it.
    #[serde(default, with = "time::change_date")]
    pub target_date: Option<Option<Date>>,
}

impl MeasureFields {
    /// Every rule a value must keep, before anything is written.
    fn check(&self) -> Result<(), Invalid> {
        if let Some(t) = &self.text {
            if t.trim().is_empty() {
                return Err(Invalid::Empty("measure"));
            }
            limits::text("measure", t)?;
        }
        if let Some(o) = &self.owner {
            if o.trim().is_empty() {
                return Err(Invalid::Empty("owner"));
            }
            limits::text("owner", o)?;
        }
        for (field, text) in [("indicator", &self.indicator), ("target", &self.target)] {
            if let Some(t) = text {
                limits::text(field, t)?;
            }
        }
        let plausible = |what: &'static str, d: Date| {
            if time::plausible_due(d) {
                Ok(())
            } else {
                Err(Invalid::Implausible { what, date: d })
            }
        };
        if let Some(Some(d)) = self.due {
            plausible("due", d)?;
        }
        if let Some(None) = self.due {
            return Err(Invalid::Empty("due"));
        }
        if let Some(Some(d)) = self.target_date {
            plausible("target_date", d)?;
        }
        for p in self.phases.iter().flatten() {
            if p.text.trim().is_empty() {
                return Err(Invalid::Empty("phases"));
            }
            limits::text("phases", &p.text)?;
            plausible("phase", p.due)?;
        }
        Ok(())
    }
}

const MEASURE_COLUMNS: &str =
    "id, text, kind, type, owner, due, indicator, target, target_date, created_at, created_by, \
     updated_at, updated_by, removed";

fn bad(record: i64, column: &'static str, value: &str, i: usize) -> rusqlite::Error {
    Corrupt {
        table: "measures",
        record: format!("M{record}"),
        column,
        value: value.to_string(),
    }
    .error(i)
}

fn row_to_measure(r: &Row) -> rusqlite::Result<Measure> {
    let n: i64 = r.get(0)?;
    let kind_text: String = r.get(2)?;
    let type_text: String = r.get(3)?;
    let due_text: String = r.get(5)?;
    let target_date_text: String = r.get(8)?;
    let stamp = |i: usize, column: &'static str| -> rusqlite::Result<Timestamp> {
        let t: String = r.get(i)?;
        t.parse().map_err(|_| bad(n, column, &t, i))
    };
    Ok(Measure {
        id: MeasureId::new(n).ok_or(rusqlite::Error::InvalidQuery)?,
        text: r.get(1)?,
        kind: Kind::from_slug(&kind_text).ok_or_else(|| bad(n, "kind", &kind_text, 2))?,
        kind_of: MeasureType::from_slug(&type_text).ok_or_else(|| bad(n, "type", &type_text, 3))?,
        owner: r.get(4)?,
        due: time::parse_date(&due_text).ok_or_else(|| bad(n, "due", &due_text, 5))?,
        phases: Vec::new(),
        indicator: r.get(6)?,
        target: r.get(7)?,
        target_date: match target_date_text.as_str() {
            "" => None,
            t => Some(time::parse_date(t).ok_or_else(|| bad(n, "target_date", t, 8))?),
        },
        targets: Vec::new(),
        monitoring: Vec::new(),
        created_at: stamp(9, "created_at")?,
        created_by: r.get(10)?,
        updated_at: stamp(11, "updated_at")?,
        updated_by: r.get(12)?,
        removed: r.get::<_, i64>(13)? != 0,
    })
}

/// The measures of `round` matching `filter` (an SQL condition on
/// `measures`, its parameters from ?2), each with its phases, targets and
/// checks of that round: four statements, whatever the number of
/// measures, inside the caller's read transaction.
fn load(
    conn: &Connection,
    round: Year,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<Measure>> {
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&round];
    params.extend_from_slice(args);
    let mut measures: Vec<Measure> = conn
        .prepare(&format!(
            "SELECT {MEASURE_COLUMNS} FROM measures WHERE round = ?1 AND {filter} ORDER BY id"
        ))?
        .query_map(params.as_slice(), row_to_measure)?
        .collect::<rusqlite::Result<_>>()?;
    let at: HashMap<i64, usize> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.get(), i))
        .collect();
    let mut st = conn.prepare_cached(
        "SELECT measure, text, due FROM measure_phases WHERE round = ?1 ORDER BY measure, seq",
    )?;
    let mut rows = st.query([round])?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(0)?;
        if let Some(&i) = at.get(&n) {
            let due: String = r.get(2)?;
            let due = time::parse_date(&due).ok_or_else(|| {
                Corrupt {
                    table: "measure_phases",
                    record: format!("M{n}"),
                    column: "due",
                    value: due.clone(),
                }
                .error(2)
            })?;
            measures[i].phases.push(Phase {
                text: r.get(1)?,
                due,
            });
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT measure, event, dataset, key, variant, title FROM measure_targets WHERE round = ?1 \
         ORDER BY measure, coalesce(event, 0), dataset, key, variant",
    )?;
    let mut rows = st.query([round])?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(0)?;
        if let Some(&i) = at.get(&n) {
            measures[i].targets.push(Target {
                event: r.get::<_, Option<i64>>(1)?.and_then(EventId::new),
                key: ReviewKey {
                    dataset: r.get(2)?,
                    key: r.get(3)?,
                    variant: r.get(4)?,
                },
                title: r.get(5)?,
            });
        }
    }
    for check in super::monitoring::all_checks(conn, round)? {
        if let Some(&i) = at.get(&check.measure.get()) {
            if !check.removed {
                measures[i].monitoring.push(check);
            }
        }
    }
    Ok(measures)
}

impl Store {
    /// Every measure (not removed), with targets and monitoring, by id.
    pub fn measures(&self) -> Result<Vec<Measure>, StoreError> {
        self.read_round(|c, y| load(c, y, "removed = 0", &[]))
    }

    /// One measure by id, removed or not.
    pub fn measure(&self, id: MeasureId) -> Result<Measure, StoreError> {
        self.read_round(|c, y| load(c, y, "id = ?2", &[&id.get()]))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Records a new measure treating `targets` (events or entries).
    pub fn add_measure(
        &mut self,
        fields: &MeasureFields,
        targets: &[Target],
    ) -> Result<Measure, StoreError> {
        fields.check()?;
        let text = fields.text.as_deref().map(str::trim).unwrap_or("");
        if text.is_empty() {
            return Err(Invalid::Empty("measure").into());
        }
        if targets.is_empty() {
            return Err(Invalid::NoTarget.into());
        }
        let (Some(kind), Some(kind_of), Some(owner), Some(Some(due))) = (
            fields.kind,
            fields.kind_of,
            fields.owner.as_deref(),
            fields.due,
        ) else {
            return Err(Invalid::MeasureIncomplete.into());
        };
        let id = self.write_round(|w| {
            let sql = w.sql();
            let n = w.next_id("measures")?;
            w.tx.execute(
                "INSERT INTO measures (round, id, text, kind, type, owner, due, indicator, target, target_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?11, ?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)",
                params![
                    text,
                    kind.slug(),
                    kind_of.slug(),
                    owner.trim(),
                    due.to_string(),
                    fields.indicator.as_deref().unwrap_or("").trim(),
                    fields.target.as_deref().unwrap_or("").trim(),
                    fields.target_date.flatten().map(|d| d.to_string()).unwrap_or_default(),
                    time::stamp(w.now),
                    w.identity.who(),
                    w.year(),
                    n
                ],
            )
            .map_err(&sql)?;
            let id = MeasureId::new(n).ok_or(StoreError::NotFound("M0".into()))?;
            write_phases(w.tx, w.year(), id, fields.phases.as_deref().unwrap_or(&[])).map_err(&sql)?;
            for t in targets {
                insert_target(w.tx, w.year(), id, t).map_err(&sql)?;
            }
            w.created(RecordKind::Measure, &RecordName::Measure(id), &targets[0].key)?;
            Ok(id)
        })?;
        self.measure(id)
    }

    /// Changes the fields given (one transaction, each field audited).
    pub fn set_measure(
        &mut self,
        id: MeasureId,
        fields: &MeasureFields,
    ) -> Result<Measure, StoreError> {
        fields.check()?;
        let old = self.measure(id)?;
        if old.removed {
            return Err(Refused::Removed(id.to_string()).into());
        }
        let key = first_key(&old);
        self.write_round(|w| {
            let sql = w.sql();
            w.change(RecordKind::Measure, &RecordName::Measure(id), &key, || {
                let set = |column: &str, value: Option<String>| -> Result<(), StoreError> {
                    if let Some(v) = value {
                        w.tx.execute(
                            &format!("UPDATE measures SET {column} = ?1 WHERE id = ?2 AND round = ?3"),
                            params![v, id.get(), w.year()],
                        )
                        .map_err(&sql)?;
                    }
                    Ok(())
                };
                set("text", fields.text.as_ref().map(|t| t.trim().to_string()))?;
                set("kind", fields.kind.map(|k| k.slug().to_string()))?;
                set("type", fields.kind_of.map(|k| k.slug().to_string()))?;
                set("owner", fields.owner.as_ref().map(|o| o.trim().to_string()))?;
                set("due", fields.due.flatten().map(|d| d.to_string()))?;
                set(
                    "indicator",
                    fields.indicator.as_ref().map(|t| t.trim().to_string()),
                )?;
                set(
                    "target",
                    fields.target.as_ref().map(|t| t.trim().to_string()),
                )?;
                set(
                    "target_date",
                    fields
                        .target_date
                        .map(|d| d.map(|d| d.to_string()).unwrap_or_default()),
                )?;
                if let Some(phases) = &fields.phases {
                    write_phases(w.tx, w.year(), id, phases).map_err(&sql)?;
                }
                w.tx.execute(
                    "UPDATE measures SET updated_at = ?1, updated_by = ?2 WHERE id = ?3 AND round = ?4",
                    params![time::stamp(w.now), w.identity.who(), id.get(), w.year()],
                )
                .map_err(&sql)?;
                Ok(())
            })?;
            Ok(())
        })?;
        self.measure(id)
    }

    /// Removes a measure from the plan (kept in the store and the log), or
    /// puts a removed one back (`removed: false`).
    pub fn set_measure_removed(
        &mut self,
        id: MeasureId,
        removed: bool,
    ) -> Result<Measure, StoreError> {
        let old = self.measure(id)?;
        if old.removed == removed {
            return Ok(old);
        }
        let key = first_key(&old);
        self.write_round(|w| {
            w.change(RecordKind::Measure, &RecordName::Measure(id), &key, || {
                w.tx.execute(
                    "UPDATE measures SET removed = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4 AND round = ?5",
                    params![removed as i64, time::stamp(w.now), w.identity.who(), id.get(), w.year()],
                )
                .map_err(w.sql())
            })?;
            Ok(())
        })?;
        self.measure(id)
    }

    /// Links the measure to another event or entry (audited).
    pub fn link_measure(&mut self, id: MeasureId, target: &Target) -> Result<Measure, StoreError> {
        let m = self.measure(id)?;
        if m.removed {
            return Err(Refused::Removed(id.to_string()).into());
        }
        if m.targets.iter().any(|t| same_target(t, target)) {
            return Ok(m);
        }
        let mut targets = m.targets.clone();
        targets.push(target.clone());
        self.set_targets(id, &targets)
    }

    /// Unlinks the measure from an event or entry; a measure keeps at least one.
    pub fn unlink_measure(
        &mut self,
        id: MeasureId,
        target: &Target,
    ) -> Result<Measure, StoreError> {
        let m = self.measure(id)?;
        if !m.targets.iter().any(|t| same_target(t, target)) {
            return Err(Refused::NotLinked {
                measure: id.to_string(),
                target: describe_target(target),
            }
            .into());
        }
        if m.targets.len() == 1 {
            return Err(Refused::LastTarget {
                measure: id.to_string(),
                target: describe_target(target),
            }
            .into());
        }
        let targets: Vec<Target> = m
            .targets
            .iter()
            .filter(|t| !same_target(t, target))
            .cloned()
            .collect();
        self.set_targets(id, &targets)
    }

    /// Replaces what the measure treats (one audit row, the whole list
    /// before and after); at least one target stays.
    pub fn set_targets(
        &mut self,
        id: MeasureId,
        targets: &[Target],
    ) -> Result<Measure, StoreError> {
        if targets.is_empty() {
            return Err(Invalid::NoTarget.into());
        }
        let m = self.measure(id)?;
        let key = first_key(&m);
        self.write_round(|w| {
            let sql = w.sql();
            w.change(RecordKind::Measure, &RecordName::Measure(id), &key, || {
                w.tx.execute(
                    "DELETE FROM measure_targets WHERE measure = ?1 AND round = ?2",
                    params![id.get(), w.year()],
                )
                .map_err(&sql)?;
                for t in targets {
                    insert_target(w.tx, w.year(), id, t).map_err(&sql)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
        self.measure(id)
    }
}

fn same_target(a: &Target, b: &Target) -> bool {
    a.event == b.event && a.key == b.key
}

/// The entry audit rows about the measure are filed under: its first target's.
pub(crate) fn first_key(m: &Measure) -> ReviewKey {
    m.targets
        .first()
        .map(|t| t.key.clone())
        .unwrap_or_else(|| ReviewKey {
            dataset: String::new(),
            key: String::new(),
            variant: 0,
        })
}

fn write_phases(
    conn: &Connection,
    round: Year,
    id: MeasureId,
    phases: &[Phase],
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM measure_phases WHERE measure = ?1 AND round = ?2",
        params![id.get(), round],
    )?;
    for (i, p) in phases.iter().enumerate() {
        conn.execute(
            "INSERT INTO measure_phases (round, measure, seq, text, due) VALUES (?5, ?1, ?2, ?3, ?4)",
            params![id.get(), i as i64 + 1, p.text.trim(), p.due.to_string(), round],
        )?;
    }
    Ok(())
}

fn insert_target(
    conn: &Connection,
    round: Year,
    id: MeasureId,
    t: &Target,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO measure_targets (round, measure, event, dataset, key, variant, title) VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.get(), t.event.map(EventId::get), t.key.dataset, t.key.key, t.key.variant, t.title, round],
    )?;
    Ok(())
}

/// What a target is, for people: `R12 (catalogo A1.1)` or `catalogo A1.1`.
pub fn describe_target(t: &Target) -> String {
    match &t.event {
        Some(e) => format!("{e} ({} {})", t.key.dataset, t.key.display()),
        None => format!("{} {}", t.key.dataset, t.key.display()),
    }
}
