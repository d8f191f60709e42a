//! `mappa risk`: the risk register — events with their enabling factors and
//! the risk area per entry — and its ranking (the ponderazione).

use super::args::{ChangeArgs, MapArgs, TextOutput};
use super::context::Context;
use super::input;
use super::resolve::{resolve, Pick};
use super::BadInput;
use crate::display::responsible;
use crate::i18n::cli::{Event, Label as L, Message};
use crate::i18n::Lang;
use crate::model::EventId;
use crate::report::register::{self, Record};
use crate::review::risk::{catalogue, Area, EventChange, Factor, RiskEvent};
use crate::review::ReviewKey;
use crate::text::{clean, Shown};
use anyhow::bail;
use std::io::Write;
use std::path::PathBuf;

/// `mappa risk …`: the options of the store and of the map apply to every
/// subcommand.
#[derive(Debug, clap::Args)]
#[command(mut_args(super::args::to_every_subcommand))]
pub struct RiskArgs {
    #[command(subcommand)]
    pub command: RiskCommand,
    #[command(flatten)]
    pub change: ChangeArgs,
    #[command(flatten)]
    pub map: MapArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum RiskCommand {
    /// Records a risk event on an entry; prints its id (R12).
    Add {
        #[command(flatten)]
        entry: Pick,
        /// What could go wrong, e.g. "favorire un operatore economico"
        /// (- reads standard input).
        #[arg(long = "event", value_name = "TEXT")]
        event: String,
        /// An enabling factor (repeatable): controlli, trasparenza,
        /// regolamentazione, esclusivita, responsabilizzazione, competenze,
        /// cultura, politica.
        #[arg(long = "factor", value_name = "F")]
        factors: Vec<String>,
        /// A note (what was said at the interview; - reads standard input).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Read the note from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "note")]
        note_file: Option<PathBuf>,
        #[command(flatten)]
        output: TextOutput,
        /// Add N events, acknowledging each (durability tests).
        #[arg(long, hide = true)]
        repeat: Option<u32>,
    },
    /// Changes an event's text, factors or note.
    Set {
        /// The event's id (R12).
        id: EventId,
        /// The new text of the event.
        #[arg(long = "event", value_name = "TEXT")]
        event: Option<String>,
        /// A factor to add (repeatable).
        #[arg(long = "factor", value_name = "F")]
        factors: Vec<String>,
        /// A factor to take away (repeatable).
        #[arg(long = "no-factor", value_name = "F")]
        no_factors: Vec<String>,
        /// A note (what was said at the interview; - reads standard input).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Read the note from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "note")]
        note_file: Option<PathBuf>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Removes an event from the register (kept in the store and the
    /// audit log; `risk restore` puts it back).
    Remove {
        /// The event's id (R12).
        id: EventId,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Puts a removed event back in the register.
    Restore {
        /// The event's id (R12).
        id: EventId,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Sets the risk area of an entry.
    Area {
        #[command(flatten)]
        entry: Pick,
        /// The risk area: personale, contratti, ampliativi-senza,
        /// ampliativi-con, entrate-spese, controlli, incarichi, legale,
        /// regolazione-mercato, risoluzione-controversie, registro-imprese,
        /// promozione-imprese.
        area: String,
        #[command(flatten)]
        output: TextOutput,
    },
    /// The register, grouped by entry.
    List {
        /// Only this entry (a code or an id).
        target: Option<String>,
        /// The dataset of the entry named by code, when ambiguous.
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long, value_name = "N")]
        variant: Option<u32>,
        /// Only the entries of this office (role or Servizio, as written or close).
        #[arg(long, value_name = "OFFICE")]
        office: Option<String>,
        /// Only the entries of this risk area.
        #[arg(long, value_name = "AREA")]
        area: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// The ponderazione: entries by judgement, then indicators at alto, then events.
    Rank {
        /// Only the entries of this office.
        #[arg(long, value_name = "OFFICE")]
        office: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Typical risk events of chambers of commerce, by area: suggestions.
    Catalogue {
        /// Only the events of this risk area.
        #[arg(long, value_name = "AREA")]
        area: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
}

fn factors(list: &[String]) -> anyhow::Result<Vec<Factor>> {
    list.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(|f| Factor::parse(f).map_err(anyhow::Error::from))
        .collect()
}

fn print_event(
    ctx: &Context,
    out: &mut dyn Write,
    e: &RiskEvent,
    output: TextOutput,
    done: Event,
) -> anyhow::Result<()> {
    if output.is_json() {
        serde_json::to_writer_pretty(&mut *out, e)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", e.id)?;
        ctx.say(&Message::EventDone {
            done,
            id: e.id.to_string(),
            entry: format!("{} {}", Shown(&e.key.dataset), Shown(&e.key.display())),
            title: Shown(&e.title).to_string(),
        });
    }
    Ok(())
}

pub fn run(ctx: &Context, command: RiskCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang();
    let map = &ctx.map;
    match command {
        RiskCommand::Add {
            entry,
            event,
            factors: f,
            note,
            note_file,
            output,
            repeat,
        } => {
            let node = resolve(map, &entry)?;
            let event = input::text("event", Some(event), None)?.unwrap_or_default();
            let note = input::text("note", note, note_file.as_deref())?;
            let f = factors(&f)?;
            let key = ReviewKey::of(map, node);
            let mut store = ctx.open_write()?;
            match repeat {
                None => {
                    let e = store.add_event(
                        &key,
                        &node.title,
                        &event,
                        &f,
                        note.as_deref().unwrap_or(""),
                    )?;
                    print_event(ctx, out, &e, output, Event::Recorded)?;
                }
                Some(n) => {
                    for i in 1..=n {
                        let e =
                            store.add_event(&key, &node.title, &format!("{event} #{i}"), &f, "")?;
                        writeln!(out, "ok {i} {}", e.id)?;
                        out.flush()?;
                    }
                }
            }
        }
        RiskCommand::Set {
            id,
            event,
            factors: add,
            no_factors,
            note,
            note_file,
            output,
        } => {
            let change = EventChange {
                text: input::text("event", event, None)?,
                add: factors(&add)?,
                remove: factors(&no_factors)?,
                note: input::text("note", note, note_file.as_deref())?,
                factors: None,
            };
            if change == EventChange::default() {
                bail!(BadInput(Message::NothingToChange(
                    "--event, --factor, --no-factor, --note"
                )));
            }
            let mut store = ctx.open_write()?;
            let e = store.set_event(id, &change)?;
            print_event(ctx, out, &e, output, Event::Changed)?;
        }
        RiskCommand::Remove { id, output } => {
            let mut store = ctx.open_write()?;
            let e = store.remove_event(id)?;
            print_event(ctx, out, &e, output, Event::Removed)?;
        }
        RiskCommand::Restore { id, output } => {
            let mut store = ctx.open_write()?;
            let e = store.restore_event(id)?;
            print_event(ctx, out, &e, output, Event::Restored)?;
        }
        RiskCommand::Area {
            entry,
            area,
            output,
        } => {
            let node = resolve(map, &entry)?;
            let area = Area::parse(&area)?;
            let key = ReviewKey::of(map, node);
            let mut store = ctx.open_write()?;
            store.set_area(&key, &node.title, Some(area))?;
            if output.is_json() {
                serde_json::to_writer_pretty(
                    &mut *out,
                    &serde_json::json!({"key": key, "area": area}),
                )?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} {} · {}: {}",
                    Shown(&key.dataset),
                    Shown(&key.display()),
                    L::RiskArea.text(lang),
                    area.label()
                )?;
            }
        }
        RiskCommand::List {
            target,
            dataset,
            variant,
            office,
            area,
            output,
        } => {
            let only = match target {
                Some(t) => Some(ReviewKey::of(
                    map,
                    resolve(
                        map,
                        &Pick {
                            target: t,
                            dataset,
                            variant,
                        },
                    )?,
                )),
                None => None,
            };
            let area = area.map(|a| Area::parse(&a)).transpose()?;
            let store = ctx.open_read()?;
            let mut records = register::records(map, &store)?;
            records.retain(|r| {
                only.as_ref().is_none_or(|k| r.key == *k)
                    && office.as_deref().is_none_or(|o| r.concerns(o))
                    && area.is_none_or(|a| r.area_or_suggested() == Some(a))
                    && (!r.events.is_empty() || r.area.is_some() || only.is_some())
            });
            write_register(&records, output, lang, out)?;
        }
        RiskCommand::Rank { office, output } => {
            let store = ctx.open_read()?;
            let mut records = register::records(map, &store)?;
            records.retain(|r| {
                (r.review.is_some() || !r.events.is_empty())
                    && office.as_deref().is_none_or(|o| r.concerns(o))
            });
            register::rank(&mut records);
            write_rank(&records, output, lang, out)?;
        }
        RiskCommand::Catalogue { area, output } => {
            let area = area.map(|a| Area::parse(&a)).transpose()?;
            let list: Vec<_> = catalogue()
                .into_iter()
                .filter(|s| area.is_none_or(|a| s.area == a))
                .collect();
            if output.is_json() {
                serde_json::to_writer_pretty(&mut *out, &list)?;
                writeln!(out)?;
                return Ok(());
            }
            let mut current = None;
            for s in list {
                if current != Some(s.area) {
                    writeln!(out, "\n{} [{}]", s.area.label(), s.area.slug())?;
                    current = Some(s.area);
                }
                let f: Vec<&str> = s.factors.iter().map(|f| f.slug()).collect();
                writeln!(out, "  - {}  ({})", s.text, f.join(", "))?;
            }
        }
    }
    Ok(())
}

fn entry_line(r: &Record) -> String {
    let code = r.key.display();
    format!(
        "{} {} · {}",
        clean(&r.key.dataset),
        clean(&code),
        clean(&r.title)
    )
}

fn record_json(r: &Record) -> serde_json::Value {
    serde_json::json!({
        "dataset": r.key.dataset,
        "key": r.key.key,
        "variant": r.key.variant,
        "code": r.entry.and_then(|(_, n)| n.code.as_ref().map(|c| c.to_string())),
        "id": r.entry.map(|(_, n)| n.id.to_string()),
        "title": r.title,
        "responsible": r.entry.map(|(_, n)| n.role.to_string()).unwrap_or_default(),
        "structures": r.entry.map(|(_, n)| n.structures.clone()).unwrap_or_default(),
        "area": r.area,
        "suggested_area": r.area.is_none().then_some(r.suggested).flatten(),
        "events": r.events,
        "judgement": r.judgement(),
        "indicators_alto": r.high_indicators(),
        "in_map": r.entry.is_some(),
    })
}

fn write_register(
    records: &[Record],
    output: TextOutput,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if output.is_json() {
        let v: Vec<_> = records.iter().map(record_json).collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    if records.is_empty() {
        writeln!(out, "{}", L::NoEvents.text(lang))?;
    }
    for r in records {
        writeln!(out, "{}", entry_line(r))?;
        if let Some((_, n)) = r.entry {
            writeln!(
                out,
                "  {:<12}  {}",
                L::Responsible.text(lang),
                responsible(n)
            )?;
        } else {
            writeln!(out, "  ({})", L::NotInMap.text(lang))?;
        }
        let area = L::Area.text(lang);
        match (r.area, r.suggested) {
            (Some(a), _) => writeln!(out, "  {area:<12} {}", a.label())?,
            (None, Some(a)) => writeln!(
                out,
                "  {area:<12} {} ({})",
                a.label(),
                L::AreaSuggested.text(lang)
            )?,
            (None, None) => writeln!(out, "  {area:<12} {}", L::NotGiven.text(lang))?,
        }
        if let Some(j) = r.judgement() {
            writeln!(out, "  {:<12} {}", L::Judgement.text(lang), j.label())?;
        }
        for e in &r.events {
            writeln!(out, "  {:<4} {}", e.id, clean(&e.text))?;
            if !e.factors.is_empty() {
                let f: Vec<&str> = e.factors.iter().map(|f| f.label()).collect();
                writeln!(out, "       {}: {}", L::Factors.text(lang), f.join("; "))?;
            }
            if !e.note.is_empty() {
                writeln!(out, "       {}: {}", L::Note.text(lang), clean(&e.note))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_rank(
    records: &[Record],
    output: TextOutput,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if output.is_json() {
        let v: Vec<_> = records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut v = record_json(r);
                v["rank"] = (i + 1).into();
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>3}  {:<10} {:>5} {:>6}  {}",
        "#",
        L::JudgementLower.text(lang),
        L::HighLower.text(lang),
        L::EventsLower.text(lang),
        L::EntryLower.text(lang)
    )?;
    for (i, r) in records.iter().enumerate() {
        writeln!(
            out,
            "{:>3}  {:<10} {:>5} {:>6}  {}",
            i + 1,
            r.judgement().map_or("—", |j| j.label()),
            r.high_indicators(),
            r.events.len(),
            entry_line(r)
        )?;
    }
    Ok(())
}
