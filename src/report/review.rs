//! The officer's report: every entry with records, grouped by office, as
//! Markdown (to attach to the plan), CSV or JSON; the workbook is in
//! `workbook.rs`. Each entry carries its review, risk area, events and
//! measures; the Markdown ends with the ranking and the schedule.

use super::csv_out::Table;
use super::markdown::{md, write_fields};
use super::register::{self, Record};
use crate::display::responsible;
use crate::model::{Map, Node};
use crate::review::measures::Measure;
use crate::review::{Indicator, Store, StoreError};
use jiff::civil::Date;
use std::io::Write;

/// What `review export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
    Xlsx,
}

impl ReportFormat {
    pub const NAMES: [&'static str; 4] = ["md", "csv", "json", "xlsx"];
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "md" => Ok(ReportFormat::Md),
            "csv" => Ok(ReportFormat::Csv),
            "json" => Ok(ReportFormat::Json),
            "xlsx" => Ok(ReportFormat::Xlsx),
            other => Err(other.to_string()),
        }
    }
}

/// The office an entry belongs to in the report: the interview's office,
/// else the entry's Servizio, else its first responsible party.
pub fn office_of(r: &Record) -> String {
    if let Some(review) = &r.review {
        if !review.office.trim().is_empty() {
            return review.office.trim().to_string();
        }
    }
    r.entry
        .and_then(|(_, n): (_, &Node)| {
            let parties = crate::roles::node_parties(n);
            parties
                .iter()
                .find(|(k, _)| *k == crate::roles::PartyKind::Servizio)
                .or(parties.first())
                .map(|(_, name)| name.clone())
        })
        .unwrap_or_else(|| "(ufficio non indicato)".to_string())
}

/// One entry in the report, with its office.
pub struct ReportRow<'a> {
    pub office: String,
    pub record: Record<'a>,
}

/// The entries with records, for one office or all, by office then key.
pub fn rows<'a>(
    map: &'a Map,
    store: &Store,
    office: Option<&str>,
) -> Result<Vec<ReportRow<'a>>, StoreError> {
    let wanted = office.map(crate::roles::role_key);
    let mut rows: Vec<ReportRow> = register::records(map, store)?
        .into_iter()
        .map(|record| ReportRow {
            office: office_of(&record),
            record,
        })
        .filter(|row| {
            wanted.as_ref().is_none_or(|w| {
                crate::roles::role_key(&row.office).contains(w.as_str())
                    || office.is_some_and(|o| row.record.concerns(o))
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        a.office
            .to_lowercase()
            .cmp(&b.office.to_lowercase())
            .then(a.record.key.cmp(&b.record.key))
    });
    Ok(rows)
}

/// Writes the report; `excel` makes the CSV one an Italian Excel opens
/// by double-click.
pub fn write(
    rows: &[ReportRow],
    format: ReportFormat,
    today: Date,
    excel: bool,
    out: &mut dyn Write,
) -> Result<(), super::ReportError> {
    match format {
        ReportFormat::Json => write_json(rows, today, out),
        ReportFormat::Csv => write_csv(rows, today, excel, out),
        ReportFormat::Md => Ok(write_md(rows, today, out)?),
        ReportFormat::Xlsx => {
            let bytes = super::workbook::workbook(rows, today)?;
            Ok(out.write_all(&bytes)?)
        }
    }
}

fn measure_json(m: &Measure, today: Date) -> serde_json::Value {
    let mut v = serde_json::to_value(m).unwrap_or_default();
    v["state"] = serde_json::to_value(m.state()).unwrap_or_default();
    v["overdue"] = m.overdue(today).into();
    v
}

fn write_json(
    rows: &[ReportRow],
    today: Date,
    out: &mut dyn Write,
) -> Result<(), super::ReportError> {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let r = &row.record;
            serde_json::json!({
                "office": row.office,
                "key": r.key,
                "title": r.title,
                "review": r.review,
                "area": r.area,
                "suggested_area": r.area.is_none().then_some(r.suggested).flatten(),
                "events": r.events,
                "measures": r.measures.iter().map(|m| measure_json(m, today)).collect::<Vec<_>>(),
                "node": r.entry.map(|(_, n)| n),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

/// One table: a row per entry (`voce`), then its events (`evento`) and
/// measures (`misura`) as rows of their own.
fn write_csv(
    rows: &[ReportRow],
    today: Date,
    excel: bool,
    out: &mut dyn Write,
) -> Result<(), super::ReportError> {
    let mut w = Table::new(out, excel)?;
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
        "record",
        "area",
        "item",
        "text",
        "factors",
        "kind",
        "type",
        "owner",
        "due",
        "state",
        "overdue",
    ]);
    w.row(&header)?;
    for row in rows {
        let r = &row.record;
        let base = vec![
            row.office.clone(),
            r.key.dataset.clone(),
            r.key.key.clone(),
            r.key.variant.to_string(),
            r.title.clone(),
            r.entry.map(|(_, n)| responsible(n)).unwrap_or_default(),
        ];
        let review = r.review.as_ref();
        let mut rec = base.clone();
        rec.push(
            review
                .map(|v| v.status.label().to_string())
                .unwrap_or_default(),
        );
        rec.extend(Indicator::ALL.iter().map(|i| {
            review
                .and_then(|v| v.indicator(*i))
                .map_or(String::new(), |l| l.label().to_string())
        }));
        rec.extend([
            review
                .and_then(|v| v.judgement)
                .map_or(String::new(), |l| l.label().to_string()),
            review.map(|v| v.motivation.clone()).unwrap_or_default(),
            review
                .and_then(|v| v.interview_date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            review.map(|v| v.present.clone()).unwrap_or_default(),
            review.map(|v| v.notes.clone()).unwrap_or_default(),
            review
                .and_then(|v| v.updated_at)
                .map(crate::review::time::stamp)
                .unwrap_or_default(),
            review.map(|v| v.updated_by.clone()).unwrap_or_default(),
            r.entry.is_none().to_string(),
            "voce".into(),
            r.area.map(|a| a.label().to_string()).unwrap_or_default(),
        ]);
        rec.extend(std::iter::repeat_n(String::new(), 9));
        w.row(&rec)?;
        let blank_review = 1 + Indicator::ALL.len() + 7;
        for e in &r.events {
            let mut rec = base.clone();
            rec.extend(std::iter::repeat_n(String::new(), blank_review));
            rec.extend([
                (r.entry.is_none()).to_string(),
                "evento".into(),
                String::new(),
                e.id.to_string(),
                e.text.clone(),
                e.factors
                    .iter()
                    .map(|f| f.slug())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
            rec.extend(std::iter::repeat_n(String::new(), 6));
            w.row(&rec)?;
        }
        for m in &r.measures {
            let mut rec = base.clone();
            rec.extend(std::iter::repeat_n(String::new(), blank_review));
            rec.extend([
                (r.entry.is_none()).to_string(),
                "misura".into(),
                String::new(),
                m.id.to_string(),
                m.text.clone(),
                String::new(),
                m.kind.slug().into(),
                m.kind_of.slug().into(),
                m.owner.clone(),
                m.due.to_string(),
                m.state().map(|s| s.slug().to_string()).unwrap_or_default(),
                m.overdue(today).to_string(),
            ]);
            w.row(&rec)?;
        }
    }
    w.finish()?;
    Ok(())
}

fn write_md(rows: &[ReportRow], today: Date, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# Revisione della mappatura dei processi — relazione RPCT\n"
    )?;
    let events: usize = rows.iter().map(|r| r.record.events.len()).sum();
    let mut measures: Vec<&Measure> = rows.iter().flat_map(|r| r.record.measures.iter()).collect();
    measures.sort_by_key(|m| m.id);
    measures.dedup_by(|a, b| a.id == b.id);
    writeln!(
        out,
        "{} voci revisionate · {} eventi rischiosi · {} misure · aggiornata al {today}.\n",
        rows.len(),
        events,
        measures.len()
    )?;
    let mut current: Option<&str> = None;
    for row in rows {
        let r = &row.record;
        if current != Some(row.office.as_str()) {
            writeln!(out, "## {}\n", md(&row.office))?;
            current = Some(row.office.as_str());
        }
        writeln!(out, "### {} {}\n", md(&r.key.display()), md(&r.title))?;
        match r.entry {
            Some((ds, node)) => {
                writeln!(out, "- **Dataset:** {}", md(&ds.id))?;
                write_fields(node, out)?;
            }
            None => writeln!(
                out,
                "- ⚠ **Voce non più presente nella mappa** (revisione orfana)"
            )?,
        }
        match (r.area, r.suggested) {
            (Some(a), _) => writeln!(out, "- **Area di rischio:** {}", a.label())?,
            (None, Some(a)) => writeln!(out, "- **Area di rischio:** {} (suggerita)", a.label())?,
            (None, None) => {}
        }
        if let Some(v) = &r.review {
            writeln!(out, "- **Stato:** {}", v.status.label())?;
            writeln!(
                out,
                "\n| Indicatore (PNA 2019, All. 1) | Livello |\n|---|---|"
            )?;
            for (i, l) in v.indicators.iter() {
                writeln!(out, "| {} | {} |", i.label(), l.map_or("—", |l| l.label()))?;
            }
            writeln!(out)?;
            match v.judgement {
                Some(j) => writeln!(
                    out,
                    "**Giudizio complessivo:** {} — {}\n",
                    j.label(),
                    md(&v.motivation)
                )?,
                None => writeln!(out, "**Giudizio complessivo:** non ancora espresso\n")?,
            }
            if !v.office.is_empty() || v.interview_date.is_some() {
                writeln!(
                    out,
                    "Intervista: {} {} — presenti: {}\n",
                    md(&v.office),
                    v.interview_date.map(|d| d.to_string()).unwrap_or_default(),
                    md(&v.present)
                )?;
            }
            if !v.notes.is_empty() {
                writeln!(out, "**Note:**\n")?;
                for line in v.notes.lines() {
                    writeln!(out, "> {}", md(line))?;
                }
                writeln!(out)?;
            }
        } else {
            writeln!(out)?;
        }
        if !r.events.is_empty() {
            writeln!(out, "**Eventi rischiosi:**\n")?;
            for e in &r.events {
                let f: Vec<&str> = e.factors.iter().map(|f| f.label()).collect();
                let factors = if f.is_empty() {
                    String::new()
                } else {
                    format!(" — fattori abilitanti: {}", f.join("; "))
                };
                writeln!(out, "- {} {}{factors}", e.id, md(&e.text))?;
            }
            writeln!(out)?;
        }
        if !r.measures.is_empty() {
            writeln!(out, "**Misure:**\n")?;
            for m in &r.measures {
                let state = m.state().map_or("da monitorare", |s| s.label());
                let late = if m.overdue(today) {
                    " — **scaduta**"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "- {} {} ({}, {}) — {} entro il {} — stato: {state}{late}",
                    m.id,
                    md(&m.text),
                    m.kind.label(),
                    m.kind_of.label(),
                    md(&m.owner),
                    m.due
                )?;
            }
            writeln!(out)?;
        }
        if let Some(v) = &r.review {
            writeln!(
                out,
                "_Ultima modifica {} ({})_\n",
                v.updated_at
                    .map(crate::review::time::stamp)
                    .unwrap_or_default(),
                md(&v.updated_by)
            )?;
        }
    }
    // The ponderazione.
    let mut ranked: Vec<Record> = rows
        .iter()
        .map(|r| r.record.clone())
        .filter(|r| r.review.is_some() || !r.events.is_empty())
        .collect();
    register::rank(&mut ranked);
    if !ranked.is_empty() {
        writeln!(out, "## Ponderazione del rischio\n")?;
        writeln!(
            out,
            "| # | Voce | Giudizio | Indicatori alti | Eventi |\n|---|---|---|---|---|"
        )?;
        for (i, r) in ranked.iter().enumerate() {
            writeln!(
                out,
                "| {} | {} {} | {} | {} | {} |",
                i + 1,
                md(&r.key.display()),
                md(&r.title),
                r.judgement().map_or("—", |j| j.label()),
                r.high_indicators(),
                r.events.len()
            )?;
        }
        writeln!(out)?;
    }
    // What is due soon or late.
    let mut soon: Vec<&Measure> = measures
        .iter()
        .copied()
        .filter(|m| m.due_soon(today, 30))
        .collect();
    soon.sort_by(|a, b| {
        b.overdue(today)
            .cmp(&a.overdue(today))
            .then(a.due.cmp(&b.due))
    });
    if !soon.is_empty() {
        writeln!(out, "## Misure in scadenza e scadute\n")?;
        writeln!(
            out,
            "| Misura | Ufficio | Scadenza | Stato |\n|---|---|---|---|"
        )?;
        for m in soon {
            let state = if m.overdue(today) {
                format!(
                    "**scaduta** ({})",
                    m.state().map_or("da monitorare", |s| s.label())
                )
            } else {
                m.state().map_or("da monitorare", |s| s.label()).to_string()
            };
            writeln!(
                out,
                "| {} {} | {} | {} | {state} |",
                m.id,
                md(&m.text),
                md(&m.owner),
                m.due
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
