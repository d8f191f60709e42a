//! Two rounds compared, per entry: the judgement and indicators that
//! changed, risk events added or removed, measures added, dropped or whose
//! state changed, and reviews still only proposed. A measure completed in
//! the earlier round and so not carried is not a change, nor is a measure
//! with no check yet in the later round: neither says anything new.

use super::Year;
use crate::review::error::StoreError;
use crate::review::key::ReviewKey;
use crate::review::measures::{first_key, Measure, State};
use crate::review::record::Review;
use crate::review::risk::{Factor, RiskEvent};
use crate::review::scale::Indicator;
use crate::review::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What kind of record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compared {
    Review,
    Event,
    Measure,
}

/// One difference between the rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundChange {
    pub key: ReviewKey,
    /// The entry's title as the later record (else the earlier) has it.
    pub title: String,
    pub record: Compared,
    /// `R12`, `M3`; none for a review.
    pub id: Option<String>,
    /// `judgement`, an indicator, `carried_from` (still a proposal),
    /// `event`, `factors`, `measure`, `state`.
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn change(
    key: &ReviewKey,
    title: &str,
    record: Compared,
    id: Option<String>,
    field: &str,
    from: Option<String>,
    to: Option<String>,
) -> RoundChange {
    RoundChange {
        key: key.clone(),
        title: title.to_string(),
        record,
        id,
        field: field.to_string(),
        from,
        to,
    }
}

fn reviews(from: &[Review], to: &[Review], out: &mut Vec<RoundChange>) {
    let before: BTreeMap<&ReviewKey, &Review> = from.iter().map(|r| (&r.key, r)).collect();
    let after: BTreeMap<&ReviewKey, &Review> = to.iter().map(|r| (&r.key, r)).collect();
    let keys: BTreeSet<&ReviewKey> = before.keys().chain(after.keys()).copied().collect();
    for key in keys {
        let (b, a) = (before.get(key), after.get(key));
        let title = a.or(b).map(|r| r.title.as_str()).unwrap_or_default();
        let field = |r: Option<&&Review>, f: &str| r.and_then(|r| r.field(f));
        for f in std::iter::once("judgement").chain(Indicator::ALL.iter().map(|i| i.short())) {
            let (old, new) = (field(b, f), field(a, f));
            if old != new {
                out.push(change(key, title, Compared::Review, None, f, old, new));
            }
        }
        if let Some(year) = a.and_then(|r| r.carried_from) {
            out.push(change(
                key,
                title,
                Compared::Review,
                None,
                "carried_from",
                None,
                Some(year.to_string()),
            ));
        }
    }
}

fn events(from: &[RiskEvent], to: &[RiskEvent], out: &mut Vec<RoundChange>) {
    let before: BTreeMap<_, _> = from.iter().map(|e| (e.id, e)).collect();
    let after: BTreeMap<_, _> = to.iter().map(|e| (e.id, e)).collect();
    let ids: BTreeSet<_> = before.keys().chain(after.keys()).copied().collect();
    for id in ids {
        let (b, a) = (before.get(&id), after.get(&id));
        let e = a.or(b).expect("one of them has it");
        let text = |e: Option<&&RiskEvent>| e.map(|e| e.text.clone());
        let factors = |e: Option<&&RiskEvent>| {
            e.map(|e| Factor::join(&e.factors))
                .filter(|f| !f.is_empty())
        };
        let id_text = Some(id.to_string());
        match (b, a) {
            (Some(_), Some(_)) => {
                if text(b) != text(a) {
                    out.push(change(
                        &e.key,
                        &e.title,
                        Compared::Event,
                        id_text.clone(),
                        "event",
                        text(b),
                        text(a),
                    ));
                }
                if factors(b) != factors(a) {
                    out.push(change(
                        &e.key,
                        &e.title,
                        Compared::Event,
                        id_text,
                        "factors",
                        factors(b),
                        factors(a),
                    ));
                }
            }
            _ => out.push(change(
                &e.key,
                &e.title,
                Compared::Event,
                id_text,
                "event",
                text(b),
                text(a),
            )),
        }
    }
}

fn measures(from: &[Measure], to: &[Measure], out: &mut Vec<RoundChange>) {
    let before: BTreeMap<_, _> = from.iter().map(|m| (m.id, m)).collect();
    let after: BTreeMap<_, _> = to.iter().map(|m| (m.id, m)).collect();
    let ids: BTreeSet<_> = before.keys().chain(after.keys()).copied().collect();
    for id in ids {
        let (b, a) = (before.get(&id), after.get(&id));
        let m = a.or(b).expect("one of them has it");
        let key = first_key(m);
        let title = m
            .targets
            .first()
            .map(|t| t.title.as_str())
            .unwrap_or_default();
        let id_text = Some(id.to_string());
        let state = |m: &Measure| m.state().map(|s| s.slug().to_string());
        match (b, a) {
            (None, Some(a)) => out.push(change(
                &key,
                title,
                Compared::Measure,
                id_text,
                "measure",
                None,
                Some(a.text.clone()),
            )),
            // Completed, so not carried: not a change.
            (Some(b), None) if b.state() == Some(State::Attuata) => {}
            (Some(b), None) => out.push(change(
                &key,
                title,
                Compared::Measure,
                id_text,
                "measure",
                Some(b.text.clone()),
                None,
            )),
            (Some(b), Some(a)) => {
                if let (Some(old), Some(new)) = (state(b), state(a)) {
                    if old != new {
                        out.push(change(
                            &key,
                            title,
                            Compared::Measure,
                            id_text,
                            "state",
                            Some(old),
                            Some(new),
                        ));
                    }
                }
            }
            (None, None) => {}
        }
    }
}

impl Store {
    /// What changed from round `from` to round `to`, by entry, then record
    /// and field.
    pub fn compare_rounds(&self, from: Year, to: Year) -> Result<Vec<RoundChange>, StoreError> {
        for year in [from, to] {
            if self.round_info(year)?.is_none() {
                return Err(super::Refused::NoRound(year).into());
            }
        }
        let read = |y: Year| -> Result<_, StoreError> {
            self.in_round(y, |s| Ok((s.all()?, s.events(None)?, s.measures()?)))
        };
        let (rb, eb, mb) = read(from)?;
        let (ra, ea, ma) = read(to)?;
        let mut out = Vec::new();
        reviews(&rb, &ra, &mut out);
        events(&eb, &ea, &mut out);
        measures(&mb, &ma, &mut out);
        out.sort_by(|x, y| {
            (&x.key, x.record, &x.id, &x.field).cmp(&(&y.key, y.record, &y.id, &y.field))
        });
        Ok(out)
    }
}
