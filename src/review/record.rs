//! What the store holds about one entry, a change to it, one line of the
//! audit log, and who makes changes.

use super::key::ReviewKey;
use super::kinds::RecordName;
use super::rounds::Year;
use super::scale::{Indicator, Indicators, Level, Status};
use super::time;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Everything recorded about one entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    #[serde(flatten)]
    pub key: ReviewKey,
    /// The round it belongs to.
    pub round: Year,
    /// The round it was carried from and not yet confirmed or changed (a
    /// proposal); none once the officer confirmed or changed it.
    pub carried_from: Option<Year>,
    pub title: String,
    pub status: Status,
    pub notes: String,
    pub indicators: Indicators,
    pub judgement: Option<Level>,
    pub motivation: String,
    pub office: String,
    #[serde(with = "time::opt_date")]
    pub interview_date: Option<Date>,
    pub present: String,
    #[serde(serialize_with = "time::opt_stamp::serialize")]
    pub updated_at: Option<Timestamp>,
    pub updated_by: String,
}

impl Review {
    pub fn indicator(&self, which: Indicator) -> Option<Level> {
        self.indicators.get(which)
    }

    pub fn empty(key: &ReviewKey, round: Year, title: &str) -> Review {
        Review {
            key: key.clone(),
            round,
            carried_from: None,
            title: title.to_string(),
            status: Status::default(),
            notes: String::new(),
            indicators: Indicators::default(),
            judgement: None,
            motivation: String::new(),
            office: String::new(),
            interview_date: None,
            present: String::new(),
            updated_at: None,
            updated_by: String::new(),
        }
    }

    /// The value of one audited field, as the audit log writes it (none
    /// when empty).
    pub fn field(&self, field: &str) -> Option<String> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match field {
            "status" => Some(self.status.slug().to_string()),
            "notes" => text(&self.notes),
            "judgement" => self.judgement.map(|l| l.slug().to_string()),
            "motivation" => text(&self.motivation),
            "office" => text(&self.office),
            "interview_date" => self.interview_date.map(|d| d.to_string()),
            "present" => text(&self.present),
            "carried_from" => self.carried_from.map(|y| y.to_string()),
            other => {
                let i = Indicator::from_slug(other)?;
                self.indicator(i).map(|l| l.slug().to_string())
            }
        }
    }

    /// Whether a judgement stands without its motivation (which the store
    /// never keeps).
    pub fn lacks_motivation(&self) -> bool {
        self.judgement.is_some() && self.motivation.trim().is_empty()
    }

    /// Applies a change.
    pub fn apply(&mut self, c: &Change) {
        match c {
            Change::Status(s) => self.status = *s,
            Change::Notes(n) => self.notes = n.clone(),
            Change::Indicator(i, l) => self.indicators.set(*i, *l),
            Change::Judgement(l, m) => {
                self.judgement = Some(*l);
                self.motivation = m.clone();
            }
            Change::JudgementLevel(l) => self.judgement = *l,
            Change::Motivation(m) => self.motivation = m.clone(),
            Change::Interview {
                office,
                date,
                present,
            } => {
                self.office = office.clone();
                self.interview_date = *date;
                self.present = present.clone();
            }
            Change::Office(o) => self.office = o.clone(),
            Change::InterviewDate(d) => self.interview_date = *d,
            Change::Present(p) => self.present = p.clone(),
            Change::Confirm => {}
        }
        // Confirming, or changing anything, makes a proposal the round's own.
        self.carried_from = None;
    }

    /// Whether it is a proposal carried from an earlier round.
    pub fn is_proposal(&self) -> bool {
        self.carried_from.is_some()
    }
}

/// One change to a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    Status(Status),
    Notes(String),
    Indicator(Indicator, Option<Level>),
    /// A judgement with its motivation (a judgement needs one).
    Judgement(Level, String),
    /// The judgement alone (none clears it), the motivation kept.
    JudgementLevel(Option<Level>),
    /// The motivation alone.
    Motivation(String),
    Interview {
        office: String,
        #[serde(with = "time::opt_date")]
        date: Option<Date>,
        present: String,
    },
    Office(String),
    InterviewDate(#[serde(with = "time::opt_date")] Option<Date>),
    Present(String),
    /// A proposal carried from the round before, taken as it is.
    Confirm,
}

impl Change {
    /// The audited fields this change writes.
    pub fn fields(&self) -> Vec<&'static str> {
        match self {
            Change::Status(_) => vec!["status"],
            Change::Notes(_) => vec!["notes"],
            Change::Indicator(i, _) => vec![i.short()],
            Change::Judgement(..) => vec!["judgement", "motivation"],
            Change::JudgementLevel(_) => vec!["judgement"],
            Change::Motivation(_) => vec!["motivation"],
            Change::Interview { .. } => vec!["office", "interview_date", "present"],
            Change::Office(_) => vec!["office"],
            Change::InterviewDate(_) => vec!["interview_date"],
            Change::Present(_) => vec!["present"],
            Change::Confirm => vec!["carried_from"],
        }
    }

    /// The free texts it writes, with their field (for the length limit).
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        match self {
            Change::Notes(n) => vec![("notes", n)],
            Change::Judgement(_, m) | Change::Motivation(m) => vec![("motivation", m)],
            Change::Interview {
                office, present, ..
            } => vec![("office", office), ("present", present)],
            Change::Office(o) => vec![("office", o)],
            Change::Present(p) => vec![("present", p)],
            _ => vec![],
        }
    }

    /// The change that sets `field` to `value` (as the log writes it), for
    /// undoing an audit row; none for a field a review does not have or a
    /// value it cannot take.
    pub fn of_field(field: &str, value: Option<&str>) -> Option<Change> {
        let text = || value.unwrap_or("").to_string();
        let level = || match value {
            None => Some(None),
            Some(v) => Level::from_slug(v).map(Some),
        };
        Some(match field {
            "status" => Change::Status(value.map_or(Some(Status::default()), Status::from_slug)?),
            "notes" => Change::Notes(text()),
            "judgement" => Change::JudgementLevel(level()?),
            "motivation" => Change::Motivation(text()),
            "office" => Change::Office(text()),
            "interview_date" => Change::InterviewDate(match value {
                None => None,
                Some(v) => Some(time::parse_date(v)?),
            }),
            "present" => Change::Present(text()),
            // Undoing a confirmation does not make a proposal again.
            "carried_from" => return None,
            other => Change::Indicator(Indicator::from_slug(other)?, level()?),
        })
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    #[serde(with = "time::stamp")]
    pub at: Timestamp,
    /// How the change is signed: the name given with `--user`, else the
    /// OS account.
    pub who: String,
    /// The OS account that made the change (from the process's uid);
    /// unknown (`None`) for rows written before release 0.2.
    pub account: Option<String>,
    /// The name given with `--user`, if any.
    pub name: Option<String>,
    /// What kind of record: `review`, `risk`, `area`, `measure`,
    /// `monitoring`, `link` (`store` for the store's own rows).
    pub record: String,
    /// The record it is about (R12, M3, V7, L4); none for an entry's
    /// review or area.
    #[serde(serialize_with = "item_text")]
    pub item: Option<RecordName>,
    #[serde(flatten)]
    pub key: ReviewKey,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// SHA-256 over this row and the previous row's hash.
    pub hash: String,
}

fn item_text<S: serde::Serializer>(item: &Option<RecordName>, s: S) -> Result<S::Ok, S::Error> {
    match item {
        Some(RecordName::Entry(_)) | None => s.serialize_none(),
        Some(n) => s.collect_str(n),
    }
}

/// Who makes a change: always the OS account; a name given with `--user`
/// is recorded beside it, never instead of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub account: String,
    pub name: Option<String>,
}

/// A name given with `--user` that cannot sign changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    Empty { account: String },
    Controls,
    TooLong,
}

impl std::fmt::Display for BadName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::cli::bad_name(self, crate::i18n::Lang::It))
    }
}

impl std::error::Error for BadName {}

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
    pub fn with_name(name: Option<&str>) -> Result<Identity, BadName> {
        let mut id = Identity::os();
        if let Some(n) = name {
            let n = n.trim();
            if n.is_empty() {
                return Err(BadName::Empty {
                    account: id.account,
                });
            }
            if n.chars().any(crate::text::is_hidden_control) {
                return Err(BadName::Controls);
            }
            if n.chars().count() > 100 {
                return Err(BadName::TooLong);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_review_can_be_set_back() {
        let key = ReviewKey {
            dataset: "catalogo".into(),
            key: "A1".into(),
            variant: 1,
        };
        let year = Year::new(2026).unwrap();
        let mut r = Review::empty(&key, year, "t");
        r.apply(&Change::Judgement(Level::Alto, "perché".into()));
        r.apply(&Change::Indicator(Indicator::Opacita, Some(Level::Medio)));
        r.apply(&Change::InterviewDate(time::parse_date("2026-11-20")));
        for field in [
            "status",
            "notes",
            "opacita",
            "judgement",
            "motivation",
            "office",
            "interview_date",
            "present",
        ] {
            let value = r.field(field);
            let mut other = Review::empty(&key, year, "t");
            other.apply(&Change::of_field(field, value.as_deref()).unwrap());
            assert_eq!(other.field(field), value, "{field}");
        }
        assert!(Change::of_field("judgement", Some("altissimo")).is_none());
        assert!(Change::of_field("title", Some("x")).is_none());
    }
}
