//! Undoing one audit row: the field it changed is set back to the value
//! it had before, as a new audited change (the row itself stays: history
//! is never rewritten). Refused when the field moved on since, unless
//! forced; a row that summed up a whole record, or that an earlier
//! release wrote in another format, is not undone here.

use super::error::{Refused, StoreError};
use super::key::ReviewKey;
use super::kinds::{self, RecordKind, RecordName};
use super::links::Verdict;
use super::measures::{MeasureFields, Phase, Target};
use super::monitoring::CheckFields;
use super::record::Change;
use super::risk::{Area, EventChange, Factor};
use super::store::{Base, Store};
use super::vocabulary::Vocabulary;
use super::write::WHOLE;
use super::{replay, time};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reverted {
    /// The row undone.
    pub row: i64,
    pub record: String,
    pub item: String,
    pub field: String,
    /// The value it had, and the one it has again.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The audit row to undo, as read.
struct Row {
    /// The round it is in (a row before rounds: the first round).
    round: Option<super::rounds::Year>,
    record: String,
    item: Option<String>,
    key: ReviewKey,
    field: String,
    old: Option<String>,
    new: Option<String>,
}

fn some(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

impl Store {
    /// Undoes audit row `row` (see the module). `title_of` gives an entry's
    /// title, for records written again on it.
    pub fn revert(
        &mut self,
        row: i64,
        force: bool,
        title_of: &dyn Fn(&ReviewKey) -> Option<String>,
    ) -> Result<Reverted, StoreError> {
        let r = self
            .read(|c| {
                c.query_row(
                    &format!(
                        "SELECT record, item, dataset, key, variant, field, old, new, {} FROM audit WHERE id = ?1",
                        super::rows::IN_ROUND
                    ),
                    [row],
                    |r| {
                        Ok(Row {
                            round: r.get(8)?,
                            record: r.get(0)?,
                            item: r.get(1)?,
                            key: ReviewKey {
                                dataset: r.get(2)?,
                                key: r.get(3)?,
                                variant: r.get(4)?,
                            },
                            field: r.get(5)?,
                            old: some(r.get(6)?),
                            new: some(r.get(7)?),
                        })
                    },
                )
                .optional()
            })?
            .ok_or_else(|| StoreError::NotFound(format!("audit row {row}")))?;
        let not = |why| StoreError::from(Refused::NotRevertible { row, why });
        let kind = RecordKind::from_slug(&r.record).ok_or_else(|| not("a marker"))?;
        if r.field == WHOLE {
            return Err(not("a snapshot"));
        }
        if kind == RecordKind::Review && r.field == "title" {
            return Err(not("a title"));
        }
        if kind == RecordKind::Round {
            return Err(not("a round"));
        }
        if kind == RecordKind::Review && r.field == "carried_from" {
            return Err(not("a confirmation"));
        }
        // The row is undone in its round (refused there if it is closed).
        let round = match (kind.per_round(), r.round) {
            (true, Some(y)) => y,
            (true, None) => return Err(not("an earlier format")),
            (false, _) => self.round()?,
        };
        self.in_round_mut(round, |s| s.revert_in(row, force, &r, kind, title_of))
    }

    fn revert_in(
        &mut self,
        row: i64,
        force: bool,
        r: &Row,
        kind: RecordKind,
        title_of: &dyn Fn(&ReviewKey) -> Option<String>,
    ) -> Result<Reverted, StoreError> {
        let not = |why| StoreError::from(Refused::NotRevertible { row, why });
        let name = RecordName::of_row(kind, r.item.as_deref(), &r.key)
            .ok_or_else(|| not("an earlier format"))?;
        if !kind.fields().contains(&r.field.as_str()) {
            return Err(not(if row <= self.read(replay::start)? {
                "an earlier format"
            } else {
                "unknown field"
            }));
        }
        let current = self
            .read_round(|c, y| kinds::read(c, kind, Some(y), &name))?
            .unwrap_or_else(|| kind.defaults())
            .get(&r.field)
            .cloned()
            .flatten();
        if current != r.new && !force {
            let (who, at) = self.read(|c| {
                c.query_row(
                    "SELECT who, at FROM audit WHERE record = ?1 AND coalesce(item, '') = coalesce(?2, '') \
                     AND dataset = ?3 AND key = ?4 AND variant = ?5 AND (field = ?6 OR field = '*') \
                     ORDER BY id DESC LIMIT 1",
                    params![r.record, r.item, r.key.dataset, r.key.key, r.key.variant, r.field],
                    |x| Ok((x.get::<_, String>(0)?, x.get::<_, String>(1)?)),
                )
                .optional()
            })?
            .unwrap_or_default();
            return Err(Refused::MovedOn {
                row,
                field: r.field.clone(),
                current: current.unwrap_or_default(),
                who,
                at,
            }
            .into());
        }
        let to = r.old.clone();
        self.set_field(kind, &name, r, title_of)?;
        Ok(Reverted {
            row,
            record: r.record.clone(),
            item: name.to_string(),
            field: r.field.clone(),
            from: current,
            to,
        })
    }

    /// Sets one field of a record to the row's old value.
    fn set_field(
        &mut self,
        kind: RecordKind,
        name: &RecordName,
        r: &Row,
        title_of: &dyn Fn(&ReviewKey) -> Option<String>,
    ) -> Result<(), StoreError> {
        let to = r.old.as_deref();
        let bad = || {
            StoreError::from(Refused::NotRevertible {
                row: 0,
                why: "an earlier format",
            })
        };
        let title = |k: &ReviewKey| title_of(k).unwrap_or_else(|| k.display());
        match (kind, name) {
            (RecordKind::Review, RecordName::Entry(key)) => {
                let change = Change::of_field(&r.field, to).ok_or_else(bad)?;
                let t = self
                    .get(key)?
                    .map(|r| r.title)
                    .unwrap_or_else(|| title(key));
                self.apply(key, &t, &[change], Base::Force)?;
            }
            (RecordKind::Area, RecordName::Entry(key)) => {
                let area = to.map(|a| Area::from_slug(a).ok_or_else(bad)).transpose()?;
                self.set_area(key, &title(key), area)?;
            }
            (RecordKind::Event, RecordName::Event(id)) => match (r.field.as_str(), to) {
                ("event", None) => {
                    self.remove_event(*id)?;
                }
                ("removed", v) => {
                    self.set_event_removed(*id, v.is_some())?;
                }
                ("entry", Some(e)) => {
                    let key = kinds::parse_entry(e).ok_or_else(bad)?;
                    let t = title(&key);
                    self.set_event_entry(*id, &key, &t)?;
                }
                (field, v) => {
                    let mut change = EventChange::default();
                    match field {
                        "event" => change.text = v.map(str::to_string),
                        "note" => change.note = Some(v.unwrap_or("").to_string()),
                        "factors" => {
                            change.factors = Some(Factor::list(v.unwrap_or("")).ok_or_else(bad)?)
                        }
                        _ => return Err(bad()),
                    }
                    self.set_event(*id, &change)?;
                }
            },
            (RecordKind::Measure, RecordName::Measure(id)) => match (r.field.as_str(), to) {
                ("measure", None) => {
                    self.set_measure_removed(*id, true)?;
                }
                ("removed", v) => {
                    self.set_measure_removed(*id, v.is_some())?;
                }
                ("targets", v) => {
                    let list = kinds::parse_targets(v.unwrap_or("[]")).ok_or_else(bad)?;
                    let targets: Vec<Target> = list
                        .into_iter()
                        .map(|(event, key)| Target {
                            event,
                            title: title(&key),
                            key,
                        })
                        .collect();
                    self.set_targets(*id, &targets)?;
                }
                (field, v) => {
                    let text = || Some(v.unwrap_or("").to_string());
                    let date = || v.map(|d| time::parse_date(d).ok_or_else(bad)).transpose();
                    let mut f = MeasureFields::default();
                    match field {
                        "measure" => f.text = text(),
                        "owner" => f.owner = text(),
                        "indicator" => f.indicator = text(),
                        "target" => f.target = text(),
                        "kind" => f.kind = v.and_then(Vocabulary::from_slug),
                        "type" => f.kind_of = v.and_then(Vocabulary::from_slug),
                        "due" => f.due = Some(date()?),
                        "target_date" => f.target_date = Some(date()?),
                        "phases" => {
                            let list = kinds::parse_phases(v.unwrap_or("[]")).ok_or_else(bad)?;
                            let phases = list
                                .into_iter()
                                .map(|(due, text)| {
                                    Ok(Phase {
                                        due: time::parse_date(&due).ok_or_else(bad)?,
                                        text,
                                    })
                                })
                                .collect::<Result<_, StoreError>>()?;
                            f.phases = Some(phases);
                        }
                        _ => return Err(bad()),
                    }
                    self.set_measure(*id, &f)?;
                }
            },
            (RecordKind::Check, RecordName::Check(id)) => match (r.field.as_str(), to) {
                ("measure", None) => {
                    self.set_check_removed(*id, true)?;
                }
                ("removed", v) => {
                    self.set_check_removed(*id, v.is_some())?;
                }
                (field, v) => {
                    let c = self.check(*id)?;
                    let mut f = CheckFields {
                        date: c.date,
                        state: c.state,
                        value: c.value,
                        evidence: c.evidence,
                        note: c.note,
                    };
                    let text = v.unwrap_or("").to_string();
                    match field {
                        "date" => f.date = v.and_then(time::parse_date).ok_or_else(bad)?,
                        "state" => f.state = v.and_then(Vocabulary::from_slug).ok_or_else(bad)?,
                        "value" => f.value = text,
                        "evidence" => f.evidence = text,
                        "note" => f.note = text,
                        _ => return Err(bad()),
                    }
                    self.set_check(*id, &f)?;
                }
            },
            (RecordKind::Decision, RecordName::Decision(id)) => match to {
                None => {
                    self.reset_link(*id)?;
                }
                Some(v) => {
                    let verdict = if r.field == "verdict" {
                        Verdict::from_slug(v).ok_or_else(bad)?
                    } else {
                        return Err(bad());
                    };
                    let (c, p) = self.decision_ends(*id)?.ok_or_else(bad)?;
                    let (ct, pt) = (title(&c), title(&p));
                    self.decide_link((&c, &ct), (&p, &pt), verdict)?;
                }
            },
            _ => return Err(bad()),
        }
        Ok(())
    }

    /// The two entries of a decision, from the log (it may have been
    /// reset: the table no longer has it).
    fn decision_ends(
        &self,
        id: crate::model::DecisionId,
    ) -> Result<Option<(ReviewKey, ReviewKey)>, StoreError> {
        let last = |field: &str| -> Result<Option<ReviewKey>, StoreError> {
            let text: Option<String> = self.read(|c| {
                c.query_row(
                    "SELECT coalesce(new, old) FROM audit WHERE record = 'link' AND item = ?1 AND field = ?2 \
                     AND coalesce(new, old) IS NOT NULL ORDER BY id DESC LIMIT 1",
                    params![id.to_string(), field],
                    |r| r.get(0),
                )
                .optional()
            })?;
            Ok(text.and_then(|t| kinds::parse_entry(&t)))
        };
        Ok(last("catalogo")?.zip(last("link")?))
    }
}

impl RecordKind {
    /// The fields the log writes for this kind.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            RecordKind::Review => &[
                "status",
                "notes",
                "carried_from",
                "interesse",
                "discrezionalita",
                "eventi",
                "opacita",
                "collaborazione",
                "attuazione",
                "judgement",
                "motivation",
                "office",
                "interview_date",
                "present",
            ],
            RecordKind::Area => &["area"],
            RecordKind::Event => &["entry", "event", "factors", "note", "removed"],
            RecordKind::Measure => &[
                "measure",
                "kind",
                "type",
                "owner",
                "due",
                "indicator",
                "target",
                "target_date",
                "removed",
                "phases",
                "targets",
            ],
            RecordKind::Check => &[
                "measure", "date", "state", "value", "evidence", "note", "removed",
            ],
            RecordKind::Decision => &["catalogo", "link", "verdict"],
            RecordKind::Round => &["state", "carried_from", "confirmed", "reason", "map"],
        }
    }
}
