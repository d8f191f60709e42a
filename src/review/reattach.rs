//! A new version of the map: the open round's records (reviews, areas,
//! risk events, what measures treat) and the link decisions, carried from
//! the entries of the old version to where the same process is now, in
//! one audited transaction. The plan (which old entry went where) is made
//! from the diff of the two versions (`crate::reattach`); here it is
//! applied: moved as they are; copied to every part of a split, marked
//! `da approfondire`; kept side by side on a merged entry (notes joined,
//! the highest judgement kept, marked `da approfondire`); filed apart when
//! the entry is gone and its code now names another process. Nothing is
//! deleted: every record leaves its old key in the log. Closed rounds keep
//! their own map and their records as they were.

use super::error::StoreError;
use super::key::ReviewKey;
use super::kinds::{RecordKind, RecordName};
use super::record::Review;
use super::rounds::MapImage;
use super::scale::Status;
use super::store::Store;
use super::write::Write;
use crate::model::{DecisionId, EventId, MeasureId};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// An entry of the new version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Entry {
    #[serde(flatten)]
    pub key: ReviewKey,
    pub title: String,
}

/// Where the records of an old entry go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Destination {
    /// The same process, now this entry.
    Move { to: Entry },
    /// The process became these entries: a copy on each.
    Split { to: Vec<Entry> },
    /// The process and others became this entry: side by side there.
    Merge { to: Entry },
    /// Gone, and its code now names another process: filed apart.
    Detach { to: ReviewKey },
    /// Gone: left where it is, an orphan.
    Orphan,
}

impl Destination {
    fn entries(&self) -> Vec<(ReviewKey, String)> {
        match self {
            Destination::Move { to } | Destination::Merge { to } => {
                vec![(to.key.clone(), to.title.clone())]
            }
            Destination::Split { to } => to
                .iter()
                .map(|e| (e.key.clone(), e.title.clone()))
                .collect(),
            Destination::Detach { to } => vec![(to.clone(), String::new())],
            Destination::Orphan => Vec::new(),
        }
    }
}

/// One old entry's records and where they go.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reattachment {
    pub from: Entry,
    pub to: Destination,
    /// What the diff found (`moved`, `split`, …).
    pub kind: &'static str,
    /// How alike the entries read, 0..1.
    pub score: f32,
}

/// What a re-attachment did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reattached {
    pub reviews: u64,
    pub areas: u64,
    pub events: u64,
    pub measures: u64,
    pub decisions: u64,
    /// Entries whose records stay where they are (gone from the map).
    pub orphans: Vec<ReviewKey>,
}

/// A review on its way to a new entry.
struct Incoming {
    from: ReviewKey,
    review: Review,
    split: bool,
}

impl Store {
    /// The keys among `keys` that have records in the round in use, or link
    /// decisions: those a new version of the map must carry.
    pub fn keys_with_records(&self, keys: &[ReviewKey]) -> Result<BTreeSet<ReviewKey>, StoreError> {
        self.read_round(|c, y| {
            let mut out = BTreeSet::new();
            for k in keys {
                let args = params![y, k.dataset, k.key, k.variant];
                let mut any = false;
                for sql in [
                    "SELECT 1 FROM reviews WHERE round = ?1 AND dataset = ?2 AND key = ?3 AND variant = ?4",
                    "SELECT 1 FROM risk_areas WHERE round = ?1 AND dataset = ?2 AND key = ?3 AND variant = ?4",
                    "SELECT 1 FROM risk_events WHERE round = ?1 AND dataset = ?2 AND key = ?3 AND variant = ?4",
                    "SELECT 1 FROM measure_targets WHERE round = ?1 AND dataset = ?2 AND key = ?3 AND variant = ?4",
                    "SELECT 1 FROM link_decisions WHERE ?1 IS ?1 AND ((c_dataset = ?2 AND c_key = ?3 AND c_variant = ?4) \
                     OR (p_dataset = ?2 AND p_key = ?3 AND p_variant = ?4))",
                ] {
                    any |= c.prepare_cached(&format!("{sql} LIMIT 1"))?.exists(args)?;
                    if any {
                        break;
                    }
                }
                if any {
                    out.insert(k.clone());
                }
            }
            Ok(out)
        })
    }

    /// Applies `plan` in the round in use, in one transaction, and keeps
    /// `map` as the round's map (so a second run has nothing to do).
    pub fn reattach(
        &mut self,
        plan: &[Reattachment],
        map: Option<&MapImage>,
    ) -> Result<Reattached, StoreError> {
        self.write_round(|w| {
            let mut done = Reattached::default();
            let moving: Vec<&Reattachment> = plan
                .iter()
                .filter(|r| r.to != Destination::Orphan)
                .collect();
            done.orphans = plan
                .iter()
                .filter(|r| r.to == Destination::Orphan)
                .map(|r| r.from.key.clone())
                .collect();
            reviews_and_areas(w, &moving, &mut done)?;
            let copies = events(w, &moving, &mut done)?;
            measures(w, &moving, &copies, &mut done)?;
            decisions(w, &moving, &mut done)?;
            if let Some(image) = map {
                super::rounds::record_map(w, w.year(), image)?;
            }
            Ok(done)
        })
    }
}

fn entry_filter() -> &'static str {
    "round = ?1 AND dataset = ?2 AND key = ?3 AND variant = ?4"
}

fn reviews_and_areas(
    w: &Write,
    plan: &[&Reattachment],
    done: &mut Reattached,
) -> Result<(), StoreError> {
    let (sql, y) = (w.sql(), w.year());
    let mut incoming: BTreeMap<ReviewKey, (String, Vec<Incoming>)> = BTreeMap::new();
    let mut areas: BTreeMap<ReviewKey, (String, String)> = BTreeMap::new();
    // Every source is read and taken off its old entry first, so that
    // entries trading places never meet.
    for r in plan {
        let from = &r.from.key;
        let args = params![y, from.dataset, from.key, from.variant];
        let review = super::rows::get(w.tx, y, from).map_err(&sql)?;
        let area: Option<String> =
            w.tx.query_row(
                &format!("SELECT area FROM risk_areas WHERE {}", entry_filter()),
                args,
                |r| r.get(0),
            )
            .optional()
            .map_err(&sql)?;
        let name = RecordName::Entry(from.clone());
        if review.is_some() {
            w.change(RecordKind::Review, &name, from, || {
                w.tx.execute(
                    &format!("DELETE FROM reviews WHERE {}", entry_filter()),
                    args,
                )
                .map_err(&sql)
            })?;
        }
        if area.is_some() {
            w.change(RecordKind::Area, &name, from, || {
                w.tx.execute(
                    &format!("DELETE FROM risk_areas WHERE {}", entry_filter()),
                    args,
                )
                .map_err(&sql)
            })?;
        }
        let split = matches!(r.to, Destination::Split { .. });
        for (key, title) in r.to.entries() {
            let title = if title.is_empty() {
                r.from.title.clone()
            } else {
                title
            };
            if let Some(review) = &review {
                let slot = incoming
                    .entry(key.clone())
                    .or_insert((title.clone(), Vec::new()));
                slot.1.push(Incoming {
                    from: from.clone(),
                    review: review.clone(),
                    split,
                });
            }
            if let Some(a) = &area {
                areas.entry(key).or_insert((title, a.clone()));
            }
        }
    }
    for (to, (title, list)) in incoming {
        let existing = super::rows::get(w.tx, y, &to).map_err(&sql)?;
        let review = combine(&to, &title, existing, list, w);
        w.change(
            RecordKind::Review,
            &RecordName::Entry(to.clone()),
            &to,
            || super::rows::write_review(w.tx, &review).map_err(&sql),
        )?;
        done.reviews += 1;
    }
    for (to, (title, area)) in areas {
        let args = params![y, to.dataset, to.key, to.variant];
        let there: bool =
            w.tx.prepare_cached(&format!(
                "SELECT 1 FROM risk_areas WHERE {}",
                entry_filter()
            ))
            .and_then(|mut s| s.exists(args))
            .map_err(&sql)?;
        if there {
            // The entry's own area stays.
            continue;
        }
        w.change(RecordKind::Area, &RecordName::Entry(to.clone()), &to, || {
            w.tx.execute(
                "INSERT INTO risk_areas (round, dataset, key, variant, title, area, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![y, to.dataset, to.key, to.variant, title, area, super::time::stamp(w.now), w.identity.who()],
            )
            .map_err(&sql)
        })?;
        done.areas += 1;
    }
    Ok(())
}

/// The review an entry gets: the one coming, as it is, when it comes
/// alone to an entry with none; else side by side (the notes of each,
/// under its old code; the highest judgement with its motivation and
/// indicators), to be looked at again.
fn combine(
    to: &ReviewKey,
    title: &str,
    existing: Option<Review>,
    list: Vec<Incoming>,
    w: &Write,
) -> Review {
    let alone = existing.is_none() && list.len() == 1 && !list[0].split;
    let mut all: Vec<(Option<ReviewKey>, Review)> =
        existing.map(|r| (None, r)).into_iter().collect();
    all.extend(list.into_iter().map(|i| (Some(i.from), i.review)));
    let stamp = |mut r: Review| {
        r.key = to.clone();
        r.title = title.to_string();
        r.updated_at = Some(w.now);
        r.updated_by = w.identity.who().to_string();
        r
    };
    if alone {
        return stamp(all.pop().expect("one").1);
    }
    let highest = all
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, r))| (r.judgement, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let mut review = all[highest].1.clone();
    let notes: Vec<String> = all
        .iter()
        .filter(|(_, r)| !r.notes.trim().is_empty())
        .map(|(from, r)| match from {
            Some(k) if all.len() > 1 => format!("[{}] {}", k.display(), r.notes.trim()),
            _ => r.notes.trim().to_string(),
        })
        .collect();
    review.notes = notes.join("\n\n");
    review.status = Status::DaApprofondire;
    review.carried_from = None;
    stamp(review)
}

/// Events follow their entry; on a split each part gets a copy (a new id),
/// returned as old id → the copy on each part.
fn events(
    w: &Write,
    plan: &[&Reattachment],
    done: &mut Reattached,
) -> Result<BTreeMap<(EventId, ReviewKey), EventId>, StoreError> {
    let (sql, y) = (w.sql(), w.year());
    let mut copies = BTreeMap::new();
    for r in plan {
        let from = &r.from.key;
        let ids: Vec<i64> =
            w.tx.prepare_cached(&format!(
                "SELECT id FROM risk_events WHERE {} ORDER BY id",
                entry_filter()
            ))
            .and_then(|mut s| {
                s.query_map(params![y, from.dataset, from.key, from.variant], |r| {
                    r.get(0)
                })?
                .collect()
            })
            .map_err(&sql)?;
        let entries = r.to.entries();
        for n in ids {
            let id = EventId::new(n)
                .ok_or(rusqlite::Error::InvalidQuery)
                .map_err(&sql)?;
            for (i, (to, title)) in entries.iter().enumerate() {
                let title = if title.is_empty() {
                    &r.from.title
                } else {
                    title
                };
                if i == 0 {
                    w.change(RecordKind::Event, &RecordName::Event(id), to, || {
                        w.tx.execute(
                            "UPDATE risk_events SET dataset = ?1, key = ?2, variant = ?3, title = ?4, updated_at = ?5, \
                             updated_by = ?6 WHERE round = ?7 AND id = ?8",
                            params![to.dataset, to.key, to.variant, title, super::time::stamp(w.now), w.identity.who(), y, n],
                        )
                        .map_err(&sql)
                    })?;
                    copies.insert((id, to.clone()), id);
                } else {
                    let copy = w.next_id("risk_events")?;
                    w.tx.execute(
                        "INSERT INTO risk_events (round, id, dataset, key, variant, title, text, factors, note, removed, \
                         created_at, created_by, updated_at, updated_by) \
                         SELECT round, ?1, ?2, ?3, ?4, ?5, text, factors, note, removed, ?6, ?7, ?6, ?7 \
                         FROM risk_events WHERE round = ?8 AND id = ?9",
                        params![copy, to.dataset, to.key, to.variant, title, super::time::stamp(w.now), w.identity.who(), y, n],
                    )
                    .map_err(&sql)?;
                    let copy = EventId::new(copy)
                        .ok_or(rusqlite::Error::InvalidQuery)
                        .map_err(&sql)?;
                    w.created(RecordKind::Event, &RecordName::Event(copy), to)?;
                    copies.insert((id, to.clone()), copy);
                }
                done.events += 1;
            }
        }
    }
    Ok(copies)
}

/// What measures treat follows the entries (and the events' copies).
fn measures(
    w: &Write,
    plan: &[&Reattachment],
    copies: &BTreeMap<(EventId, ReviewKey), EventId>,
    done: &mut Reattached,
) -> Result<(), StoreError> {
    let (sql, y) = (w.sql(), w.year());
    let moved: BTreeMap<&ReviewKey, Vec<(ReviewKey, String)>> =
        plan.iter().map(|r| (&r.from.key, r.to.entries())).collect();
    type Row = (i64, Option<i64>, ReviewKey, String);
    let rows: Vec<Row> = w
        .tx
        .prepare_cached(
            "SELECT measure, event, dataset, key, variant, title FROM measure_targets WHERE round = ?1 ORDER BY measure",
        )
        .and_then(|mut s| {
            s.query_map([y], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    ReviewKey {
                        dataset: r.get(2)?,
                        key: r.get(3)?,
                        variant: r.get(4)?,
                    },
                    r.get(5)?,
                ))
            })?
            .collect()
        })
        .map_err(&sql)?;
    let mut by_measure: BTreeMap<i64, Vec<Row>> = BTreeMap::new();
    for row in rows {
        by_measure.entry(row.0).or_default().push(row);
    }
    for (m, targets) in by_measure {
        if !targets.iter().any(|t| moved.contains_key(&t.2)) {
            continue;
        }
        let id = MeasureId::new(m)
            .ok_or(rusqlite::Error::InvalidQuery)
            .map_err(&sql)?;
        let mut new: Vec<(Option<i64>, ReviewKey, String)> = Vec::new();
        for (_, event, key, title) in &targets {
            match moved.get(key) {
                None => new.push((*event, key.clone(), title.clone())),
                Some(entries) => {
                    for (to, t) in entries {
                        let t = if t.is_empty() {
                            title.clone()
                        } else {
                            t.clone()
                        };
                        let e = event
                            .and_then(EventId::new)
                            .map(|e| copies.get(&(e, to.clone())).copied().unwrap_or(e).get());
                        new.push((e, to.clone(), t));
                    }
                }
            }
        }
        let first = new
            .first()
            .map(|t| t.1.clone())
            .unwrap_or_else(|| targets[0].2.clone());
        w.change(RecordKind::Measure, &RecordName::Measure(id), &first, || {
            w.tx.execute(
                "DELETE FROM measure_targets WHERE round = ?1 AND measure = ?2",
                params![y, m],
            )
            .map_err(&sql)?;
            for (event, key, title) in &new {
                w.tx.execute(
                    "INSERT OR IGNORE INTO measure_targets (round, measure, event, dataset, key, variant, title) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![y, m, event, key.dataset, key.key, key.variant, title],
                )
                .map_err(&sql)?;
            }
            Ok(())
        })?;
        done.measures += 1;
    }
    Ok(())
}

/// Link decisions follow both their ends (a split copies them to each
/// part). A decision whose pair another decision holds already stays
/// where it is.
fn decisions(w: &Write, plan: &[&Reattachment], done: &mut Reattached) -> Result<(), StoreError> {
    let sql = w.sql();
    for r in plan {
        let from = &r.from.key;
        for side in ["c", "p"] {
            let ids: Vec<i64> = w
                .tx
                .prepare(&format!(
                    "SELECT id FROM link_decisions WHERE {side}_dataset = ?1 AND {side}_key = ?2 AND {side}_variant = ?3 ORDER BY id"
                ))
                .and_then(|mut s| {
                    s.query_map(params![from.dataset, from.key, from.variant], |r| r.get(0))?
                        .collect()
                })
                .map_err(&sql)?;
            for n in ids {
                let id = DecisionId::new(n)
                    .ok_or(rusqlite::Error::InvalidQuery)
                    .map_err(&sql)?;
                for (i, (to, title)) in r.to.entries().iter().enumerate() {
                    let title = if title.is_empty() {
                        &r.from.title
                    } else {
                        title
                    };
                    let taken: bool = w
                        .tx
                        .prepare(&format!(
                            "SELECT 1 FROM link_decisions o, link_decisions d WHERE d.id = ?4 AND o.id <> d.id \
                             AND o.{side}_dataset = ?1 AND o.{side}_key = ?2 AND o.{side}_variant = ?3 AND {}",
                            other_side_equal(side)
                        ))
                        .and_then(|mut s| s.exists(params![to.dataset, to.key, to.variant, n]))
                        .map_err(&sql)?;
                    if taken {
                        continue;
                    }
                    if i == 0 {
                        let catalogo = catalogo_of(w, n)?;
                        let file_under = if side == "c" { to.clone() } else { catalogo };
                        w.change(RecordKind::Decision, &RecordName::Decision(id), &file_under, || {
                            w.tx.execute(
                                &format!(
                                    "UPDATE link_decisions SET {side}_dataset = ?1, {side}_key = ?2, {side}_variant = ?3, \
                                     {side}_title = ?4 WHERE id = ?5"
                                ),
                                params![to.dataset, to.key, to.variant, title, n],
                            )
                            .map_err(&sql)
                        })?;
                    } else {
                        // The copy names the part on this side, the other side as it was.
                        let (c, p) = if side == "c" {
                            ("?2, ?3, ?4, ?5", "p_dataset, p_key, p_variant, p_title")
                        } else {
                            ("c_dataset, c_key, c_variant, c_title", "?2, ?3, ?4, ?5")
                        };
                        w.tx.execute(
                            &format!(
                                "INSERT INTO link_decisions (c_dataset, c_key, c_variant, c_title, p_dataset, p_key, p_variant, \
                                 p_title, verdict, updated_at, updated_by) \
                                 SELECT {c}, {p}, verdict, ?6, ?7 FROM link_decisions WHERE id = ?1"
                            ),
                            params![n, to.dataset, to.key, to.variant, title, super::time::stamp(w.now), w.identity.who()],
                        )
                        .map_err(&sql)?;
                        let copy = w.tx.last_insert_rowid();
                        let copy = DecisionId::new(copy)
                            .ok_or(rusqlite::Error::InvalidQuery)
                            .map_err(&sql)?;
                        let catalogo = catalogo_of(w, copy.get())?;
                        w.created(RecordKind::Decision, &RecordName::Decision(copy), &catalogo)?;
                    }
                    done.decisions += 1;
                }
            }
        }
    }
    Ok(())
}

fn other_side_equal(side: &str) -> &'static str {
    if side == "c" {
        "o.p_dataset = d.p_dataset AND o.p_key = d.p_key AND o.p_variant = d.p_variant"
    } else {
        "o.c_dataset = d.c_dataset AND o.c_key = d.c_key AND o.c_variant = d.c_variant"
    }
}

fn catalogo_of(w: &Write, id: i64) -> Result<ReviewKey, StoreError> {
    w.tx.query_row(
        "SELECT c_dataset, c_key, c_variant FROM link_decisions WHERE id = ?1",
        [id],
        |r| {
            Ok(ReviewKey {
                dataset: r.get(0)?,
                key: r.get(1)?,
                variant: r.get(2)?,
            })
        },
    )
    .map_err(w.sql())
}
