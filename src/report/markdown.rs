//! Markdown documents: the whole map, and a list of entries for an
//! interview (`mappa who NAME --format md`, Ctrl-S in the explorer).

use super::{macro_of, Entry};
use crate::display::responsible;
use crate::model::{Dataset, Node};
use std::io::{self, Write};

/// Text for Markdown on one line, emphasis escaped.
pub fn md(s: &str) -> String {
    // Verbatim (a document is not a terminal: `emit` makes it safe when
    // it is shown on one), on one line, with Markdown's emphasis escaped.
    s.replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

/// The map data of an entry as Markdown list items, responsible first.
pub fn write_fields(node: &Node, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "- **Responsabile:** {}", md(&responsible(node)))?;
    if !node.input.is_empty() {
        writeln!(out, "- **Input:** {}", md(&node.input))?;
    }
    if !node.output.is_empty() {
        writeln!(out, "- **Output:** {}", md(&node.output))?;
    }
    let steps = node.activities.list();
    if !steps.is_empty() {
        writeln!(out, "- **Attività:**")?;
        for (i, a) in steps.iter().enumerate() {
            writeln!(out, "    {}. {}", i + 1, md(a))?;
        }
    }
    Ok(())
}

/// A document for an interview: entries grouped by macro-process with their
/// map data, responsible first.
pub fn write_entries(found: &[Entry], title: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", md(title))?;
    writeln!(out, "{} voci.\n", found.len())?;
    let mut last_group: Option<(&str, Option<&str>)> = None;
    for (ds, node) in found {
        let group = macro_of(ds, node);
        let key = (ds.id.as_str(), group.map(|g| g.id.as_str()));
        if last_group != Some(key) {
            let heading = group.map_or_else(String::new, |g| {
                format!("{} {}", g.code.as_deref().unwrap_or(""), md(&g.title))
            });
            writeln!(out, "## {} · {}\n", md(&ds.id), heading.trim())?;
            last_group = Some(key);
        }
        let code = node
            .code
            .as_deref()
            .map(|c| format!("{c} "))
            .unwrap_or_default();
        writeln!(out, "### {code}{}\n", md(&node.title))?;
        let crumbs: Vec<String> = ds
            .ancestors(node)
            .iter()
            .filter_map(|a| a.code.as_ref().map(|c| c.to_string()))
            .collect();
        if !crumbs.is_empty() {
            writeln!(out, "- **Percorso:** {}", crumbs.join(" › "))?;
        }
        write_fields(node, out)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The whole map as a readable document: one heading per node down to
/// level 5, responsible first.
pub fn write_map(datasets: &[&Dataset], out: &mut dyn Write) -> io::Result<()> {
    for (i, ds) in datasets.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "# {}\n", md(&ds.title))?;
        writeln!(
            out,
            "Fonte: `{}` · {} voci · {} segnalazioni (`mappa check`)\n",
            ds.source.as_str(),
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
            let steps = n.activities.list();
            if !steps.is_empty() {
                lines.push("- **Attività:**".to_string());
                for (k, a) in steps.iter().enumerate() {
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
