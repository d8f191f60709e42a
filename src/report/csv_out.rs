//! CSV tables: the whole map (one row per node) and a list of entries.
//! Cells keep their line breaks (quoted) but never control characters.

use super::{kind_slug, macro_of, Entry};
use crate::display::responsible;
use crate::model::Dataset;
use crate::text::clean_multiline;
use std::io::Write;

/// A CSV writer whose cells pass the text boundary.
pub struct Table<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> Table<W> {
    pub fn new(out: W) -> Self {
        Table {
            inner: csv::Writer::from_writer(out),
        }
    }

    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.inner.write_record(
            cells
                .into_iter()
                .map(|c| clean_multiline(c.as_ref()).into_owned()),
        )
    }

    pub fn finish(mut self) -> csv::Result<()> {
        self.inner.flush()?;
        Ok(())
    }
}

pub const MAP_HEADER: [&str; 18] = [
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

/// One row per node with every field; lists are joined with " | ".
pub fn write_map(datasets: &[&Dataset], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = Table::new(out);
    w.row(MAP_HEADER)?;
    for ds in datasets {
        for n in &ds.nodes {
            let structures: Vec<String> = n
                .structures
                .iter()
                .map(|s| format!("{} / {}", s.area, s.servizio))
                .collect();
            w.row([
                n.dataset.as_str(),
                &n.id,
                n.code.as_deref().unwrap_or(""),
                &n.raw_code,
                &n.level.to_string(),
                &kind_slug(n.kind),
                &n.title,
                &n.name,
                &n.input,
                &n.output,
                &n.activities.list().join(" | "),
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
    w.finish()?;
    Ok(())
}

/// A list of entries with their macro-process and responsible.
pub fn write_entries(found: &[Entry], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = Table::new(out);
    w.row([
        "dataset",
        "id",
        "code",
        "title",
        "macro_process",
        "responsible",
        "input",
        "output",
        "activities",
    ])?;
    for (ds, node) in found {
        let group = macro_of(ds, node)
            .map(|g| format!("{} {}", g.code.as_deref().unwrap_or(""), g.title))
            .unwrap_or_default();
        w.row([
            ds.id.as_str(),
            &node.id,
            node.code.as_deref().unwrap_or(""),
            &node.title,
            group.trim(),
            &responsible(node),
            &node.input,
            &node.output,
            &node.activities.list().join(" | "),
        ])?;
    }
    w.finish()?;
    Ok(())
}
