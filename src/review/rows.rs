//! The reviews table: reading and writing a review, applying a change, and
//! the check that a change does not overwrite someone else's newer value.

use super::error::Conflict;
use super::key::ReviewKey;
use super::record::{Change, Identity, Review};
use super::scale::{Indicator, Level, Status};
use super::store::{Base, Revision};
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) enum Checked {
    Sql(rusqlite::Error),
    Conflict(Box<Conflict>),
}

impl From<rusqlite::Error> for Checked {
    fn from(e: rusqlite::Error) -> Self {
        Checked::Sql(e)
    }
}

/// Refuses a change to `field` that would overwrite a value someone else
/// set after the change's base.
pub(crate) fn check_base(
    conn: &Connection,
    key: &ReviewKey,
    field: &str,
    base: Base,
    me: &Identity,
    current: &Review,
) -> Result<(), Checked> {
    let Some(rev) = revision(conn, key, field, None)? else {
        return Ok(());
    };
    let same_person =
        |r: &Revision| r.who == me.who() && r.account.as_ref().is_none_or(|a| *a == me.account);
    let stale = match base {
        Base::Force => false,
        Base::Revision(b) => rev.id > b,
        Base::Mine => {
            let mine = revision(conn, key, field, Some(me))?.map_or(0, |r| r.id);
            rev.id > mine && !same_person(&rev)
        }
    };
    if !stale {
        return Ok(());
    }
    Err(Checked::Conflict(Box::new(Conflict {
        entry: format!("{} {}", key.dataset, key.display()),
        field: field.to_string(),
        current: current.field(field).unwrap_or_default(),
        who: rev.who,
        at: rev.at,
        revision: rev.id,
    })))
}

pub(crate) fn revision(
    conn: &Connection,
    key: &ReviewKey,
    field: &str,
    by: Option<&Identity>,
) -> rusqlite::Result<Option<Revision>> {
    let map = |r: &rusqlite::Row| {
        Ok(Revision {
            id: r.get(0)?,
            who: r.get(1)?,
            account: r.get(2)?,
            at: r.get(3)?,
        })
    };
    let base = "SELECT id, who, account, at FROM audit WHERE record = 'review' AND dataset = ?1 AND key = ?2 \
                AND variant = ?3 AND field = ?4";
    match by {
        None => conn
            .prepare_cached(&format!("{base} ORDER BY id DESC LIMIT 1"))?
            .query_row(params![key.dataset, key.key, key.variant, field], map)
            .optional(),
        Some(me) => conn
            .prepare_cached(&format!(
                "{base} AND who = ?5 AND (account IS NULL OR account = ?6) ORDER BY id DESC LIMIT 1"
            ))?
            .query_row(
                params![
                    key.dataset,
                    key.key,
                    key.variant,
                    field,
                    me.who(),
                    me.account
                ],
                map,
            )
            .optional(),
    }
}

pub(crate) fn apply_change(review: &mut Review, c: &Change) {
    match c {
        Change::Status(s) => review.status = *s,
        Change::Notes(n) => review.notes = n.clone(),
        Change::Indicator(i, l) => {
            for slot in review.indicators.iter_mut().filter(|(k, _)| k == i) {
                slot.1 = *l;
            }
        }
        Change::Judgement(l, m) => {
            review.judgement = Some(*l);
            review.motivation = m.clone();
        }
        Change::Interview {
            office,
            date,
            present,
        } => {
            review.office = office.clone();
            review.interview_date = date.clone();
            review.present = present.clone();
        }
    }
}

pub(crate) const SELECT: &str = "SELECT dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, opacita, \
                      collaborazione, attuazione, judgement, motivation, office, interview_date, present, updated_at, \
                      updated_by FROM reviews";

pub(crate) fn get(conn: &Connection, key: &ReviewKey) -> rusqlite::Result<Option<Review>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE dataset = ?1 AND key = ?2 AND variant = ?3"
    ))?;
    stmt.query_row(params![key.dataset, key.key, key.variant], row_to_review)
        .optional()
}

pub(crate) fn write_review(conn: &Connection, review: &Review) -> rusqlite::Result<()> {
    let ind = |i: Indicator| review.indicator(i).map(|l| l.label());
    conn.execute(
        "INSERT INTO reviews (dataset, key, variant, title, status, notes, interesse, discrezionalita, eventi, \
         opacita, collaborazione, attuazione, judgement, motivation, office, interview_date, present, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) \
         ON CONFLICT (dataset, key, variant) DO UPDATE SET title = excluded.title, status = excluded.status, \
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
            review.judgement.map(|l| l.label()),
            review.motivation,
            review.office,
            review.interview_date,
            review.present,
            review.updated_at,
            review.updated_by,
        ],
    )?;
    Ok(())
}

pub(crate) fn row_to_review(r: &rusqlite::Row) -> rusqlite::Result<Review> {
    let status: String = r.get(4)?;
    let indicators = Indicator::ALL
        .iter()
        .enumerate()
        .map(|(i, ind)| Ok((*ind, Level::from_db(r.get(6 + i)?))))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Review {
        key: ReviewKey {
            dataset: r.get(0)?,
            key: r.get(1)?,
            variant: r.get(2)?,
        },
        title: r.get(3)?,
        status: Status::parse(&status).unwrap_or_default(),
        notes: r.get(5)?,
        indicators,
        judgement: Level::from_db(r.get(12)?),
        motivation: r.get(13)?,
        office: r.get(14)?,
        interview_date: r.get(15)?,
        present: r.get(16)?,
        updated_at: r.get(17)?,
        updated_by: r.get(18)?,
    })
}
