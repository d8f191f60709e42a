//! The reviews table: reading and writing a review, applying changes, and
//! the check that a change does not overwrite someone else's newer value.

use super::error::{Conflict, Corrupt, Invalid, StoreError};
use super::key::ReviewKey;
use super::kinds::{RecordKind, RecordName};
use super::record::{Change, Review};
use super::rounds::Year;
use super::scale::{Indicator, Indicators, Level, Status};
use super::store::{Base, Revision, Store};
use super::vocabulary::Vocabulary;
use super::{limits, time};
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, opacita, \
                      collaborazione, attuazione, judgement, motivation, office, interview_date, present, updated_at, \
                      updated_by, round, carried_from FROM reviews";

/// A review's stored vocabulary value, or the error naming it.
fn word<T: Vocabulary>(r: &Row, i: usize, column: &'static str) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = r.get(i)?;
    match text.as_deref() {
        None | Some("") => Ok(None),
        Some(t) => T::from_slug(t)
            .map(Some)
            .ok_or_else(|| corrupt(r, column, t).error(i)),
    }
}

fn corrupt(r: &Row, column: &'static str, value: &str) -> Corrupt {
    let key = ReviewKey {
        dataset: r.get(0).unwrap_or_default(),
        key: r.get(1).unwrap_or_default(),
        variant: r.get(2).unwrap_or_default(),
    };
    Corrupt {
        table: "reviews",
        record: super::kinds::entry_text(&key),
        column,
        value: value.to_string(),
    }
}

fn row_to_review(r: &Row) -> rusqlite::Result<Review> {
    let mut indicators = Indicators::default();
    for (i, ind) in Indicator::ALL.iter().enumerate() {
        indicators.set(*ind, word::<Level>(r, 6 + i, ind.short())?);
    }
    let status = word::<Status>(r, 4, "status")?.unwrap_or_default();
    let date: String = r.get(15)?;
    let interview_date = match date.as_str() {
        "" => None,
        d => Some(time::parse_date(d).ok_or_else(|| corrupt(r, "interview_date", d).error(15))?),
    };
    let at: String = r.get(17)?;
    let updated_at = match at.as_str() {
        "" => None,
        t => Some(
            t.parse()
                .map_err(|_| corrupt(r, "updated_at", t).error(17))?,
        ),
    };
    Ok(Review {
        key: ReviewKey {
            dataset: r.get(0)?,
            key: r.get(1)?,
            variant: r.get(2)?,
        },
        title: r.get(3)?,
        status,
        notes: r.get(5)?,
        indicators,
        judgement: word(r, 12, "judgement")?,
        motivation: r.get(13)?,
        office: r.get(14)?,
        interview_date,
        present: r.get(16)?,
        updated_at,
        updated_by: r.get(18)?,
        round: r.get(19)?,
        carried_from: r.get(20)?,
    })
}

pub(crate) fn get(
    conn: &Connection,
    round: Year,
    key: &ReviewKey,
) -> rusqlite::Result<Option<Review>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE round = ?1 AND dataset = ?2 AND key = ?3 AND variant = ?4"
    ))?;
    stmt.query_row(
        params![round, key.dataset, key.key, key.variant],
        row_to_review,
    )
    .optional()
}

pub(crate) fn write_review(conn: &Connection, review: &Review) -> rusqlite::Result<()> {
    let ind = |i: Indicator| review.indicator(i).map(|l| l.slug());
    conn.execute(
        "INSERT INTO reviews (dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, \
         opacita, collaborazione, attuazione, judgement, motivation, office, interview_date, present, updated_at, updated_by, \
         round, carried_from) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21) \
         ON CONFLICT (round, dataset, key, variant) DO UPDATE SET title = excluded.title, status = excluded.status, \
         carried_from = excluded.carried_from, \
         notes = excluded.notes, interesse = excluded.interesse, discrezionalita = excluded.discrezionalita, \
         eventi = excluded.eventi, opacita = excluded.opacita, collaborazione = excluded.collaborazione, \
         attuazione = excluded.attuazione, judgement = excluded.judgement, motivation = excluded.motivation, \
         office = excluded.office, interview_date = excluded.interview_date, present = excluded.present, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        params![
            review.key.dataset,
            review.key.key,
            review.key.variant,
            review.title,
            review.status.slug(),
            review.notes,
            ind(Indicator::Interesse),
            ind(Indicator::Discrezionalita),
            ind(Indicator::Eventi),
            ind(Indicator::Opacita),
            ind(Indicator::Collaborazione),
            ind(Indicator::Attuazione),
            review.judgement.map(|l| l.slug()),
            review.motivation,
            review.office,
            review.interview_date.map(|d| d.to_string()).unwrap_or_default(),
            review.present,
            review.updated_at.map(time::stamp).unwrap_or_default(),
            review.updated_by,
            review.round,
            review.carried_from,
        ],
    )?;
    Ok(())
}

/// The condition on an audit row's round: rows before rounds (none) are
/// of the first round.
pub(crate) const IN_ROUND: &str = "coalesce(round, (SELECT min(year) FROM rounds))";

/// The audit row that set `field` of the review at `key` in `round`, if any
/// did.
pub(crate) fn revision(
    conn: &Connection,
    round: Year,
    key: &ReviewKey,
    field: &str,
) -> rusqlite::Result<Option<Revision>> {
    conn.prepare_cached(&format!(
        "SELECT id, who, account, at FROM audit WHERE record = 'review' AND dataset = ?1 AND key = ?2 \
         AND variant = ?3 AND (field = ?4 OR field = '*') AND {IN_ROUND} = ?5 ORDER BY id DESC LIMIT 1"
    ))?
    .query_row(params![key.dataset, key.key, key.variant, field, round], |r| {
        let at: String = r.get(3)?;
        Ok(Revision {
            id: r.get(0)?,
            who: r.get(1)?,
            account: r.get(2)?,
            at: at.parse().unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        })
    })
    .optional()
}

impl Store {
    /// The review of the entry at `key` in the round in use.
    pub fn get(&self, key: &ReviewKey) -> Result<Option<Review>, StoreError> {
        self.read_round(|c, y| get(c, y, key))
    }

    /// Every review of the round in use, by entry.
    pub fn all(&self) -> Result<Vec<Review>, StoreError> {
        self.read_round(|c, y| {
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE round = ?1 ORDER BY dataset, key, variant"
            ))?;
            let rows = stmt.query_map([y], row_to_review)?;
            rows.collect()
        })
    }

    /// The revision of `field` of the entry at `key` in the round in use,
    /// if it was ever set.
    pub fn revision(&self, key: &ReviewKey, field: &str) -> Result<Option<Revision>, StoreError> {
        self.read_round(|c, y| revision(c, y, key, field))
    }

    /// Applies `changes` in one transaction, with an audit row per field
    /// that changed. Nothing is written when a change is invalid or, with
    /// a [`Base::Revision`], would overwrite a value someone set after it.
    pub fn apply(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
        base: Base,
    ) -> Result<Review, StoreError> {
        self.apply_rev(key, title, changes, base).map(|(r, _)| r)
    }

    /// As [`Store::apply`], also giving the revision written (the newest
    /// audit row of the change; 0 when nothing changed).
    pub fn apply_rev(
        &mut self,
        key: &ReviewKey,
        title: &str,
        changes: &[Change],
        base: Base,
    ) -> Result<(Review, i64), StoreError> {
        for c in changes {
            for (field, text) in c.texts() {
                limits::text(field, text)?;
            }
            if let Change::Interview { date: Some(d), .. } | Change::InterviewDate(Some(d)) = c {
                self.not_after_today("interview", *d)?;
            }
        }
        let identity = self.identity.clone();
        let path = self.path.clone();
        self.write_round(|w| {
            let sql = |e| StoreError::sqlite(&path, "write", &e);
            let round = w.round.expect("a change of a review is in a round");
            let old = get(w.tx, round, key).map_err(sql)?;
            let before = old
                .clone()
                .unwrap_or_else(|| Review::empty(key, round, title));
            let mut review = before.clone();
            for c in changes {
                review.apply(c);
            }
            if review.lacks_motivation() {
                return Err(Invalid::NeedsMotivation.into());
            }
            let mut changed: Vec<&'static str> = changes
                .iter()
                .flat_map(Change::fields)
                .filter(|f| before.field(f) != review.field(f))
                .collect();
            changed.dedup();
            if changed.is_empty() {
                return Ok((before, 0));
            }
            if let Base::Revision(b) = base {
                for field in &changed {
                    if let Some(rev) = revision(w.tx, round, key, field).map_err(sql)? {
                        if rev.id > b {
                            return Err(StoreError::Conflict(Box::new(Conflict {
                                entry: format!("{} {}", key.dataset, key.display()),
                                field: field.to_string(),
                                current: before.field(field).unwrap_or_default(),
                                who: rev.who,
                                at: time::stamp(rev.at),
                                revision: rev.id,
                            })));
                        }
                    }
                }
            }
            review.title = title.to_string();
            review.updated_at = Some(w.now);
            review.updated_by = identity.who().to_string();
            let name = RecordName::Entry(key.clone());
            let ((), revision) = w.change(RecordKind::Review, &name, key, || {
                write_review(w.tx, &review).map_err(sql)
            })?;
            Ok((review.clone(), revision))
        })
    }
}
