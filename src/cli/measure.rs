//! `mappa measure`: treatment measures against risk events or entries,
//! their schedule, and the monitoring checks through the year, each
//! correctable: a measure removed (and restored), a check removed.

use super::args::{ChangeArgs, MapArgs, TextOutput};
use super::context::Context;
use super::input;
use super::resolve::{resolve, Pick};
use super::values;
use super::BadInput;
use crate::i18n::cli::{Label as L, MeasureDone, Message};
use crate::i18n::Lang;
use crate::model::{CheckId, EventId, MeasureId};
use crate::review::measures::{
    describe_target, CheckFields, Kind, Measure, MeasureFields, MeasureType, Phase, State, Target,
};
use crate::review::{ReviewKey, Store};
use crate::text::{clean, Shown};
use anyhow::bail;
use jiff::civil::Date;
use std::io::Write;
use std::path::PathBuf;

/// `mappa measure …`: the options of the store and of the map apply to
/// every subcommand.
#[derive(Debug, clap::Args)]
#[command(mut_args(super::args::to_every_subcommand))]
pub struct MeasureArgs {
    #[command(subcommand)]
    pub command: MeasureCommand,
    #[command(flatten)]
    pub change: ChangeArgs,
    #[command(flatten)]
    pub map: MapArgs,
}

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
        #[arg(long, value_name = "N")]
        variant: Option<u32>,
        /// What the measure is (- reads standard input).
        #[arg(long, value_name = "TEXT", required_unless_present = "text_file")]
        text: Option<String>,
        /// Read what the measure is from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        text_file: Option<PathBuf>,
        /// General (the whole administration) or specific.
        #[arg(long, value_parser = values::of::<Kind>)]
        kind: Kind,
        /// ANAC's type of measure: controllo, trasparenza, etica, …
        #[arg(long = "type", value_parser = values::of::<MeasureType>)]
        kind_of: MeasureType,
        /// The office that implements it (as the map names it, or free text).
        #[arg(long, value_name = "OFFICE")]
        owner: String,
        /// By when (YYYY-MM-DD or DD/MM/YYYY, between 2000 and 2100).
        #[arg(long, value_name = "DATE")]
        due: String,
        /// A phase with its due date, "TEXT@DATE" (repeatable, in order).
        #[arg(long = "phase", value_name = "TEXT@DATE")]
        phases: Vec<String>,
        /// The monitoring indicator.
        #[arg(long, value_name = "TEXT")]
        indicator: Option<String>,
        /// The target value of the indicator.
        #[arg(long, value_name = "TEXT")]
        target: Option<String>,
        /// When the target value is due.
        #[arg(long = "target-date", value_name = "DATE")]
        target_date: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Changes a measure's fields.
    Set {
        /// The measure (M3).
        id: MeasureId,
        /// What the measure is (- reads standard input).
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// Read what the measure is from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        text_file: Option<PathBuf>,
        /// General or specific.
        #[arg(long, value_parser = values::of::<Kind>)]
        kind: Option<Kind>,
        /// ANAC's type of measure.
        #[arg(long = "type", value_parser = values::of::<MeasureType>)]
        kind_of: Option<MeasureType>,
        /// The office that implements it.
        #[arg(long, value_name = "OFFICE")]
        owner: Option<String>,
        /// By when (YYYY-MM-DD or DD/MM/YYYY, between 2000 and 2100).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Replaces the phases ("TEXT@DATE", repeatable).
        #[arg(long = "phase", value_name = "TEXT@DATE")]
        phases: Vec<String>,
        /// The monitoring indicator.
        #[arg(long, value_name = "TEXT")]
        indicator: Option<String>,
        /// The target value of the indicator.
        #[arg(long, value_name = "TEXT")]
        target: Option<String>,
        /// When the target value is due ("" clears it).
        #[arg(long = "target-date", value_name = "DATE")]
        target_date: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Removes a measure from the plan (the store and the audit log keep
    /// it; `review revert` or `measure restore` puts it back).
    Remove {
        /// The measure (M3).
        id: MeasureId,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Puts a removed measure back in the plan.
    Restore {
        /// The measure (M3).
        id: MeasureId,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Links a measure to another risk event or entry.
    Link {
        /// The measure (M3).
        id: MeasureId,
        /// A risk event (R12) or an entry (a code or an id).
        #[arg(value_name = "EVENT_ID|TARGET")]
        target: String,
        /// The dataset of the entry named by code, when ambiguous.
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long, value_name = "N")]
        variant: Option<u32>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Unlinks a measure from a risk event or entry (it keeps at least one).
    Unlink {
        /// The measure (M3).
        id: MeasureId,
        /// A risk event (R12) or an entry (a code or an id).
        #[arg(value_name = "EVENT_ID|TARGET")]
        target: String,
        /// The dataset of the entry named by code, when ambiguous.
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long, value_name = "N")]
        variant: Option<u32>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Records a monitoring check: the measure's state is its latest check
    /// by date (ties by the time of recording). Prints the check's id (V7).
    Monitor {
        /// The measure (M3).
        id: MeasureId,
        /// The day of the check (YYYY-MM-DD or DD/MM/YYYY; not after today).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// attuata, in corso, non attuata, non valutabile.
        #[arg(long, value_parser = values::of::<State>)]
        state: State,
        /// The indicator's observed value.
        #[arg(long, value_name = "TEXT")]
        value: Option<String>,
        /// Protocol number, link, document (- reads standard input).
        #[arg(long, value_name = "TEXT")]
        evidence: Option<String>,
        /// Read the evidence from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "evidence")]
        evidence_file: Option<PathBuf>,
        /// A note (- reads standard input).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Read the note from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "note")]
        note_file: Option<PathBuf>,
        #[command(flatten)]
        output: TextOutput,
        /// Record N checks, acknowledging each (durability tests).
        #[arg(long, hide = true)]
        repeat: Option<u32>,
    },
    /// Removes a check recorded by mistake (kept in the store and the
    /// audit log); the measure's state is its latest remaining check.
    Unmonitor {
        /// The measure (M3).
        id: MeasureId,
        /// The check (V7, as `measure list --json` shows it).
        check: CheckId,
        #[command(flatten)]
        output: TextOutput,
    },
    /// The schedule: what is due from an office, and when.
    List {
        /// Only this office's (as `mappa who` names it; part of the name is enough).
        #[arg(long, value_name = "OFFICE")]
        office: Option<String>,
        /// Only those due before this date.
        #[arg(long = "due-before", value_name = "DATE")]
        due_before: Option<String>,
        /// Only the measures past their due date and not implemented.
        #[arg(long)]
        overdue: bool,
        /// Only those in this state.
        #[arg(long, value_parser = values::of::<State>)]
        state: Option<State>,
        /// The date taken as today (tests and what-if; default: today).
        #[arg(long, hide = true)]
        today: Option<String>,
        /// As JSON: each measure with its checks, `state` and `overdue`.
        #[command(flatten)]
        output: TextOutput,
    },
}

/// A date given as `--today`.
pub fn today_arg(text: &str) -> anyhow::Result<Date> {
    date_arg("--today", text)
}

/// A date people typed, or bad input naming the option.
pub fn date_arg(option: &'static str, text: &str) -> anyhow::Result<Date> {
    crate::review::time::parse_date(text).ok_or_else(|| {
        BadInput(Message::NotADate {
            option,
            given: Shown(text).to_string(),
        })
        .into()
    })
}

fn phases(specs: &[String]) -> anyhow::Result<Vec<Phase>> {
    specs
        .iter()
        .map(|s| {
            let (text, date) = s.rsplit_once('@').ok_or_else(|| {
                BadInput(Message::BadPhase {
                    given: Shown(s).to_string(),
                })
            })?;
            if text.trim().is_empty() {
                bail!(BadInput(Message::PhaseWithoutText {
                    given: Shown(s).to_string()
                }));
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
        let id: EventId = s.parse()?;
        let e = store.event(id)?;
        if e.removed {
            bail!(crate::review::StoreError::Refused(
                crate::review::Refused::Removed(e.id.to_string())
            ));
        }
        return Ok(Target {
            event: Some(e.id),
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

fn note_unknown_owner(ctx: &Context, written: &str) {
    ctx.say(&Message::UnknownOwner {
        owner: Shown(written).to_string(),
    });
}

fn print_measure(
    ctx: &Context,
    out: &mut dyn Write,
    m: &Measure,
    output: TextOutput,
    done: MeasureDone,
    today: Date,
) -> anyhow::Result<()> {
    if output.is_json() {
        serde_json::to_writer_pretty(&mut *out, &measure_json(m, today))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", m.id)?;
        ctx.say(&Message::MeasureDone {
            done,
            id: m.id.to_string(),
            text: Shown(&m.text).to_string(),
            owner: Shown(&m.owner).to_string(),
            due: m.due,
        });
    }
    Ok(())
}

pub fn measure_json(m: &Measure, today: Date) -> serde_json::Value {
    let mut v = serde_json::to_value(m).unwrap_or_default();
    v["state"] = serde_json::to_value(m.state()).unwrap_or_default();
    v["overdue"] = m.overdue(today).into();
    v
}

fn optional_date(option: &'static str, text: Option<String>) -> anyhow::Result<Option<Date>> {
    text.map(|d| date_arg(option, &d)).transpose()
}

pub fn run(ctx: &Context, command: MeasureCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = ctx.today;
    let lang = ctx.lang();
    match command {
        MeasureCommand::Add {
            targets,
            dataset,
            variant,
            text,
            text_file,
            kind,
            kind_of,
            owner: o,
            due,
            phases: p,
            indicator,
            target: t,
            target_date,
            output,
        } => {
            let text = input::text("text", text, text_file.as_deref())?;
            let (named, known) = owner(ctx, &o);
            let fields = MeasureFields {
                text,
                kind: Some(kind),
                kind_of: Some(kind_of),
                owner: Some(named),
                due: Some(Some(date_arg("--due", &due)?)),
                phases: Some(phases(&p)?),
                indicator,
                target: t,
                target_date: Some(optional_date("--target-date", target_date)?),
            };
            let mut store = ctx.open_write()?;
            let resolved: Vec<Target> = targets
                .iter()
                .map(|s| target(ctx, &store, s, dataset.as_deref(), variant))
                .collect::<anyhow::Result<_>>()?;
            let m = store.add_measure(&fields, &resolved)?;
            if !known {
                note_unknown_owner(ctx, &o);
            }
            print_measure(ctx, out, &m, output, MeasureDone::Recorded, today)?;
        }
        MeasureCommand::Set {
            id,
            text,
            text_file,
            kind,
            kind_of,
            owner: o,
            due,
            phases: p,
            indicator,
            target: t,
            target_date,
            output,
        } => {
            let target_date = match target_date {
                None => None,
                Some(d) if d.trim().is_empty() => Some(None),
                Some(d) => Some(Some(date_arg("--target-date", &d)?)),
            };
            let fields = MeasureFields {
                text: input::text("text", text, text_file.as_deref())?,
                kind,
                kind_of,
                owner: o.as_deref().map(|o| owner(ctx, o).0),
                due: optional_date("--due", due)?.map(Some),
                phases: if p.is_empty() {
                    None
                } else {
                    Some(phases(&p)?)
                },
                indicator,
                target: t,
                target_date,
            };
            if fields == MeasureFields::default() {
                bail!(BadInput(Message::NothingToChange(
                    "--text, --kind, --type, --owner, --due, --phase, --indicator, --target, --target-date"
                )));
            }
            let mut store = ctx.open_write()?;
            let m = store.set_measure(id, &fields)?;
            if let Some(o) = o.as_deref().filter(|o| !owner(ctx, o).1) {
                note_unknown_owner(ctx, o);
            }
            print_measure(ctx, out, &m, output, MeasureDone::Changed, today)?;
        }
        MeasureCommand::Remove { id, output } => {
            let mut store = ctx.open_write()?;
            let m = store.set_measure_removed(id, true)?;
            print_measure(ctx, out, &m, output, MeasureDone::Removed, today)?;
        }
        MeasureCommand::Restore { id, output } => {
            let mut store = ctx.open_write()?;
            let m = store.set_measure_removed(id, false)?;
            print_measure(ctx, out, &m, output, MeasureDone::Restored, today)?;
        }
        MeasureCommand::Link {
            id,
            target: spec,
            dataset,
            variant,
            output,
        } => {
            let mut store = ctx.open_write()?;
            let t = target(ctx, &store, &spec, dataset.as_deref(), variant)?;
            let m = store.link_measure(id, &t)?;
            let done = MeasureDone::Linked(describe_target(&t));
            print_measure(ctx, out, &m, output, done, today)?;
        }
        MeasureCommand::Unlink {
            id,
            target: spec,
            dataset,
            variant,
            output,
        } => {
            let mut store = ctx.open_write()?;
            let t = target(ctx, &store, &spec, dataset.as_deref(), variant)?;
            let m = store.unlink_measure(id, &t)?;
            let done = MeasureDone::Unlinked(describe_target(&t));
            print_measure(ctx, out, &m, output, done, today)?;
        }
        MeasureCommand::Monitor {
            id,
            date,
            state,
            value,
            evidence,
            evidence_file,
            note,
            note_file,
            output,
            repeat,
        } => {
            let mut record = CheckFields {
                date: date_arg("--date", &date)?,
                state,
                value: value.unwrap_or_default(),
                evidence: input::text("evidence", evidence, evidence_file.as_deref())?
                    .unwrap_or_default(),
                note: input::text("note", note, note_file.as_deref())?.unwrap_or_default(),
            };
            let mut store = ctx.open_write()?;
            match repeat {
                None => {
                    let check = store.monitor(id, &record)?;
                    let m = store.measure(id)?;
                    let done = MeasureDone::Checked {
                        check: check.to_string(),
                        state: state.label().to_string(),
                    };
                    print_measure(ctx, out, &m, output, done, today)?;
                }
                Some(n) => {
                    let base = record.value.clone();
                    for i in 1..=n {
                        record.value = format!("{base} #{i}");
                        store.monitor(id, &record)?;
                        writeln!(out, "ok {i}")?;
                        out.flush()?;
                    }
                }
            }
        }
        MeasureCommand::Unmonitor { id, check, output } => {
            let mut store = ctx.open_write()?;
            let c = store.check(check)?;
            if c.measure != id {
                bail!(super::NotFound(Message::CheckOfAnother {
                    check: check.to_string(),
                    measure: id.to_string(),
                    of: c.measure.to_string(),
                }));
            }
            store.set_check_removed(check, true)?;
            let m = store.measure(id)?;
            let done = MeasureDone::Unchecked(check.to_string());
            print_measure(ctx, out, &m, output, done, today)?;
        }
        MeasureCommand::List {
            office,
            due_before,
            overdue,
            state,
            today: given,
            output,
        } => {
            let today = match given {
                Some(t) => today_arg(&t)?,
                None => today,
            };
            let before = optional_date("--due-before", due_before)?;
            let store = ctx.open_read()?;
            let mut list = store.measures()?;
            list.retain(|m| {
                office.as_deref().is_none_or(|o| {
                    crate::roles::role_key(&m.owner).contains(&crate::roles::role_key(o))
                }) && before.is_none_or(|b| m.due < b)
                    && (!overdue || m.overdue(today))
                    && state.is_none_or(|s| m.state() == Some(s))
            });
            schedule_order(&mut list, today);
            write_schedule(&list, today, output, lang, out)?;
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
            .then(a.id.cmp(&b.id))
    });
}

fn write_schedule(
    list: &[Measure],
    today: Date,
    output: TextOutput,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if output.is_json() {
        let v: Vec<_> = list.iter().map(|m| measure_json(m, today)).collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "{}", L::NoMeasures.text(lang))?;
    }
    let due_by = L::DueBy.text(lang);
    for m in list {
        let state = m.state().map_or(L::ToMonitor.text(lang), |s| s.label());
        let flag = if m.overdue(today) {
            format!("  ⚠ {}", L::Overdue.text(lang))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:<4} {due_by} {}  [{}]{flag}  {}",
            m.id.to_string(),
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
                "     {} {} · {}",
                L::Treats.text(lang),
                clean(&describe_target(t)),
                clean(&t.title)
            )?;
        }
        for p in &m.phases {
            writeln!(
                out,
                "     {}: {} ({due_by} {})",
                L::Phase.text(lang),
                clean(&p.text),
                p.due
            )?;
        }
        if !m.indicator.is_empty() {
            let goal = L::Goal.text(lang);
            let target = match (m.target.trim().is_empty(), m.target_date) {
                (true, _) => String::new(),
                (false, None) => format!(" → {goal} {}", clean(&m.target)),
                (false, Some(d)) => format!(" → {goal} {} {due_by} {d}", clean(&m.target)),
            };
            writeln!(
                out,
                "     {}: {}{target}",
                L::Indicator.text(lang),
                clean(&m.indicator)
            )?;
        }
        for c in &m.monitoring {
            writeln!(
                out,
                "     {} {} {} {} ({}): {}{}",
                L::Check.text(lang),
                c.id,
                L::Of.text(lang),
                c.date,
                clean(&c.created_by),
                c.state.label(),
                if c.value.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", clean(&c.value))
                }
            )?;
        }
    }
    Ok(())
}
