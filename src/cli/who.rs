//! `mappa who`: who is responsible for what.

use crate::display::responsible;
use crate::model::{Dataset, Map, Node};
use crate::report::{csv_out, macro_of, markdown};
use crate::roles::{Party, Responsibilities};
use crate::text::clean;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WhoFormat {
    Text,
    Md,
    Csv,
}

/// `mappa who` with no name: every party with its number of entries.
pub fn list(
    map: &Map,
    dataset: Option<&str>,
    json: bool,
    format: WhoFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let datasets = super::select_datasets(map, dataset)?;
    let resp = Responsibilities::new(map);
    if json {
        let parties: Vec<&Party> = resp
            .parties
            .iter()
            .filter(|p| datasets.iter().any(|d| d.id == p.dataset))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &parties)?;
        writeln!(out)?;
        return Ok(());
    }
    match format {
        WhoFormat::Csv => {
            let mut w = csv_out::Table::new(out);
            w.row(["dataset", "kind", "name", "entries", "spellings"])?;
            for ds in datasets {
                for p in resp.for_dataset(&ds.id) {
                    w.row([
                        p.dataset.as_str(),
                        p.kind.label(),
                        &p.name,
                        &p.count.to_string(),
                        &p.spellings.join(" | "),
                    ])?;
                }
            }
            w.finish()?;
        }
        WhoFormat::Md => {
            writeln!(out, "# Responsabili\n")?;
            for ds in datasets {
                writeln!(out, "## {}\n", markdown::md(&ds.id))?;
                writeln!(out, "| Responsabile | Tipo | Voci |\n|---|---|---|")?;
                for p in resp.for_dataset(&ds.id) {
                    writeln!(
                        out,
                        "| {} | {} | {} |",
                        markdown::md(&p.name),
                        p.kind.label(),
                        p.count
                    )?;
                }
                writeln!(out)?;
            }
        }
        WhoFormat::Text => {
            for ds in datasets {
                let parties: Vec<&Party> = resp.for_dataset(&ds.id).collect();
                writeln!(out, "{} — {} responsabili", clean(&ds.id), parties.len())?;
                for p in parties {
                    let also: Vec<&String> = p.spellings.iter().filter(|s| **s != p.name).collect();
                    let also = if also.is_empty() {
                        String::new()
                    } else {
                        let list: Vec<String> =
                            also.iter().map(|s| clean(s).into_owned()).collect();
                        format!("  (anche: {})", list.join("; "))
                    };
                    writeln!(
                        out,
                        "  {:>4}  {}  [{}]{also}",
                        p.count,
                        clean(&p.name),
                        p.kind.label()
                    )?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// The entries a party is responsible for, in tree order, deduplicated.
pub fn entries<'a>(map: &'a Map, parties: &[&Party]) -> Vec<(&'a Dataset, &'a Node)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for p in parties {
        let Some(di) = map.datasets.iter().position(|d| d.id == p.dataset) else {
            continue;
        };
        for &n in &p.nodes {
            if !out.contains(&(di, n)) {
                out.push((di, n));
            }
        }
    }
    out.sort();
    out.into_iter()
        .map(|(d, n)| (&map.datasets[d], &map.datasets[d].nodes[n]))
        .collect()
}

/// `mappa who NAME`.
pub fn show(
    map: &Map,
    name: &str,
    dataset: Option<&str>,
    json: bool,
    format: WhoFormat,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    super::select_datasets(map, dataset)?;
    let resp = Responsibilities::new(map);
    let parties = resp.find(name, dataset);
    if parties.is_empty() {
        return Ok(false);
    }
    let found = entries(map, &parties);
    if json {
        let nodes: Vec<&Node> = found.iter().map(|(_, n)| *n).collect();
        serde_json::to_writer_pretty(&mut *out, &nodes)?;
        writeln!(out)?;
        return Ok(true);
    }
    let names: Vec<String> = parties
        .iter()
        .map(|p| {
            format!(
                "{} ({} · {})",
                clean(&p.name),
                p.kind.label(),
                clean(&p.dataset)
            )
        })
        .collect();
    match format {
        WhoFormat::Text => write_text(&found, &names, out)?,
        WhoFormat::Md => markdown::write_entries(
            &found,
            &format!("Responsabilità: {}", names.join(", ")),
            out,
        )?,
        WhoFormat::Csv => csv_out::write_entries(&found, out)?,
    }
    Ok(true)
}

/// Names close to `name`, to suggest when nothing matched.
pub fn suggestions(map: &Map, name: &str, dataset: Option<&str>) -> Vec<String> {
    let resp = Responsibilities::new(map);
    let mut out: Vec<String> = Vec::new();
    for p in resp.suggest(name, dataset) {
        if !out.contains(&p.name) {
            out.push(p.name.clone());
        }
        if out.len() == 5 {
            break;
        }
    }
    out
}

fn write_text(
    found: &[(&Dataset, &Node)],
    names: &[String],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}: {} voci", names.join(", "), found.len())?;
    let mut last_group: Option<(&str, Option<&str>)> = None;
    for (ds, node) in found {
        let group = macro_of(ds, node);
        let key = (ds.id.as_str(), group.map(|g| g.id.as_str()));
        if last_group != Some(key) {
            let title = group.map_or_else(String::new, |g| {
                format!("{} {}", g.code.as_deref().unwrap_or(""), clean(&g.title))
            });
            writeln!(out, "\n{} · {}", clean(&ds.id), title.trim())?;
            last_group = Some(key);
        }
        // Actions have no code: show where they sit instead.
        let code = match (&node.code, &node.parent_code) {
            (Some(c), _) => c.clone(),
            (None, Some(p)) => format!("{p} ›"),
            (None, None) => "—".into(),
        };
        writeln!(out, "  {code:<12} {}", clean(&node.title))?;
        writeln!(out, "  {:<12} {}", "", responsible(node))?;
    }
    Ok(())
}
