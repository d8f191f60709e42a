//! `mappa risk`: the risk register — events with their enabling factors and
//! the risk area per entry — and its ranking (the ponderazione).

use super::context::Context;
use super::input::{self, BadText};
use super::resolve::{resolve, Pick};
use crate::display::responsible;
use crate::model::EventId;
use crate::report::register::{self, Record};
use crate::review::risk::{catalogue, Area, EventChange, Factor, RiskEvent};
use crate::review::ReviewKey;
use crate::text::{clean, Shown};
use anyhow::bail;
use std::io::Write;
use std::path::PathBuf;

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
        #[arg(long)]
        note: Option<String>,
        /// Read the note from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "note")]
        note_file: Option<PathBuf>,
        /// Print the event as JSON.
        #[arg(long)]
        json: bool,
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
        #[arg(long)]
        note: Option<String>,
        /// Read the note from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "note")]
        note_file: Option<PathBuf>,
        /// Print the event as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Removes an event from the register (kept in the store and the
    /// audit log; `risk restore` puts it back).
    Remove {
        /// The event's id (R12).
        id: EventId,
        /// Print the event as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Puts a removed event back in the register.
    Restore {
        /// The event's id (R12).
        id: EventId,
        /// Print the event as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sets the risk area of an entry.
    Area {
        #[command(flatten)]
        entry: Pick,
        /// personale, contratti, ampliativi-senza, ampliativi-con,
        /// entrate-spese, controlli, incarichi, legale, regolazione-mercato,
        /// risoluzione-controversie, registro-imprese, promozione-imprese.
        area: String,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// The register, grouped by entry.
    List {
        /// Only this entry (a code or an id).
        target: Option<String>,
        /// The dataset of the entry named by code, when ambiguous.
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long)]
        variant: Option<u32>,
        /// Only the entries of this office (role or Servizio, as written or close).
        #[arg(long)]
        office: Option<String>,
        /// Only the entries of this risk area.
        #[arg(long)]
        area: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// The ponderazione: entries by judgement, then indicators at alto, then events.
    Rank {
        /// Only the entries of this office.
        #[arg(long)]
        office: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Typical risk events of chambers of commerce, by area: suggestions.
    Catalogue {
        /// Only the events of this risk area.
        #[arg(long)]
        area: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

fn factors(list: &[String]) -> anyhow::Result<Vec<Factor>> {
    list.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(|f| Factor::parse(f).map_err(anyhow::Error::from))
        .collect()
}

fn print_event(out: &mut dyn Write, e: &RiskEvent, json: bool, verb: &str) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, e)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", e.id)?;
        eprintln!(
            "mappa: {verb} {} su {} {} · {}",
            e.id,
            Shown(&e.key.dataset),
            Shown(&e.key.display()),
            Shown(&e.title)
        );
    }
    Ok(())
}

pub fn run(ctx: &Context, command: RiskCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let map = &ctx.map;
    match command {
        RiskCommand::Add {
            entry,
            event,
            factors: f,
            note,
            note_file,
            json,
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
                    print_event(out, &e, json, "registrato")?;
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
            json,
        } => {
            let change = EventChange {
                text: input::text("event", event, None)?,
                add: factors(&add)?,
                remove: factors(&no_factors)?,
                note: input::text("note", note, note_file.as_deref())?,
                factors: None,
            };
            if change == EventChange::default() {
                bail!(BadText(
                    "niente da cambiare: dai --event, --factor, --no-factor o --note".into()
                ));
            }
            let mut store = ctx.open_write()?;
            let e = store.set_event(id, &change)?;
            print_event(out, &e, json, "cambiato")?;
        }
        RiskCommand::Remove { id, json } => {
            let mut store = ctx.open_write()?;
            let e = store.remove_event(id)?;
            print_event(
                out,
                &e,
                json,
                "tolto dal registro (resta nel registro di audit)",
            )?;
        }
        RiskCommand::Restore { id, json } => {
            let mut store = ctx.open_write()?;
            let e = store.restore_event(id)?;
            print_event(out, &e, json, "rimesso nel registro")?;
        }
        RiskCommand::Area { entry, area, json } => {
            let node = resolve(map, &entry)?;
            let area = Area::parse(&area)?;
            let key = ReviewKey::of(map, node);
            let mut store = ctx.open_write()?;
            store.set_area(&key, &node.title, Some(area))?;
            if json {
                serde_json::to_writer_pretty(
                    &mut *out,
                    &serde_json::json!({"key": key, "area": area}),
                )?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} {} · area di rischio: {}",
                    Shown(&key.dataset),
                    Shown(&key.display()),
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
            json,
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
            write_register(&records, json, out)?;
        }
        RiskCommand::Rank { office, json } => {
            let store = ctx.open_read()?;
            let mut records = register::records(map, &store)?;
            records.retain(|r| {
                (r.review.is_some() || !r.events.is_empty())
                    && office.as_deref().is_none_or(|o| r.concerns(o))
            });
            register::rank(&mut records);
            write_rank(&records, json, out)?;
        }
        RiskCommand::Catalogue { area, json } => {
            let area = area.map(|a| Area::parse(&a)).transpose()?;
            let list: Vec<_> = catalogue()
                .into_iter()
                .filter(|s| area.is_none_or(|a| s.area == a))
                .collect();
            if json {
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

fn write_register(records: &[Record], json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    if json {
        let v: Vec<_> = records.iter().map(record_json).collect();
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    if records.is_empty() {
        writeln!(out, "nessun evento rischioso registrato")?;
    }
    for r in records {
        writeln!(out, "{}", entry_line(r))?;
        if let Some((_, n)) = r.entry {
            writeln!(out, "  Responsabile  {}", responsible(n))?;
        } else {
            writeln!(out, "  (voce non più presente nella mappa)")?;
        }
        match (r.area, r.suggested) {
            (Some(a), _) => writeln!(out, "  Area         {}", a.label())?,
            (None, Some(a)) => writeln!(
                out,
                "  Area         {} (suggerita: `mappa risk area` la registra)",
                a.label()
            )?,
            (None, None) => writeln!(out, "  Area         non indicata")?,
        }
        if let Some(j) = r.judgement() {
            writeln!(out, "  Giudizio     {}", j.label())?;
        }
        for e in &r.events {
            writeln!(out, "  {:<4} {}", e.id, clean(&e.text))?;
            if !e.factors.is_empty() {
                let f: Vec<&str> = e.factors.iter().map(|f| f.label()).collect();
                writeln!(out, "       fattori: {}", f.join("; "))?;
            }
            if !e.note.is_empty() {
                writeln!(out, "       nota: {}", clean(&e.note))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_rank(records: &[Record], json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    if json {
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
        "{:>3}  {:<10} {:>5} {:>6}  voce",
        "#", "giudizio", "alti", "eventi"
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
