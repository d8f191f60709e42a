//! `mappa review`: the RPCT's notes, status and risk judgement per entry,
//! the audit log, undoing a row of it, its verification and seal, and
//! backups.

use super::args::{ChangeArgs, MapArgs, Output, TextOutput};
use super::context::{Context, Target};
use super::input;
use super::resolve::{resolve, Pick};
use super::values;
use super::{BadInput, Refused};
use crate::display::responsible;
use crate::i18n::cli::{Label as L, Message};
use crate::i18n::Lang;
use crate::report::review::{self as report, ReportFormat};
use crate::review::{
    AuditEntry, Base, Change, Indicator, Level, Review, ReviewKey, SealPrefix, Status, Verification,
};
use crate::text::{clean, Shown};
use anyhow::bail;
use std::io::Write;
use std::path::PathBuf;

/// `mappa review …`: the options of the store and of the map apply to
/// every subcommand.
#[derive(Debug, clap::Args)]
#[command(mut_args(super::args::to_every_subcommand))]
pub struct ReviewArgs {
    #[command(subcommand)]
    pub command: ReviewCommand,
    #[command(flatten)]
    pub change: ChangeArgs,
    #[command(flatten)]
    pub map: MapArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum ReviewCommand {
    /// Record status, notes, indicators, judgement or interview for an entry.
    ///
    /// The change is applied even when someone else wrote the field last
    /// (the value it replaces stays in the audit log, `review log` shows
    /// it); with --base REV it is refused if the field changed after REV.
    Set {
        #[command(flatten)]
        entry: Pick,
        /// The entry's status: da esaminare, in esame, esaminato, da approfondire.
        #[arg(long, value_parser = values::of::<Status>)]
        status: Option<Status>,
        /// The notes (replace them; may span lines; - reads standard input).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Read the notes from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "note")]
        note_file: Option<PathBuf>,
        /// NAME=LEVEL, e.g. interesse=alto (repeatable; LEVEL "-" unsets).
        #[arg(long = "indicator", value_name = "NAME=LEVEL")]
        indicators: Vec<String>,
        /// Overall judgement: basso, medio or alto (needs a motivation).
        #[arg(long, value_parser = values::of::<Level>)]
        judgement: Option<Level>,
        /// Why the judgement (- reads standard input).
        #[arg(long, value_name = "TEXT")]
        motivation: Option<String>,
        /// Read the motivation from this file (UTF-8).
        #[arg(long, value_name = "FILE", conflicts_with = "motivation")]
        motivation_file: Option<PathBuf>,
        /// The office interviewed.
        #[arg(long, value_name = "TEXT")]
        office: Option<String>,
        /// The day of the interview (YYYY-MM-DD or DD/MM/YYYY; not after today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Who was present at the interview.
        #[arg(long, value_name = "NAMES")]
        present: Option<String>,
        /// The revision the change is based on (`revisions` in `review show
        /// --json`): refused if someone changed the field since.
        #[arg(long, value_name = "REV")]
        base: Option<i64>,
        /// Accepted for old scripts: without --base a change always applies.
        #[arg(long, conflicts_with = "base", hide = true)]
        force: bool,
        /// Apply the change N times, acknowledging each (durability tests).
        #[arg(long, hide = true)]
        repeat: Option<u32>,
    },
    /// What is recorded for an entry (as JSON: with the revision of each
    /// field, for `review set --base`).
    Show {
        #[command(flatten)]
        entry: Pick,
        #[command(flatten)]
        output: TextOutput,
    },
    /// The audit log: row number, when, who, what changed (old → new).
    Log {
        /// Only the rows about this entry (a code or an id).
        target: Option<String>,
        /// The dataset of the entry named by code, when ambiguous.
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which entry, when a code has several (1, 2, …).
        #[arg(long, value_name = "N")]
        variant: Option<u32>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Undoes row N of the audit log (`review log` numbers them) as a new
    /// audited change: the field gets back the value it had before. Refused
    /// when the field changed since, unless --force.
    Revert {
        /// The row of the audit log to undo.
        row: i64,
        /// Undo it even if the field changed since.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        output: TextOutput,
    },
    /// Reviews whose entry is no longer in the loaded map.
    Orphans {
        #[command(flatten)]
        output: TextOutput,
    },
    /// The officer's report, grouped by office.
    Export {
        /// Only this office (role or Servizio/Staff, as written or close).
        #[arg(long, value_name = "OFFICE")]
        office: Option<String>,
        /// md is the report; xlsx, the registers as a workbook (with -o).
        #[command(flatten)]
        output: Output<ReportFormat>,
        /// With --format csv: what an Italian Excel opens by double-click
        /// (";" between cells, UTF-8 BOM, CRLF).
        #[arg(long)]
        excel: bool,
        #[command(flatten)]
        target: Target,
        /// The date taken as today (tests and what-if; default: today).
        #[arg(long, hide = true)]
        today: Option<String>,
    },
    /// Proves the records: recomputes the audit log's hash chain, then
    /// replays the log against every record table; "ok", or what was
    /// changed outside mappa (exit 1).
    Verify {
        /// Check also that nothing before this seal (from `review seal`;
        /// its first 12 hex digits or more) changed.
        #[arg(long, value_name = "HASH")]
        seal: Option<String>,
        #[command(flatten)]
        output: TextOutput,
    },
    /// The audit log's head hash with the date, to file in the protocol.
    Seal {
        #[command(flatten)]
        output: TextOutput,
    },
    /// A consistent copy of the store, taken while others keep working.
    Backup {
        #[command(flatten)]
        target: Target,
    },
}

fn parse_indicator(spec: &str) -> anyhow::Result<(Indicator, Option<Level>)> {
    let (name, level) = spec.split_once('=').ok_or_else(|| {
        BadInput(Message::BadIndicator {
            given: Shown(spec).to_string(),
        })
    })?;
    let indicator = Indicator::parse(name)?;
    let level = match level.trim() {
        "-" | "" => None,
        l => Some(Level::parse(l)?),
    };
    Ok((indicator, level))
}

pub fn run(ctx: &Context, command: ReviewCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang();
    let map = &ctx.map;
    match command {
        ReviewCommand::Set {
            entry,
            status,
            note,
            note_file,
            indicators,
            judgement,
            motivation,
            motivation_file,
            office,
            date,
            present,
            base,
            force: _,
            repeat,
        } => {
            // Everything is checked before anything is written.
            let node = resolve(map, &entry)?;
            let key = ReviewKey::of(map, node);
            let note = input::text("note", note, note_file.as_deref())?;
            let motivation = input::text("motivation", motivation, motivation_file.as_deref())?;
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
                (Some(_), None) => bail!(BadInput(Message::JudgementNeedsMotivation)),
                (None, Some(m)) => changes.push(Change::Motivation(m)),
                (None, None) => {}
            }
            let date = match date {
                Some(d) if !d.trim().is_empty() => Some(super::measure::date_arg("--date", &d)?),
                _ => None,
            };
            if let Some(o) = office {
                changes.push(Change::Office(o));
            }
            if date.is_some() {
                changes.push(Change::InterviewDate(date));
            }
            if let Some(p) = present {
                changes.push(Change::Present(p));
            }
            if changes.is_empty() {
                bail!(BadInput(Message::NothingToRecord));
            }
            let mut store = ctx.open_write()?;
            let base = base.map_or(Base::Force, Base::Revision);
            match repeat {
                None => {
                    let review = store.apply(&key, &node.title, &changes, base)?;
                    writeln!(out, "{}: {}", L::Saved.text(lang), describe(&review, lang))?;
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
        ReviewCommand::Show { entry, output } => {
            let node = resolve(map, &entry)?;
            let key = ReviewKey::of(map, node);
            let store = ctx.open_read()?;
            let review = store.get(&key)?;
            if output.is_json() {
                let mut value = serde_json::to_value(&review)?;
                if let Some(obj) = value.as_object_mut() {
                    // The revision of each field, for `review set --base`.
                    let mut revs = serde_json::Map::new();
                    for field in crate::review::RecordKind::Review.fields() {
                        if let Some(r) = store.revision(&key, field)? {
                            revs.insert(
                                field.to_string(),
                                serde_json::json!({"revision": r.id, "who": r.who, "at": crate::review::time::stamp(r.at)}),
                            );
                        }
                    }
                    obj.insert("revisions".into(), revs.into());
                }
                serde_json::to_writer_pretty(&mut *out, &value)?;
                writeln!(out)?;
                return Ok(());
            }
            writeln!(out, "{} · {}", key_label(&key, lang), clean(&node.title))?;
            writeln!(
                out,
                "  {:<12}  {}",
                L::Responsible.text(lang),
                responsible(node)
            )?;
            match review {
                None => writeln!(out, "  {}", L::NoReview.text(lang))?,
                Some(r) => write_review(out, &r, lang)?,
            }
        }
        ReviewCommand::Log {
            target,
            dataset,
            variant,
            output,
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
            if output.is_json() {
                serde_json::to_writer_pretty(&mut *out, &entries)?;
                writeln!(out)?;
                return Ok(());
            }
            for e in entries {
                writeln!(out, "{}", log_line(&e, lang))?;
            }
        }
        ReviewCommand::Revert { row, force, output } => {
            let mut store = ctx.open_write()?;
            let keys = crate::review::all_keys(map);
            let titles: std::collections::HashMap<&ReviewKey, &str> = map
                .datasets
                .iter()
                .zip(&keys)
                .flat_map(|(d, ks)| ks.iter().zip(d.nodes.iter().map(|n| n.title.as_str())))
                .collect();
            let title_of = |k: &ReviewKey| titles.get(k).map(|t| t.to_string());
            let done = store.revert(row, force, &title_of)?;
            if output.is_json() {
                serde_json::to_writer_pretty(&mut *out, &done)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} {}: {} {} {}: {} → {}",
                    L::RowUndone.text(lang),
                    done.row,
                    done.record,
                    clean(&done.item),
                    crate::i18n::store::field(&done.field, lang),
                    shown_value(&done.field, done.from.as_deref(), lang),
                    shown_value(&done.field, done.to.as_deref(), lang)
                )?;
            }
        }
        ReviewCommand::Orphans { output } => {
            let store = ctx.open_read()?;
            let orphans = store.orphans(map)?;
            if output.is_json() {
                serde_json::to_writer_pretty(&mut *out, &orphans)?;
                writeln!(out)?;
                return Ok(());
            }
            if orphans.is_empty() {
                writeln!(out, "{}", L::NoOrphans.text(lang))?;
            }
            for r in orphans {
                writeln!(
                    out,
                    "{} · {} ({})",
                    key_label(&r.key, lang),
                    clean(&r.title),
                    L::NotInMap.text(lang)
                )?;
            }
        }
        ReviewCommand::Export {
            office,
            output,
            excel,
            target,
            today,
        } => {
            let format = output.format();
            if let Some(p) = &target.path {
                crate::report::output::check(p, target.force, &ctx.protected())?;
            }
            if format == ReportFormat::Xlsx && target.path.is_none() && ctx.stdout_is_terminal {
                bail!(BadInput(Message::WorkbookNotForTerminal));
            }
            let today = match today {
                Some(t) => super::measure::today_arg(&t)?,
                None => ctx.today,
            };
            let store = ctx.open_read()?;
            let rows = report::rows(map, &store, office.as_deref())?;
            ctx.emit(&target, out, |w| {
                Ok(report::write(&rows, format, today, excel, w)?)
            })?;
        }
        ReviewCommand::Verify { seal, output } => {
            let json = output.is_json();
            let seal = seal
                .map(|s| {
                    s.parse::<SealPrefix>().map_err(|e| {
                        anyhow::Error::from(BadInput(match e {
                            crate::review::BadSeal::NotHex => Message::SealNotHex {
                                given: Shown(&s).to_string(),
                            },
                            crate::review::BadSeal::Short(digits) => Message::SealShort {
                                digits,
                                needed: crate::review::audit::SEAL_DIGITS,
                            },
                        }))
                    })
                })
                .transpose()?;
            let store = ctx.open_read()?;
            let result = store.verify(seal.as_ref())?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &result)?;
                writeln!(out)?;
            }
            let path = Shown(&store.path().display().to_string()).to_string();
            match (result, &seal) {
                (
                    Some(Verification::Ok {
                        rows,
                        head,
                        records,
                    }),
                    None,
                ) => {
                    if !json {
                        let ok = Message::Verified {
                            rows,
                            head,
                            records: records.unwrap_or(0),
                        };
                        writeln!(out, "{}", ok.text(lang))?;
                    }
                }
                (Some(Verification::Ok { rows, records, .. }), Some(s)) => {
                    if !json {
                        let ok = Message::VerifiedToSeal {
                            seal: s.as_str().to_string(),
                            rows,
                            records: records.unwrap_or(0),
                        };
                        writeln!(out, "{}", ok.text(lang))?;
                    }
                }
                (Some(Verification::Broken { reason, .. }), _) => {
                    return Err(Refused(Message::ChainBroken {
                        path,
                        reason: reason.to_string(),
                    })
                    .into())
                }
                (Some(Verification::Altered { discrepancies, .. }), _) => {
                    let listed = discrepancies
                        .iter()
                        .take(50)
                        .map(|d| crate::i18n::cli::Discrepancy {
                            table: d.table.to_string(),
                            record: clean(&d.record).into_owned(),
                            field: d.field.to_string(),
                            logged: shown_value(&d.field, d.logged.as_deref(), lang),
                            stored: shown_value(&d.field, d.stored.as_deref(), lang),
                            alteration: d.alteration,
                        })
                        .collect();
                    return Err(Refused(Message::RecordsAltered {
                        path,
                        count: discrepancies.len(),
                        listed,
                    })
                    .into());
                }
                (None, Some(s)) => {
                    return Err(Refused(Message::NoSuchSeal {
                        path,
                        seal: s.as_str().to_string(),
                    })
                    .into())
                }
                (None, None) => unreachable!("verify without a seal always answers"),
            }
        }
        ReviewCommand::Seal { output } => {
            let store = ctx.open_read()?;
            let path = Shown(&store.path().display().to_string()).to_string();
            match store.verify(None)? {
                Some(Verification::Broken { reason, .. }) => {
                    return Err(Refused(Message::SealBroken {
                        path,
                        reason: reason.to_string(),
                    })
                    .into());
                }
                Some(Verification::Altered { discrepancies, .. }) => {
                    return Err(Refused(Message::SealAltered {
                        path,
                        count: discrepancies.len(),
                    })
                    .into());
                }
                _ => {}
            }
            let (head, rows) = store.seal()?;
            let at = crate::review::time::stamp(crate::review::time::now());
            if output.is_json() {
                serde_json::to_writer_pretty(
                    &mut *out,
                    &serde_json::json!({"store": store.path(), "at": at, "rows": rows, "head": head}),
                )?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", L::SealTitle.text(lang))?;
                writeln!(out, "  {:<9} {path}", L::Store.text(lang))?;
                writeln!(out, "  {:<9} {at}", L::Date.text(lang))?;
                writeln!(out, "  {:<9} {rows}", L::Rows.text(lang))?;
                writeln!(out, "  {:<9} {head}", "hash")?;
                writeln!(
                    out,
                    "{}: mappa review verify --seal {head}",
                    L::VerifyLater.text(lang)
                )?;
            }
        }
        ReviewCommand::Backup { target } => {
            let Some(path) = &target.path else {
                bail!(BadInput(Message::BackupNeedsOutput));
            };
            crate::report::output::check_backup(path, target.force, &ctx.protected())?;
            let store = ctx.open_read()?;
            let tmp = crate::report::output::temp_beside(path);
            let result = store
                .backup(&tmp)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    if target.force {
                        // Atomic: a reader sees the old backup or the new one.
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
            tracing::info!(path = %path.display(), "backup written");
            ctx.say(&Message::BackupWritten(path.clone()));
        }
    }
    Ok(())
}

/// A value of a field as people read it in the log: lists spelled out,
/// a whole record summed up, none as ∅.
pub fn shown_value(field: &str, value: Option<&str>, lang: Lang) -> String {
    let Some(v) = value else {
        return "∅".to_string();
    };
    let text = match field {
        "phases" => crate::review::kinds::parse_phases(v)
            .map(|list| {
                list.iter()
                    .map(|(due, text)| format!("{text} ({} {due})", L::DueBy.text(lang)))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_else(|| v.to_string()),
        "targets" => crate::review::kinds::parse_targets(v)
            .map(|list| {
                list.iter()
                    .map(|(e, k)| match e {
                        Some(e) => format!("{e} ({} {})", k.dataset, k.display()),
                        None => format!("{} {}", k.dataset, k.display()),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| v.to_string()),
        "*" => L::WholeRecord.text(lang).to_string(),
        _ => v.to_string(),
    };
    clean(&text).into_owned()
}

fn log_line(e: &AuditEntry, lang: Lang) -> String {
    let who = match (&e.account, &e.name) {
        (Some(a), Some(n)) if a != n => format!("{} ({})", clean(n), clean(a)),
        _ => clean(&e.who).into_owned(),
    };
    let item = match &e.item {
        Some(crate::review::RecordName::Entry(_)) | None => String::new(),
        Some(i) => format!(" {i}"),
    };
    let place = if e.key.dataset.is_empty() {
        L::StoreLower.text(lang).to_string()
    } else {
        key_label(&e.key, lang)
    };
    if e.field == "*" {
        return format!(
            "{:>5}  {}  {}  {place}{item}  {}: {}",
            e.id,
            crate::review::time::stamp(e.at),
            who,
            e.record,
            shown_value("*", e.new.as_deref(), lang)
        );
    }
    format!(
        "{:>5}  {}  {}  {place}{item}  {}: {} → {}",
        e.id,
        crate::review::time::stamp(e.at),
        who,
        e.field,
        shown_value(&e.field, e.old.as_deref(), lang),
        shown_value(&e.field, e.new.as_deref(), lang)
    )
}

fn key_label(key: &ReviewKey, lang: Lang) -> String {
    let variant = if key.variant > 1 {
        format!(" ({} {})", L::Variant.text(lang), key.variant)
    } else {
        String::new()
    };
    format!("{} {}{variant}", clean(&key.dataset), clean(&key.display()))
}

fn describe(r: &Review, lang: Lang) -> String {
    let mut parts = vec![
        key_label(&r.key, lang),
        format!("{} {}", L::StatusLower.text(lang), r.status.label()),
    ];
    if let Some(j) = r.judgement {
        parts.push(format!("{} {}", L::JudgementLower.text(lang), j.label()));
    }
    parts.join(" · ")
}

fn write_review(out: &mut dyn Write, r: &Review, lang: Lang) -> std::io::Result<()> {
    writeln!(out, "  {:<12} {}", L::Status.text(lang), r.status.label())?;
    for (i, l) in r.indicators.iter() {
        writeln!(out, "  {:<48} {}", i.label(), l.map_or("—", |l| l.label()))?;
    }
    if let Some(j) = r.judgement {
        writeln!(out, "  {:<12} {}", L::Judgement.text(lang), j.label())?;
    }
    if !r.motivation.is_empty() {
        writeln!(
            out,
            "  {:<12} {}",
            L::Motivation.text(lang),
            clean(&r.motivation)
        )?;
    }
    if !r.office.is_empty() || r.interview_date.is_some() || !r.present.is_empty() {
        writeln!(
            out,
            "  {:<12} {} · {} · {}: {}",
            L::Interview.text(lang),
            clean(&r.office),
            r.interview_date.map(|d| d.to_string()).unwrap_or_default(),
            L::Present.text(lang),
            clean(&r.present)
        )?;
    }
    if !r.notes.is_empty() {
        writeln!(out, "  {}", L::Notes.text(lang))?;
        for line in r.notes.lines() {
            writeln!(out, "    {}", clean(line))?;
        }
    }
    writeln!(
        out,
        "  {} {} ({})",
        L::LastChange.text(lang),
        r.updated_at
            .map(crate::review::time::stamp)
            .unwrap_or_default(),
        clean(&r.updated_by)
    )
}
