//! `mappa export`: the whole map as JSON (loadable again with `--data`), CSV
//! (one row per node) or Markdown (a readable document).

use super::select_datasets;
use super::who::md;
use crate::display::responsible;
use crate::import::json::Export;
use crate::model::{Dataset, Map, Node};
use crate::text::clean;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Md,
}

pub fn run(
    map: &Map,
    dataset: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let datasets = select_datasets(map, dataset)?;
    match format {
        Format::Json => write_json(&datasets, out),
        Format::Csv => write_csv(&datasets, out),
        Format::Md => write_md(&datasets, out),
    }
}

/// The JSON export; `mappa --data` reads it back to the same bytes.
pub fn write_json(datasets: &[&Dataset], out: &mut dyn Write) -> anyhow::Result<()> {
    let export = Export {
        mappa: env!("CARGO_PKG_VERSION").to_string(),
        datasets: datasets.iter().map(|d| (*d).clone()).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &export)?;
    writeln!(out)?;
    Ok(())
}

pub const CSV_HEADER: [&str; 18] = [
    "dataset",
    "id",
    "code",
    "raw_code",
    "level",
    "kind",
    "title",
    "name",
    "input",
    "output",
    "activities",
    "role",
    "structures",
    "parent",
    "parent_code",
    "inferred",
    "line",
    "diagnostics",
];

fn kind_name(node: &Node) -> String {
    serde_json::to_value(node.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One row per node with every field; lists are joined with " | ".
pub fn write_csv(datasets: &[&Dataset], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for ds in datasets {
        for n in &ds.nodes {
            let structures: Vec<String> = n
                .structures
                .iter()
                .map(|s| format!("{} / {}", s.area, s.servizio))
                .collect();
            w.write_record([
                n.dataset.as_str(),
                &n.id,
                n.code.as_deref().unwrap_or(""),
                &n.raw_code,
                &n.level.to_string(),
                &kind_name(n),
                &n.title,
                &n.name,
                &n.input,
                &n.output,
                &n.activities.join(" | "),
                &n.role,
                &structures.join(" | "),
                n.parent.as_deref().unwrap_or(""),
                n.parent_code.as_deref().unwrap_or(""),
                if n.inferred { "true" } else { "false" },
                &n.line.map(|l| l.to_string()).unwrap_or_default(),
                &n.diagnostics.join(" | "),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// A readable document: one heading per node down to level 4, deeper nodes
/// as list items, responsible first.
pub fn write_md(datasets: &[&Dataset], out: &mut dyn Write) -> anyhow::Result<()> {
    for (i, ds) in datasets.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "# {}\n", md(&ds.title))?;
        writeln!(
            out,
            "Fonte: `{}` · {} voci · {} segnalazioni (`mappa check`)\n",
            clean(&ds.source),
            ds.nodes.len(),
            ds.diagnostics.len()
        )?;
        for n in &ds.nodes {
            let code = n
                .code
                .as_deref()
                .map(|c| format!("{c} "))
                .unwrap_or_default();
            let title = if n.title.is_empty() {
                "(voce non presente nella fonte, dedotta dal codice)".to_string()
            } else {
                md(&n.title)
            };
            let heading_level = (n.level as usize + 1).min(6);
            writeln!(out, "{} {code}{title}\n", "#".repeat(heading_level))?;
            let mut lines = Vec::new();
            let who = responsible(n);
            if !who.is_empty() {
                lines.push(format!("- **Responsabile:** {}", md(&who)));
            }
            if !n.name.is_empty() && n.name != n.title {
                lines.push(format!("- **Nome:** {}", md(&n.name)));
            }
            if !n.input.is_empty() {
                lines.push(format!("- **Input:** {}", md(&n.input)));
            }
            if !n.output.is_empty() {
                lines.push(format!("- **Output:** {}", md(&n.output)));
            }
            if !n.activities.is_empty() {
                lines.push("- **Attività:**".to_string());
                for (k, a) in n.activities.iter().enumerate() {
                    lines.push(format!("    {}. {}", k + 1, md(a)));
                }
            }
            for d in &n.diagnostics {
                lines.push(format!("- ⚠ {}", md(d)));
            }
            if !lines.is_empty() {
                writeln!(out, "{}\n", lines.join("\n"))?;
            }
        }
    }
    Ok(())
}
