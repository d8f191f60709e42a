//! The officer's decisions on the concordance between the catalogue and
//! the PTPC 2019 annex: a computed link confirmed or rejected, or a link
//! added by hand. Keyed like reviews, so they survive a re-import; they
//! always override what is computed (see `crate::concord`).

use super::key::ReviewKey;
use super::store::Store;
use serde::{Deserialize, Serialize};

/// What the officer decided about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The computed link is right.
    #[value(name = "confirm")]
    Confermato,
    /// The computed link is wrong: never used.
    #[value(name = "reject")]
    Respinto,
    /// A link the computation did not find.
    #[value(name = "add")]
    Aggiunto,
}

impl Verdict {
    pub fn slug(self) -> &'static str {
        match self {
            Verdict::Confermato => "confermato",
            Verdict::Respinto => "respinto",
            Verdict::Aggiunto => "aggiunto",
        }
    }

    fn parse(s: &str) -> Verdict {
        match s {
            "respinto" => Verdict::Respinto,
            "aggiunto" => Verdict::Aggiunto,
            _ => Verdict::Confermato,
        }
    }
}

/// One decision on a catalogue entry and an annex entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkDecision {
    /// `L4`.
    pub id: String,
    pub catalogo: ReviewKey,
    pub catalogo_title: String,
    pub ptpc: ReviewKey,
    pub ptpc_title: String,
    pub verdict: Verdict,
    pub updated_at: String,
    pub updated_by: String,
}

impl Store {
    /// Every decision, oldest first.
    pub fn link_decisions(&self) -> Result<Vec<LinkDecision>, super::StoreError> {
        self.read(|c| {
            let mut st = c.prepare(
                "SELECT id, c_dataset, c_key, c_variant, c_title, p_dataset, p_key, p_variant, p_title, verdict, \
                 updated_at, updated_by FROM link_decisions ORDER BY id",
            )?;
            let rows = st.query_map([], |r| {
                Ok(LinkDecision {
                    id: format!("L{}", r.get::<_, i64>(0)?),
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
                    verdict: Verdict::parse(&r.get::<_, String>(9)?),
                    updated_at: r.get(10)?,
                    updated_by: r.get(11)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Records `verdict` on the pair (one transaction, audited on the
    /// catalogue entry); a new decision on the same pair replaces the old.
    pub fn decide_link(
        &mut self,
        catalogo: (&ReviewKey, &str),
        ptpc: (&ReviewKey, &str),
        verdict: Verdict,
    ) -> anyhow::Result<LinkDecision> {
        let (c, c_title) = catalogo;
        let (p, p_title) = ptpc;
        self.write(|w| {
            let sql = w.sql();
            let old: Option<(i64, String)> = rusqlite::OptionalExtension::optional(w.tx.query_row(
                "SELECT id, verdict FROM link_decisions WHERE c_dataset = ?1 AND c_key = ?2 AND c_variant = ?3 \
                 AND p_dataset = ?4 AND p_key = ?5 AND p_variant = ?6",
                rusqlite::params![c.dataset, c.key, c.variant, p.dataset, p.key, p.variant],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))
            .map_err(&sql)?;
            let id = match &old {
                Some((id, _)) => {
                    w.tx.execute(
                        "UPDATE link_decisions SET verdict = ?1, c_title = ?2, p_title = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?6",
                        rusqlite::params![verdict.slug(), c_title, p_title, w.now, w.identity.who(), id],
                    )
                    .map_err(&sql)?;
                    *id
                }
                None => {
                    w.tx.execute(
                        "INSERT INTO link_decisions (c_dataset, c_key, c_variant, c_title, p_dataset, p_key, p_variant, \
                         p_title, verdict, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        rusqlite::params![
                            c.dataset, c.key, c.variant, c_title, p.dataset, p.key, p.variant, p_title, verdict.slug(), w.now,
                            w.identity.who()
                        ],
                    )
                    .map_err(&sql)?;
                    w.tx.last_insert_rowid()
                }
            };
            let item = format!("L{id}");
            let target = format!("{} {} #{}", p.dataset, p.key, p.variant);
            w.audit("link", &item, c, "link", old.as_ref().map(|_| target.clone()), Some(target.clone()))?;
            w.audit("link", &item, c, "verdict", old.map(|(_, v)| v), Some(verdict.slug().to_string()))?;
            Ok(LinkDecision {
                id: item,
                catalogo: c.clone(),
                catalogo_title: c_title.to_string(),
                ptpc: p.clone(),
                ptpc_title: p_title.to_string(),
                verdict,
                updated_at: w.now.clone(),
                updated_by: w.identity.who().to_string(),
            })
        })
    }
}
