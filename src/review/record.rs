//! What the store holds about one entry, a change to it, one line of the
//! audit log, and who makes changes.

use super::key::ReviewKey;
use super::scale::{Indicator, Level, Status};
use serde::Serialize;

/// Everything recorded about one entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    #[serde(flatten)]
    pub key: ReviewKey,
    pub title: String,
    pub status: Status,
    pub notes: String,
    pub indicators: Vec<(Indicator, Option<Level>)>,
    pub judgement: Option<Level>,
    pub motivation: String,
    pub office: String,
    pub interview_date: String,
    pub present: String,
    pub updated_at: String,
    pub updated_by: String,
}

impl Review {
    pub fn indicator(&self, which: Indicator) -> Option<Level> {
        self.indicators
            .iter()
            .find(|(i, _)| *i == which)
            .and_then(|(_, l)| *l)
    }

    pub(crate) fn empty(key: &ReviewKey, title: &str) -> Review {
        Review {
            key: key.clone(),
            title: title.to_string(),
            status: Status::default(),
            notes: String::new(),
            indicators: Indicator::ALL.iter().map(|i| (*i, None)).collect(),
            judgement: None,
            motivation: String::new(),
            office: String::new(),
            interview_date: String::new(),
            present: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
        }
    }

    /// The value of one audited field, as the audit log writes it.
    pub fn field(&self, field: &str) -> Option<String> {
        Some(match field {
            "status" => self.status.slug().to_string(),
            "notes" => self.notes.clone(),
            "judgement" => return self.judgement.map(|l| l.label().to_string()),
            "motivation" => self.motivation.clone(),
            "office" => self.office.clone(),
            "interview_date" => self.interview_date.clone(),
            "present" => self.present.clone(),
            other => {
                let i = Indicator::ALL.into_iter().find(|i| i.short() == other)?;
                return self.indicator(i).map(|l| l.label().to_string());
            }
        })
    }
}

/// One change to a review.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum Change {
    Status(Status),
    Notes(String),
    Indicator(Indicator, Option<Level>),
    /// A judgement needs its motivation.
    Judgement(Level, String),
    Interview {
        office: String,
        date: String,
        present: String,
    },
}

impl Change {
    /// The audited fields this change writes.
    pub fn fields(&self) -> Vec<&'static str> {
        match self {
            Change::Status(_) => vec!["status"],
            Change::Notes(_) => vec!["notes"],
            Change::Indicator(i, _) => vec![i.short()],
            Change::Judgement(..) => vec!["judgement", "motivation"],
            Change::Interview { .. } => vec!["office", "interview_date", "present"],
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    /// How the change is signed: the name given with `--user`, else the
    /// OS account.
    pub who: String,
    /// The OS account that made the change (from the process's uid);
    /// unknown (`None`) for rows written before release 0.2.
    pub account: Option<String>,
    /// The name given with `--user`, if any.
    pub name: Option<String>,
    /// What kind of record: `review` (later: risk events, measures, links).
    pub record: String,
    /// The item of the record (R12, M3, L4); none for a review.
    pub item: Option<String>,
    #[serde(flatten)]
    pub key: ReviewKey,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// SHA-256 over this row and the previous row's hash.
    pub hash: String,
}

/// Who makes a change: always the OS account; a name given with `--user`
/// is recorded beside it, never instead of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub account: String,
    pub name: Option<String>,
}

impl Identity {
    /// The process's OS account, from its uid (not from `$USER`, which
    /// anyone can set).
    pub fn os() -> Identity {
        let account = whoami::username()
            .ok()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("uid {}", uid()));
        Identity {
            account,
            name: None,
        }
    }

    /// The OS account with a name to sign changes with; an empty name, or
    /// one with control characters, is refused.
    pub fn with_name(name: Option<&str>) -> anyhow::Result<Identity> {
        let mut id = Identity::os();
        if let Some(n) = name {
            let n = n.trim();
            if n.is_empty() {
                anyhow::bail!(
                    "--user needs a name (it is recorded beside the OS account {})",
                    id.account
                );
            }
            if n.chars().any(crate::text::is_hidden_control) {
                anyhow::bail!(
                    "--user \"{}\" contains control characters",
                    crate::text::Shown(n)
                );
            }
            if n.chars().count() > 100 {
                anyhow::bail!("--user: a name of at most 100 characters");
            }
            id.name = Some(n.to_string());
        }
        Ok(id)
    }

    /// How the change is signed in `who`: the name, else the account.
    pub fn who(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.account)
    }

    /// For people: "o.bianchi (account mrossi)" or "mrossi".
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) if n != &self.account => format!("{n} (account {})", self.account),
            _ => self.account.clone(),
        }
    }
}

fn uid() -> u32 {
    // SAFETY: getuid cannot fail and has no preconditions.
    unsafe { libc::getuid() }
}
