//! `mappa review`: the RPCT's notes, status and risk judgement per entry.

use super::who::md;
use crate::display::responsible;
use crate::model::Code;
use crate::model::{Dataset, Map, Node};
use crate::review::{Change, Indicator, Level, Review, ReviewKey, Status, Store};
use crate::text::clean;
use anyhow::{anyhow, bail};
use std::io::Write;

#[derive(Debug, clap::Subcommand)]
pub enum ReviewCommand {
    /// Record status, notes, indicators, judgement or interview for an entry.
    Set {
        /// A code (A2.3.1.1) or a node id (ptpc2019:L50, for actions).
        target: String,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        /// Which of several entries with the same code (1, 2, ...).
        #[arg(long)]
        variant: Option<u32>,
        /// da esaminare, in esame, esaminato, da approfondire.
        #[arg(long)]
        status: Option<String>,
        /// The notes (replaces them; may span lines).
        #[arg(long)]
        note: Option<String>,
        /// NAME=LEVEL, e.g. interesse=alto (repeatable; LEVEL "-" unsets).
        #[arg(long = "indicator", value_name = "NAME=LEVEL")]
        indicators: Vec<String>,
        /// Overall judgement: basso, medio or alto (needs --motivation).
        #[arg(long)]
        judgement: Option<String>,
        #[arg(long)]
        motivation: Option<String>,
        /// The interview: office, date (YYYY-MM-DD) and people present.
        #[arg(long)]
        office: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        present: Option<String>,
        /// Apply the change N times, acknowledging each (durability tests).
        #[arg(long, hide = true)]
        repeat: Option<u32>,
    },
    /// What is recorded for an entry.
    Show {
        target: String,
        #[arg(long, value_name = "ID")]
        dataset: Option<String>,
        #[arg(long)]
        variant: Option<u32>,
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
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
}

/// Finds the entry a user means: a node id, or a code (+ dataset, variant).
pub fn resolve<'a>(
    map: &'a Map,
    target: &str,
    dataset: Option<&str>,
    variant: Option<u32>,
) -> anyhow::Result<&'a Node> {
    let datasets = super::select_datasets(map, dataset)?;
    if target.contains(':') {
        return datasets
            .iter()
            .find_map(|d| d.node(target))
            .ok_or_else(|| anyhow!("no entry has id \"{}\"", clean(target)));
    }
    let code = Code::parse(target)
        .ok_or_else(|| {
            anyhow!(
                "\"{}\" is not a code or an entry id (ptpc2019:L50)",
                clean(target)
            )
        })?
        .to_string();
    let found: Vec<&Node> = datasets
        .iter()
        .flat_map(|d| d.nodes.iter())
        .filter(|n| n.code.as_deref() == Some(code.as_str()))
        .collect();
    if found.is_empty() {
        bail!("no entry has code {code}; `mappa search` finds entries by their words");
    }
    let in_datasets: std::collections::BTreeSet<&str> =
        found.iter().map(|n| n.dataset.as_str()).collect();
    if in_datasets.len() > 1 {
        bail!(
            "{code} is in {}: add --dataset",
            in_datasets.into_iter().collect::<Vec<_>>().join(" and ")
        );
    }
    let keyed: Vec<(u32, &Node)> = found
        .iter()
        .map(|n| (ReviewKey::of(map, n).variant, *n))
        .collect();
    match variant {
        Some(v) => keyed
            .iter()
            .find(|(k, _)| *k == v)
            .map(|(_, n)| *n)
            .ok_or_else(|| anyhow!("{code} has no variant {v} (it has {})", keyed.len())),
        None if keyed.len() == 1 => Ok(keyed[0].1),
        None => {
            let list: Vec<String> = keyed
                .iter()
                .map(|(v, n)| format!("  --variant {v}: {}", clean(&n.title)))
                .collect();
            bail!(
                "{code} has {} variants; choose one:\n{}",
                keyed.len(),
                list.join("\n")
            )
        }
    }
}

fn parse_indicator(spec: &str) -> anyhow::Result<(Indicator, Option<Level>)> {
    let (name, level) = spec
        .split_once('=')
        .ok_or_else(|| anyhow!("--indicator takes NAME=LEVEL, e.g. interesse=alto"))?;
    let indicator = Indicator::parse(name)?;
    let level = match level.trim() {
        "-" | "" => None,
        l => Some(Level::parse(l)?),
    };
    Ok((indicator, level))
}

pub fn run(
    map: &Map,
    store: &mut Store,
    command: ReviewCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        ReviewCommand::Set {
            target,
            dataset,
            variant,
            status,
            note,
            indicators,
            judgement,
            motivation,
            office,
            date,
            present,
            repeat,
        } => {
            // Everything is checked before anything is written.
            let node = resolve(map, &target, dataset.as_deref(), variant)?;
            let key = ReviewKey::of(map, node);
            let mut changes = Vec::new();
            if let Some(s) = status {
                changes.push(Change::Status(Status::parse(&s)?));
            }
            if let Some(n) = &note {
                changes.push(Change::Notes(n.clone()));
            }
            for spec in &indicators {
                let (i, l) = parse_indicator(spec)?;
                changes.push(Change::Indicator(i, l));
            }
            match (judgement, motivation) {
                (Some(j), Some(m)) => changes.push(Change::Judgement(Level::parse(&j)?, m)),
                (Some(_), None) => bail!("a judgement needs a motivation: add --motivation TEXT"),
                (None, Some(_)) => bail!("--motivation goes with --judgement LEVEL"),
                (None, None) => {}
            }
            if office.is_some() || date.is_some() || present.is_some() {
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
            if changes.is_empty() {
                bail!("nothing to record: give --status, --note, --indicator, --judgement or --office/--date/--present");
            }
            match repeat {
                None => {
                    let review = store.apply(&key, &node.title, &changes)?;
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
                        store.apply(&key, &node.title, &numbered)?;
                        writeln!(out, "ok {i}")?;
                        out.flush()?;
                    }
                }
            }
        }
        ReviewCommand::Show {
            target,
            dataset,
            variant,
            json,
        } => {
            let node = resolve(map, &target, dataset.as_deref(), variant)?;
            let key = ReviewKey::of(map, node);
            let review = store.get(&key)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &review)?;
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
            let key = match &target {
                Some(t) => Some(ReviewKey::of(
                    map,
                    resolve(map, t, dataset.as_deref(), variant)?,
                )),
                None => None,
            };
            let entries = store.log(key.as_ref())?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &entries)?;
                writeln!(out)?;
                return Ok(());
            }
            for e in entries {
                writeln!(
                    out,
                    "{}  {}  {}  {}: {} → {}",
                    e.at,
                    clean(&e.who),
                    key_label(&e.key),
                    e.field,
                    clean(e.old.as_deref().unwrap_or("∅")),
                    clean(e.new.as_deref().unwrap_or("∅"))
                )?;
            }
        }
        ReviewCommand::Orphans { json } => {
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
            output,
        } => {
            let mut buf = Vec::new();
            export(map, store, office.as_deref(), format, &mut buf)?;
            match output {
                Some(path) => {
                    std::fs::write(&path, buf)
                        .map_err(|e| anyhow!("cannot write {}: {e}", path.display()))?;
                    eprintln!("mappa: written {}", path.display());
                }
                None => out.write_all(&buf)?,
            }
        }
    }
    Ok(())
}

fn key_label(key: &ReviewKey) -> String {
    let variant = if key.variant > 1 {
        format!(" (variante {})", key.variant)
    } else {
        String::new()
    };
    format!("{} {}{variant}", key.dataset, clean(&key.display()))
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
            r.interview_date,
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
        r.updated_at,
        clean(&r.updated_by)
    )
}

/// The office a review belongs to in the report: the interview's office,
/// else the entry's first responsible party.
fn office_of(r: &Review, node: Option<&Node>) -> String {
    if !r.office.trim().is_empty() {
        return r.office.trim().to_string();
    }
    node.and_then(|n| {
        let parties = crate::roles::node_parties(n);
        parties
            .iter()
            .find(|(k, _)| *k == crate::roles::PartyKind::Servizio)
            .or(parties.first())
            .map(|(_, name)| name.clone())
    })
    .unwrap_or_else(|| "(ufficio non indicato)".to_string())
}

/// One review in the report: its office, the review and its entry (if any).
type ReportRow<'a> = (String, Review, Option<(&'a Dataset, &'a Node)>);

fn export(
    map: &Map,
    store: &Store,
    office: Option<&str>,
    format: ReportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let keys = crate::review::all_keys(map);
    let nodes: std::collections::HashMap<ReviewKey, (&Dataset, &Node)> = map
        .datasets
        .iter()
        .zip(keys)
        .flat_map(|(d, ks)| d.nodes.iter().zip(ks).map(move |(n, k)| (k, (d, n))))
        .collect();
    let wanted = office.map(crate::roles::role_key);
    let mut rows: Vec<ReportRow> = store
        .all()?
        .into_iter()
        .map(|r| {
            let found = nodes.get(&r.key).copied();
            (office_of(&r, found.map(|(_, n)| n)), r, found)
        })
        .filter(|(o, _, _)| {
            wanted
                .as_ref()
                .is_none_or(|w| crate::roles::role_key(o).contains(w.as_str()))
        })
        .collect();
    rows.sort_by(|a, b| {
        a.0.to_lowercase()
            .cmp(&b.0.to_lowercase())
            .then(a.1.key.cmp(&b.1.key))
    });
    match format {
        ReportFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(o, r, n)| serde_json::json!({ "office": o, "review": r, "node": n.map(|(_, n)| n) }))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let mut header = vec![
                "office",
                "dataset",
                "key",
                "variant",
                "title",
                "responsible",
                "status",
            ];
            header.extend(Indicator::ALL.iter().map(|i| i.short()));
            header.extend([
                "judgement",
                "motivation",
                "interview_date",
                "present",
                "notes",
                "updated_at",
                "updated_by",
                "orphan",
            ]);
            w.write_record(&header)?;
            for (o, r, n) in &rows {
                let mut rec = vec![
                    o.clone(),
                    r.key.dataset.clone(),
                    r.key.key.clone(),
                    r.key.variant.to_string(),
                    r.title.clone(),
                    n.map(|(_, n)| responsible(n)).unwrap_or_default(),
                    r.status.label().to_string(),
                ];
                rec.extend(Indicator::ALL.iter().map(|i| {
                    r.indicator(*i)
                        .map_or(String::new(), |l| l.label().to_string())
                }));
                rec.extend([
                    r.judgement.map_or(String::new(), |l| l.label().to_string()),
                    r.motivation.clone(),
                    r.interview_date.clone(),
                    r.present.clone(),
                    r.notes.clone(),
                    r.updated_at.clone(),
                    r.updated_by.clone(),
                    n.is_none().to_string(),
                ]);
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        ReportFormat::Md => {
            writeln!(
                out,
                "# Revisione della mappatura dei processi — relazione RPCT\n"
            )?;
            writeln!(out, "{} voci revisionate.\n", rows.len())?;
            let mut current: Option<&str> = None;
            for (o, r, n) in &rows {
                if current != Some(o.as_str()) {
                    writeln!(out, "## {}\n", md(o))?;
                    current = Some(o.as_str());
                }
                writeln!(out, "### {} {}\n", md(&r.key.display()), md(&r.title))?;
                match n {
                    Some((ds, node)) => {
                        writeln!(out, "- **Dataset:** {}", ds.id)?;
                        super::who::write_md_fields(node, out)?;
                    }
                    None => writeln!(
                        out,
                        "- ⚠ **Voce non più presente nella mappa** (revisione orfana)"
                    )?,
                }
                writeln!(out, "- **Stato:** {}", r.status.label())?;
                writeln!(
                    out,
                    "\n| Indicatore (PNA 2019, All. 1) | Livello |\n|---|---|"
                )?;
                for (i, l) in &r.indicators {
                    writeln!(out, "| {} | {} |", i.label(), l.map_or("—", |l| l.label()))?;
                }
                writeln!(out)?;
                match r.judgement {
                    Some(j) => writeln!(
                        out,
                        "**Giudizio complessivo:** {} — {}\n",
                        j.label(),
                        md(&r.motivation)
                    )?,
                    None => writeln!(out, "**Giudizio complessivo:** non ancora espresso\n")?,
                }
                if !r.office.is_empty() || !r.interview_date.is_empty() {
                    writeln!(
                        out,
                        "Intervista: {} {} — presenti: {}\n",
                        md(&r.office),
                        r.interview_date,
                        md(&r.present)
                    )?;
                }
                if !r.notes.is_empty() {
                    writeln!(out, "**Note:**\n")?;
                    for line in r.notes.lines() {
                        writeln!(out, "> {}", md(line))?;
                    }
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "_Ultima modifica {} ({})_\n",
                    r.updated_at,
                    md(&r.updated_by)
                )?;
            }
        }
    }
    Ok(())
}
