//! The officer's decisions on the concordance between the catalogue and
//! the PTPC 2019 annex: a computed link confirmed or rejected, or a link
//! added by hand. Keyed like reviews, so they survive a re-import; they
//! always override what is computed (see `crate::concord`), until reset.

use super::error::{Corrupt, StoreError};
use super::key::ReviewKey;
use super::kinds::{RecordKind, RecordName};
use super::store::Store;
use super::time;
use super::vocabulary::vocabulary;
use crate::model::DecisionId;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

vocabulary! {
    /// What the officer decided about a pair.
    pub enum Verdict ("decisione") {
        /// The computed link is right.
        Confermato = "confermato", "confermato", "confirmed", ["confirm", "conferma"];
        /// The computed link is wrong: never used.
        Respinto = "respinto", "respinto", "rejected", ["reject", "respingi"];
        /// A link the computation did not find.
        Aggiunto = "aggiunto", "aggiunto", "added", ["add", "aggiungi"];
    }
}

/// One decision on a catalogue entry and an annex entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkDecision {
    /// `L4`.
    pub id: DecisionId,
    pub catalogo: ReviewKey,
    pub catalogo_title: String,
    pub ptpc: ReviewKey,
    pub ptpc_title: String,
    pub verdict: Verdict,
    #[serde(with = "time::stamp")]
    pub updated_at: Timestamp,
    pub updated_by: String,
}

const COLUMNS: &str =
    "id, c_dataset, c_key, c_variant, c_title, p_dataset, p_key, p_variant, p_title, verdict, \
     updated_at, updated_by";

fn row_to_decision(r: &Row) -> rusqlite::Result<LinkDecision> {
    let n: i64 = r.get(0)?;
    let bad = |column: &'static str, value: &str, i: usize| {
        Corrupt {
            table: "link_decisions",
            record: format!("L{n}"),
            column,
            value: value.to_string(),
        }
        .error(i)
    };
    let verdict: String = r.get(9)?;
    let at: String = r.get(10)?;
    Ok(LinkDecision {
        id: DecisionId::new(n).ok_or(rusqlite::Error::InvalidQuery)?,
        catalogo: ReviewKey {
            dataset: r.get(1)?,
            key: r.get(2)?,
            variant: r.get(3)?,
        },
        catalogo_title: r.get(4)?,
        ptpc: ReviewKey {
            dataset: r.get(5)?,
            key: r.get(6)?,
            variant: r.get(7)?,
        },
        ptpc_title: r.get(8)?,
        verdict: Verdict::from_slug(&verdict).ok_or_else(|| bad("verdict", &verdict, 9))?,
        updated_at: at.parse().map_err(|_| bad("updated_at", &at, 10))?,
        updated_by: r.get(11)?,
    })
}

impl Store {
    /// Every decision, oldest first.
    pub fn link_decisions(&self) -> Result<Vec<LinkDecision>, StoreError> {
        self.read(|c| {
            let mut st = c.prepare(&format!("SELECT {COLUMNS} FROM link_decisions ORDER BY id"))?;
            let rows = st.query_map([], row_to_decision)?;
            rows.collect()
        })
    }

    /// One decision by id.
    pub fn link_decision(&self, id: DecisionId) -> Result<LinkDecision, StoreError> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM link_decisions WHERE id = ?1"),
                [id.get()],
                row_to_decision,
            )
            .optional()
        })?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Records `verdict` on the pair (one transaction, audited on the
    /// catalogue entry); a new decision on the same pair replaces the old.
    pub fn decide_link(
        &mut self,
        catalogo: (&ReviewKey, &str),
        ptpc: (&ReviewKey, &str),
        verdict: Verdict,
    ) -> Result<LinkDecision, StoreError> {
        let (c, c_title) = catalogo;
        let (p, p_title) = ptpc;
        let id = self.write(|w| {
            let sql = w.sql();
            let old: Option<i64> = w
                .tx
                .query_row(
                    "SELECT id FROM link_decisions WHERE c_dataset = ?1 AND c_key = ?2 AND c_variant = ?3 \
                     AND p_dataset = ?4 AND p_key = ?5 AND p_variant = ?6",
                    params![c.dataset, c.key, c.variant, p.dataset, p.key, p.variant],
                    |r| r.get(0),
                )
                .optional()
                .map_err(&sql)?;
            match old.and_then(DecisionId::new) {
                Some(id) => {
                    w.change(RecordKind::Decision, &RecordName::Decision(id), c, || {
                        w.tx.execute(
                            "UPDATE link_decisions SET verdict = ?1, c_title = ?2, p_title = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?6",
                            params![verdict.slug(), c_title, p_title, time::stamp(w.now), w.identity.who(), id.get()],
                        )
                        .map_err(&sql)
                    })?;
                    Ok(id)
                }
                None => {
                    w.tx.execute(
                        "INSERT INTO link_decisions (c_dataset, c_key, c_variant, c_title, p_dataset, p_key, p_variant, \
                         p_title, verdict, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        params![
                            c.dataset, c.key, c.variant, c_title, p.dataset, p.key, p.variant, p_title, verdict.slug(),
                            time::stamp(w.now), w.identity.who()
                        ],
                    )
                    .map_err(&sql)?;
                    let id = DecisionId::new(w.tx.last_insert_rowid()).ok_or(StoreError::NotFound("L0".into()))?;
                    w.created(RecordKind::Decision, &RecordName::Decision(id), c)?;
                    Ok(id)
                }
            }
        })?;
        self.link_decision(id)
    }

    /// Forgets a decision: the pair is linked as computed again (audited;
    /// the log keeps the decision).
    pub fn reset_link(&mut self, id: DecisionId) -> Result<LinkDecision, StoreError> {
        let d = self.link_decision(id)?;
        self.write(|w| {
            w.change(
                RecordKind::Decision,
                &RecordName::Decision(id),
                &d.catalogo,
                || {
                    w.tx.execute("DELETE FROM link_decisions WHERE id = ?1", [id.get()])
                        .map_err(w.sql())
                },
            )?;
            Ok(())
        })?;
        Ok(d)
    }
}
