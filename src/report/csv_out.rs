//! CSV tables: the whole map (one row per node) and a list of entries.
//! Cells hold the text verbatim (a file is not a terminal), except that a
//! cell a spreadsheet would run as a formula gets a leading `'` (OWASP's
//! rule against CSV injection). The Excel style is what an Italian Excel
//! opens by double-click: `;` between cells, a UTF-8 BOM, CRLF.

use super::{kind_slug, macro_of, Entry, ReportError};
use crate::display::responsible;
use crate::model::Dataset;
use std::borrow::Cow;
use std::io::Write;

/// A CSV writer whose cells are safe to open in a spreadsheet.
pub struct Table<W: Write> {
    inner: csv::Writer<W>,
}

/// A cell as written: a leading `'` before `=`, `+`, `-`, `@`, a tab or a
/// carriage return, which a spreadsheet would otherwise take as a formula.
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

impl<W: Write> Table<W> {
    /// A table in the usual CSV (`,`, LF), or in the Excel style.
    pub fn new(mut out: W, excel: bool) -> std::io::Result<Self> {
        let mut b = csv::WriterBuilder::new();
        if excel {
            out.write_all("\u{feff}".as_bytes())?;
            b.delimiter(b';').terminator(csv::Terminator::CRLF);
        }
        Ok(Table {
            inner: b.from_writer(out),
        })
    }

    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.inner
            .write_record(cells.into_iter().map(|c| cell(c.as_ref()).into_owned()))
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
pub fn write_map(
    datasets: &[&Dataset],
    excel: bool,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let mut w = Table::new(out, excel)?;
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
pub fn write_entries(found: &[Entry], excel: bool, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut w = Table::new(out, excel)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_text_is_verbatim() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for t in ["+39 06", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(cell(t).starts_with('\''), "{t:?}");
        }
        assert_eq!(cell("Ufficio \u{202e}cba"), "Ufficio \u{202e}cba");
        let mut out = Vec::new();
        let mut t = Table::new(&mut out, true).unwrap();
        t.row(["a;b", "c"]).unwrap();
        t.finish().unwrap();
        assert_eq!(out, "\u{feff}\"a;b\";c\r\n".as_bytes());
    }
}
