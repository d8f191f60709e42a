//! Reader for the Unioncamere process catalogue: six tab-separated columns
//! (code + title, name, input, output, activities, responsible role).
//!
//! Two passes: [`row`] reads each row into entries (realigning moved
//! cells, reading the code, noting damage), [`build`] builds the tree from
//! the entries (parents by code, the exceptions the source makes) with
//! the variants [`variants`] numbers.

mod build;
mod row;
mod variants;

pub(crate) use build::build_draft;
pub(crate) use row::{Entry, Slot};

use super::text::DamageSigns;
use super::{attach_diagnostics, markup, read_rows, Diags, ImportError};
use crate::model::{Dataset, DiagClass, Severity};
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry::{Occupied, Vacant};

pub const ID: &str = "catalogo";
const TITLE: &str = "Catalogo dei processi (codifica Unioncamere)";

/// Imports the catalogue. Every defect in the content becomes a diagnostic;
/// the `Result` is that of every reader (this layout has no unreadable
/// content).
pub fn import(file: &str, text: &str) -> Result<Dataset, ImportError> {
    let unmarked = markup::unmark(text);
    let text = &*unmarked.text;
    let rows = read_rows(text);
    let mut diags = Diags::new(ID);
    let mut entries: Vec<Entry> = Vec::with_capacity(rows.len());
    // Diagnostics raised for a row, with the entry they concern: node ids are
    // decided once the whole tree is known.
    let mut row_diags: Vec<(usize, usize)> = Vec::new();
    let mut seen_rows: HashMap<&str, u32> = HashMap::default();
    seen_rows.reserve(rows.len());
    let signs = DamageSigns::find(text);
    // Lines with markup, in order, as the rows are.
    let mut markup = unmarked.lines.iter().peekable();

    for row in &rows {
        if row.is_blank() || row.cell(0).trim().starts_with("CODIFICA") {
            continue; // blank, or the column header
        }
        match seen_rows.entry(row.raw) {
            Occupied(earlier) => {
                let earlier = *earlier.get();
                diags.push(
                    Some(row.line),
                    Severity::Warning,
                    DiagClass::DuplicateRow,
                    None,
                    format!(
                        "riga identica byte per byte alla riga {earlier}: importata una sola volta (dalla riga {earlier})"
                    ),
                );
                continue;
            }
            Vacant(slot) => {
                slot.insert(row.line);
            }
        }
        let (read, mut found) = row::read_entries(row, &signs);
        while markup.next_if(|(l, _)| *l < row.line).is_some() {}
        if let Some((_, tags)) = markup.next_if(|(l, _)| *l == row.line) {
            let message = markup::message(tags);
            found.insert(0, (Severity::Info, DiagClass::Markup, message));
        }
        for (severity, class, message) in found {
            row_diags.push((diags.list.len(), entries.len()));
            diags.push(Some(row.line), severity, class, None, message);
        }
        entries.extend(read);
    }

    let (nodes, parent_index) = build::build_tree(&entries, &row_diags, &mut diags);
    let mut ds = Dataset {
        id: ID.to_string(),
        title: TITLE.to_string(),
        source: file.to_string(),
        nodes,
        diagnostics: diags.list,
        loaded_from: None,
        parent_index,
    };
    attach_diagnostics(&mut ds);
    Ok(ds)
}
