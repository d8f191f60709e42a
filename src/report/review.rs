//! The officer's report: every review grouped by office, as Markdown (to
//! attach to the plan), CSV or JSON.

use super::csv_out::Table;
use super::markdown::{md, write_fields};
use super::Entry;
use crate::display::responsible;
use crate::model::{Map, Node};
use crate::review::{all_keys, Indicator, Review, ReviewKey, Store};
use std::collections::HashMap;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
}

/// The office a review belongs to in the report: the interview's office,
/// else the entry's Servizio, else its first responsible party.
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
pub struct ReportRow<'a> {
    pub office: String,
    pub review: Review,
    pub entry: Option<Entry<'a>>,
}

/// The reviews of the store, with their entries, for one office or all,
/// sorted by office then key.
pub fn rows<'a>(
    map: &'a Map,
    store: &Store,
    office: Option<&str>,
) -> anyhow::Result<Vec<ReportRow<'a>>> {
    let keys = all_keys(map);
    let nodes: HashMap<ReviewKey, Entry> = map
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
            let entry = nodes.get(&r.key).copied();
            ReportRow {
                office: office_of(&r, entry.map(|(_, n)| n)),
                review: r,
                entry,
            }
        })
        .filter(|row| {
            wanted
                .as_ref()
                .is_none_or(|w| crate::roles::role_key(&row.office).contains(w.as_str()))
        })
        .collect();
    rows.sort_by(|a, b| {
        a.office
            .to_lowercase()
            .cmp(&b.office.to_lowercase())
            .then(a.review.key.cmp(&b.review.key))
    });
    Ok(rows)
}

pub fn write(rows: &[ReportRow], format: ReportFormat, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        ReportFormat::Json => write_json(rows, out),
        ReportFormat::Csv => write_csv(rows, out),
        ReportFormat::Md => Ok(write_md(rows, out)?),
    }
}

fn write_json(rows: &[ReportRow], out: &mut dyn Write) -> anyhow::Result<()> {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::json!({ "office": r.office, "review": r.review, "node": r.entry.map(|(_, n)| n) }))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

fn write_csv(rows: &[ReportRow], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = Table::new(out);
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
    w.row(&header)?;
    for row in rows {
        let r = &row.review;
        let mut rec = vec![
            row.office.clone(),
            r.key.dataset.clone(),
            r.key.key.clone(),
            r.key.variant.to_string(),
            r.title.clone(),
            row.entry.map(|(_, n)| responsible(n)).unwrap_or_default(),
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
            row.entry.is_none().to_string(),
        ]);
        w.row(&rec)?;
    }
    w.finish()?;
    Ok(())
}

fn write_md(rows: &[ReportRow], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# Revisione della mappatura dei processi — relazione RPCT\n"
    )?;
    writeln!(out, "{} voci revisionate.\n", rows.len())?;
    let mut current: Option<&str> = None;
    for row in rows {
        let r = &row.review;
        if current != Some(row.office.as_str()) {
            writeln!(out, "## {}\n", md(&row.office))?;
            current = Some(row.office.as_str());
        }
        writeln!(out, "### {} {}\n", md(&r.key.display()), md(&r.title))?;
        match row.entry {
            Some((ds, node)) => {
                writeln!(out, "- **Dataset:** {}", md(&ds.id))?;
                write_fields(node, out)?;
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
                md(&r.interview_date),
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
            md(&r.updated_at),
            md(&r.updated_by)
        )?;
    }
    Ok(())
}
