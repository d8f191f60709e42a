//! Carrying a round forward into a new one, in the opening's transaction:
//! every review as a proposal (or confirmed, under the small-body rule of
//! PNA 2022, with the reason in the log), every area, every risk event
//! still in the register, every measure not yet completed with its phases
//! and what it treats; nothing of the monitoring (checks are per round).
//! Each record carried is one audit row holding it whole in the new round,
//! so the log alone gives the new round, as it gives every other.

use super::Year;
use crate::review::error::StoreError;
use crate::review::kinds::{self, RecordKind};
use crate::review::measures::State;
use crate::review::write::Write;
use rusqlite::params;
use serde::Serialize;

/// What a new round starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carry {
    /// Nothing: the round starts empty.
    Nothing,
    /// The round `from`, its reviews as proposals to confirm or change.
    Proposals { from: Year },
    /// The round `from`, its reviews confirmed as they were (nothing
    /// changed: PNA 2022 lets small bodies confirm the plan), and why.
    Confirmed { from: Year, reason: String },
}

impl Carry {
    pub fn from(&self) -> Option<Year> {
        match self {
            Carry::Nothing => None,
            Carry::Proposals { from } | Carry::Confirmed { from, .. } => Some(*from),
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Carry::Confirmed { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// What was carried into the new round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Carried {
    pub year: Option<Year>,
    pub from: Option<Year>,
    pub reviews: u64,
    pub areas: u64,
    pub events: u64,
    pub measures: u64,
    /// Measures completed in the round before (their latest check
    /// `attuata`): not carried.
    pub completed: u64,
}

/// The measures of round `?1` whose latest check there (by date, then by
/// time of recording) is not `attuata`.
const UNFINISHED: &str = "SELECT m.id FROM measures m WHERE m.round = ?1 AND m.removed = 0 \
     AND coalesce((SELECT c.state FROM monitoring c WHERE c.round = ?1 AND c.measure = m.id AND c.removed = 0 \
     ORDER BY c.date DESC, c.created_at DESC, c.id DESC LIMIT 1), '') <> ?2";

pub(crate) fn carry(opening: &Write, to: Year, how: &Carry) -> Result<Carried, StoreError> {
    let Some(from) = how.from() else {
        return Ok(Carried {
            year: Some(to),
            ..Carried::default()
        });
    };
    // What is carried is written, and logged, in the new round.
    let w = &Write {
        tx: opening.tx,
        now: opening.now,
        identity: opening.identity.clone(),
        path: opening.path.clone(),
        round: Some(to),
    };
    let sql = w.sql();
    let now = crate::review::time::stamp(w.now);
    let who = w.identity.who();
    let proposal: Option<Year> = match how {
        Carry::Confirmed { .. } => None,
        _ => Some(from),
    };
    let run = |statement: &str, args: &[&dyn rusqlite::ToSql]| -> Result<u64, StoreError> {
        w.tx.execute(statement, args)
            .map(|n| n as u64)
            .map_err(&sql)
    };
    let reviews = run(
        "INSERT INTO reviews (round, dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, \
         opacita, collaborazione, attuazione, judgement, motivation, office, interview_date, present, carried_from, \
         updated_at, updated_by) \
         SELECT ?1, dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, opacita, \
         collaborazione, attuazione, judgement, motivation, office, interview_date, present, ?3, ?4, ?5 \
         FROM reviews WHERE round = ?2",
        params![to, from, proposal, now, who],
    )?;
    let areas = run(
        "INSERT INTO risk_areas (round, dataset, key, variant, title, area, updated_at, updated_by) \
         SELECT ?1, dataset, key, variant, title, area, ?3, ?4 FROM risk_areas WHERE round = ?2",
        params![to, from, now, who],
    )?;
    let events = run(
        "INSERT INTO risk_events (round, id, dataset, key, variant, title, text, factors, note, removed, \
         created_at, created_by, updated_at, updated_by) \
         SELECT ?1, id, dataset, key, variant, title, text, factors, note, 0, created_at, created_by, ?3, ?4 \
         FROM risk_events WHERE round = ?2 AND removed = 0",
        params![to, from, now, who],
    )?;
    let all_measures: u64 =
        w.tx.query_row(
            "SELECT count(*) FROM measures WHERE round = ?1 AND removed = 0",
            [from],
            |r| r.get::<_, i64>(0),
        )
        .map_err(&sql)? as u64;
    run(
        &format!(
            "INSERT INTO measures (round, id, text, kind, type, owner, due, indicator, target, target_date, removed, \
             created_at, created_by, updated_at, updated_by) \
             SELECT ?3, id, text, kind, type, owner, due, indicator, target, target_date, 0, created_at, created_by, ?4, ?5 \
             FROM measures WHERE round = ?1 AND id IN ({UNFINISHED})"
        ),
        params![from, State::Attuata.slug(), to, now, who],
    )?;
    run(
        "INSERT INTO measure_phases (round, measure, seq, text, due) \
         SELECT ?1, measure, seq, text, due FROM measure_phases \
         WHERE round = ?2 AND measure IN (SELECT id FROM measures WHERE round = ?1)",
        params![to, from],
    )?;
    // What they treat, less the events that stayed behind (removed).
    run(
        "INSERT INTO measure_targets (round, measure, event, dataset, key, variant, title) \
         SELECT ?1, measure, event, dataset, key, variant, title FROM measure_targets \
         WHERE round = ?2 AND measure IN (SELECT id FROM measures WHERE round = ?1) \
         AND (event IS NULL OR event IN (SELECT id FROM risk_events WHERE round = ?1))",
        params![to, from],
    )?;
    // A measure left treating nothing stays behind too.
    for table in ["measure_phases", "measures"] {
        let column = if table == "measures" { "id" } else { "measure" };
        run(
            &format!(
                "DELETE FROM {table} WHERE round = ?1 AND {column} NOT IN \
                 (SELECT measure FROM measure_targets WHERE round = ?1)"
            ),
            params![to],
        )?;
    }
    let measures: u64 =
        w.tx.query_row(
            "SELECT count(*) FROM measures WHERE round = ?1",
            [to],
            |r| r.get::<_, i64>(0),
        )
        .map_err(&sql)? as u64;
    // The log: each record carried, whole, in the new round.
    for kind in [
        RecordKind::Review,
        RecordKind::Area,
        RecordKind::Event,
        RecordKind::Measure,
    ] {
        for (_, name, fields) in kinds::read_round(w.tx, kind, to).map_err(&sql)? {
            let key = crate::review::replay::key_of(w.tx, to, kind, &name, &fields);
            w.whole(kind, &name, &key, &fields)?;
        }
    }
    Ok(Carried {
        year: Some(to),
        from: Some(from),
        reviews,
        areas,
        events,
        measures,
        completed: all_measures.saturating_sub(measures),
    })
}
