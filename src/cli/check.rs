//! `mappa check`: the data-quality report.

use crate::model::{Map, Severity};
use crate::text::clean;
use std::io::Write;

pub fn run(map: &Map, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let all: Vec<_> = map
        .datasets
        .iter()
        .flat_map(|d| d.diagnostics.iter())
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)?;
        return Ok(());
    }
    for ds in &map.datasets {
        writeln!(
            out,
            "{} ({}): {} voci, {} segnalazioni",
            ds.id,
            clean(&ds.source),
            ds.nodes.len(),
            ds.diagnostics.len()
        )?;
        for d in &ds.diagnostics {
            let line = d.line.map_or_else(|| "-".to_string(), |l| l.to_string());
            let sev = match d.severity {
                Severity::Info => "nota",
                Severity::Warning => "avviso",
                Severity::Error => "errore",
            };
            writeln!(
                out,
                "  {}:{line}: {sev}: [{}] {}",
                ds.id,
                d.class,
                clean(&d.message)
            )?;
        }
    }
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    writeln!(
        out,
        "{} segnalazioni: {} errori, {} avvisi, {} note",
        all.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )?;
    Ok(())
}
