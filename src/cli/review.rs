//! `mappa review`: the RPCT's notes, status and risk judgement per entry,
//! the audit log, its verification and seal, and backups.

use super::context::{Context, Target};
use super::resolve::{resolve, Pick};
use crate::display::responsible;
use crate::report::review::{self as report, ReportFormat};
use crate::review::audit::Verification;
use crate::review::{Base, Change, Indicator, Level, Review, ReviewKey, Status};
use crate::text::{clean, Shown};
use anyhow::{anyhow, bail};
use std::io::Write;

#[derive(Debug, clap::Subcommand)]
pub enum ReviewCommand {
    /// Record status, notes, indicators, judgement or interview for an entry.
    Set {
        #[command(flatten)]
        entry: Pick,
        /// da esaminare, in esame, esaminato, da approfondire.
        #[arg(long, value_enum, ignore_case = true)]
        status: Option<Status>,
        /// The notes (replaces them; may span lines).
        #[arg(long)]
        note: Option<String>,
        /// NAME=LEVEL, e.g. interesse=alto (repeatable; LEVEL "-" unsets).
        #[arg(long = "indicator", value_name = "NAME=LEVEL")]
        indicators: Vec<String>,
        /// Overall judgement: basso, medio or alto (needs --motivation).
        #[arg(long, value_enum, ignore_case = true)]
        judgement: Option<Level>,
        #[arg(long)]
        motivation: Option<String>,
        /// The interview: office, date (YYYY-MM-DD) and people present.
        #[arg(long)]
        office: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        present: Option<String>,
        /// The revision the change is based on (`revisions` in `review show
        /// --json`): refused if someone changed the field since.
        #[arg(long, value_name = "REV")]
        base: Option<i64>,
        /// Overwrite a value someone else set since.
        #[arg(long, conflicts_with = "base")]
        force: bool,
        /// Apply the change N times, acknowledging each (durability tests).
        #[arg(long, hide = true)]
        repeat: Option<u32>,
    },
    /// What is recorded for an entry.
    Show {
        #[command(flatten)]
        entry: Pick,
        #[arg(long)]
        json: bool,
    },
    /// The audit log: who changed what, when, old → new.
    Log {
        target: Option<String>,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        #[arg(long)]
        variant: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Reviews whose entry is no longer in the loaded map.
    Orphans {
        #[arg(long)]
        json: bool,
    },
    /// The officer's report, grouped by office.
    Export {
        /// Only this office (role or Servizio/Staff, as written or close).
        #[arg(long)]
        office: Option<String>,
        /// md (the report), csv, json, or xlsx (the registers as a workbook, with -o).
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        #[command(flatten)]
        target: Target,
        /// The date taken as today (tests and what-if; default: today).
        #[arg(long, hide = true)]
        today: Option<String>,
    },
    /// Recomputes the audit log's hash chain: "ok" or the first row that
    /// does not match (exit 1).
    Verify {
        /// Check only that nothing before this seal (from `review seal`) changed.
        #[arg(long, value_name = "HASH")]
        seal: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The audit log's head hash with the date, to file in the protocol.
    Seal {
        #[arg(long)]
        json: bool,
    },
    /// A consistent copy of the store, taken while others keep working.
    Backup {
        #[command(flatten)]
        target: Target,
    },
}

/// A verification that failed: exit 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Tampered(pub String);

fn parse_indicator(spec: &str) -> anyhow::Result<(Indicator, Option<Level>)> {
    let (name, level) = spec.split_once('=').ok_or_else(|| {
        anyhow!(
            "--indicator takes NAME=LEVEL, e.g. interesse=alto (got \"{}\")",
            Shown(spec)
        )
    })?;
    let indicator = Indicator::parse(name)?;
    let level = match level.trim() {
        "-" | "" => None,
        l => Some(Level::parse(l)?),
    };
    Ok((indicator, level))
}

pub fn run(ctx: &Context, command: ReviewCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let map = &ctx.map;
    match command {
        ReviewCommand::Set {
            entry,
            status,
            note,
            indicators,
            judgement,
            motivation,
            office,
            date,
            present,
            base,
            force,
            repeat,
        } => {
            // Everything is checked before anything is written.
            let node = resolve(map, &entry)?;
            let key = ReviewKey::of(map, node);
            let mut changes = Vec::new();
            if let Some(s) = status {
                changes.push(Change::Status(s));
            }
            if let Some(n) = &note {
                changes.push(Change::Notes(n.clone()));
            }
            for spec in &indicators {
                let (i, l) = parse_indicator(spec)?;
                changes.push(Change::Indicator(i, l));
            }
            match (judgement, motivation) {
                (Some(j), Some(m)) => changes.push(Change::Judgement(j, m)),
                (Some(_), None) => bail!("a judgement needs a motivation: add --motivation TEXT"),
                (None, Some(_)) => bail!("--motivation goes with --judgement LEVEL"),
                (None, None) => {}
            }
            let date = match date {
                Some(d) if !d.trim().is_empty() => {
                    Some(crate::review::time::normal_date(&d).ok_or_else(|| {
                        anyhow!(
                            "interview date \"{}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                            Shown(&d)
                        )
                    })?)
                }
                other => other,
            };
            let interview = office.is_some() || date.is_some() || present.is_some();
            if changes.is_empty() && !interview {
                bail!("nothing to record: give --status, --note, --indicator, --judgement or --office/--date/--present");
            }
            let mut store = ctx.open_write()?;
            if interview {
                let old = store.get(&key)?;
                let keep = |new: Option<String>, old: Option<&str>| {
                    new.unwrap_or_else(|| old.unwrap_or("").to_string())
                };
                changes.push(Change::Interview {
                    office: keep(office, old.as_ref().map(|r| r.office.as_str())),
                    date: keep(date, old.as_ref().map(|r| r.interview_date.as_str())),
                    present: keep(present, old.as_ref().map(|r| r.present.as_str())),
                });
            }
            let base = match (force, base) {
                (true, _) => Base::Force,
                (false, Some(b)) => Base::Revision(b),
                (false, None) => Base::Mine,
            };
            match repeat {
                None => {
                    let review = store.apply(&key, &node.title, &changes, base)?;
                    writeln!(out, "salvato: {}", describe(&review))?;
                }
                Some(n) => {
                    for i in 1..=n {
                        let numbered: Vec<Change> = changes
                            .iter()
                            .map(|c| match c {
                                Change::Notes(t) => Change::Notes(format!("{t} #{i}")),
                                other => other.clone(),
                            })
                            .collect();
                        store.apply(&key, &node.title, &numbered, base)?;
                        writeln!(out, "ok {i}")?;
                        out.flush()?;
                    }
                }
            }
        }
        ReviewCommand::Show { entry, json } => {
            let node = resolve(map, &entry)?;
            let key = ReviewKey::of(map, node);
            let store = ctx.open_read()?;
            let review = store.get(&key)?;
            if json {
                let mut value = serde_json::to_value(&review)?;
                if let Some(obj) = value.as_object_mut() {
                    // The revision of each field, for `review set --base`.
                    let mut revs = serde_json::Map::new();
                    for field in REVIEW_FIELDS {
                        if let Some(r) = store.revision(&key, field)? {
                            revs.insert(
                                field.to_string(),
                                serde_json::json!({"revision": r.id, "who": r.who, "at": r.at}),
                            );
                        }
                    }
                    obj.insert("revisions".into(), revs.into());
                }
                serde_json::to_writer_pretty(&mut *out, &value)?;
                writeln!(out)?;
                return Ok(());
            }
            writeln!(out, "{} · {}", key_label(&key), clean(&node.title))?;
            writeln!(out, "  Responsabile  {}", responsible(node))?;
            match review {
                None => writeln!(out, "  nessuna revisione registrata (stato: da esaminare)")?,
                Some(r) => write_review(out, &r)?,
            }
        }
        ReviewCommand::Log {
            target,
            dataset,
            variant,
            json,
        } => {
            let key = match target {
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
            let store = ctx.open_read()?;
            let entries = store.log(key.as_ref())?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &entries)?;
                writeln!(out)?;
                return Ok(());
            }
            for e in entries {
                let who = match (&e.account, &e.name) {
                    (Some(a), Some(n)) if a != n => format!("{} ({})", clean(n), clean(a)),
                    _ => clean(&e.who).into_owned(),
                };
                let item = e
                    .item
                    .as_deref()
                    .map(|i| format!(" {}", clean(i)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}  {}  {}{item}  {}: {} → {}",
                    e.at,
                    who,
                    key_label(&e.key),
                    e.field,
                    clean(e.old.as_deref().unwrap_or("∅")),
                    clean(e.new.as_deref().unwrap_or("∅"))
                )?;
            }
        }
        ReviewCommand::Orphans { json } => {
            let store = ctx.open_read()?;
            let orphans = store.orphans(map)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &orphans)?;
                writeln!(out)?;
                return Ok(());
            }
            if orphans.is_empty() {
                writeln!(
                    out,
                    "nessuna revisione orfana: ogni revisione corrisponde a una voce della mappa"
                )?;
            }
            for r in orphans {
                writeln!(
                    out,
                    "{} · {} (voce non più presente nella mappa)",
                    key_label(&r.key),
                    clean(&r.title)
                )?;
            }
        }
        ReviewCommand::Export {
            office,
            format,
            target,
            today,
        } => {
            if let Some(p) = &target.path {
                crate::report::output::check(p, target.force, &ctx.protected())?;
            }
            if format == ReportFormat::Xlsx && target.path.is_none() {
                use std::io::IsTerminal;
                if std::io::stdout().is_terminal() {
                    bail!("a workbook is not for the terminal: add -o FILE.xlsx");
                }
            }
            let today = super::measure::today(today.as_deref())?;
            let store = ctx.open_read()?;
            let rows = report::rows(map, &store, office.as_deref())?;
            ctx.emit(&target, out, |w| report::write(&rows, format, today, w))?;
        }
        ReviewCommand::Verify { seal, json } => {
            let store = ctx.open_read()?;
            let result = store.verify(seal.as_deref())?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &result)?;
                writeln!(out)?;
            }
            match (result, seal) {
                (Some(Verification::Ok { rows, head }), None) => {
                    if !json {
                        writeln!(out, "ok: {rows} righe del registro di audit, hash di testa {head}")?;
                    }
                }
                (Some(Verification::Ok { rows, .. }), Some(s)) => {
                    if !json {
                        writeln!(out, "ok: nulla è cambiato prima del sigillo {} ({rows} righe fino al sigillo)", Shown(&s))?;
                    }
                }
                (Some(Verification::Broken { reason, .. }), _) => {
                    return Err(Tampered(format!("the audit log of {} does not verify: {reason}", store.path().display())).into())
                }
                (None, Some(s)) => {
                    return Err(Tampered(format!(
                        "no row of the audit log of {} has the sealed hash {}: the log was rewritten, or rows were deleted, after the seal",
                        store.path().display(),
                        Shown(&s)
                    ))
                    .into())
                }
                (None, None) => unreachable!("verify without a seal always answers"),
            }
        }
        ReviewCommand::Seal { json } => {
            let store = ctx.open_read()?;
            if let Some(Verification::Broken { reason, .. }) = store.verify(None)? {
                return Err(Tampered(format!(
                    "cannot seal the audit log of {}: it does not verify: {reason}",
                    store.path().display()
                ))
                .into());
            }
            let (head, rows) = store.seal()?;
            let at = crate::review::time::now_utc();
            if json {
                serde_json::to_writer_pretty(
                    &mut *out,
                    &serde_json::json!({"store": store.path(), "at": at, "rows": rows, "head": head}),
                )?;
                writeln!(out)?;
            } else {
                writeln!(out, "Sigillo del registro di audit di mappa")?;
                writeln!(
                    out,
                    "  archivio  {}",
                    Shown(&store.path().display().to_string())
                )?;
                writeln!(out, "  data      {at}")?;
                writeln!(out, "  righe     {rows}")?;
                writeln!(out, "  hash      {head}")?;
                writeln!(
                    out,
                    "Verifica in seguito: mappa review verify --seal {head}"
                )?;
            }
        }
        ReviewCommand::Backup { target } => {
            let Some(path) = &target.path else {
                bail!("review backup needs -o FILE (the copy to write)");
            };
            crate::report::output::check(path, target.force, &ctx.protected())?;
            let store = ctx.open_read()?;
            let tmp = crate::report::output::temp_beside(path);
            let result = store
                .backup(&tmp)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    if target.force {
                        std::fs::rename(&tmp, path)?;
                    } else {
                        std::fs::hard_link(&tmp, path)?;
                        std::fs::remove_file(&tmp)?;
                    }
                    Ok(())
                });
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result?;
            eprintln!(
                "mappa: backup written {}",
                Shown(&path.display().to_string())
            );
        }
    }
    Ok(())
}

/// The audited fields of a review.
const REVIEW_FIELDS: [&str; 13] = [
    "status",
    "notes",
    "interesse",
    "discrezionalita",
    "eventi",
    "opacita",
    "collaborazione",
    "attuazione",
    "judgement",
    "motivation",
    "office",
    "interview_date",
    "present",
];

fn key_label(key: &ReviewKey) -> String {
    let variant = if key.variant > 1 {
        format!(" (variante {})", key.variant)
    } else {
        String::new()
    };
    format!("{} {}{variant}", clean(&key.dataset), clean(&key.display()))
}

fn describe(r: &Review) -> String {
    let mut parts = vec![key_label(&r.key), format!("stato {}", r.status.label())];
    if let Some(j) = r.judgement {
        parts.push(format!("giudizio {}", j.label()));
    }
    parts.join(" · ")
}

fn write_review(out: &mut dyn Write, r: &Review) -> std::io::Result<()> {
    writeln!(out, "  Stato        {}", r.status.label())?;
    for (i, l) in &r.indicators {
        writeln!(out, "  {:<48} {}", i.label(), l.map_or("—", |l| l.label()))?;
    }
    if let Some(j) = r.judgement {
        writeln!(out, "  Giudizio     {}", j.label())?;
        writeln!(out, "  Motivazione  {}", clean(&r.motivation))?;
    }
    if !r.office.is_empty() || !r.interview_date.is_empty() || !r.present.is_empty() {
        writeln!(
            out,
            "  Intervista   {} · {} · presenti: {}",
            clean(&r.office),
            clean(&r.interview_date),
            clean(&r.present)
        )?;
    }
    if !r.notes.is_empty() {
        writeln!(out, "  Note")?;
        for line in r.notes.lines() {
            writeln!(out, "    {}", clean(line))?;
        }
    }
    writeln!(
        out,
        "  Ultima modifica {} ({})",
        clean(&r.updated_at),
        clean(&r.updated_by)
    )
}
