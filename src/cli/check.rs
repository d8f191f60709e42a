//! `mappa check`: the data-quality report.

use super::args::{MapArgs, TextOutput};
use crate::i18n::cli::{Label as L, Message};
use crate::i18n::Lang;
use crate::model::{Dataset, DiagClass, Map, Severity};
use crate::text::clean;
use std::io::Write;

/// `mappa check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub output: TextOutput,
    #[command(flatten)]
    pub map: MapArgs,
}

/// Prints the report, as text or JSON. Returns whether the map passes: it
/// has a dataset, and no diagnostic is an error (the binary exits 1 when it
/// does not).
pub fn run(map: &Map, json: bool, lang: Lang, out: &mut dyn Write) -> anyhow::Result<bool> {
    let all: Vec<_> = map
        .datasets
        .iter()
        .flat_map(|d| d.diagnostics.iter())
        .collect();
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let passes = !map.datasets.is_empty() && count(Severity::Error) == 0;
    if json {
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)?;
        return Ok(passes);
    }
    if map.datasets.is_empty() {
        writeln!(out, "{}", L::EmptyMap.text(lang))?;
    }
    for ds in &map.datasets {
        let counts = Message::DatasetCounts {
            entries: ds.nodes.len(),
            diagnostics: ds.diagnostics.len(),
        };
        writeln!(
            out,
            "{} ({}): {}",
            ds.id,
            clean(&origin(ds, lang)),
            counts.text(lang)
        )?;
        // A map read from a spreadsheet is named by its file throughout.
        let sheet = ds.diagnostics.iter().any(|d| {
            d.place.is_some() || matches!(d.class, DiagClass::Encoding | DiagClass::SheetIgnored)
        });
        for d in &ds.diagnostics {
            let sev = match d.severity {
                Severity::Info => L::Info,
                Severity::Warning => L::Warning,
                Severity::Error => L::Error,
            }
            .text(lang);
            // A spreadsheet's diagnostics name the cell as a person finds
            // it (`mappa.xlsx: Mappatura!C12`); a text source's, the line.
            let at = match &d.place {
                Some(place) => format!("{}: {}", clean(&ds.source), clean(&place.to_string())),
                // Of the whole file (its encoding, an inferred parent).
                None if sheet => clean(&ds.source).to_string(),
                None => {
                    let line = d.line.map_or_else(|| "-".to_string(), |l| l.to_string());
                    format!("{}:{line}", ds.id)
                }
            };
            writeln!(out, "  {at}: {sev}: [{}] {}", d.class, clean(&d.message))?;
        }
    }
    let totals = Message::DiagnosticTotals {
        all: all.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Info),
    };
    writeln!(out, "{}", totals.text(lang))?;
    Ok(passes)
}

/// Where a dataset was read from: the file given, and for an export the
/// document it was exported from.
fn origin(ds: &Dataset, lang: Lang) -> String {
    match ds.loaded_from.as_deref() {
        Some(file) if file != ds.source => {
            format!("{file}, {} {}", L::ExportedFrom.text(lang), ds.source)
        }
        Some(file) => file.to_string(),
        None => ds.source.clone(),
    }
}
