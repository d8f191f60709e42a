//! `mappa measure`: treatment measures against risk events or entries,
//! their schedule, and the monitoring records through the year.

use super::context::Context;
use super::resolve::{resolve, Pick};
use crate::review::measures::{
    date_arg, describe_target, Kind, Measure, MeasureFields, MeasureType, MonitoringFields, Phase,
    State, Target,
};
use crate::review::{ReviewKey, Store};
use crate::text::{clean, Shown};
use anyhow::{anyhow, bail};
use jiff::civil::Date;
use std::io::Write;

#[derive(Debug, clap::Subcommand)]
pub enum MeasureCommand {
    /// Records a measure treating risk events (R12) or entries; prints its id (M3).
    Add {
        /// Risk events (R12) or entries (a code or an id), at least one.
        #[arg(required = true, value_name = "TARGET|EVENT_ID")]
        targets: Vec<String>,
        /// The dataset of the entries named by code, when ambiguous.
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long)]
        variant: Option<u32>,
        /// What the measure is.
        #[arg(long)]
        text: String,
        /// General (the whole administration) or specific.
        #[arg(long, value_enum, ignore_case = true)]
        kind: Kind,
        /// ANAC's type of measure.
        #[arg(long = "type", value_enum, ignore_case = true)]
        kind_of: MeasureType,
        /// The office that implements it (as the map names it, or free text).
        #[arg(long)]
        owner: String,
        /// By when (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        due: String,
        /// A phase with its due date, "TEXT@DATE" (repeatable, in order).
        #[arg(long = "phase", value_name = "TEXT@DATE")]
        phases: Vec<String>,
        /// The monitoring indicator.
        #[arg(long)]
        indicator: Option<String>,
        /// The target value of the indicator.
        #[arg(long)]
        target: Option<String>,
        /// When the target value is due.
        #[arg(long = "target-date")]
        target_date: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Changes a measure's fields.
    Set {
        /// The measure (M3).
        id: String,
        /// What the measure is.
        #[arg(long)]
        text: Option<String>,
        /// General or specific.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// ANAC's type of measure.
        #[arg(long = "type", value_enum)]
        kind_of: Option<MeasureType>,
        /// The office that implements it.
        #[arg(long)]
        owner: Option<String>,
        /// By when (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        due: Option<String>,
        /// Replaces the phases ("TEXT@DATE", repeatable).
        #[arg(long = "phase", value_name = "TEXT@DATE")]
        phases: Vec<String>,
        /// The monitoring indicator.
        #[arg(long)]
        indicator: Option<String>,
        /// The target value of the indicator.
        #[arg(long)]
        target: Option<String>,
        /// When the target value is due.
        #[arg(long = "target-date")]
        target_date: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Links a measure to another risk event or entry.
    Link {
        /// The measure (M3).
        id: String,
        #[arg(value_name = "EVENT_ID|TARGET")]
        target: String,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long)]
        variant: Option<u32>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Unlinks a measure from a risk event or entry.
    Unlink {
        /// The measure (M3).
        id: String,
        #[arg(value_name = "EVENT_ID|TARGET")]
        target: String,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long)]
        variant: Option<u32>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Records a monitoring check: the measure's state is its latest record.
    Monitor {
        /// The measure (M3).
        id: String,
        /// The day of the check (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        date: String,
        /// attuata, in corso, non attuata, non valutabile.
        #[arg(long, value_parser = parse_state)]
        state: State,
        /// The indicator's observed value.
        #[arg(long)]
        value: Option<String>,
        /// Protocol number, link, document.
        #[arg(long)]
        evidence: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
        /// Record N checks, acknowledging each (durability tests).
        #[arg(long, hide = true)]
        repeat: Option<u32>,
    },
    /// The schedule: what is due from an office, and when.
    List {
        /// Only this office's (as `mappa who` names it; part of the name is enough).
        #[arg(long)]
        office: Option<String>,
        /// Only those due before this date.
        #[arg(long = "due-before", value_name = "DATE")]
        due_before: Option<String>,
        /// Only the measures past their due date and not implemented.
        #[arg(long)]
        overdue: bool,
        /// Only those in this state.
        #[arg(long, value_parser = parse_state)]
        state: Option<State>,
        /// The date taken as today (tests and what-if; default: today).
        #[arg(long, hide = true)]
        today: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

fn parse_state(text: &str) -> Result<State, String> {
    State::parse(text).map_err(|e| e.to_string())
}

/// Today, or the date given (`--today`, `$MAPPA_TODAY`) for tests.
pub fn today(given: Option<&str>) -> anyhow::Result<Date> {
    let given = given
        .map(str::to_string)
        .or_else(|| std::env::var("MAPPA_TODAY").ok().filter(|t| !t.is_empty()));
    match given {
        Some(t) => crate::review::time::parse_date(&t)
            .ok_or_else(|| anyhow!("today \"{}\" is not a date", Shown(&t))),
        None => Ok(crate::review::time::today()),
    }
}

fn phases(specs: &[String]) -> anyhow::Result<Vec<Phase>> {
    specs
        .iter()
        .map(|s| {
            let (text, date) = s
                .rsplit_once('@')
                .ok_or_else(|| anyhow!("--phase takes TEXT@DATE, e.g. \"regolamento approvato@2027-03-31\" (got \"{}\")", Shown(s)))?;
            if text.trim().is_empty() {
                bail!("--phase \"{}\" has no text before @", Shown(s));
            }
            Ok(Phase {
                text: text.trim().to_string(),
                due: date_arg("--phase", date)?,
            })
        })
        .collect()
}

/// A risk event (R12) or an entry named on the command line.
fn target(
    ctx: &Context,
    store: &Store,
    spec: &str,
    dataset: Option<&str>,
    variant: Option<u32>,
) -> anyhow::Result<Target> {
    let s = spec.trim();
    let is_event =
        s.len() > 1 && s.starts_with(['R', 'r']) && s[1..].chars().all(|c| c.is_ascii_digit());
    if is_event {
        let e = store.event(s)?;
        if e.removed {
            bail!("risk event {} was removed from the register", e.id);
        }
        return Ok(Target {
            event: Some(e.id.clone()),
            key: e.key.clone(),
            title: e.title.clone(),
        });
    }
    let node = resolve(
        &ctx.map,
        &Pick {
            target: s.to_string(),
            dataset: dataset.map(str::to_string),
            variant,
        },
    )?;
    Ok(Target {
        event: None,
        key: ReviewKey::of(&ctx.map, node),
        title: node.title.to_string(),
    })
}

/// The owner office as the map names it when it is one of its roles or
/// offices, else as written (`false`: said once the measure is written).
fn owner(ctx: &Context, written: &str) -> (String, bool) {
    let resp = crate::roles::Responsibilities::new(&ctx.map);
    let key = crate::roles::role_key(written);
    match resp.parties.iter().find(|p| p.key == key) {
        Some(p) => (p.name.clone(), true),
        None => (written.trim().to_string(), false),
    }
}

fn note_unknown_owner(written: &str) {
    eprintln!(
        "mappa: note: \"{}\" is not one of the roles or offices the map names; recorded as written (`mappa who` lists them)",
        Shown(written)
    );
}

fn print_measure(
    out: &mut dyn Write,
    m: &Measure,
    json: bool,
    verb: &str,
    today: Date,
) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, &measure_json(m, today))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", m.id)?;
        eprintln!(
            "mappa: {verb} {} · {} · {} · entro il {}",
            m.id,
            Shown(&m.text),
            Shown(&m.owner),
            m.due
        );
    }
    Ok(())
}

pub fn measure_json(m: &Measure, today: Date) -> serde_json::Value {
    let mut v = serde_json::to_value(m).unwrap_or_default();
    v["state"] = serde_json::to_value(m.state()).unwrap_or_default();
    v["overdue"] = m.overdue(today).into();
    v
}

pub fn run(ctx: &Context, command: MeasureCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        MeasureCommand::Add {
            targets,
            dataset,
            variant,
            text,
            kind,
            kind_of,
            owner: o,
            due,
            phases: p,
            indicator,
            target: t,
            target_date,
            json,
        } => {
            let (named, known) = owner(ctx, &o);
            let fields = MeasureFields {
                text: Some(text),
                kind: Some(kind),
                kind_of: Some(kind_of),
                owner: Some(named),
                due: Some(date_arg("--due", &due)?),
                phases: Some(phases(&p)?),
                indicator,
                target: t,
                target_date: target_date
                    .map(|d| date_arg("--target-date", &d))
                    .transpose()?,
            };
            let mut store = ctx.open_write()?;
            let resolved: Vec<Target> = targets
                .iter()
                .map(|s| target(ctx, &store, s, dataset.as_deref(), variant))
                .collect::<anyhow::Result<_>>()?;
            let m = store.add_measure(&fields, &resolved)?;
            if !known {
                note_unknown_owner(&o);
            }
            print_measure(out, &m, json, "recorded", today(None)?)?;
        }
        MeasureCommand::Set {
            id,
            text,
            kind,
            kind_of,
            owner: o,
            due,
            phases: p,
            indicator,
            target: t,
            target_date,
            json,
        } => {
            let fields = MeasureFields {
                text,
                kind,
                kind_of,
                owner: o.as_deref().map(|o| owner(ctx, o).0),
                due: due.map(|d| date_arg("--due", &d)).transpose()?,
                phases: if p.is_empty() {
                    None
                } else {
                    Some(phases(&p)?)
                },
                indicator,
                target: t,
                target_date: target_date
                    .map(|d| date_arg("--target-date", &d))
                    .transpose()?,
            };
            if fields == MeasureFields::default() {
                bail!("nothing to change: give --text, --kind, --type, --owner, --due, --phase, --indicator, --target or --target-date");
            }
            let mut store = ctx.open_write()?;
            let m = store.set_measure(&id, &fields)?;
            if let Some(o) = o.as_deref().filter(|o| !owner(ctx, o).1) {
                note_unknown_owner(o);
            }
            print_measure(out, &m, json, "changed", today(None)?)?;
        }
        MeasureCommand::Link {
            id,
            target: spec,
            dataset,
            variant,
            json,
        } => {
            let mut store = ctx.open_write()?;
            let t = target(ctx, &store, &spec, dataset.as_deref(), variant)?;
            let m = store.link_measure(&id, &t)?;
            print_measure(
                out,
                &m,
                json,
                &format!("linked to {}:", describe_target(&t)),
                today(None)?,
            )?;
        }
        MeasureCommand::Unlink {
            id,
            target: spec,
            dataset,
            variant,
            json,
        } => {
            let mut store = ctx.open_write()?;
            let t = target(ctx, &store, &spec, dataset.as_deref(), variant)?;
            let m = store.unlink_measure(&id, &t)?;
            print_measure(
                out,
                &m,
                json,
                &format!("unlinked from {}:", describe_target(&t)),
                today(None)?,
            )?;
        }
        MeasureCommand::Monitor {
            id,
            date,
            state,
            value,
            evidence,
            note,
            json,
            repeat,
        } => {
            let mut record = MonitoringFields {
                date: date_arg("--date", &date)?,
                state,
                value: value.unwrap_or_default(),
                evidence: evidence.unwrap_or_default(),
                note: note.unwrap_or_default(),
            };
            let mut store = ctx.open_write()?;
            match repeat {
                None => {
                    let m = store.monitor(&id, &record)?;
                    print_measure(
                        out,
                        &m,
                        json,
                        &format!("monitored ({}):", state.label()),
                        today(None)?,
                    )?;
                }
                Some(n) => {
                    let base = record.value.clone();
                    for i in 1..=n {
                        record.value = format!("{base} #{i}");
                        store.monitor(&id, &record)?;
                        writeln!(out, "ok {i}")?;
                        out.flush()?;
                    }
                }
            }
        }
        MeasureCommand::List {
            office,
            due_before,
            overdue,
            state,
            today: given,
            json,
        } => {
            let today = today(given.as_deref())?;
            let before = due_before
                .map(|d| date_arg("--due-before", &d))
                .transpose()?;
            let store = ctx.open_read()?;
            let mut list = store.measures()?;
            list.retain(|m| {
                office.as_deref().is_none_or(|o| {
                    crate::roles::role_key(&m.owner).contains(&crate::roles::role_key(o))
                }) && before.as_ref().is_none_or(|b| m.due.as_str() < b.as_str())
                    && (!overdue || m.overdue(today))
                    && state.is_none_or(|s| m.state() == Some(s))
            });
            schedule_order(&mut list, today);
            write_schedule(&list, today, json, out)?;
        }
    }
    Ok(())
}

/// Overdue first, then by due date, then by id.
pub fn schedule_order(list: &mut [Measure], today: Date) {
    list.sort_by(|a, b| {
        b.overdue(today)
            .cmp(&a.overdue(today))
            .then(a.due.cmp(&b.due))
            .then(
                crate::review::measures::measure_number(&a.id)
                    .unwrap_or(0)
                    .cmp(&crate::review::measures::measure_number(&b.id).unwrap_or(0)),
            )
    });
}

fn write_schedule(
    list: &[Measure],
    today: Date,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if json {
        let v: Vec<_> = list.iter().map(|m| measure_json(m, today)).collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "nessuna misura")?;
    }
    for m in list {
        let state = m.state().map_or("da monitorare", |s| s.label());
        let flag = if m.overdue(today) {
            "  ⚠ SCADUTA"
        } else {
            ""
        };
        writeln!(
            out,
            "{:<4} entro il {}  [{}]{flag}  {}",
            m.id,
            m.due,
            state,
            clean(&m.text)
        )?;
        writeln!(
            out,
            "     {} · {} · {}",
            clean(&m.owner),
            m.kind.label(),
            m.kind_of.label()
        )?;
        for t in &m.targets {
            writeln!(
                out,
                "     tratta {} · {}",
                clean(&describe_target(t)),
                clean(&t.title)
            )?;
        }
        for p in &m.phases {
            writeln!(out, "     fase: {} (entro il {})", clean(&p.text), p.due)?;
        }
        if !m.indicator.is_empty() {
            writeln!(
                out,
                "     indicatore: {} → obiettivo {} {}",
                clean(&m.indicator),
                clean(&m.target),
                m.target_date
            )?;
        }
        if let Some(last) = m.monitoring.last() {
            writeln!(
                out,
                "     ultimo monitoraggio {} ({}): {}",
                last.date,
                clean(&last.created_by),
                last.state.label()
            )?;
        }
    }
    Ok(())
}
