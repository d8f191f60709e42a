//! Yearly rounds (`cicli`): the plan is redone every year, so every record
//! version — review, area, risk event, measure, check — belongs to a round
//! named by the plan year. Ids stay the same across rounds (`R12` is the
//! same event in every year; each round holds its own version of it); link
//! decisions belong to the maps. A round is opened (empty, or carrying the
//! previous one forward, see `carry.rs`), worked in, and closed: sealed
//! and read-only for good, a correction going into the next round. A round
//! keeps the map it was made on (`map_image.rs`).
//!
//! Which round a command works in: the one asked for, else the latest
//! open one, else the latest; a store with no round gets the current
//! year's with its first change.

mod carry;
pub mod compare;
pub mod map_image;
mod year;

pub use carry::{Carried, Carry};
pub use map_image::{Fingerprint, MapImage};
pub use year::{BadYear, Year};

use super::audit::{self, AuditRow};
use super::error::{Refused, StoreError};
use super::key::ReviewKey;
use super::kinds::{RecordKind, RecordName};
use super::store::Store;
use super::time;
use super::vocabulary::vocabulary;
use super::write::Write;
use crate::model::Map;
use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::sync::Arc;

vocabulary! {
    /// Whether a round can still change.
    pub enum RoundState ("stato del ciclo") {
        Aperto = "aperto", "aperto", "open", ["open"];
        Chiuso = "chiuso", "chiuso", "closed", ["closed"];
    }
}

/// A round as `round list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    pub year: Year,
    pub state: RoundState,
    /// The round it was carried forward from.
    pub carried_from: Option<Year>,
    /// Carried as confirmed (the small-body rule), with the reason.
    pub confirmed: bool,
    pub reason: String,
    #[serde(with = "time::opt_stamp")]
    pub opened_at: Option<Timestamp>,
    pub opened_by: Option<String>,
    #[serde(with = "time::opt_stamp")]
    pub closed_at: Option<Timestamp>,
    pub closed_by: Option<String>,
    /// The audit chain's head when it was closed: file it in the protocol.
    pub seal: Option<String>,
    /// The fingerprint of the map it was made on.
    pub map: Option<Fingerprint>,
    pub counts: RoundCounts,
}

/// What a round holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RoundCounts {
    /// Entries with a judgement of this round (not a proposal).
    pub assessed: u64,
    /// Reviews still proposed from the round before.
    pub proposals: u64,
    pub events: u64,
    pub measures: u64,
    pub checks: u64,
}

/// The store's own rows are filed under no entry.
fn nowhere() -> ReviewKey {
    ReviewKey {
        dataset: String::new(),
        key: String::new(),
        variant: 0,
    }
}

/// The round a command works in: `choice` when given, else the latest open
/// round, else the latest, else the year of `today` (a store with no round).
pub(crate) fn resolve(
    conn: &Connection,
    choice: Option<Year>,
    today: Date,
) -> rusqlite::Result<Year> {
    if let Some(y) = choice {
        return Ok(y);
    }
    let open: Option<Year> = conn
        .query_row(
            "SELECT year FROM rounds WHERE state = ?1 ORDER BY year DESC LIMIT 1",
            [RoundState::Aperto.slug()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(y) = open {
        return Ok(y);
    }
    let latest: Option<Year> = conn.query_row("SELECT max(year) FROM rounds", [], |r| r.get(0))?;
    Ok(latest.unwrap_or_else(|| Year::of(today)))
}

fn state_of(conn: &Connection, year: Year) -> rusqlite::Result<Option<RoundState>> {
    let state: Option<String> = conn
        .query_row("SELECT state FROM rounds WHERE year = ?1", [year], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(state.and_then(|s| RoundState::from_slug(&s)))
}

/// The round a change goes into, inside the change's transaction: refused
/// when closed, or when the store has rounds but not this one; a store with
/// none gets it now (with the map loaded). A round made before maps were
/// kept gets the map with its first change.
pub(crate) fn enter(
    w: &Write,
    choice: Option<Year>,
    today: Date,
    map: Option<&Map>,
) -> Result<Year, StoreError> {
    let sql = w.sql();
    let year = resolve(w.tx, choice, today).map_err(&sql)?;
    match state_of(w.tx, year).map_err(&sql)? {
        Some(RoundState::Chiuso) => Err(Refused::Closed(year).into()),
        Some(RoundState::Aperto) => {
            let has_map: bool =
                w.tx.query_row(
                    "SELECT map <> '' FROM rounds WHERE year = ?1",
                    [year],
                    |r| r.get(0),
                )
                .map_err(&sql)?;
            if let (false, Some(map)) = (has_map, map) {
                record_map(w, year, &MapImage::of(map))?;
            }
            Ok(year)
        }
        None => {
            let any: i64 =
                w.tx.query_row("SELECT count(*) FROM rounds", [], |r| r.get(0))
                    .map_err(&sql)?;
            if any > 0 {
                return Err(Refused::NoRound(year).into());
            }
            insert(w, year, None, None, map.map(MapImage::of).as_ref())?;
            Ok(year)
        }
    }
}

/// A new round row, audited.
fn insert(
    w: &Write,
    year: Year,
    from: Option<Year>,
    reason: Option<&str>,
    image: Option<&MapImage>,
) -> Result<(), StoreError> {
    w.tx.execute(
        "INSERT INTO rounds (year, state, carried_from, confirmed, reason, map, map_copy) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            year,
            RoundState::Aperto.slug(),
            from,
            reason.is_some() as i64,
            reason.unwrap_or(""),
            image.map(|i| i.fingerprint.as_str()).unwrap_or(""),
            image.map(|i| i.compressed.as_slice()),
        ],
    )
    .map_err(w.sql())?;
    w.created(RecordKind::Round, &RecordName::Round(year), &nowhere())?;
    Ok(())
}

/// Keeps `image` as the map of the round (audited: the fingerprint).
pub(crate) fn record_map(w: &Write, year: Year, image: &MapImage) -> Result<(), StoreError> {
    w.change(
        RecordKind::Round,
        &RecordName::Round(year),
        &nowhere(),
        || {
            w.tx.execute(
                "UPDATE rounds SET map = ?1, map_copy = ?2 WHERE year = ?3",
                params![image.fingerprint.as_str(), image.compressed, year],
            )
            .map_err(w.sql())
        },
    )?;
    Ok(())
}

/// The round a store from before rounds gets (schema 6): open, its map
/// unknown until the next change; audited, signed by mappa.
pub(crate) fn create_migrated(conn: &Connection, year: Year) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO rounds (year, state) VALUES (?1, ?2)",
        params![year, RoundState::Aperto.slug()],
    )?;
    let here = nowhere();
    let fields: super::kinds::Fields = [("state".to_string(), Some("aperto".to_string()))]
        .into_iter()
        .collect();
    let row = AuditRow {
        at: time::stamp(time::now()),
        who: "mappa".into(),
        account: Some(super::record::Identity::os().account),
        name: Some("mappa".into()),
        record: RecordKind::Round.slug().into(),
        item: Some(year.to_string()),
        round: Some(year.get()),
        dataset: here.dataset,
        key: here.key,
        variant: here.variant,
        field: super::write::WHOLE.into(),
        old: None,
        new: Some(serde_json::to_string(&fields).unwrap_or_default()),
    };
    audit::append(conn, &row)?;
    Ok(())
}

/// The first round: rows written before rounds (no round) belong to it.
pub(crate) fn first(conn: &Connection) -> rusqlite::Result<Option<Year>> {
    conn.query_row("SELECT min(year) FROM rounds", [], |r| r.get(0))
}

impl Store {
    /// Works in round `year` (`--round`, the settings' `round`), or in the
    /// default one (`None`: see the module).
    pub fn use_round(&mut self, year: Option<Year>) {
        self.round_choice.set(year);
    }

    /// The map loaded, kept with a round made by a change (and compared
    /// with the round's own).
    pub fn set_map(&mut self, map: Arc<Map>) {
        self.map = Some(map);
    }

    /// The round in use; refused when one was asked for that the store,
    /// which has rounds, does not have.
    pub fn round(&self) -> Result<Year, StoreError> {
        let choice = self.round_choice.get();
        let (year, exists, any) = self.read(|c| {
            let year = resolve(c, choice, self.today)?;
            let exists = state_of(c, year)?.is_some();
            let any: i64 = c.query_row("SELECT count(*) FROM rounds", [], |r| r.get(0))?;
            Ok((year, exists, any > 0))
        })?;
        if choice.is_some() && any && !exists {
            return Err(Refused::NoRound(year).into());
        }
        Ok(year)
    }

    /// Runs `f` with round `year` in use, then the round chosen before.
    pub fn in_round<T>(&self, year: Year, f: impl FnOnce(&Store) -> T) -> T {
        let before = self.round_choice.replace(Some(year));
        let value = f(self);
        self.round_choice.set(before);
        value
    }

    /// As [`Store::in_round`], for changes.
    pub fn in_round_mut<T>(&mut self, year: Year, f: impl FnOnce(&mut Store) -> T) -> T {
        let before = self.round_choice.replace(Some(year));
        let value = f(self);
        self.round_choice.set(before);
        value
    }

    /// Every round, oldest first.
    pub fn rounds(&self) -> Result<Vec<Round>, StoreError> {
        self.read(|c| {
            let years: Vec<Year> = c
                .prepare("SELECT year FROM rounds ORDER BY year")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            years.into_iter().map(|y| round_in(c, y)).collect()
        })
    }

    /// One round, if the store has it.
    pub fn round_info(&self, year: Year) -> Result<Option<Round>, StoreError> {
        self.read(|c| {
            if state_of(c, year)?.is_none() {
                return Ok(None);
            }
            round_in(c, year).map(Some)
        })
    }

    /// The round before `year`: the one it was carried from, else the
    /// latest before it.
    pub fn previous_round(&self, year: Year) -> Result<Option<Year>, StoreError> {
        self.read(|c| {
            let from: Option<Year> = c
                .query_row(
                    "SELECT carried_from FROM rounds WHERE year = ?1",
                    [year],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            match from {
                Some(y) => Ok(Some(y)),
                None => c.query_row(
                    "SELECT max(year) FROM rounds WHERE year < ?1",
                    [year],
                    |r| r.get(0),
                ),
            }
        })
    }

    /// Opens round `year`: empty, or carrying a round forward (one
    /// transaction: either the whole round is there afterwards, or none).
    pub fn open_round(&mut self, year: Year, carry: &Carry) -> Result<Carried, StoreError> {
        if let Some(reason) = carry.reason() {
            super::limits::text("reason", reason)?;
            if reason.trim().is_empty() {
                return Err(super::error::Invalid::Empty("reason").into());
            }
        }
        let image = self.map.as_deref().map(MapImage::of);
        self.write(|w| {
            let sql = w.sql();
            if state_of(w.tx, year).map_err(&sql)?.is_some() {
                return Err(Refused::RoundExists(year).into());
            }
            let latest: Option<Year> =
                w.tx.query_row("SELECT max(year) FROM rounds", [], |r| r.get(0))
                    .map_err(&sql)?;
            if let Some(latest) = latest.filter(|l| *l > year) {
                return Err(Refused::RoundBefore { year, latest }.into());
            }
            if let Some(from) = carry.from() {
                if state_of(w.tx, from).map_err(&sql)?.is_none() {
                    return Err(Refused::NoRound(from).into());
                }
            }
            insert(w, year, carry.from(), carry.reason(), image.as_ref())?;
            carry::carry(w, year, carry)
        })
    }

    /// Closes round `year` for good and returns it with its seal (the
    /// chain's head just after closing); nothing in it changes afterwards.
    pub fn close_round(&mut self, year: Year) -> Result<Round, StoreError> {
        self.write(|w| {
            let sql = w.sql();
            match state_of(w.tx, year).map_err(&sql)? {
                None => return Err(Refused::NoRound(year).into()),
                Some(RoundState::Chiuso) => return Err(Refused::Closed(year).into()),
                Some(RoundState::Aperto) => {}
            }
            w.change(
                RecordKind::Round,
                &RecordName::Round(year),
                &nowhere(),
                || {
                    w.tx.execute(
                        "UPDATE rounds SET state = ?1 WHERE year = ?2",
                        params![RoundState::Chiuso.slug(), year],
                    )
                    .map_err(&sql)
                },
            )?;
            Ok(())
        })?;
        self.round_info(year)?
            .ok_or(StoreError::Refused(Refused::NoRound(year)))
    }

    /// The map round `year` was made on, as the JSON document `--data`
    /// reads; none when it has no copy.
    pub fn round_map(&self, year: Year) -> Result<Option<String>, StoreError> {
        let blob: Option<Vec<u8>> = self
            .read(|c| {
                c.query_row("SELECT map_copy FROM rounds WHERE year = ?1", [year], |r| {
                    r.get(0)
                })
                .optional()
            })?
            .flatten();
        blob.map(|b| {
            map_image::unpack(&b).map_err(|_| StoreError::Corrupt {
                table: "rounds",
                record: year.to_string(),
                column: "map_copy",
                value: format!("{} byte", b.len()),
            })
        })
        .transpose()
    }

    /// Whether the map loaded differs from the one round `year` was made on:
    /// the round's fingerprint when it does (none when it is the same, or
    /// when either is unknown).
    pub fn map_differs(&self, year: Year) -> Result<Option<Fingerprint>, StoreError> {
        let Some(map) = &self.map else {
            return Ok(None);
        };
        let theirs = self
            .round_info(year)?
            .and_then(|r| r.map)
            .filter(|f| *f != map_image::fingerprint(map));
        Ok(theirs)
    }
}

/// A round with its history and counts, inside a read.
fn round_in(c: &Connection, year: Year) -> rusqlite::Result<Round> {
    let (state, from, confirmed, reason, map): (String, Option<Year>, i64, String, String) = c
        .query_row(
            "SELECT state, carried_from, confirmed, reason, map FROM rounds WHERE year = ?1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    let state = RoundState::from_slug(&state).ok_or_else(|| {
        super::error::Corrupt {
            table: "rounds",
            record: year.to_string(),
            column: "state",
            value: state.clone(),
        }
        .error(0)
    })?;
    let row = |sql: &str| -> rusqlite::Result<Option<(String, String, String)>> {
        c.query_row(sql, [year.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()
    };
    let opened = row(
        "SELECT at, who, hash FROM audit WHERE record = 'round' AND item = ?1 ORDER BY id LIMIT 1",
    )?;
    let closed = row(
        "SELECT at, who, hash FROM audit WHERE record = 'round' AND item = ?1 AND field = 'state' \
         AND new = 'chiuso' ORDER BY id DESC LIMIT 1",
    )?;
    let stamp = |t: &str| t.parse::<Timestamp>().ok();
    let count = |sql: &str| -> rusqlite::Result<u64> {
        c.query_row(sql, [year], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
    };
    Ok(Round {
        year,
        state,
        carried_from: from,
        confirmed: confirmed != 0,
        reason,
        opened_at: opened.as_ref().and_then(|o| stamp(&o.0)),
        opened_by: opened.as_ref().map(|o| o.1.clone()),
        closed_at: closed.as_ref().and_then(|o| stamp(&o.0)),
        closed_by: closed.as_ref().map(|o| o.1.clone()),
        seal: (state == RoundState::Chiuso)
            .then(|| closed.map(|o| o.2))
            .flatten(),
        map: Fingerprint::parse(&map),
        counts: RoundCounts {
            assessed: count(
                "SELECT count(*) FROM reviews WHERE round = ?1 AND judgement IS NOT NULL AND carried_from IS NULL",
            )?,
            proposals: count(
                "SELECT count(*) FROM reviews WHERE round = ?1 AND carried_from IS NOT NULL",
            )?,
            events: count("SELECT count(*) FROM risk_events WHERE round = ?1 AND removed = 0")?,
            measures: count("SELECT count(*) FROM measures WHERE round = ?1 AND removed = 0")?,
            checks: count("SELECT count(*) FROM monitoring WHERE round = ?1 AND removed = 0")?,
        },
    })
}

#[cfg(test)]
mod tests;
