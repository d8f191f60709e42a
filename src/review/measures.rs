//! Treatment and monitoring (PNA 2019, Allegato 1, §5–6): the measures set
//! against risk events or entries — who implements them, by when, with
//! which indicator and target — and the monitoring records through the
//! year. A measure's state is its latest monitoring record; it is overdue
//! when its due date has passed and it is not `attuata`.

use super::key::ReviewKey;
use super::store::Store;
use super::StoreError;
use anyhow::{anyhow, bail};
use jiff::civil::Date;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use strum::{EnumIter, IntoEnumIterator};

macro_rules! slugged {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $slug:literal, $label:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, EnumIter, clap::ValueEnum)]
        pub enum $name {
            $(
                #[serde(rename = $slug)]
                #[value(name = $slug)]
                $variant,
            )*
        }

        impl $name {
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)* }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            /// A slug or label in any case, with or without accents.
            pub fn parse(text: &str) -> anyhow::Result<$name> {
                let t = crate::text::fold(&text.replace(['-', '_'], " "));
                $name::iter()
                    .find(|v| crate::text::fold(&v.slug().replace('-', " ")) == t || crate::text::fold(v.label()) == t)
                    .ok_or_else(|| anyhow!(
                        "unknown {} \"{}\"; use one of: {}",
                        stringify!($name).to_lowercase(),
                        crate::text::Shown(text),
                        $name::iter().map(|v| v.slug()).collect::<Vec<_>>().join(", ")
                    ))
            }
        }
    };
}

slugged!(
    /// General measures (for the whole administration) or specific ones.
    Kind {
        Generale = "generale", "generale";
        Specifica = "specifica", "specifica";
    }
);

slugged!(
    /// The type of a measure (ANAC's classification).
    MeasureType {
        Controllo = "controllo", "controllo";
        Trasparenza = "trasparenza", "trasparenza";
        Etica = "etica", "definizione e promozione dell'etica e di standard di comportamento";
        Regolamentazione = "regolamentazione", "regolamentazione";
        Semplificazione = "semplificazione", "semplificazione";
        Formazione = "formazione", "formazione";
        Sensibilizzazione = "sensibilizzazione", "sensibilizzazione e partecipazione";
        Rotazione = "rotazione", "rotazione";
        Segnalazione = "segnalazione", "segnalazione e protezione";
        ConflittoInteressi = "conflitto-interessi", "disciplina del conflitto di interessi";
        Lobbying = "lobbying", "regolazione dei rapporti con i rappresentanti di interessi particolari";
    }
);

slugged!(
    /// What monitoring found.
    State {
        Attuata = "attuata", "attuata";
        InCorso = "in corso", "in corso";
        NonAttuata = "non attuata", "non attuata";
        NonValutabile = "non valutabile", "non valutabile";
    }
);

/// A step of a measure with its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub text: String,
    /// `YYYY-MM-DD`.
    pub due: String,
}

/// What a measure treats: a risk event of an entry, or the entry itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// `R12`, or none for the entry as a whole.
    pub event: Option<String>,
    #[serde(flatten)]
    pub key: ReviewKey,
    pub title: String,
}

/// One monitoring record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Monitoring {
    pub id: i64,
    pub date: String,
    pub state: State,
    pub value: String,
    pub evidence: String,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
}

/// A measure with what it treats and its monitoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// `M3`: stable, printed by `measure add`.
    pub id: String,
    pub text: String,
    pub kind: Kind,
    #[serde(rename = "type")]
    pub kind_of: MeasureType,
    /// The office that implements it.
    pub owner: String,
    /// Due date, `YYYY-MM-DD`.
    pub due: String,
    pub phases: Vec<Phase>,
    pub indicator: String,
    pub target: String,
    pub target_date: String,
    pub targets: Vec<Target>,
    pub monitoring: Vec<Monitoring>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

impl Measure {
    /// The latest monitoring record's state; none before any.
    pub fn state(&self) -> Option<State> {
        self.monitoring.last().map(|m| m.state)
    }

    /// Due date passed (before `today`) and not implemented.
    pub fn overdue(&self, today: Date) -> bool {
        let due = crate::review::time::parse_date(&self.due);
        due.is_some_and(|d| d < today) && self.state() != Some(State::Attuata)
    }

    /// Due within `days` from `today` (or overdue) and not implemented.
    pub fn due_soon(&self, today: Date, days: i64) -> bool {
        let due = crate::review::time::parse_date(&self.due);
        let limit = today
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(today);
        due.is_some_and(|d| d <= limit) && self.state() != Some(State::Attuata)
    }
}

/// The fields of a new measure, or the ones to change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureFields {
    pub text: Option<String>,
    pub kind: Option<Kind>,
    pub kind_of: Option<MeasureType>,
    pub owner: Option<String>,
    pub due: Option<String>,
    /// Replaces the phases when given.
    pub phases: Option<Vec<Phase>>,
    pub indicator: Option<String>,
    pub target: Option<String>,
    pub target_date: Option<String>,
}

/// A monitoring record to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonitoringFields {
    pub date: String,
    pub state: State,
    pub value: String,
    pub evidence: String,
    pub note: String,
}

/// `M3` → 3.
pub fn measure_number(id: &str) -> anyhow::Result<i64> {
    let t = id.trim();
    t.strip_prefix(['M', 'm'])
        .unwrap_or(t)
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| anyhow!("\"{}\" is not a measure id (M3)", crate::text::Shown(id)))
}

/// A date people typed, as `YYYY-MM-DD`, or an error naming the option.
pub fn date_arg(option: &str, text: &str) -> anyhow::Result<String> {
    crate::review::time::normal_date(text).ok_or_else(|| {
        anyhow!(
            "{option} \"{}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)",
            crate::text::Shown(text)
        )
    })
}

fn phases_text(phases: &[Phase]) -> String {
    phases
        .iter()
        .map(|p| format!("{} ({})", p.text, p.due))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Store {
    /// Every measure (not removed), with targets and monitoring, by id.
    pub fn measures(&self) -> Result<Vec<Measure>, StoreError> {
        let ids: Vec<i64> = self.read(|c| {
            let mut st = c.prepare("SELECT id FROM measures WHERE removed = 0 ORDER BY id")?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect()
        })?;
        ids.into_iter()
            .map(|n| {
                self.measure_by_number(n)
                    .map(|m| m.expect("listed just now"))
            })
            .collect()
    }

    /// One measure by id.
    pub fn measure(&self, id: &str) -> anyhow::Result<Measure> {
        let n = measure_number(id)?;
        self.measure_by_number(n)?.ok_or_else(|| {
            StoreError::NoSuchItem(format!("no measure M{n} in {}", self.path().display())).into()
        })
    }

    fn measure_by_number(&self, n: i64) -> Result<Option<Measure>, StoreError> {
        self.read(|c| {
            let Some(mut m) = c
                .query_row(
                    "SELECT id, text, kind, type, owner, due, indicator, target, target_date, created_at, created_by, \
                     updated_at, updated_by FROM measures WHERE id = ?1",
                    [n],
                    |r| {
                        Ok(Measure {
                            id: format!("M{}", r.get::<_, i64>(0)?),
                            text: r.get(1)?,
                            kind: Kind::parse(&r.get::<_, String>(2)?).unwrap_or(Kind::Specifica),
                            kind_of: MeasureType::parse(&r.get::<_, String>(3)?).unwrap_or(MeasureType::Controllo),
                            owner: r.get(4)?,
                            due: r.get(5)?,
                            phases: Vec::new(),
                            indicator: r.get(6)?,
                            target: r.get(7)?,
                            target_date: r.get(8)?,
                            targets: Vec::new(),
                            monitoring: Vec::new(),
                            created_at: r.get(9)?,
                            created_by: r.get(10)?,
                            updated_at: r.get(11)?,
                            updated_by: r.get(12)?,
                        })
                    },
                )
                .optional()?
            else {
                return Ok(None);
            };
            let mut st = c.prepare("SELECT text, due FROM measure_phases WHERE measure = ?1 ORDER BY seq")?;
            for row in st.query_map([n], |r| Ok(Phase { text: r.get(0)?, due: r.get(1)? }))? {
                m.phases.push(row?);
            }
            let mut st = c.prepare(
                "SELECT event, dataset, key, variant, title FROM measure_targets WHERE measure = ?1 ORDER BY coalesce(event, 0), dataset, key, variant",
            )?;
            for row in st.query_map([n], |r| {
                Ok(Target {
                    event: r.get::<_, Option<i64>>(0)?.map(|e| format!("R{e}")),
                    key: ReviewKey {
                        dataset: r.get(1)?,
                        key: r.get(2)?,
                        variant: r.get(3)?,
                    },
                    title: r.get(4)?,
                })
            })? {
                m.targets.push(row?);
            }
            let mut st = c.prepare(
                "SELECT id, date, state, value, evidence, note, created_at, created_by FROM monitoring WHERE measure = ?1 ORDER BY date, id",
            )?;
            for row in st.query_map([n], |r| {
                Ok(Monitoring {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    state: State::parse(&r.get::<_, String>(2)?).unwrap_or(State::NonValutabile),
                    value: r.get(3)?,
                    evidence: r.get(4)?,
                    note: r.get(5)?,
                    created_at: r.get(6)?,
                    created_by: r.get(7)?,
                })
            })? {
                m.monitoring.push(row?);
            }
            Ok(Some(m))
        })
    }

    /// Records a new measure treating `targets` (events or entries).
    pub fn add_measure(
        &mut self,
        fields: &MeasureFields,
        targets: &[Target],
    ) -> anyhow::Result<Measure> {
        let text = fields.text.as_deref().map(str::trim).unwrap_or("");
        if text.is_empty() {
            bail!("a measure needs its text (--text TEXT)");
        }
        if targets.is_empty() {
            bail!("a measure treats at least one risk event (R12) or entry");
        }
        let (Some(kind), Some(kind_of), Some(owner), Some(due)) =
            (fields.kind, fields.kind_of, &fields.owner, &fields.due)
        else {
            bail!("a measure needs --kind, --type, --owner and --due");
        };
        if owner.trim().is_empty() {
            bail!("--owner needs the office that implements the measure");
        }
        let n = self.write(|w| {
            let sql = w.sql();
            w.tx.execute(
                "INSERT INTO measures (text, kind, type, owner, due, indicator, target, target_date, created_at, created_by, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)",
                params![
                    text,
                    kind.slug(),
                    kind_of.slug(),
                    owner.trim(),
                    due,
                    fields.indicator.as_deref().unwrap_or(""),
                    fields.target.as_deref().unwrap_or(""),
                    fields.target_date.as_deref().unwrap_or(""),
                    w.now,
                    w.identity.who()
                ],
            )
            .map_err(&sql)?;
            let n = w.tx.last_insert_rowid();
            let item = format!("M{n}");
            for (i, p) in fields.phases.iter().flatten().enumerate() {
                w.tx.execute(
                    "INSERT INTO measure_phases (measure, seq, text, due) VALUES (?1, ?2, ?3, ?4)",
                    params![n, i as i64 + 1, p.text, p.due],
                )
                .map_err(&sql)?;
            }
            let first = &targets[0].key;
            w.audit("measure", &item, first, "measure", None, Some(text.to_string()))?;
            for (field, value) in [
                ("kind", kind.slug().to_string()),
                ("type", kind_of.slug().to_string()),
                ("owner", owner.trim().to_string()),
                ("due", due.clone()),
                ("indicator", fields.indicator.clone().unwrap_or_default()),
                ("target", fields.target.clone().unwrap_or_default()),
                ("target_date", fields.target_date.clone().unwrap_or_default()),
                ("phases", phases_text(fields.phases.as_deref().unwrap_or(&[]))),
            ] {
                if !value.is_empty() {
                    w.audit("measure", &item, first, field, None, Some(value))?;
                }
            }
            for t in targets {
                link_target(w, n, t)?;
            }
            Ok(n)
        })?;
        self.measure(&format!("M{n}"))
    }

    /// Changes the fields given (one transaction, each field audited).
    pub fn set_measure(&mut self, id: &str, fields: &MeasureFields) -> anyhow::Result<Measure> {
        let old = self.measure(id)?;
        let n = measure_number(&old.id)?;
        if let Some(t) = &fields.text {
            if t.trim().is_empty() {
                bail!("--text cannot be empty");
            }
        }
        let key = old
            .targets
            .first()
            .map(|t| t.key.clone())
            .unwrap_or_else(|| ReviewKey {
                dataset: String::new(),
                key: String::new(),
                variant: 0,
            });
        self.write(|w| {
            let sql = w.sql();
            let set = |column: &str, field: &str, old: String, new: Option<String>| -> anyhow::Result<()> {
                if let Some(new) = new.filter(|n| *n != old) {
                    w.tx.execute(&format!("UPDATE measures SET {column} = ?1 WHERE id = ?2"), params![new, n]).map_err(&sql)?;
                    w.audit("measure", &old_id(n), &key, field, Some(old), Some(new))?;
                }
                Ok(())
            };
            set("text", "measure", old.text.clone(), fields.text.as_ref().map(|t| t.trim().to_string()))?;
            set("kind", "kind", old.kind.slug().into(), fields.kind.map(|k| k.slug().into()))?;
            set("type", "type", old.kind_of.slug().into(), fields.kind_of.map(|k| k.slug().into()))?;
            set("owner", "owner", old.owner.clone(), fields.owner.as_ref().map(|o| o.trim().to_string()))?;
            set("due", "due", old.due.clone(), fields.due.clone())?;
            set("indicator", "indicator", old.indicator.clone(), fields.indicator.clone())?;
            set("target", "target", old.target.clone(), fields.target.clone())?;
            set("target_date", "target_date", old.target_date.clone(), fields.target_date.clone())?;
            if let Some(phases) = fields.phases.as_ref().filter(|p| **p != old.phases) {
                w.tx.execute("DELETE FROM measure_phases WHERE measure = ?1", [n]).map_err(&sql)?;
                for (i, p) in phases.iter().enumerate() {
                    w.tx.execute(
                        "INSERT INTO measure_phases (measure, seq, text, due) VALUES (?1, ?2, ?3, ?4)",
                        params![n, i as i64 + 1, p.text, p.due],
                    )
                    .map_err(&sql)?;
                }
                w.audit("measure", &old_id(n), &key, "phases", Some(phases_text(&old.phases)), Some(phases_text(phases)))?;
            }
            w.tx.execute(
                "UPDATE measures SET updated_at = ?1, updated_by = ?2 WHERE id = ?3",
                params![w.now, w.identity.who(), n],
            )
            .map_err(&sql)?;
            Ok(())
        })?;
        self.measure(&old.id)
    }

    /// Links the measure to another event or entry (audited).
    pub fn link_measure(&mut self, id: &str, target: &Target) -> anyhow::Result<Measure> {
        let m = self.measure(id)?;
        let n = measure_number(&m.id)?;
        if m.targets
            .iter()
            .any(|t| t.event == target.event && t.key == target.key)
        {
            return Ok(m);
        }
        self.write(|w| link_target(w, n, target))?;
        self.measure(&m.id)
    }

    /// Unlinks the measure from an event or entry; a measure keeps at least one.
    pub fn unlink_measure(&mut self, id: &str, target: &Target) -> anyhow::Result<Measure> {
        let m = self.measure(id)?;
        let n = measure_number(&m.id)?;
        let linked = m
            .targets
            .iter()
            .any(|t| t.event == target.event && t.key == target.key);
        if !linked {
            bail!("{} is not linked to {}", m.id, describe_target(target));
        }
        if m.targets.len() == 1 {
            bail!(
                "{} treats only {}: link it to another event or entry first",
                m.id,
                describe_target(target)
            );
        }
        let event = target
            .event
            .as_deref()
            .map(super::risk::event_number)
            .transpose()?;
        self.write(|w| {
            w.tx.execute(
                "DELETE FROM measure_targets WHERE measure = ?1 AND coalesce(event, 0) = coalesce(?2, 0) AND dataset = ?3 AND key = ?4 AND variant = ?5",
                params![n, event, target.key.dataset, target.key.key, target.key.variant],
            )
            .map_err(w.sql())?;
            w.audit("measure", &old_id(n), &target.key, "target", Some(describe_target(target)), None)?;
            Ok(())
        })?;
        self.measure(&m.id)
    }

    /// Adds a monitoring record (audited); the measure's state is the latest.
    pub fn monitor(&mut self, id: &str, record: &MonitoringFields) -> anyhow::Result<Measure> {
        let m = self.measure(id)?;
        let n = measure_number(&m.id)?;
        let key = m
            .targets
            .first()
            .map(|t| t.key.clone())
            .ok_or_else(|| anyhow!("{} treats nothing", m.id))?;
        let before = m.state();
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO monitoring (measure, date, state, value, evidence, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![n, record.date, record.state.slug(), record.value, record.evidence, record.note, w.now, w.identity.who()],
            )
            .map_err(w.sql())?;
            let summary = format!("{} {}{}", record.date, record.state.slug(), if record.value.is_empty() { String::new() } else { format!(" ({})", record.value) });
            w.audit("monitoring", &old_id(n), &key, "monitoring", before.map(|s| s.slug().to_string()), Some(summary))?;
            if !record.evidence.is_empty() {
                w.audit("monitoring", &old_id(n), &key, "evidence", None, Some(record.evidence.clone()))?;
            }
            Ok(())
        })?;
        self.measure(&m.id)
    }
}

fn old_id(n: i64) -> String {
    format!("M{n}")
}

pub fn describe_target(t: &Target) -> String {
    match &t.event {
        Some(e) => format!("{e} ({} {})", t.key.dataset, t.key.display()),
        None => format!("{} {}", t.key.dataset, t.key.display()),
    }
}

fn link_target(w: &super::write::Write, n: i64, t: &Target) -> anyhow::Result<()> {
    let event = t
        .event
        .as_deref()
        .map(super::risk::event_number)
        .transpose()?;
    w.tx.execute(
        "INSERT OR IGNORE INTO measure_targets (measure, event, dataset, key, variant, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![n, event, t.key.dataset, t.key.key, t.key.variant, t.title],
    )
    .map_err(w.sql())?;
    w.audit(
        "measure",
        &old_id(n),
        &t.key,
        "target",
        None,
        Some(describe_target(t)),
    )?;
    Ok(())
}
